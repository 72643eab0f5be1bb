"""/api/v1/exemplars with every persona; the consent rule for anonymous callers, editors
and outsiders (404); creating, patching, adding recognitions; errors at the body's field
names; query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from phoihop.accounts.services import token_create
from phoihop.activities import services as activity_services
from phoihop.people.models import Exemplar, Recognition
from tests import factories as f
from tests.conftest import PERSONAS
from tests.people.conftest import ExemplarFactory, RecognitionFactory, group

pytestmark = pytest.mark.django_db

URL = "/api/v1/exemplars"
PARTY_STAFF = {"lead_officer", "leader", "partner_officer", "admin_user"}

NEW = {
    "kind": "person",
    "name": "Kim Thị Sô Phia",
    "ethnic_group_code": "5",
    "sex": "female",
    "birth_year": 1990,
    "locality_code": "31687",
    "place_as_written": "Trường Tiểu học Tài Văn 2",
    "field": "education",
    "achievements": "Dạy song ngữ Việt – Khmer; mở lớp chữ Khmer hè miễn phí.",
    "consent_to_publish": True,
    "consent_date": "2025-05-15",
    "consent_note": "Phiếu đồng ý có chữ ký.",
}
RECOGNITION = {
    "form": "certificate",
    "level": "province",
    "issuer": "Giám đốc Sở Giáo dục và Đào tạo thành phố Cần Thơ",
    "decision_number": "845/QĐ-SGDĐT",
    "date": "2025-05-30",
}


def send(client, method: str, url: str, data=None):
    if method == "get":
        return client.get(url, data or {})
    if data is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, data, content_type="application/json")


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_every_endpoint_for_every_persona(request, persona, client_as, signed_program, consented, private):
    name = request.node.callspec.params["persona"]
    staff = name in PARTY_STAFF
    client = client_as(persona)

    def write(ok: int, hidden: bool) -> int:
        if persona is None:
            return 401
        if staff:
            return ok
        return 404 if hidden else 403

    calls = [
        ("get", URL, {"program": signed_program.pk}, 200),
        ("get", f"{URL}/{consented.pk}", None, 200),
        ("get", f"{URL}/{private.pk}", None, 200 if staff else 404),
        ("post", URL, {**NEW, "program_id": signed_program.pk}, write(201, hidden=False)),
        ("patch", f"{URL}/{consented.pk}", {"birth_year": 1979}, write(200, hidden=False)),
        ("patch", f"{URL}/{private.pk}", {"birth_year": 1957}, write(200, hidden=True)),
        ("post", f"{URL}/{consented.pk}/recognitions", RECOGNITION, write(201, hidden=False)),
        ("post", f"{URL}/{private.pk}/recognitions", RECOGNITION, write(201, hidden=True)),
        ("delete", f"{URL}/{private.pk}", None, write(204, hidden=True)),
    ]
    for method, url, data, expected in calls:
        response = send(client, method, url, data)
        assert response.status_code == expected, (method, url, response.status_code, response.content[:300])
    assert Exemplar.objects.filter(pk=private.pk).exists() == (not staff)
    assert Exemplar.objects.count() == 2  # staff: one created and one deleted; others: neither


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_list_follows_the_consent_rule(request, persona, client_as, signed_program, consented, private):
    name = request.node.callspec.params["persona"]
    listed = client_as(persona).get(URL).json()
    expected = ["Lâm Sô Phanh", "Thạch Thị Sa Ry"] if name in PARTY_STAFF else ["Thạch Thị Sa Ry"]
    assert [item["name"] for item in listed["items"]] == expected
    assert listed["count"] == len(expected)
    hidden = client_as(persona).get(URL, {"consent": "false"}).json()
    assert [item["name"] for item in hidden["items"]] == (["Lâm Sô Phanh"] if name in PARTY_STAFF else [])


def test_anonymous_caller_gets_404_for_a_record_without_consent(client, private, consented):
    response = client.get(f"{URL}/{private.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}
    assert client.get(f"{URL}/{consented.pk}").status_code == 200


def test_bearer_token_of_an_editor_reads_consented_only(client, editor, private, consented):
    _, raw = token_create(user=editor, name="pytest")
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get(f"{URL}/{private.pk}", headers=headers).status_code == 404
    assert [i["id"] for i in client.get(URL, headers=headers).json()["items"]] == [consented.pk]


def test_output_shape(client, consented, commendation, lead_officer):
    Recognition.objects.filter(exemplar=consented).update(activity=commendation)
    assert client.get(f"{URL}/{consented.pk}").json() == {
        "id": consented.pk,
        "program_id": consented.program_id,
        "kind": "person",
        "name": "Thạch Thị Sa Ry",
        "ethnic_group_code": "05",
        "sex": "female",
        "birth_year": 1978,
        "locality_code": "31679",
        "place_as_written": "ấp Bưng Sa, xã Lịch Hội Thượng",
        "field": "economy",
        "achievements": "Tổ trưởng tổ tiết kiệm của 32 phụ nữ Khmer, giúp 9 hộ thoát nghèo.",
        "is_prestigious": False,
        "prestige_term_start": None,
        "prestige_term_end": None,
        "consent_to_publish": True,
        "consent_date": "2024-11-20",
        "recognitions": [
            {
                "id": consented.recognitions.get().pk,
                "form": "certificate_of_merit",
                "level": "province",
                "issuer": "Chủ tịch UBND thành phố Cần Thơ",
                "decision_number": "2871/QĐ-UBND",
                "date": "2024-12-05",
                "activity_id": commendation.pk,
            }
        ],
    }


def test_create_with_codes(client_as, partner_officer, signed_program):
    response = client_as(partner_officer).post(
        URL, {**NEW, "program_id": signed_program.pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["ethnic_group_code"], body["locality_code"], body["consent_date"]) == (
        "05",
        "31687",
        "2025-05-15",
    )
    exemplar = Exemplar.objects.get(pk=body["id"])
    assert exemplar.created_by == partner_officer
    assert exemplar.history.get().history_user == partner_officer


def test_create_under_a_hidden_program_is_404(client_as, other_officer, program):
    response = client_as(other_officer).post(
        URL, {**NEW, "program_id": program.pk}, content_type="application/json"
    )
    assert response.status_code == 404


def test_create_errors_name_the_body_fields(client_as, lead_officer, signed_program):
    client = client_as(lead_officer)
    response = client.post(
        URL,
        {**NEW, "program_id": signed_program.pk, "ethnic_group_code": "khmer", "locality_code": "99999"},
        content_type="application/json",
    )
    assert response.status_code == 422
    detail = {tuple(d["loc"]): d["msg"] for d in response.json()["detail"]}
    assert detail == {
        ("body", "ethnic_group_code"): "Không có dân tộc mã «khmer».",
        ("body", "locality_code"): "Không có xã, phường hoặc tỉnh hiện hành mã «99999».",
    }
    response = client.post(
        URL,
        {
            **NEW,
            "program_id": signed_program.pk,
            "birth_year": 1850,
            "is_prestigious": True,
            "prestige_term_start": 2027,
            "prestige_term_end": 2023,
            "consent_date": None,
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    detail = {tuple(d["loc"]): d["msg"] for d in response.json()["detail"]}
    this_year = timezone.localdate().year
    assert detail == {
        ("body", "birth_year"): f"Năm sinh phải từ 1900 đến {this_year}.",
        ("body", "prestige_term_end"): "Năm kết thúc nhiệm kỳ không được trước năm bắt đầu.",
        ("body", "consent_date"): "Ghi ngày người được biểu dương (hoặc đại diện tập thể) đồng ý công khai.",
    }
    response = client.post(
        URL, {**NEW, "program_id": signed_program.pk, "is_prestigious": True}, content_type="application/json"
    )
    assert response.json()["detail"] == [
        {"loc": ["body", "prestige_term_start"], "msg": "Ghi năm bắt đầu nhiệm kỳ người có uy tín."},
        {"loc": ["body", "prestige_term_end"], "msg": "Ghi năm kết thúc nhiệm kỳ người có uy tín."},
    ]
    assert not Exemplar.objects.exists()


def test_patch_withdraws_consent_and_the_record_disappears_from_the_public(
    client_as, lead_officer, consented
):
    client = client_as(lead_officer)
    response = client.patch(
        f"{URL}/{consented.pk}", {"consent_to_publish": False}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["consent_to_publish"], response.json()["consent_date"]) == (False, None)
    client.logout()
    assert client.get(f"{URL}/{consented.pk}").status_code == 404


def test_patch_ending_prestige_clears_the_term(client_as, lead_officer, private):
    response = client_as(lead_officer).patch(
        f"{URL}/{private.pk}", {"is_prestigious": False}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert [response.json()[k] for k in ("is_prestigious", "prestige_term_start", "prestige_term_end")] == [
        False,
        None,
        None,
    ]


def test_patch_cannot_move_to_another_program(
    client_as, lead_officer, consented, lead_agency, partner_agency
):
    elsewhere = f.make_program(lead_agency, [partner_agency], status="signed")
    response = client_as(lead_officer).patch(
        f"{URL}/{consented.pk}", {"program_id": elsewhere.pk}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "program_id"], "msg": "Không chuyển được điển hình sang chương trình khác."}
    ]


def test_recognition_with_its_commendation_activity(client_as, lead_officer, consented, commendation):
    response = client_as(lead_officer).post(
        f"{URL}/{consented.pk}/recognitions",
        {**RECOGNITION, "activity_id": commendation.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    added = [r for r in response.json()["recognitions"] if r["form"] == "certificate"]
    assert [r["activity_id"] for r in added] == [commendation.pk]


def test_recognition_activity_errors_at_activity_id(
    client_as, lead_officer, consented, partner_officer, activity_data, lead_agency, partner_agency
):
    client = client_as(lead_officer)
    training = activity_services.activity_create(
        program=consented.program, data=activity_data(kind="training"), by=partner_officer
    )
    elsewhere = f.make_program(lead_agency, [partner_agency], status="signed")
    other = activity_services.activity_create(
        program=elsewhere, data=activity_data(kind="commendation"), by=partner_officer
    )
    url = f"{URL}/{consented.pk}/recognitions"
    cases = [
        (
            training.pk,
            "Hoạt động «Tập huấn chính sách dân tộc cho đoàn viên thanh niên» không phải hoạt động "
            "biểu dương, khen thưởng (là «Tập huấn, bồi dưỡng»).",
        ),
        (other.pk, "Hoạt động không thuộc chương trình của điển hình này."),
        (999999, "Không có hoạt động mã 999999."),
    ]
    for activity_id, message in cases:
        response = client.post(
            url, {**RECOGNITION, "activity_id": activity_id}, content_type="application/json"
        )
        assert response.status_code == 422
        assert response.json()["detail"] == [{"loc": ["body", "activity_id"], "msg": message}]
    response = client.post(url, {**RECOGNITION, "form": "cup", "date": None}, content_type="application/json")
    assert response.json()["detail"] == [
        {"loc": ["body", "form"], "msg": "Chọn hình thức khen thưởng."},
        {"loc": ["body", "date"], "msg": "Ghi ngày khen thưởng."},
    ]
    assert consented.recognitions.count() == 1


def test_list_filters(client, signed_program, consented, private, lead_officer):
    client.force_login(lead_officer)

    def names(**params) -> list[str]:
        return [i["name"] for i in client.get(URL, params).json()["items"]]

    assert names(q="lam so") == ["Lâm Sô Phanh"]
    assert names(ethnic_group="5") == ["Lâm Sô Phanh", "Thạch Thị Sa Ry"]
    assert names(ethnic_group="04") == []
    assert names(consent="true") == ["Thạch Thị Sa Ry"]
    assert names(year=2024) == ["Thạch Thị Sa Ry"]
    assert names(program=signed_program.pk + 1000) == []
    response = client.get(URL, {"ethnic_group": "xx"})
    assert response.status_code == 422


@pytest.mark.parametrize("persona", ["anonymous", "lead_officer"], indirect=True)
def test_list_queries_do_not_grow_with_the_rows(persona, client_as, signed_program):
    client = client_as(persona)

    def add(n: int) -> None:
        for _ in range(n):
            exemplar = ExemplarFactory(program=signed_program, ethnic_group=group("05"))
            RecognitionFactory(exemplar=exemplar)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, {"program": signed_program.pk})
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    add(1)
    one, count = queries()
    assert count == 1
    add(9)
    ten, count = queries()
    assert count == 10
    assert one == ten


def test_endpoints_are_documented(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/exemplars"]) == {"get", "post"}
    assert set(paths["/api/v1/exemplars/{exemplar_id}"]) == {"get", "patch", "delete"}
    assert set(paths["/api/v1/exemplars/{exemplar_id}/recognitions"]) == {"post"}
