"""Reviews through their services: draft → held → concluded with the period's figures
frozen; conclusions that become follow-ups, carried into the next review until closed;
who moves a follow-up where; findings that follow their follow-ups; one batched reminder
per late agency."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from phoihop.activities.selectors import program_statistics
from phoihop.reviews import selectors, services
from phoihop.reviews.models import Attendee, Conclusion, FollowUp, Review
from tests.activities.conftest import group
from tests.reviews.conftest import accepted, review_input

pytestmark = pytest.mark.django_db


def totals_of(review) -> dict:
    return program_statistics(
        program=review.program, date_from=review.period_start, date_to=review.period_end
    )["totals"]


@pytest.fixture
def training(signed_program, partner_officer, lead_officer, activity_data):
    """An accepted training of 45 on 12/03/2024, inside the interim review's period."""
    return accepted(signed_program, activity_data(), organiser_user=partner_officer, lead_user=lead_officer)


# --- draft → held → concluded ---------------------------------------------------------------


def test_review_goes_from_draft_to_held_to_concluded_with_the_periods_totals_frozen(
    signed_program, lead_officer, training, activity_data, partner_officer
):
    # An accepted activity outside the period does not count.
    accepted(
        signed_program,
        activity_data(start_date=dt.date(2024, 8, 1), end_date=dt.date(2024, 8, 1), localities=[]),
        organiser_user=partner_officer,
        lead_user=lead_officer,
    )
    review = services.review_create(program=signed_program, data=review_input(), by=lead_officer)
    assert (review.status, review.created_by, review.snapshot) == ("draft", lead_officer, None)
    assert [(a.name, a.title, a.agency_name) for a in review.attendees.all()] == [
        ("Trần Văn Minh", "Trưởng Ban Dân tộc", ""),
        ("Phạm Văn Sơn", "Phó Chủ tịch", "Ủy ban MTTQ"),
    ]
    assert selectors.review_figures(review)["frozen"] is False

    services.review_hold(review=review, by=lead_officer)
    assert Review.objects.get(pk=review.pk).status == "held"

    now = timezone.now()
    services.review_conclude(review=review, by=lead_officer, now=now)
    stored = Review.objects.get(pk=review.pk)
    assert (stored.status, stored.concluded_at) == ("concluded", now)
    assert stored.snapshot["statistics"]["totals"] == totals_of(stored)
    assert stored.snapshot["statistics"]["totals"] == {
        "activities": 1,
        "participants": 45,
        "budget_vnd": 35_000_000,
    }
    assert stored.snapshot["computed_at"] == now.isoformat()
    assert stored.snapshot["carried"] == []
    figures = selectors.review_figures(stored)
    assert figures["frozen"] is True and figures["statistics"]["totals"]["participants"] == 45


def test_update_replaces_details_and_attendees(review, lead_officer):
    data = review_input(
        document_number="12/BC-BDT",
        attendees=[services.AttendeeInput(name="Lê Thị Hoa", title="Chuyên viên")],
        sections={"lessons": "Phân công rõ việc."},
    )
    services.review_update(review=review, data=data, by=lead_officer)
    stored = Review.objects.get(pk=review.pk)
    assert (stored.document_number, stored.lessons, stored.achievements) == (
        "12/BC-BDT",
        "Phân công rõ việc.",
        "Các bên phối hợp chặt chẽ.",
    )
    assert list(stored.attendees.values_list("name", "order")) == [("Lê Thị Hoa", 0)]


def test_hold_needs_the_conference_written_down(signed_program, lead_officer):
    review = services.review_create(
        program=signed_program,
        data=review_input(conference_date=None, place="", chair_name=""),
        by=lead_officer,
    )
    with pytest.raises(ValidationError) as exc:
        services.review_hold(review=review, by=lead_officer)
    assert exc.value.message_dict == {
        "conference_date": ["Nhập ngày tổ chức hội nghị."],
        "place": ["Nhập địa điểm hội nghị."],
        "chair_name": ["Nhập người chủ trì hội nghị."],
    }
    assert Review.objects.get(pk=review.pk).status == "draft"


def test_concluding_a_draft_review_is_refused(review, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.review_conclude(review=review, by=lead_officer)
    assert exc.value.message_dict == {
        "status": ["Ghi nhận hội nghị (ngày, địa điểm, người chủ trì) trước khi kết luận."]
    }
    assert Review.objects.get(pk=review.pk).snapshot is None


def test_figures_stay_frozen_after_conclusion_and_the_difference_is_listed(
    review,
    lead_officer,
    partner_officer,
    training,
    activity_data,
    signed_program,
    partner_agency,
    lead_agency,
):
    services.review_hold(review=review, by=lead_officer)
    services.review_conclude(review=review, by=lead_officer)
    frozen = Review.objects.get(pk=review.pk)
    before = selectors.review_figures(frozen)["statistics"]
    assert selectors.review_difference(frozen) == []

    # Another training accepted afterwards, in the period: 30 Khơ-me women of 31–59.
    area1 = signed_program.content_areas.get(number=1)
    from phoihop.activities import services as activity_services

    accepted(
        signed_program,
        activity_data(
            start_date=dt.date(2023, 10, 2),
            end_date=dt.date(2023, 10, 2),
            organiser=lead_agency,
            content_area=area1,
            total_participants=30,
            participation=[
                activity_services.ParticipationInput(
                    count=30, ethnic_group=group("05"), sex="female", age_band="adult_31_59"
                )
            ],
            localities=[],
        ),
        organiser_user=lead_officer,
        lead_user=lead_officer,
    )
    again = Review.objects.get(pk=review.pk)
    assert selectors.review_figures(again)["statistics"] == before
    assert totals_of(again) == {"activities": 2, "participants": 75, "budget_vnd": 70_000_000}
    difference = selectors.review_difference(again)
    assert difference[:2] == [
        {"breakdown": "Tổng cộng", "label": "Số hoạt động", "field": "activities", "then": 1, "now": 2},
        {
            "breakdown": "Tổng cộng",
            "label": "Số người tham gia",
            "field": "participants",
            "then": 45,
            "now": 75,
        },
    ]
    rows = {(d["breakdown"], d["label"], d["field"]): (d["then"], d["now"]) for d in difference[2:]}
    assert rows[("Theo nội dung phối hợp", "1. Tuyên truyền chính sách dân tộc", "activities")] == (0, 1)
    assert rows[("Theo cơ quan (tổ chức hoặc phối hợp)", lead_agency.name, "participants")] == (0, 30)
    assert rows[("Người tham gia theo dân tộc", "Khơ-me", "participants")] == (0, 30)
    assert rows[("Người tham gia theo giới tính", "Nữ", "participants")] == (20, 50)
    assert rows[("Người tham gia theo độ tuổi", "31–59 tuổi", "participants")] == (0, 30)
    assert ("Người tham gia theo giới tính", "Nam", "participants") not in rows


def test_concluded_review_cannot_be_edited(review, lead_officer):
    services.review_hold(review=review, by=lead_officer)
    services.review_conclude(review=review, by=lead_officer)
    day = timezone.localdate().strftime("%d/%m/%Y")
    with pytest.raises(ValidationError) as exc:
        services.review_update(review=review, data=review_input(place="Nơi khác"), by=lead_officer)
    assert exc.value.message_dict == {"status": [f"Đã kết luận ngày {day}; không sửa được nữa."]}
    with pytest.raises(ValidationError):
        services.conclusion_add(review=review, text="Thêm một ý", by=lead_officer)
    assert Review.objects.get(pk=review.pk).place == "Hội trường Ban Dân tộc thành phố Cần Thơ"
    assert not Conclusion.objects.exists()


@pytest.mark.parametrize("who", ["partner_officer", "editor", "other_officer"])
def test_only_lead_staff_open_a_review(request, who, signed_program):
    with pytest.raises(PermissionDenied):
        services.review_create(program=signed_program, data=review_input(), by=request.getfixturevalue(who))
    assert not Review.objects.exists()


# --- bad input: refused with the message at its field, nothing saved ------------------------


def test_review_period_outside_the_phase_is_refused(signed_program, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.review_create(
            program=signed_program,
            data=review_input(period_start=dt.date(2020, 12, 1), period_end=dt.date(2021, 6, 30)),
            by=lead_officer,
        )
    assert exc.value.message_dict == {
        "period_start": [
            "Kỳ sơ kết, tổng kết phải nằm trong giai đoạn của chương trình (01/01/2021 – 31/12/2025)."
        ]
    }
    assert (Review.objects.count(), Attendee.objects.count()) == (0, 0)


def test_review_period_ending_after_the_phase_is_refused(signed_program, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.review_create(
            program=signed_program,
            data=review_input(
                period_start=dt.date(2025, 1, 1), period_end=dt.date(2026, 1, 31), conference_date=None
            ),
            by=lead_officer,
        )
    assert exc.value.message_dict == {
        "period_start": [
            "Kỳ sơ kết, tổng kết phải nằm trong giai đoạn của chương trình (01/01/2021 – 31/12/2025)."
        ]
    }
    assert not Review.objects.exists()


def test_review_period_ending_before_it_starts_is_refused(signed_program, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.review_create(
            program=signed_program,
            data=review_input(period_start=dt.date(2023, 6, 30), period_end=dt.date(2023, 1, 1)),
            by=lead_officer,
        )
    assert exc.value.message_dict["period_end"] == ["Ngày kết thúc kỳ phải sau ngày bắt đầu."]
    assert not Review.objects.exists()


def test_review_overlapping_another_of_the_same_kind_is_refused(review, signed_program, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.review_create(
            program=signed_program,
            data=review_input(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31)),
            by=lead_officer,
        )
    assert exc.value.message_dict == {
        "period_start": ["Kỳ này trùng với «Sơ kết giai đoạn» đã có (13/05/2021 – 30/06/2024)."]
    }
    assert list(Review.objects.values_list("pk", flat=True)) == [review.pk]
    assert Attendee.objects.count() == 2


def test_review_of_another_kind_may_overlap(review, signed_program, lead_officer):
    annual = services.review_create(
        program=signed_program,
        data=review_input(kind="annual", period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31)),
        by=lead_officer,
    )
    assert Review.objects.count() == 2 and annual.kind == "annual"


def test_editing_a_review_into_an_overlap_is_refused(review, signed_program, lead_officer):
    other = services.review_create(
        program=signed_program,
        data=review_input(period_start=dt.date(2024, 7, 1), period_end=dt.date(2025, 6, 30)),
        by=lead_officer,
    )
    # Its own period is no overlap with itself.
    services.review_update(review=review, data=review_input(place="Hội trường B"), by=lead_officer)
    with pytest.raises(ValidationError) as exc:
        services.review_update(
            review=other,
            data=review_input(period_start=dt.date(2024, 6, 1), period_end=dt.date(2025, 6, 30)),
            by=lead_officer,
        )
    assert list(exc.value.message_dict) == ["period_start"]
    assert Review.objects.get(pk=other.pk).period_start == dt.date(2024, 7, 1)


def test_concluding_twice_is_refused(review, lead_officer):
    services.review_hold(review=review, by=lead_officer)
    first = timezone.now() - dt.timedelta(days=3)
    services.review_conclude(review=review, by=lead_officer, now=first)
    snapshot = Review.objects.get(pk=review.pk).snapshot
    with pytest.raises(ValidationError) as exc:
        services.review_conclude(review=review, by=lead_officer)
    day = timezone.localtime(first).strftime("%d/%m/%Y")
    assert exc.value.message_dict == {
        "status": [f"Kỳ này đã kết luận ngày {day}; không kết luận lần nữa được."]
    }
    stored = Review.objects.get(pk=review.pk)
    assert (stored.concluded_at, stored.snapshot) == (first, snapshot)
    assert stored.history.filter(history_change_reason="Kết luận").count() == 1


def test_conclusion_assigned_to_an_agency_that_is_not_a_party_is_refused(review, lead_officer, other_agency):
    with pytest.raises(ValidationError) as exc:
        services.conclusion_add(
            review=review,
            text="Tỉnh đoàn Thái Nguyên tập huấn cho thanh niên.",
            assignee=other_agency,
            due_date=dt.date(2024, 12, 31),
            by=lead_officer,
        )
    assert exc.value.message_dict == {
        "assignee": ["«Tỉnh đoàn Thái Nguyên» không phải là bên tham gia chương trình."]
    }
    assert (Conclusion.objects.count(), FollowUp.objects.count()) == (0, 0)


def test_follow_up_due_before_the_review_date_is_refused(review, lead_officer, partner_agency):
    with pytest.raises(ValidationError) as exc:
        services.conclusion_add(
            review=review,
            text="Tổ chức tập huấn.",
            assignee=partner_agency,
            due_date=dt.date(2024, 6, 30),
            by=lead_officer,
        )
    assert exc.value.message_dict == {"due_date": ["Thời hạn không thể trước ngày hội nghị (01/07/2024)."]}
    assert (Conclusion.objects.count(), FollowUp.objects.count()) == (0, 0)


def test_follow_up_without_a_due_date_is_refused(review, lead_officer, partner_agency):
    with pytest.raises(ValidationError) as exc:
        services.conclusion_add(review=review, text="Tập huấn.", assignee=partner_agency, by=lead_officer)
    assert exc.value.message_dict == {"due_date": ["Nhập thời hạn."]}
    assert (Conclusion.objects.count(), FollowUp.objects.count()) == (0, 0)


def test_follow_up_from_a_finding_due_before_the_visit_is_refused(finding, signed_program, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.followup_create(
            program=signed_program,
            finding=finding,
            text="Cấp bổ sung báo.",
            assignee=finding.responsible_agency,
            due_date=dt.date(2022, 4, 1),
            by=lead_officer,
        )
    assert exc.value.message_dict == {"due_date": ["Thời hạn không thể trước ngày giám sát (05/04/2022)."]}
    assert not FollowUp.objects.exists()
    assert finding.__class__.objects.get(pk=finding.pk).status == "open"


def test_finding_on_an_activity_that_is_not_a_monitoring_visit_is_refused(
    training, lead_officer, partner_agency
):
    from phoihop.reviews.models import Finding

    with pytest.raises(ValidationError) as exc:
        services.finding_create(
            activity=training,
            data=services.FindingInput(
                policy="Chính sách tín dụng", issue="Chậm giải ngân.", responsible_agency=partner_agency
            ),
            by=lead_officer,
        )
    assert exc.value.message_dict == {
        "activity": ["Chỉ ghi kết quả giám sát cho hoạt động loại «Kiểm tra, giám sát»."]
    }
    assert not Finding.objects.exists()


def test_finding_without_policy_issue_or_agency_is_refused(visit, lead_officer):
    from phoihop.reviews.models import Finding

    with pytest.raises(ValidationError) as exc:
        services.finding_create(
            activity=visit,
            data=services.FindingInput(policy=" ", issue="", responsible_agency=None),
            by=lead_officer,
        )
    assert exc.value.message_dict == {
        "policy": ["Nhập chính sách được giám sát."],
        "issue": ["Nhập vấn đề phát hiện."],
        "responsible_agency": ["Chọn cơ quan chịu trách nhiệm."],
    }
    assert not Finding.objects.exists()


def test_review_of_a_draft_program_is_refused(program, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.review_create(program=program, data=review_input(), by=lead_officer)
    assert exc.value.message_dict == {"program": ["Chương trình chưa ký kết nên chưa sơ kết, tổng kết được."]}
    assert (Review.objects.count(), Attendee.objects.count()) == (0, 0)


# --- conclusions and follow-ups -------------------------------------------------------------


def test_conclusion_with_an_assignee_and_due_date_becomes_a_follow_up(review, lead_officer, partner_agency):
    plain = services.conclusion_add(review=review, text="Ghi nhận kết quả phối hợp.", by=lead_officer)
    task = services.conclusion_add(
        review=review,
        text="Tập huấn chính sách dân tộc cho cán bộ Mặt trận cơ sở.",
        assignee=partner_agency,
        due_date=dt.date(2024, 12, 31),
        by=lead_officer,
    )
    assert (plain.number, task.number) == (1, 2)
    assert not hasattr(plain, "followup")
    followup = FollowUp.objects.get()
    assert (followup.conclusion, followup.program, followup.assignee, followup.due_date, followup.status) == (
        task,
        review.program,
        partner_agency,
        dt.date(2024, 12, 31),
        "open",
    )
    assert (followup.text, followup.created_by) == (task.text, lead_officer)
    assert followup.source == review

    services.conclusion_delete(conclusion=task, by=lead_officer)
    assert (Conclusion.objects.count(), FollowUp.objects.count()) == (1, 0)


def test_open_follow_ups_of_an_earlier_review_are_carried_into_the_next(
    review, signed_program, lead_officer, partner_agency, lead_agency
):
    open_task = services.conclusion_add(
        review=review,
        text="Tập huấn cho cán bộ Mặt trận cơ sở.",
        assignee=partner_agency,
        due_date=dt.date(2024, 12, 31),
        by=lead_officer,
    ).followup
    done_task = services.conclusion_add(
        review=review,
        text="Rà soát danh sách người có uy tín.",
        assignee=lead_agency,
        due_date=dt.date(2024, 9, 30),
        by=lead_officer,
    ).followup
    services.review_hold(review=review, by=lead_officer)
    services.review_conclude(review=review, by=lead_officer)
    # Carried into the review itself? No: its own conclusions are not "from before".
    assert Review.objects.get(pk=review.pk).snapshot["carried"] == []
    services.followup_set_status(followup=done_task, status="done", by=lead_officer)

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
    assert selectors.carried_followups(following) == [open_task]
    services.review_hold(review=following, by=lead_officer)
    services.review_conclude(review=following, by=lead_officer)
    assert Review.objects.get(pk=following.pk).snapshot["carried"] == [
        {
            "id": open_task.pk,
            "text": "Tập huấn cho cán bộ Mặt trận cơ sở.",
            "assignee": "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ",
            "due_date": "2024-12-31",
            "status": "Chưa thực hiện",
        }
    ]


@pytest.fixture
def task(review, lead_officer, partner_agency):
    """A follow-up assigned to the partner agency, due 31/12/2024."""
    return services.conclusion_add(
        review=review,
        text="Tập huấn cho cán bộ Mặt trận cơ sở.",
        assignee=partner_agency,
        due_date=dt.date(2024, 12, 31),
        by=lead_officer,
    ).followup


def test_assignee_staff_move_their_follow_up_to_in_progress_and_done(task, partner_officer):
    services.followup_set_status(followup=task, status="in_progress", by=partner_officer)
    assert (FollowUp.objects.get(pk=task.pk).status, task.closed_at) == ("in_progress", None)
    services.followup_set_status(
        followup=task, status="done", note="Đã tập huấn 2 lớp, 120 học viên.", by=partner_officer
    )
    stored = FollowUp.objects.get(pk=task.pk)
    assert (stored.status, stored.closing_note) == ("done", "Đã tập huấn 2 lớp, 120 học viên.")
    assert stored.closed_at is not None
    assert list(stored.history.values_list("history_change_reason", flat=True)[:2]) == [
        "Đã hoàn thành",
        "Đang thực hiện",
    ]


def test_assignee_cannot_drop_its_follow_up(task, partner_officer):
    with pytest.raises(ValidationError) as exc:
        services.followup_set_status(
            followup=task, status="dropped", reason="Không có kinh phí.", by=partner_officer
        )
    assert exc.value.message_dict == {
        "status": ["Chỉ cơ quan chủ trì chương trình quyết định không thực hiện một việc."]
    }
    assert FollowUp.objects.get(pk=task.pk).status == "open"


def test_dropping_without_a_reason_is_refused(task, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.followup_set_status(followup=task, status="dropped", reason="  ", by=lead_officer)
    assert exc.value.message_dict == {"reason": ["Ghi rõ lý do không thực hiện."]}
    stored = FollowUp.objects.get(pk=task.pk)
    assert (stored.status, stored.drop_reason, stored.closed_at) == ("open", "", None)


def test_lead_drops_a_follow_up_with_a_reason(task, leader):
    services.followup_set_status(
        followup=task, status="dropped", reason="Đã lồng ghép vào Dự án 10.", by=leader
    )
    stored = FollowUp.objects.get(pk=task.pk)
    assert (stored.status, stored.drop_reason) == ("dropped", "Đã lồng ghép vào Dự án 10.")
    assert stored.closed_at is not None


def test_only_the_lead_reopens_a_closed_follow_up(task, partner_officer, lead_officer):
    services.followup_set_status(followup=task, status="done", by=partner_officer)
    with pytest.raises(ValidationError) as exc:
        services.followup_set_status(followup=task, status="in_progress", by=partner_officer)
    assert exc.value.message_dict == {"status": ["Việc đã đóng; chỉ cơ quan chủ trì mở lại được."]}
    assert FollowUp.objects.get(pk=task.pk).status == "done"
    services.followup_set_status(followup=task, status="open", by=lead_officer)
    stored = FollowUp.objects.get(pk=task.pk)
    assert (stored.status, stored.closed_at) == ("open", None)


def test_setting_the_status_it_already_has_is_refused(task, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.followup_set_status(followup=task, status="open", by=lead_officer)
    assert exc.value.message_dict == {"status": ["Việc này đã ở trạng thái «Chưa thực hiện»."]}
    with pytest.raises(ValidationError) as exc:
        services.followup_set_status(followup=task, status="finished", by=lead_officer)
    assert exc.value.message_dict == {"status": ["Trạng thái không hợp lệ."]}


@pytest.mark.parametrize("who", ["editor", "other_officer"])
def test_others_cannot_update_a_follow_up(request, who, task):
    with pytest.raises(PermissionDenied):
        services.followup_set_status(followup=task, status="in_progress", by=request.getfixturevalue(who))
    assert FollowUp.objects.get(pk=task.pk).status == "open"


def test_finding_status_follows_its_follow_up(
    finding, signed_program, lead_officer, partner_agency, partner_officer
):
    from phoihop.reviews.models import Finding

    assert finding.status == "open"
    followup = services.followup_create(
        program=signed_program,
        finding=finding,
        text="Rà soát và cấp bổ sung báo, tạp chí.",
        assignee=partner_agency,
        due_date=dt.date(2022, 6, 30),
        by=lead_officer,
    )
    assert Finding.objects.get(pk=finding.pk).status == "in_progress"
    services.followup_set_status(followup=followup, status="done", by=partner_officer)
    assert Finding.objects.get(pk=finding.pk).status == "resolved"
    services.followup_set_status(followup=followup, status="in_progress", by=lead_officer)
    assert Finding.objects.get(pk=finding.pk).status == "in_progress"
    services.followup_set_status(
        followup=followup, status="dropped", reason="Không còn cần.", by=lead_officer
    )
    assert Finding.objects.get(pk=finding.pk).status == "open"


def test_partner_records_findings_of_its_own_visit(
    signed_program, partner_officer, partner_agency, lead_agency, activity_data
):
    from phoihop.activities import services as activity_services

    own = activity_services.activity_create(
        program=signed_program,
        data=activity_data(
            kind="monitoring_visit", start_date=dt.date(2023, 3, 1), end_date=dt.date(2023, 3, 1)
        ),
        by=partner_officer,
    )
    finding = services.finding_create(
        activity=own,
        data=services.FindingInput(
            policy="Tín dụng chính sách", issue="Chậm giải ngân.", responsible_agency=lead_agency
        ),
        by=partner_officer,
    )
    assert (finding.program, finding.created_by, finding.status) == (signed_program, partner_officer, "open")


def test_partner_cannot_record_findings_of_the_leads_visit(visit, partner_officer, partner_agency):
    with pytest.raises(PermissionDenied):
        services.finding_create(
            activity=visit,
            data=services.FindingInput(policy="P", issue="I", responsible_agency=partner_agency),
            by=partner_officer,
        )


# --- reminders ------------------------------------------------------------------------------


@pytest.fixture
def overdue(review, lead_officer, partner_officer, partner_agency, lead_agency):
    """On 15/01/2025: two overdue tasks of the partner, one of the lead, one of the partner
    reminded an hour ago, one of the partner not due yet, one done."""
    lead_officer.email = "mai.le@bdt.cantho.gov.vn"
    lead_officer.save()
    partner_officer.email = "son.pham@mttq.cantho.gov.vn"
    partner_officer.save()

    def add(text, assignee, due):
        return services.conclusion_add(
            review=review, text=text, assignee=assignee, due_date=due, by=lead_officer
        ).followup

    tasks = {
        "a": add("Tập huấn cho cán bộ Mặt trận cơ sở.", partner_agency, dt.date(2024, 9, 30)),
        "b": add("Vận động xã hội hóa hỗ trợ nhà ở.", partner_agency, dt.date(2024, 12, 31)),
        "c": add("Rà soát danh sách người có uy tín.", lead_agency, dt.date(2024, 10, 15)),
        "reminded": add("Tổng hợp kinh phí.", partner_agency, dt.date(2024, 8, 31)),
        "later": add("Chuẩn bị tổng kết.", partner_agency, dt.date(2025, 6, 30)),
        "done": add("Báo cáo quý.", partner_agency, dt.date(2024, 8, 1)),
    }
    FollowUp.objects.filter(pk=tasks["reminded"].pk).update(
        reminded_at=timezone.now() - dt.timedelta(hours=1)
    )
    services.followup_set_status(followup=tasks["done"], status="done", by=partner_officer)
    return tasks


def test_one_reminder_per_agency_lists_all_its_overdue_follow_ups(overdue, signed_program, lead_officer):
    result = services.followups_remind(
        program=signed_program,
        by=lead_officer,
        today=dt.date(2025, 1, 15),
        base_url="https://phoihop.example",
    )
    assert [(a.short_name, [f.pk for f in items], to) for a, items, to in result["sent"]] == [
        ("BDT", [overdue["c"].pk], ["mai.le@bdt.cantho.gov.vn"]),
        ("MTTQ", [overdue["a"].pk, overdue["b"].pk], ["son.pham@mttq.cantho.gov.vn"]),
    ]
    assert len(mail.outbox) == 2
    to_partner = next(m for m in mail.outbox if m.to == ["son.pham@mttq.cantho.gov.vn"])
    assert to_partner.subject == "Việc quá hạn cần thực hiện (2)"
    title = signed_program.title
    assert to_partner.body.splitlines()[:5] == [
        "Kính gửi Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ,",
        "",
        "Đơn vị còn 2 việc cần thực hiện đã quá hạn:",
        f"- Tập huấn cho cán bộ Mặt trận cơ sở. (chương trình «{title}», hạn 30/09/2024): "
        f"https://phoihop.example/reviews/followups/{overdue['a'].pk}/",
        f"- Vận động xã hội hóa hỗ trợ nhà ở. (chương trình «{title}», hạn 31/12/2024): "
        f"https://phoihop.example/reviews/followups/{overdue['b'].pk}/",
    ]
    for left_out in ("Tổng hợp kinh phí.", "Chuẩn bị tổng kết.", "Báo cáo quý."):
        assert left_out not in to_partner.body
    to_lead = next(m for m in mail.outbox if m.to == ["mai.le@bdt.cantho.gov.vn"])
    assert to_lead.subject == "Việc quá hạn cần thực hiện (1)"
    assert "Rà soát danh sách người có uy tín." in to_lead.body
    reminded = set(FollowUp.objects.filter(reminded_at__isnull=False).values_list("pk", flat=True))
    assert reminded == {overdue["a"].pk, overdue["b"].pk, overdue["c"].pk, overdue["reminded"].pk}


def test_recently_reminded_follow_ups_are_not_reminded_again(overdue, signed_program, lead_officer):
    services.followups_remind(program=signed_program, by=lead_officer, today=dt.date(2025, 1, 15))
    assert len(mail.outbox) == 2
    again = services.followups_remind(program=signed_program, by=lead_officer, today=dt.date(2025, 1, 15))
    assert again == {"sent": [], "skipped": []}
    assert len(mail.outbox) == 2


def test_agency_without_an_address_is_skipped_with_the_reason(
    overdue, signed_program, lead_officer, partner_officer
):
    partner_officer.email = ""
    partner_officer.save()
    result = services.followups_remind(program=signed_program, by=lead_officer, today=dt.date(2025, 1, 15))
    assert [(a.short_name, reason) for a, reason in result["skipped"]] == [
        ("MTTQ", "cơ quan chưa có tài khoản nào có địa chỉ email")
    ]
    assert [m.to for m in mail.outbox] == [["mai.le@bdt.cantho.gov.vn"]]
    # Not sent, so not marked as reminded.
    assert FollowUp.objects.get(pk=overdue["a"].pk).reminded_at is None


def test_partner_cannot_send_follow_up_reminders(overdue, signed_program, partner_officer):
    with pytest.raises(PermissionDenied):
        services.followups_remind(program=signed_program, by=partner_officer, today=dt.date(2025, 1, 15))
    assert not mail.outbox
