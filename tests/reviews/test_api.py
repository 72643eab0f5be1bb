"""/api/v1 reviews, follow-ups and findings with every persona (Bearer tokens); bodies
and errors at the body's field names; the follow-up filters; the list endpoints' query
counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.activities.selectors import program_statistics
from phoihop.reports.docx import DOCX_TYPE
from phoihop.reviews import services
from phoihop.reviews.models import Attendee, Conclusion, Finding, FollowUp, Review
from tests.conftest import PERSONAS
from tests.reviews.conftest import accepted, review_input

pytestmark = pytest.mark.django_db

LEAD_STAFF = {"lead_officer", "leader", "admin_user"}
ASSIGNEE_OR_LEAD = LEAD_STAFF | {"partner_officer"}


def expected(name: str, allowed: set[str] | None, ok: int, hidden: int = 404) -> int:
    if name == "anonymous":
        return 401
    if name == "other_officer":
        return hidden
    return ok if allowed is None or name in allowed else 403


@pytest.fixture
def world(review, held_review, visit, finding, lead_officer, partner_agency):
    task = services.conclusion_add(
        review=review,
        text="Tập huấn cho cán bộ Mặt trận cơ sở.",
        assignee=partner_agency,
        due_date=dt.date(2024, 12, 31),
        by=lead_officer,
    ).followup
    return {"review": review, "held": held_review, "task": task, "finding": finding}


def new_review(**overrides) -> dict:
    body = {
        "kind": "six_month",
        "period_start": "2023-01-01",
        "period_end": "2023-06-30",
        "conference_date": "2023-07-10",
        "place": "Hội trường Ban Dân tộc",
        "chair_name": "Trần Văn Minh",
        "chair_title": "Trưởng Ban Dân tộc",
        "achievements": "Tổ chức 3 lớp tập huấn.",
        "attendees": [{"name": "Trần Văn Minh", "title": "Trưởng Ban Dân tộc"}],
    }
    body.update(overrides)
    return body


def errors(response) -> dict:
    assert response.status_code == 422, response.content
    return {tuple(d["loc"]): d["msg"] for d in response.json()["detail"]}


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_every_endpoint_for_every_persona(
    request, persona, client, bearer, world, signed_program, visit, partner_agency
):
    name = request.node.callspec.params["persona"]
    headers = bearer(persona)
    review, held, task, finding = world["review"], world["held"], world["task"], world["finding"]
    p = signed_program.pk
    calls = [
        ("get", f"/api/v1/programs/{p}/reviews", None, None, 200, 404),
        ("post", f"/api/v1/programs/{p}/reviews", new_review(), LEAD_STAFF, 201, 403),
        ("get", f"/api/v1/reviews/{review.pk}", None, None, 200, 404),
        ("patch", f"/api/v1/reviews/{review.pk}", {"place": "Hội trường B"}, LEAD_STAFF, 200, 404),
        (
            "post",
            f"/api/v1/reviews/{review.pk}/conclusions",
            {"text": "Tiếp tục tập huấn.", "assignee_id": partner_agency.pk, "due_date": "2025-03-31"},
            LEAD_STAFF,
            201,
            404,
        ),
        ("get", f"/api/v1/reviews/{review.pk}/report.docx", None, None, 200, 404),
        ("get", f"/api/v1/programs/{p}/document.docx", None, None, 200, 404),
        ("get", f"/api/v1/programs/{p}/annual-report.docx?year=2024", None, None, 200, 404),
        ("get", "/api/v1/followups", None, None, 200, 200),
        (
            "post",
            "/api/v1/followups",
            {
                "program_id": p,
                "text": "Báo cáo kinh phí.",
                "assignee_id": partner_agency.pk,
                "due_date": "2030-01-31",
            },
            LEAD_STAFF,
            201,
            403,
        ),
        ("get", f"/api/v1/followups/{task.pk}", None, None, 200, 404),
        (
            "post",
            f"/api/v1/followups/{task.pk}/status",
            {"status": "in_progress"},
            ASSIGNEE_OR_LEAD,
            200,
            404,
        ),
        ("get", "/api/v1/findings", None, None, 200, 200),
        (
            "post",
            "/api/v1/findings",
            {
                "activity_id": visit.pk,
                "policy": "Hỗ trợ nhà ở",
                "issue": "Hai hộ chưa hoàn thiện nhà.",
                "responsible_agency_id": partner_agency.pk,
            },
            LEAD_STAFF,
            201,
            404,
        ),
        ("get", f"/api/v1/findings/{finding.pk}", None, None, 200, 404),
        ("post", f"/api/v1/reviews/{review.pk}/hold", None, LEAD_STAFF, 200, 404),
        ("post", f"/api/v1/reviews/{held.pk}/conclude", None, LEAD_STAFF, 200, 404),
    ]
    for method, url, data, allowed, ok, hidden in calls:
        if method == "get":
            response = client.get(url, headers=headers)
        else:
            response = getattr(client, method)(
                url, data or {}, content_type="application/json", headers=headers
            )
        want = expected(name, allowed, ok, hidden)
        assert response.status_code == want, (url, response.status_code, response.content[:300])
        if want == 200 and ".docx" in url:
            assert response["Content-Type"] == DOCX_TYPE
            assert response.content[:2] == b"PK"
    if name == "other_officer":
        # An outsider's lists are empty.
        assert client.get("/api/v1/followups", headers=headers).json() == {"items": [], "count": 0}
        assert client.get("/api/v1/findings", headers=headers).json() == {"items": [], "count": 0}

    allowed = name in LEAD_STAFF
    assert Review.objects.count() == (3 if allowed else 2)
    assert Review.objects.get(pk=review.pk).place == (
        "Hội trường B" if allowed else "Hội trường Ban Dân tộc thành phố Cần Thơ"
    )
    assert Review.objects.get(pk=review.pk).status == ("held" if allowed else "draft")
    assert Review.objects.get(pk=held.pk).status == ("concluded" if allowed else "held")
    assert FollowUp.objects.count() == (3 if allowed else 1)
    assert FollowUp.objects.get(pk=task.pk).status == ("in_progress" if name in ASSIGNEE_OR_LEAD else "open")
    assert Finding.objects.count() == (2 if allowed else 1)


def test_draft_program_reviews_are_hidden_from_outsiders(client, bearer, other_officer, program):
    headers = bearer(other_officer)
    assert client.get(f"/api/v1/programs/{program.pk}/reviews", headers=headers).status_code == 404
    assert client.get(f"/api/v1/programs/{program.pk}/document.docx", headers=headers).status_code == 404
    response = client.post(
        f"/api/v1/programs/{program.pk}/reviews",
        new_review(),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404
    assert not Review.objects.exists()


def test_review_opened_and_read_through_the_api(
    client, bearer, lead_officer, signed_program, partner_officer, activity_data, lead_agency
):
    accepted(
        signed_program,
        activity_data(start_date=dt.date(2023, 3, 1), end_date=dt.date(2023, 3, 2)),
        organiser_user=partner_officer,
        lead_user=lead_officer,
    )
    headers = bearer(lead_officer)
    response = client.post(
        f"/api/v1/programs/{signed_program.pk}/reviews",
        new_review(attendees=[{"name": "Trần Văn Minh", "title": "Trưởng Ban", "agency_id": lead_agency.pk}]),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    review = Review.objects.get()
    assert {
        k: body[k] for k in ("id", "program_id", "kind", "period_start", "period_end", "status", "frozen")
    } == {
        "id": review.pk,
        "program_id": signed_program.pk,
        "kind": "six_month",
        "period_start": "2023-01-01",
        "period_end": "2023-06-30",
        "status": "draft",
        "frozen": False,
    }
    assert body["attendees"] == [
        {"name": "Trần Văn Minh", "title": "Trưởng Ban", "agency_id": lead_agency.pk, "agency_name": ""}
    ]
    stats = program_statistics(
        program=signed_program, date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 6, 30)
    )
    assert (
        body["statistics"]["totals"]
        == stats["totals"]
        == {
            "activities": 1,
            "participants": 45,
            "budget_vnd": 35_000_000,
        }
    )
    listed = client.get(f"/api/v1/programs/{signed_program.pk}/reviews", headers=headers).json()
    assert [r["id"] for r in listed] == [review.pk]


def test_patch_changes_the_fields_sent_and_replaces_attendees_when_sent(client, bearer, lead_officer, review):
    headers = bearer(lead_officer)
    url = f"/api/v1/reviews/{review.pk}"
    response = client.patch(
        url, {"document_number": "15/BC-BDT"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["document_number"], body["place"], len(body["attendees"])) == (
        "15/BC-BDT",
        "Hội trường Ban Dân tộc thành phố Cần Thơ",
        2,
    )
    response = client.patch(
        url,
        {"attendees": [{"name": "Lê Thị Hoa", "title": "Chuyên viên"}]},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    assert [a["name"] for a in response.json()["attendees"]] == ["Lê Thị Hoa"]
    assert list(Attendee.objects.values_list("name", flat=True)) == ["Lê Thị Hoa"]


def test_concluding_twice_answers_422_at_status(client, bearer, lead_officer, held_review):
    headers = bearer(lead_officer)
    url = f"/api/v1/reviews/{held_review.pk}/conclude"
    first = client.post(url, headers=headers)
    assert (
        first.status_code == 200 and first.json()["status"] == "concluded" and first.json()["frozen"] is True
    )
    snapshot = Review.objects.get(pk=held_review.pk).snapshot
    again = client.post(url, headers=headers)
    day = Review.objects.get(pk=held_review.pk).concluded_at
    from django.utils import timezone

    assert errors(again) == {
        (
            "body",
            "status",
        ): f"Kỳ này đã kết luận ngày {timezone.localtime(day):%d/%m/%Y}; không kết luận lần nữa được."
    }
    assert Review.objects.get(pk=held_review.pk).snapshot == snapshot


def test_patching_a_concluded_review_answers_422_at_status(client, bearer, lead_officer, held_review):
    services.review_conclude(review=held_review, by=lead_officer)
    response = client.patch(
        f"/api/v1/reviews/{held_review.pk}",
        {"place": "Nơi khác"},
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert list(errors(response)) == [("body", "status")]
    assert Review.objects.get(pk=held_review.pk).place == "Hội trường Ban Dân tộc thành phố Cần Thơ"


def test_review_period_outside_the_phase_answers_422(client, bearer, lead_officer, signed_program):
    response = client.post(
        f"/api/v1/programs/{signed_program.pk}/reviews",
        new_review(period_start="2020-07-01", period_end="2020-12-31", conference_date=None),
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert errors(response) == {
        (
            "body",
            "period_start",
        ): "Kỳ sơ kết, tổng kết phải nằm trong giai đoạn của chương trình (01/01/2021 – 31/12/2025)."
    }
    assert not Review.objects.exists()


def test_overlapping_review_answers_422(client, bearer, lead_officer, signed_program, review):
    response = client.post(
        f"/api/v1/programs/{signed_program.pk}/reviews",
        new_review(kind="interim"),
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert errors(response) == {
        ("body", "period_start"): "Kỳ này trùng với «Sơ kết giai đoạn» đã có (13/05/2021 – 30/06/2024)."
    }
    assert Review.objects.count() == 1


def test_review_of_a_draft_program_answers_422(client, bearer, lead_officer, program):
    response = client.post(
        f"/api/v1/programs/{program.pk}/reviews",
        new_review(),
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert errors(response) == {
        ("body", "program"): "Chương trình chưa ký kết nên chưa sơ kết, tổng kết được."
    }
    assert not Review.objects.exists()


def test_attendee_of_an_unknown_agency_answers_422_at_its_field(client, bearer, lead_officer, signed_program):
    response = client.post(
        f"/api/v1/programs/{signed_program.pk}/reviews",
        new_review(attendees=[{"name": "A", "agency_id": 999999}]),
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert errors(response) == {("body", "attendees", 0, "agency_id"): "Không có cơ quan mã 999999."}
    assert not Review.objects.exists()


def test_conclusion_assigned_to_a_non_party_answers_422_at_assignee_id(
    client, bearer, lead_officer, review, other_agency
):
    response = client.post(
        f"/api/v1/reviews/{review.pk}/conclusions",
        {"text": "Tập huấn.", "assignee_id": other_agency.pk, "due_date": "2024-12-31"},
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert errors(response) == {
        ("body", "assignee_id"): "«Tỉnh đoàn Thái Nguyên» không phải là bên tham gia chương trình."
    }
    assert (Conclusion.objects.count(), FollowUp.objects.count()) == (0, 0)


def test_conclusion_due_before_the_review_date_answers_422(
    client, bearer, lead_officer, review, partner_agency
):
    response = client.post(
        f"/api/v1/reviews/{review.pk}/conclusions",
        {"text": "Tập huấn.", "assignee_id": partner_agency.pk, "due_date": "2024-01-31"},
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert errors(response) == {("body", "due_date"): "Thời hạn không thể trước ngày hội nghị (01/07/2024)."}
    assert (Conclusion.objects.count(), FollowUp.objects.count()) == (0, 0)


def test_conclusion_with_an_assignee_comes_back_with_its_follow_up(
    client, bearer, lead_officer, review, partner_agency
):
    response = client.post(
        f"/api/v1/reviews/{review.pk}/conclusions",
        {"text": "Tập huấn.", "assignee_id": partner_agency.pk, "due_date": "2024-12-31"},
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert response.status_code == 201
    followup = FollowUp.objects.get()
    assert response.json() == {
        "id": followup.conclusion_id,
        "number": 1,
        "text": "Tập huấn.",
        "followup_id": followup.pk,
        "assignee_id": partner_agency.pk,
        "due_date": "2024-12-31",
    }


def test_dropping_without_a_reason_answers_422_at_reason(client, bearer, lead_officer, world):
    task = world["task"]
    url = f"/api/v1/followups/{task.pk}/status"
    response = client.post(
        url, {"status": "dropped"}, content_type="application/json", headers=bearer(lead_officer)
    )
    assert errors(response) == {("body", "reason"): "Ghi rõ lý do không thực hiện."}
    assert FollowUp.objects.get(pk=task.pk).status == "open"
    response = client.post(
        url,
        {"status": "dropped", "reason": "Đã lồng ghép."},
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("status", "drop_reason", "overdue")} == {
        "status": "dropped",
        "drop_reason": "Đã lồng ghép.",
        "overdue": False,
    }


def test_partner_cannot_drop_its_follow_up_through_the_api(client, bearer, partner_officer, world):
    task = world["task"]
    response = client.post(
        f"/api/v1/followups/{task.pk}/status",
        {"status": "dropped", "reason": "Không có kinh phí."},
        content_type="application/json",
        headers=bearer(partner_officer),
    )
    assert errors(response) == {
        ("body", "status"): "Chỉ cơ quan chủ trì chương trình quyết định không thực hiện một việc."
    }
    assert FollowUp.objects.get(pk=task.pk).status == "open"


def test_finding_on_an_activity_that_is_not_a_visit_answers_422_at_activity_id(
    client, bearer, lead_officer, signed_program, partner_officer, partner_agency, activity_data
):
    training = accepted(
        signed_program, activity_data(), organiser_user=partner_officer, lead_user=lead_officer
    )
    response = client.post(
        "/api/v1/findings",
        {"activity_id": training.pk, "policy": "P", "issue": "I", "responsible_agency_id": partner_agency.pk},
        content_type="application/json",
        headers=bearer(lead_officer),
    )
    assert errors(response) == {
        ("body", "activity_id"): "Chỉ ghi kết quả giám sát cho hoạt động loại «Kiểm tra, giám sát»."
    }
    assert not Finding.objects.exists()


def test_finding_created_with_a_locality_and_made_into_a_follow_up(
    client, bearer, lead_officer, visit, partner_agency, signed_program
):
    from phoihop.reference.models import AdministrativeUnit

    commune = (
        AdministrativeUnit.objects.filter(era="current", level="commune", parent__code="92")
        .order_by("code")
        .first()
    )
    headers = bearer(lead_officer)
    response = client.post(
        "/api/v1/findings",
        {
            "activity_id": visit.pk,
            "policy": "Chính sách đối với người có uy tín",
            "issue": "Chưa cấp báo.",
            "recommendation": "Cấp bổ sung.",
            "responsible_agency_id": partner_agency.pk,
            "locality_code": commune.code,
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    finding = Finding.objects.get()
    assert response.json() == {
        "id": finding.pk,
        "program_id": signed_program.pk,
        "activity_id": visit.pk,
        "policy": "Chính sách đối với người có uy tín",
        "issue": "Chưa cấp báo.",
        "recommendation": "Cấp bổ sung.",
        "responsible_agency_id": partner_agency.pk,
        "locality_code": commune.code,
        "place_as_written": "",
        "status": "open",
        "followup_ids": [],
    }
    response = client.post(
        "/api/v1/followups",
        {
            "program_id": signed_program.pk,
            "finding_id": finding.pk,
            "text": "Cấp bổ sung báo.",
            "assignee_id": partner_agency.pk,
            "due_date": "2022-06-30",
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    followup = FollowUp.objects.get()
    assert (response.json()["finding_id"], response.json()["review_id"]) == (finding.pk, None)
    body = client.get(f"/api/v1/findings/{finding.pk}", headers=headers).json()
    assert (body["status"], body["followup_ids"]) == ("in_progress", [followup.pk])
    bad = client.post(
        "/api/v1/findings",
        {
            "activity_id": visit.pk,
            "policy": "P",
            "issue": "I",
            "responsible_agency_id": partner_agency.pk,
            "locality_code": "00000",
        },
        content_type="application/json",
        headers=headers,
    )
    assert errors(bad) == {("body", "locality_code"): "Không có đơn vị hành chính hiện hành mã 00000."}
    assert Finding.objects.count() == 1


@pytest.fixture
def spread(review, lead_officer, partner_agency, lead_agency, signed_program, leader):
    """Four follow-ups: the partner's overdue (open), the partner's done, the lead's in
    progress and overdue, the lead's open and due in 2099."""

    def add(text, agency, due):
        return services.conclusion_add(
            review=review, text=text, assignee=agency, due_date=due, by=lead_officer
        ).followup

    a = add("Tập huấn cho cán bộ Mặt trận.", partner_agency, dt.date(2024, 9, 30))
    b = add("Vận động xã hội hóa.", partner_agency, dt.date(2024, 12, 31))
    c = add("Rà soát người có uy tín.", lead_agency, dt.date(2024, 10, 15))
    d = add("Chuẩn bị tổng kết.", lead_agency, dt.date(2099, 6, 30))
    services.followup_set_status(followup=b, status="done", by=leader)
    services.followup_set_status(followup=c, status="in_progress", by=leader)
    return a, b, c, d


def test_followup_filters(
    client, bearer, lead_officer, spread, signed_program, partner_agency, lead_agency, program
):
    a, b, c, d = spread
    headers = bearer(lead_officer)

    def ids(**params):
        response = client.get("/api/v1/followups", params, headers=headers)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["count"] == len(body["items"])
        return [item["id"] for item in body["items"]]

    assert ids() == [a.pk, c.pk, b.pk, d.pk]  # by due date
    assert ids(program=signed_program.pk) == [a.pk, c.pk, b.pk, d.pk]
    assert ids(program=program.pk) == []
    assert ids(agency=partner_agency.pk) == [a.pk, b.pk]
    assert ids(agency=lead_agency.pk) == [c.pk, d.pk]
    assert ids(status="open") == [a.pk, d.pk]
    assert ids(status="open,in_progress") == [a.pk, c.pk, d.pk]
    assert ids(overdue="true") == [a.pk, c.pk]
    assert ids(overdue="false") == [b.pk, d.pk]
    assert ids(agency=partner_agency.pk, overdue="true") == [a.pk]
    first = client.get("/api/v1/followups", {"agency": partner_agency.pk}, headers=headers).json()["items"][0]
    assert first == {
        "id": a.pk,
        "program_id": signed_program.pk,
        "review_id": a.conclusion.review_id,
        "conclusion_id": a.conclusion_id,
        "finding_id": None,
        "text": "Tập huấn cho cán bộ Mặt trận.",
        "assignee_id": partner_agency.pk,
        "due_date": "2024-09-30",
        "status": "open",
        "overdue": True,
        "drop_reason": "",
        "closing_note": "",
    }
    bad = client.get("/api/v1/followups", {"status": "open,finished"}, headers=headers)
    assert errors(bad) == {("body", "status"): "Trạng thái không hợp lệ: finished."}


def _count(client, url, headers) -> int:
    client.get(url, headers=headers)  # the token's first use of the day is recorded once
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def test_review_list_query_count_does_not_grow(client, bearer, lead_officer, signed_program):
    headers = bearer(lead_officer)
    url = f"/api/v1/programs/{signed_program.pk}/reviews"

    def make(n):
        for i in range(n):
            year, second = 2021 + i // 2, i % 2
            start = dt.date(year, 7 if second else 1, 1)
            end = dt.date(year, 12, 31) if second else dt.date(year, 6, 30)
            item = services.review_create(
                program=signed_program,
                data=review_input(kind="six_month", period_start=start, period_end=end, conference_date=end),
                by=lead_officer,
            )
            services.review_hold(review=item, by=lead_officer)
            services.review_conclude(review=item, by=lead_officer)

    make(1)
    one = _count(client, url, headers)
    Review.objects.all().delete()
    make(10)
    assert _count(client, url, headers) == one
    assert len(client.get(url, headers=headers).json()) == 10


def test_followup_list_query_count_does_not_grow(client, bearer, lead_officer, review, partner_agency):
    headers = bearer(lead_officer)

    def make(n):
        for i in range(n):
            services.conclusion_add(
                review=review,
                text=f"Việc {i}",
                assignee=partner_agency,
                due_date=dt.date(2024, 12, 31),
                by=lead_officer,
            )

    make(1)
    one = _count(client, "/api/v1/followups", headers)
    make(9)
    assert _count(client, "/api/v1/followups", headers) == one


def test_finding_list_query_count_does_not_grow(client, bearer, lead_officer, visit, partner_agency):
    headers = bearer(lead_officer)

    def make(n):
        for i in range(n):
            finding = services.finding_create(
                activity=visit,
                data=services.FindingInput(
                    policy=f"Chính sách {i}", issue="Vấn đề.", responsible_agency=partner_agency
                ),
                by=lead_officer,
            )
            services.followup_create(
                program=visit.program,
                finding=finding,
                text="Xử lý.",
                assignee=partner_agency,
                due_date=dt.date(2030, 1, 1),
                by=lead_officer,
            )

    make(1)
    one = _count(client, "/api/v1/findings", headers)
    make(9)
    assert _count(client, "/api/v1/findings", headers) == one
