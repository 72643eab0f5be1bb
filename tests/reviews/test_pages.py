"""Review, follow-up and finding pages with every persona; the forms' errors at their
fields; nothing saved by a refused or invalid request; the list pages' query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.reviews import services
from phoihop.reviews.models import Conclusion, Finding, FollowUp, Review
from tests.conftest import PERSONAS
from tests.reviews.conftest import review_input

pytestmark = pytest.mark.django_db

LEAD_STAFF = {"lead_officer", "leader", "admin_user"}
ASSIGNEE_OR_LEAD = LEAD_STAFF | {"partner_officer"}


def outcome(response):
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return "login"
    return response.status_code


def expected(name: str, allowed: set[str] | None, ok=200, hidden=404):
    if name == "anonymous":
        return "login"
    if name == "other_officer":
        return hidden
    return ok if allowed is None or name in allowed else 403


@pytest.fixture
def world(review, held_review, visit, finding, lead_officer, partner_agency):
    """The draft interim review with a plain conclusion and one that became a follow-up of
    the partner; the held annual review of 2022; a finding of the lead's visit."""
    plain = services.conclusion_add(review=review, text="Ghi nhận kết quả phối hợp.", by=lead_officer)
    task = services.conclusion_add(
        review=review,
        text="Tập huấn cho cán bộ Mặt trận cơ sở.",
        assignee=partner_agency,
        due_date=dt.date(2024, 12, 31),
        by=lead_officer,
    ).followup
    return {"review": review, "held": held_review, "plain": plain, "task": task, "finding": finding}


def review_form(**overrides) -> dict:
    values = {
        "kind": "six_month",
        "period_start": "01/01/2023",
        "period_end": "30/06/2023",
        "document_number": "",
        "conference_date": "10/07/2023",
        "place": "Hội trường Ban Dân tộc",
        "chair_name": "Trần Văn Minh",
        "chair_title": "Trưởng Ban Dân tộc",
        "attendees": "Trần Văn Minh - Trưởng Ban Dân tộc - Ban Dân tộc thành phố Cần Thơ\n"
        "Phạm Văn Sơn - Phó Chủ tịch - Ủy ban nhân dân xã Thới Lai",
        "achievements": "Tổ chức 3 lớp tập huấn.\nHỗ trợ 2 mô hình.",
        "limitations": "",
        "causes": "",
        "lessons": "",
        "directions": "",
        "recommendations": "",
    }
    values.update(overrides)
    return values


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_every_page_for_every_persona(
    request, persona, client_as, world, signed_program, visit, partner_agency, lead_agency
):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    review, held, task, finding = world["review"], world["held"], world["task"], world["finding"]
    p = signed_program.pk
    edited = review_form(
        kind="interim", period_start="13/05/2021", period_end="30/06/2024", conference_date="01/07/2024"
    )
    pages = [
        ("get", reverse("reviews:list", args=[p]), None, None, 200),
        ("get", reverse("reviews:create", args=[p]), None, LEAD_STAFF, 200),
        ("post", reverse("reviews:create", args=[p]), review_form(), LEAD_STAFF, 302),
        ("get", reverse("reviews:detail", args=[review.pk]), None, None, 200),
        ("get", reverse("reviews:edit", args=[review.pk]), None, LEAD_STAFF, 200),
        ("post", reverse("reviews:edit", args=[review.pk]), edited, LEAD_STAFF, 302),
        (
            "post",
            reverse("reviews:conclusion_add", args=[review.pk]),
            {"text": "Tiếp tục tập huấn.", "assignee": partner_agency.pk, "due_date": "31/03/2025"},
            LEAD_STAFF,
            302,
        ),
        (
            "post",
            reverse("reviews:conclusion_delete", args=[review.pk, world["plain"].pk]),
            {},
            LEAD_STAFF,
            302,
        ),
        ("get", reverse("reviews:followup", args=[task.pk]), None, None, 200),
        (
            "post",
            reverse("reviews:followup_status", args=[task.pk]),
            {"status": "in_progress"},
            ASSIGNEE_OR_LEAD,
            302,
        ),
        ("post", reverse("reviews:remind", args=[p]), {}, LEAD_STAFF, 302),
        ("get", reverse("reviews:findings", args=[p]), None, None, 200),
        (
            "post",
            reverse("reviews:findings", args=[p]),
            {
                "activity": visit.pk,
                "policy": "Hỗ trợ nhà ở",
                "place_as_written": "Phường Thốt Nốt",
                "issue": "Hai hộ chưa hoàn thiện nhà.",
                "recommendation": "Vận động xã hội hóa.",
                "responsible_agency": partner_agency.pk,
            },
            LEAD_STAFF,
            302,
        ),
        ("get", reverse("reviews:finding", args=[finding.pk]), None, None, 200),
        (
            "post",
            reverse("reviews:finding", args=[finding.pk]),
            {"text": "Cấp bổ sung báo.", "assignee": partner_agency.pk, "due_date": "30/06/2022"},
            LEAD_STAFF,
            302,
        ),
        ("post", reverse("reviews:hold", args=[review.pk]), {}, LEAD_STAFF, 302),
        ("post", reverse("reviews:conclude", args=[held.pk]), {}, LEAD_STAFF, 302),
    ]
    for method, url, data, allowed, ok in pages:
        response = client.get(url) if method == "get" else client.post(url, data)
        assert outcome(response) == expected(name, allowed, ok), (url, response.status_code)
    # The list of follow-ups is everyone's own: an outsider sees an empty one.
    response = client.get(reverse("reviews:followups"))
    if name == "anonymous":
        assert outcome(response) == "login"
    else:
        assert response.status_code == 200
        shown = [f.pk for f in response.context["page"].object_list]
        assert (task.pk in shown) == (name != "other_officer")

    allowed = name in LEAD_STAFF
    assert Review.objects.count() == (3 if allowed else 2)
    assert Review.objects.get(pk=review.pk).status == ("held" if allowed else "draft")
    assert Review.objects.get(pk=held.pk).status == ("concluded" if allowed else "held")
    assert Conclusion.objects.filter(pk=world["plain"].pk).exists() == (not allowed)
    assert FollowUp.objects.get(pk=task.pk).status == ("in_progress" if name in ASSIGNEE_OR_LEAD else "open")
    assert Finding.objects.count() == (2 if allowed else 1)
    assert FollowUp.objects.filter(finding=finding).count() == (1 if allowed else 0)


def test_draft_program_reviews_are_hidden_from_outsiders(client_as, other_officer, program):
    client = client_as(other_officer)
    assert client.get(reverse("reviews:list", args=[program.pk])).status_code == 404
    assert client.get(reverse("reviews:findings", args=[program.pk])).status_code == 404


def test_lead_opens_a_review_from_the_page(client_as, lead_officer, signed_program, lead_agency):
    client = client_as(lead_officer)
    response = client.post(reverse("reviews:create", args=[signed_program.pk]), review_form())
    review = Review.objects.get()
    assert response["Location"] == reverse("reviews:detail", args=[review.pk])
    assert (review.kind, review.period_start, review.period_end, review.status) == (
        "six_month",
        dt.date(2023, 1, 1),
        dt.date(2023, 6, 30),
        "draft",
    )
    assert review.achievements == "Tổ chức 3 lớp tập huấn.\nHỗ trợ 2 mô hình."
    # A known party is linked; an agency outside the program is kept as written.
    assert [(a.name, a.title, a.agency, a.agency_name) for a in review.attendees.all()] == [
        ("Trần Văn Minh", "Trưởng Ban Dân tộc", lead_agency, ""),
        ("Phạm Văn Sơn", "Phó Chủ tịch", None, "Ủy ban nhân dân xã Thới Lai"),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Sơ kết 6 tháng: 01/01/2023 – 30/06/2023" in page


def test_review_form_errors_are_shown_at_their_fields(client_as, lead_officer, signed_program):
    client = client_as(lead_officer)
    url = reverse("reviews:create", args=[signed_program.pk])
    response = client.post(url, review_form(kind="", period_start="", period_end="32/13/2023"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["kind"] == ["Trường này là bắt buộc."]
    assert errors["period_start"] == ["Trường này là bắt buộc."]
    assert errors["period_end"] == ["Nhập một ngày hợp lệ."]
    response = client.post(url, review_form(period_start="01/01/2020", conference_date=""))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "period_start": [
            "Kỳ sơ kết, tổng kết phải nằm trong giai đoạn của chương trình (01/01/2021 – 31/12/2025)."
        ]
    }
    assert not Review.objects.exists()


def test_review_of_a_draft_program_is_refused_on_the_page(client_as, lead_officer, program):
    response = client_as(lead_officer).post(reverse("reviews:create", args=[program.pk]), review_form())
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Chương trình chưa ký kết nên chưa sơ kết, tổng kết được."
    ]
    assert not Review.objects.exists()


def test_conclusion_form_errors_are_shown_at_their_fields(
    client_as, lead_officer, review, partner_agency, other_agency
):
    client = client_as(lead_officer)
    url = reverse("reviews:conclusion_add", args=[review.pk])
    response = client.post(
        url, {"text": "Tập huấn.", "assignee": partner_agency.pk, "due_date": "30/06/2024"}
    )
    assert response.status_code == 400
    assert response.context["conclusion_form"].errors == {
        "due_date": ["Thời hạn không thể trước ngày hội nghị (01/07/2024)."]
    }
    response = client.post(url, {"text": "Tập huấn.", "assignee": other_agency.pk, "due_date": "31/12/2024"})
    assert response.status_code == 400
    # Only the program's parties are offered.
    assert response.context["conclusion_form"].errors == {
        "assignee": [
            f"Hãy chọn một lựa chọn hợp lệ. {other_agency.pk} không phải là một trong các lựa chọn khả thi."
        ]
    }
    assert (Conclusion.objects.count(), FollowUp.objects.count()) == (0, 0)


def test_follow_up_status_form_errors_are_shown_at_their_fields(client_as, world, lead_officer):
    task = world["task"]
    response = client_as(lead_officer).post(
        reverse("reviews:followup_status", args=[task.pk]), {"status": "dropped", "reason": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"reason": ["Ghi rõ lý do không thực hiện."]}
    assert FollowUp.objects.get(pk=task.pk).status == "open"


def test_finding_on_an_activity_that_is_not_a_visit_cannot_be_chosen(
    client_as, lead_officer, visit, signed_program, partner_agency, activity_data, partner_officer
):
    from tests.reviews.conftest import accepted

    training = accepted(
        signed_program, activity_data(), organiser_user=partner_officer, lead_user=lead_officer
    )
    response = client_as(lead_officer).post(
        reverse("reviews:findings", args=[signed_program.pk]),
        {"activity": training.pk, "policy": "P", "issue": "I", "responsible_agency": partner_agency.pk},
    )
    assert response.status_code == 400
    # Only monitoring visits are offered.
    assert response.context["form"].errors == {
        "activity": [
            f"Hãy chọn một lựa chọn hợp lệ. {training.pk} không phải là một trong các lựa chọn khả thi."
        ]
    }
    assert not Finding.objects.exists()


def test_concluded_review_shows_frozen_figures_and_the_difference(
    client_as, lead_officer, review, signed_program, partner_officer, activity_data
):
    from tests.reviews.conftest import accepted

    services.review_hold(review=review, by=lead_officer)
    services.review_conclude(review=review, by=lead_officer)
    accepted(signed_program, activity_data(), organiser_user=partner_officer, lead_user=lead_officer)
    client = client_as(lead_officer)
    response = client.get(reverse("reviews:detail", args=[review.pk]))
    assert response.context["figures"]["frozen"] is True
    assert response.context["totals"]["activities"] == 0
    assert response.context["difference"][0] == {
        "breakdown": "Tổng cộng",
        "label": "Số hoạt động",
        "field": "activities",
        "then": 0,
        "now": 1,
    }
    assert "Khác biệt so với số liệu hiện nay" in response.content.decode()
    # Concluded: nobody edits it any more.
    assert client.get(reverse("reviews:edit", args=[review.pk])).status_code == 403


def _reviews(program, by, n: int) -> None:
    for i in range(n):
        year, half = 2021 + i // 2, i % 2
        start, end = (
            (dt.date(year, 1, 1), dt.date(year, 6, 30))
            if not half
            else (dt.date(year, 7, 1), dt.date(year, 12, 31))
        )
        services.review_create(
            program=program,
            data=review_input(kind="six_month", period_start=start, period_end=end, conference_date=None),
            by=by,
        )


def _followups(review, by, agency, n: int) -> None:
    for i in range(n):
        services.conclusion_add(
            review=review, text=f"Việc số {i}", assignee=agency, due_date=dt.date(2024, 12, 31), by=by
        )


def _findings(visit, by, agency, n: int) -> None:
    for i in range(n):
        services.finding_create(
            activity=visit,
            data=services.FindingInput(policy=f"Chính sách {i}", issue="Vấn đề.", responsible_agency=agency),
            by=by,
        )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_review_list_page_query_count_does_not_grow(client_as, lead_officer, signed_program):
    client = client_as(lead_officer)
    url = reverse("reviews:list", args=[signed_program.pk])
    _reviews(signed_program, lead_officer, 1)
    one = _count(client, url)
    Review.objects.all().delete()
    _reviews(signed_program, lead_officer, 10)
    assert _count(client, url) == one


def test_followup_list_page_query_count_does_not_grow(
    client_as, partner_officer, lead_officer, review, partner_agency
):
    client = client_as(partner_officer)
    url = reverse("reviews:followups")
    _followups(review, lead_officer, partner_agency, 1)
    one = _count(client, url)
    _followups(review, lead_officer, partner_agency, 9)
    assert _count(client, url) == one


def test_finding_list_page_query_count_does_not_grow(
    client_as, lead_officer, visit, signed_program, partner_agency
):
    client = client_as(lead_officer)
    url = reverse("reviews:findings", args=[signed_program.pk])
    _findings(visit, lead_officer, partner_agency, 1)
    one = _count(client, url)
    _findings(visit, lead_officer, partner_agency, 9)
    assert _count(client, url) == one


def test_partner_cannot_update_a_follow_up_assigned_to_another_agency(
    client_as, partner_officer, review, lead_officer, lead_agency
):
    task = services.conclusion_add(
        review=review, text="Rà soát.", assignee=lead_agency, due_date=dt.date(2024, 12, 31), by=lead_officer
    ).followup
    client = client_as(partner_officer)
    page = client.get(reverse("reviews:followup", args=[task.pk]))
    assert page.status_code == 200 and page.context["form"] is None
    response = client.post(reverse("reviews:followup_status", args=[task.pk]), {"status": "done"})
    assert response.status_code == 403
    assert FollowUp.objects.get(pk=task.pk).status == "open"


def test_reminders_sent_from_the_page(client_as, lead_officer, partner_officer, world, signed_program):
    from django.core import mail

    partner_officer.email = "son.pham@mttq.cantho.gov.vn"
    partner_officer.save()
    client = client_as(lead_officer)
    response = client.post(reverse("reviews:remind", args=[signed_program.pk]), follow=True)
    assert response.redirect_chain == [
        (f"{reverse('reviews:followups')}?program={signed_program.pk}&overdue=on", 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "Đã gửi 1 thư nhắc việc quá hạn: Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ."
    ]
    assert [m.to for m in mail.outbox] == [["son.pham@mttq.cantho.gov.vn"]]
    assert f"http://testserver/reviews/followups/{world['task'].pk}/" in mail.outbox[0].body
    # The filtered list shows the overdue task.
    assert [f.pk for f in response.context["page"].object_list] == [world["task"].pk]


def test_followups_page_filters(client_as, lead_officer, world, partner_agency, lead_agency, leader):
    task = world["task"]
    done = services.conclusion_add(
        review=world["review"],
        text="Rà soát.",
        assignee=lead_agency,
        due_date=dt.date(2099, 1, 31),
        by=lead_officer,
    ).followup
    services.followup_set_status(followup=done, status="done", by=leader)
    client = client_as(lead_officer)

    def shown(**params):
        response = client.get(reverse("reviews:followups"), params)
        assert response.status_code == 200
        return [f.pk for f in response.context["page"].object_list]

    assert shown() == [task.pk, done.pk]
    assert shown(agency=partner_agency.pk) == [task.pk]
    assert shown(status="open_all") == [task.pk]
    assert shown(status="done") == [done.pk]
    assert shown(overdue="on") == [task.pk]


def test_detail_shows_follow_ups_carried_from_earlier_reviews(client_as, lead_officer, world, signed_program):
    services.review_hold(review=world["review"], by=lead_officer)
    services.review_conclude(review=world["review"], by=lead_officer)
    following = services.review_create(
        program=signed_program,
        data=review_input(
            kind="final",
            period_start=dt.date(2021, 5, 13),
            period_end=dt.date(2025, 11, 30),
            conference_date=dt.date(2025, 12, 5),
        ),
        by=lead_officer,
    )
    client = client_as(lead_officer)
    url = reverse("reviews:detail", args=[following.pk])
    assert client.get(url).context["carried"] == [world["task"]]
    services.review_hold(review=following, by=lead_officer)
    services.review_conclude(review=following, by=lead_officer)
    response = client.get(url)
    assert response.context["carried"] == [
        {
            "id": world["task"].pk,
            "text": "Tập huấn cho cán bộ Mặt trận cơ sở.",
            "assignee": "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ",
            "due_date": "31/12/2024",
            "status": "Chưa thực hiện",
        }
    ]
    assert (
        '<td data-label="Việc">Tập huấn cho cán bộ Mặt trận cơ sở.</td>'
        '<td data-label="Cơ quan">Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ</td>'
        '<td data-label="Hạn">31/12/2024</td><td data-label="Trạng thái">Chưa thực hiện</td>'
    ) in response.content.decode()
