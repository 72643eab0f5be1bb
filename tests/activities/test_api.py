"""Every activities endpoint against every persona (status code, and that a refused
request wrote nothing); the flow partner records → submits → lead accepts or returns;
filters; a number of queries that does not grow with the rows listed."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.activities import services
from phoihop.activities.models import Activity
from tests import factories as f
from tests.activities.conftest import commune
from tests.api import conftest as api_fixtures
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

# The API tests' fixture: bearer(user) → the headers of a fresh token for `user`.
bearer = api_fixtures.bearer

URL = "/api/v1/activities"


def expect(**codes: int) -> list:
    assert set(codes) == set(PERSONAS)
    return [pytest.param(name, codes[name], id=name) for name in PERSONAS]


def post(client, headers, url, data=None):
    return client.post(
        url, data if data is not None else {}, content_type="application/json", headers=headers
    )


def patch(client, headers, url, data):
    return client.patch(url, data, content_type="application/json", headers=headers)


@pytest.fixture
def body(signed_program, partner_agency):
    """A training for 45 young Tày and Nùng people in one commune of before 2025, by the
    partner agency."""
    area = signed_program.content_areas.get(number=2)
    return {
        "program_id": signed_program.pk,
        "content_area_id": area.pk,
        "kind": "training",
        "title": "Tập huấn chính sách dân tộc cho đoàn viên thanh niên",
        "start_date": "2024-03-12",
        "end_date": "2024-03-13",
        "organiser_id": partner_agency.pk,
        "co_organiser_ids": [],
        "locality_codes": [f"legacy:{commune('legacy').code}"],
        "total_participants": 45,
        "participation": [
            {"ethnic_group_code": "02", "sex": "female", "age_band": "youth_16_30", "count": 20},
            {"ethnic_group_code": "07", "sex": "male", "age_band": "youth_16_30", "count": 15},
        ],
        "budget_vnd": 35_000_000,
        "funding_source": "ntp_1719",
        "funding_detail": "Dự án 10",
        "outputs": [{"name": "Học viên", "unit": "người", "value": 45}],
        "description": "Hai ngày tại nhà văn hóa xã.",
    }


@pytest.fixture
def draft(signed_program, partner_officer, activity_data):
    """A draft of the partner agency."""
    return services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)


@pytest.fixture
def submitted(draft, partner_officer):
    return services.activity_submit(activity=draft, by=partner_officer)


def state(activity: Activity) -> tuple:
    activity.refresh_from_db()
    return activity.status, activity.title, activity.review_comment, activity.history.count()


# --- every endpoint × every persona ------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=200,
        partner_officer=200,
        other_officer=200,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_list_shows_activities_only_to_the_parties_and_admins(client, bearer, persona, expected, draft):
    response = client.get(URL, headers=bearer(persona))

    assert response.status_code == expected
    if expected == 401:
        assert response.json() == {
            "detail": "Cần đăng nhập, hoặc gửi mã truy cập API trong tiêu đề «Authorization: Bearer …»."
        }
        return
    sees = persona.username != "other_officer"
    assert response.json()["count"] == (1 if sees else 0)
    assert [item["id"] for item in response.json()["items"]] == ([draft.pk] if sees else [])


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=200,
        partner_officer=200,
        other_officer=404,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_get_activity(client, bearer, persona, expected, draft):
    response = client.get(f"{URL}/{draft.pk}", headers=bearer(persona))

    assert response.status_code == expected
    if expected == 404:
        assert response.json() == {"detail": "Không tìm thấy."}
    if expected == 200:
        assert response.json()["id"] == draft.pk


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=201,
        leader=201,
        editor=403,
        partner_officer=201,
        other_officer=403,
        admin_user=201,
    ),
    indirect=["persona"],
)
def test_create_activity(client, bearer, persona, expected, body, partner_agency):
    response = post(client, bearer(persona), URL, body)

    assert response.status_code == expected
    if expected == 201:
        activity = Activity.objects.get()
        assert response.json()["id"] == activity.pk
        assert (activity.status, activity.organiser, activity.created_by) == (
            "draft",
            partner_agency,
            persona,
        )
    else:
        assert Activity.objects.count() == 0
    if expected == 403:
        assert response.json() == {
            "detail": "Chỉ cán bộ các bên tham gia chương trình được ghi nhận hoạt động."
        }


def test_create_under_a_program_the_user_cannot_see_is_404(client, bearer, partner_officer, body):
    # A draft program is seen by its parties only; the partner agency is not one of this one's.
    hidden = f.make_program(f.AgencyFactory(name="Sở Văn hóa, Thể thao và Du lịch"), [])
    body["program_id"] = hidden.pk

    response = post(client, bearer(partner_officer), URL, body)

    assert response.status_code == 404
    assert Activity.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=403,
        partner_officer=200,
        other_officer=404,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_patch_draft_activity(client, bearer, persona, expected, draft):
    before = state(draft)

    response = patch(client, bearer(persona), f"{URL}/{draft.pk}", {"title": "Tập huấn kỹ năng số"})

    assert response.status_code == expected
    if expected == 200:
        assert response.json()["title"] == "Tập huấn kỹ năng số"
        assert state(draft)[1] == "Tập huấn kỹ năng số"
        assert draft.history.count() == before[3] + 1
    else:
        assert state(draft) == before
    if expected == 403:
        assert response.json() == {
            "detail": "Bạn không sửa được hoạt động này (chỉ đơn vị tổ chức, khi còn nháp hoặc bị trả lại)."
        }


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=403,
        partner_officer=200,
        other_officer=404,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_submit_draft_activity(client, bearer, persona, expected, draft):
    before = state(draft)

    response = post(client, bearer(persona), f"{URL}/{draft.pk}/submit")

    assert response.status_code == expected
    if expected == 200:
        assert response.json()["status"] == "submitted"
        assert state(draft)[0] == "submitted"
    else:
        assert state(draft) == before
    if expected == 403:
        assert response.json() == {"detail": "Chỉ đơn vị tổ chức được gửi hoạt động."}


REVIEW_DENIED = {"detail": "Chỉ cán bộ cơ quan chủ trì chương trình được xác nhận hoặc trả lại hoạt động."}


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
def test_accept_submitted_activity(client, bearer, persona, expected, submitted):
    before = state(submitted)

    response = post(client, bearer(persona), f"{URL}/{submitted.pk}/accept")

    assert response.status_code == expected
    if expected == 200:
        assert response.json()["status"] == "accepted"
        submitted.refresh_from_db()
        assert (submitted.status, submitted.reviewed_by) == ("accepted", persona)
    else:
        assert state(submitted) == before
    if expected == 403:
        assert response.json() == REVIEW_DENIED


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
def test_return_submitted_activity(client, bearer, persona, expected, submitted):
    before = state(submitted)

    response = post(
        client, bearer(persona), f"{URL}/{submitted.pk}/return", {"comment": "Bổ sung danh sách học viên."}
    )

    assert response.status_code == expected
    if expected == 200:
        assert (response.json()["status"], response.json()["review_comment"]) == (
            "returned",
            "Bổ sung danh sách học viên.",
        )
        assert state(submitted)[:3] == ("returned", submitted.title, "Bổ sung danh sách học viên.")
    else:
        assert state(submitted) == before
    if expected == 403:
        assert response.json() == REVIEW_DENIED


# --- the rules the issue names -----------------------------------------------------------


def test_partner_officer_cannot_accept_her_own_activity(client, bearer, partner_officer, submitted):
    response = post(client, bearer(partner_officer), f"{URL}/{submitted.pk}/accept")

    assert response.status_code == 403
    assert response.json() == REVIEW_DENIED
    assert state(submitted)[0] == "submitted"


def test_partner_officer_cannot_edit_another_agencys_activity(
    client, bearer, partner_officer, lead_officer, lead_agency, signed_program, activity_data
):
    theirs = services.activity_create(
        program=signed_program, data=activity_data(organiser=lead_agency), by=lead_officer
    )
    before = state(theirs)

    response = patch(client, bearer(partner_officer), f"{URL}/{theirs.pk}", {"title": "Sửa hộ"})

    assert response.status_code == 403
    assert state(theirs) == before


def test_partner_officer_cannot_record_for_another_agency(client, bearer, partner_officer, body, lead_agency):
    body["organiser_id"] = lead_agency.pk

    response = post(client, bearer(partner_officer), URL, body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "organiser_id"], "msg": "Bạn chỉ ghi nhận được hoạt động của cơ quan mình."}
        ]
    }
    assert Activity.objects.count() == 0


def test_accepted_activity_cannot_be_edited_or_submitted_again(
    client, bearer, partner_officer, lead_officer, submitted
):
    services.activity_accept(activity=submitted, by=lead_officer)
    auth = bearer(partner_officer)

    edited = patch(client, auth, f"{URL}/{submitted.pk}", {"title": "Sửa sau khi xác nhận"})
    resubmitted = post(client, auth, f"{URL}/{submitted.pk}/submit")
    accepted_again = post(client, bearer(lead_officer), f"{URL}/{submitted.pk}/accept")

    assert edited.status_code == 403
    assert resubmitted.status_code == 422
    assert resubmitted.json() == {
        "detail": [{"loc": ["body", "status"], "msg": "Hoạt động đang ở trạng thái «Đã xác nhận»."}]
    }
    assert accepted_again.status_code == 422
    assert accepted_again.json() == {
        "detail": [
            {
                "loc": ["body", "status"],
                "msg": "Chỉ xác nhận hoặc trả lại hoạt động đã gửi (hiện: «Đã xác nhận»).",
            }
        ]
    }
    assert state(submitted)[:2] == ("accepted", "Tập huấn chính sách dân tộc cho đoàn viên thanh niên")


def test_return_needs_a_comment(client, bearer, lead_officer, submitted):
    before = state(submitted)

    response = post(client, bearer(lead_officer), f"{URL}/{submitted.pk}/return", {"comment": "  "})

    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": ["body", "comment"], "msg": "Ghi rõ lý do trả lại."}]}
    assert state(submitted) == before


def test_partner_cannot_return_even_without_a_comment(client, bearer, partner_officer, submitted):
    # The right is asked before the body: a partner gets 403, not a complaint about the comment.
    response = post(client, bearer(partner_officer), f"{URL}/{submitted.pk}/return", {"comment": ""})

    assert response.status_code == 403


# --- the flow ----------------------------------------------------------------------------


def test_partner_records_and_submits_lead_accepts_and_the_status_filter_finds_it(
    client, bearer, body, partner_officer, lead_officer, signed_program
):
    partner, lead = bearer(partner_officer), bearer(lead_officer)

    created = post(client, partner, URL, body)
    assert created.status_code == 201
    activity_id = created.json()["id"]
    assert post(client, partner, f"{URL}/{activity_id}/submit").json()["status"] == "submitted"

    queue = client.get(URL, {"program": signed_program.pk, "status": "submitted"}, headers=lead)
    assert [item["id"] for item in queue.json()["items"]] == [activity_id]

    accepted = post(client, lead, f"{URL}/{activity_id}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"

    def found(status: str) -> list[int]:
        response = client.get(URL, {"status": status}, headers=partner)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert found("accepted") == [activity_id]
    assert found("submitted,accepted") == [activity_id]
    assert found("submitted") == []
    assert found("draft,returned") == []


def test_returned_activity_is_edited_and_submitted_again(
    client, bearer, partner_officer, lead_officer, submitted
):
    partner = bearer(partner_officer)
    returned = post(
        client, bearer(lead_officer), f"{URL}/{submitted.pk}/return", {"comment": "Thiếu danh sách học viên."}
    )
    assert (returned.json()["status"], returned.json()["review_comment"]) == (
        "returned",
        "Thiếu danh sách học viên.",
    )

    edited = patch(client, partner, f"{URL}/{submitted.pk}", {"description": "Kèm danh sách 45 học viên."})
    assert edited.status_code == 200
    assert edited.json()["description"] == "Kèm danh sách 45 học viên."
    assert post(client, partner, f"{URL}/{submitted.pk}/submit").json()["status"] == "submitted"
    assert client.get(URL, {"status": "returned"}, headers=partner).json()["count"] == 0


def test_unknown_status_filter_is_refused(client, bearer, lead_officer, draft):
    response = client.get(URL, {"status": "submitted,done"}, headers=bearer(lead_officer))

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "status"], "msg": "Trạng thái không hợp lệ: done."}]
    }


def test_co_organised_activity_is_listed_under_both_agencies(
    client, bearer, lead_officer, body, lead_agency, partner_agency, other_agency, signed_program
):
    auth = bearer(lead_officer)
    body["co_organiser_ids"] = [lead_agency.pk]
    activity_id = post(client, auth, URL, body).json()["id"]
    # A second activity organised by the lead alone, found under the lead only.
    body.update(organiser_id=lead_agency.pk, co_organiser_ids=[], title="Hội nghị người có uy tín")
    lead_only = post(client, auth, URL, body).json()["id"]

    def under(agency) -> list[int]:
        return sorted(i["id"] for i in client.get(URL, {"agency": agency.pk}, headers=auth).json()["items"])

    assert under(partner_agency) == [activity_id]
    assert under(lead_agency) == sorted([activity_id, lead_only])
    assert under(other_agency) == []


def test_period_and_program_filters(client, bearer, lead_officer, body, signed_program, lead_agency):
    auth = bearer(lead_officer)
    first = post(client, auth, URL, body).json()["id"]
    body.update(start_date="2022-09-01", end_date="2022-09-01", locality_codes=[])
    second = post(client, auth, URL, body).json()["id"]
    elsewhere = f.make_program(lead_agency, [], status="signed", signed_on=dt.date(2021, 6, 1))
    body.update(program_id=elsewhere.pk, content_area_id=None, organiser_id=lead_agency.pk)
    third = post(client, auth, URL, body).json()["id"]

    def ids(**params) -> list[int]:
        response = client.get(URL, params, headers=auth)
        assert response.status_code == 200
        return sorted(i["id"] for i in response.json()["items"])

    assert ids(**{"from": "2024-01-01"}) == [first]
    assert ids(to="2023-12-31") == sorted([second, third])
    assert ids(**{"from": "2022-01-01", "to": "2022-12-31"}) == sorted([second, third])
    assert ids(program=signed_program.pk) == sorted([first, second])
    assert ids(program=elsewhere.pk) == [third]


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("tap huan", True),
        ("TẬP HUẤN", True),
        ("doan vien thanh nien", True),
        ("mat tran", True),  # the organiser's name is searched too
        ("hoi nghi", False),
    ],
)
def test_search_ignores_case_and_diacritics(client, bearer, lead_officer, draft, q, found):
    response = client.get(URL, {"q": q}, headers=bearer(lead_officer))

    assert response.status_code == 200
    assert [i["id"] for i in response.json()["items"]] == ([draft.pk] if found else [])


# --- query counts ------------------------------------------------------------------------


def _make(n: int, program, partner_officer, lead_agency, activity_data) -> None:
    for i in range(n):
        services.activity_create(
            program=program,
            data=activity_data(title=f"Hoạt động số {i}", co_organisers=[lead_agency]),
            by=partner_officer,
        )


def _list_queries(client, headers) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, headers=headers)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()["count"]


def test_list_queries_do_not_grow_with_the_rows(
    client, bearer, lead_officer, signed_program, partner_officer, lead_agency, activity_data
):
    auth = bearer(lead_officer)
    client.get(URL, headers=auth)  # the token's first use records its time: one query more, once
    _make(1, signed_program, partner_officer, lead_agency, activity_data)
    one, count = _list_queries(client, auth)
    assert count == 1

    _make(9, signed_program, partner_officer, lead_agency, activity_data)
    ten, count = _list_queries(client, auth)

    assert count == 10
    # The token, the count, the page, and one query each for co-organisers, participation
    # (with ethnic groups), localities (with units), outputs and the program's parties.
    assert one == ten == 8
