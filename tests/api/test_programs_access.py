"""Every programs endpoint against every persona: the status code, and that a refused
request wrote nothing."""

import datetime as dt

import pytest

from phoihop.programs.models import Program, Status
from tests.conftest import PERSONAS

URL = "/api/v1/programs"


def expect(**codes: int) -> list:
    assert set(codes) == set(PERSONAS)
    return [pytest.param(name, codes[name], id=name) for name in PERSONAS]


def new_program_body(lead, partner) -> dict:
    return {
        "title": "Chương trình phối hợp tuyên truyền chính sách dân tộc giai đoạn 2026–2030",
        "document_number": "03/CTr-BDT-MTTQ",
        "document_date": "2026-03-02",
        "scope": "province",
        "province_code": "92",
        "phase_start": 2026,
        "phase_end": 2030,
        "parties": [
            {
                "agency_id": lead.pk,
                "role": "lead",
                "signatory_name": "Trần Văn Minh",
                "signatory_title": "Trưởng ban",
            },
            {"agency_id": partner.pk, "role": "partner"},
        ],
        "content_areas": [
            {"number": 1, "title": "Tuyên truyền, phổ biến chính sách", "responsible_agency_id": lead.pk}
        ],
    }


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=200,
        lead_officer=200,
        leader=200,
        editor=200,
        partner_officer=200,
        other_officer=200,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_program_list_shows_drafts_only_to_parties_and_admins(
    client, bearer, persona, expected, program, signed_program
):
    response = client.get(URL, headers=bearer(persona))

    assert response.status_code == expected
    ids = {item["id"] for item in response.json()["items"]}
    party_or_admin = persona is not None and (
        persona.is_superuser or persona.agency_id in {p.agency_id for p in program.parties.all()}
    )
    assert ids == ({program.pk, signed_program.pk} if party_or_admin else {signed_program.pk})


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=404,
        lead_officer=200,
        leader=200,
        editor=200,
        partner_officer=200,
        other_officer=404,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_get_draft_program(client, bearer, persona, expected, program):
    response = client.get(f"{URL}/{program.pk}", headers=bearer(persona))

    assert response.status_code == expected
    if expected == 404:
        assert response.json() == {"detail": "Không tìm thấy."}
    else:
        assert response.json()["id"] == program.pk


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=200,
        lead_officer=200,
        leader=200,
        editor=200,
        partner_officer=200,
        other_officer=200,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_get_signed_program(client, bearer, persona, expected, signed_program):
    response = client.get(f"{URL}/{signed_program.pk}", headers=bearer(persona))

    assert response.status_code == expected
    assert response.json()["status"] == "signed"


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=201,
        leader=201,
        editor=403,
        partner_officer=422,
        other_officer=422,
        admin_user=201,
    ),
    indirect=["persona"],
)
def test_create_program_led_by_the_lead_agency(
    client, bearer, persona, expected, lead_agency, partner_agency
):
    """Only staff may create, and only with their own agency as lead (administrators: any)."""
    response = client.post(
        URL,
        new_program_body(lead_agency, partner_agency),
        content_type="application/json",
        headers=bearer(persona),
    )

    assert response.status_code == expected
    assert Program.objects.count() == (1 if expected == 201 else 0)
    if expected == 422:
        assert response.json() == {
            "detail": [{"loc": ["body", "parties"], "msg": "Cơ quan chủ trì phải là cơ quan của bạn."}]
        }
    if expected == 201:
        assert response.json()["status"] == "draft"


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=403,
        partner_officer=403,
        other_officer=404,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_patch_draft_program(client, bearer, persona, expected, program):
    before = program.history.count()

    response = client.patch(
        f"{URL}/{program.pk}",
        {"title": "Tên mới của chương trình"},
        content_type="application/json",
        headers=bearer(persona),
    )

    assert response.status_code == expected
    program.refresh_from_db()
    if expected == 200:
        assert program.title == "Tên mới của chương trình"
        assert program.history.count() == before + 1
    else:
        assert program.title != "Tên mới của chương trình"
        assert program.history.count() == before
    if expected == 403:
        assert response.json() == {"detail": "Chỉ cán bộ cơ quan chủ trì được sửa chương trình."}


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=403,
        partner_officer=403,
        other_officer=403,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_patch_signed_program(client, bearer, persona, expected, signed_program):
    """A signed program is public: an unrelated officer sees it (403, not 404) but may not change it."""
    response = client.patch(
        f"{URL}/{signed_program.pk}",
        {"summary": "Tóm tắt mới"},
        content_type="application/json",
        headers=bearer(persona),
    )

    assert response.status_code == expected
    signed_program.refresh_from_db()
    assert (signed_program.summary == "Tóm tắt mới") is (expected == 200)


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=403,
        partner_officer=403,
        other_officer=404,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_sign_draft_program(client, bearer, persona, expected, program):
    response = client.post(
        f"{URL}/{program.pk}/sign",
        {"signed_on": "2021-05-13"},
        content_type="application/json",
        headers=bearer(persona),
    )

    assert response.status_code == expected
    program.refresh_from_db()
    if expected == 200:
        assert response.json()["status"] == "signed"
        assert response.json()["signed_on"] == "2021-05-13"
        assert (program.status, program.signed_on) == (Status.SIGNED, dt.date(2021, 5, 13))
    else:
        assert (program.status, program.signed_on) == (Status.DRAFT, None)


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=403,
        partner_officer=403,
        other_officer=403,
        admin_user=200,
    ),
    indirect=["persona"],
)
@pytest.mark.parametrize(("action", "new_status"), [("activate", Status.ACTIVE), ("close", Status.CLOSED)])
def test_activate_and_close_signed_program(
    client, bearer, persona, expected, action, new_status, signed_program
):
    response = client.post(f"{URL}/{signed_program.pk}/{action}", headers=bearer(persona))

    assert response.status_code == expected
    signed_program.refresh_from_db()
    assert signed_program.status == (new_status if expected == 200 else Status.SIGNED)
    if expected == 200:
        assert response.json()["status"] == new_status


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=204,
        leader=204,
        editor=403,
        partner_officer=403,
        other_officer=404,
        admin_user=204,
    ),
    indirect=["persona"],
)
def test_delete_draft_program(client, bearer, persona, expected, program):
    response = client.delete(f"{URL}/{program.pk}", headers=bearer(persona))

    assert response.status_code == expected
    program.refresh_from_db()
    assert (program.deleted_at is not None) is (expected == 204)
    assert Program.objects.filter(pk=program.pk).exists()  # soft delete: the row stays


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=404,
        partner_officer=404,
        other_officer=404,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_restore_deleted_program(client, bearer, persona, expected, program, lead_officer):
    """Only those who may restore a deleted program find it (lead staff, administrators)."""
    assert client.delete(f"{URL}/{program.pk}", headers=bearer(lead_officer)).status_code == 204

    response = client.post(f"{URL}/{program.pk}/restore", headers=bearer(persona))

    assert response.status_code == expected
    program.refresh_from_db()
    assert (program.deleted_at is None) is (expected == 200)


def test_deleted_program_is_gone_until_restored(client, bearer, program, lead_officer):
    auth = bearer(lead_officer)

    client.delete(f"{URL}/{program.pk}", headers=auth)
    gone = client.get(f"{URL}/{program.pk}", headers=auth)
    listed = client.get(URL, headers=auth).json()["items"]
    client.post(f"{URL}/{program.pk}/restore", headers=auth)
    back = client.get(f"{URL}/{program.pk}", headers=auth)

    assert gone.status_code == 404
    assert listed == []
    assert back.status_code == 200
    assert [p["agency_id"] for p in back.json()["parties"]] == [p.agency_id for p in program.parties.all()]
