"""Writes to reviews, conclusions, follow-ups and findings. Each function checks the
permission rule, validates everything (collecting every field error in Vietnamese) before
it writes, writes in one transaction and records the acting user in the history."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.activities.models import Activity
from phoihop.activities.models import Kind as ActivityKind
from phoihop.agencies.models import Agency
from phoihop.core import history
from phoihop.programs.models import Program
from phoihop.programs.models import Status as ProgramStatus
from phoihop.reference.models import AdministrativeUnit
from phoihop.reviews import rules
from phoihop.reviews.models import (
    SECTIONS,
    Attendee,
    Conclusion,
    Finding,
    FindingStatus,
    FollowUp,
    FollowUpStatus,
    Kind,
    Review,
    Status,
)

REMINDER_PAUSE = dt.timedelta(hours=20)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


class _Errors(dict):
    def add(self, key: str, message: str) -> None:
        self.setdefault(key, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


@dataclass
class AttendeeInput:
    name: str
    title: str = ""
    agency: Agency | None = None
    agency_name: str = ""


@dataclass
class ReviewInput:
    kind: str
    period_start: dt.date | None
    period_end: dt.date | None
    document_number: str = ""
    conference_date: dt.date | None = None
    place: str = ""
    chair_name: str = ""
    chair_title: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    attendees: list[AttendeeInput] = field(default_factory=list)


def input_from_review(review: Review) -> ReviewInput:
    """The review as an input, for partial updates (PATCH) that change a few fields."""
    return ReviewInput(
        kind=review.kind,
        period_start=review.period_start,
        period_end=review.period_end,
        document_number=review.document_number,
        conference_date=review.conference_date,
        place=review.place,
        chair_name=review.chair_name,
        chair_title=review.chair_title,
        sections={name: getattr(review, name) for name in SECTIONS},
        attendees=[
            AttendeeInput(name=a.name, title=a.title, agency=a.agency, agency_name=a.agency_name)
            for a in review.attendees.all()
        ],
    )


def _validate_review(program: Program, data: ReviewInput, *, review: Review | None) -> None:
    errors = _Errors()
    if data.kind not in Kind.values:
        errors.add("kind", "Chọn loại sơ kết, tổng kết.")
    if data.period_start is None:
        errors.add("period_start", "Nhập ngày bắt đầu kỳ.")
    if data.period_end is None:
        errors.add("period_end", "Nhập ngày kết thúc kỳ.")
    start, end = data.period_start, data.period_end
    if start and end:
        first, last = dt.date(program.phase_start, 1, 1), dt.date(program.phase_end, 12, 31)
        if end < start:
            errors.add("period_end", "Ngày kết thúc kỳ phải sau ngày bắt đầu.")
        elif start < first or end > last:
            errors.add(
                "period_start",
                f"Kỳ sơ kết, tổng kết phải nằm trong giai đoạn của chương trình ({_fmt(first)} – {_fmt(last)}).",
            )
        elif data.kind in Kind.values:
            overlapping = Review.objects.filter(
                program=program, kind=data.kind, period_start__lte=end, period_end__gte=start
            )
            if review is not None:
                overlapping = overlapping.exclude(pk=review.pk)
            other = overlapping.first()
            if other is not None:
                errors.add(
                    "period_start",
                    f"Kỳ này trùng với «{other.get_kind_display()}» đã có ({other.period_label}).",
                )
    if data.conference_date and start and data.conference_date < start:
        errors.add("conference_date", "Ngày hội nghị không thể trước ngày bắt đầu kỳ.")
    unknown = set(data.sections) - set(SECTIONS)
    if unknown:
        errors.add("sections", f"Mục không có: {', '.join(sorted(unknown))}.")
    for i, attendee in enumerate(data.attendees):
        if not (attendee.name or "").strip():
            errors.add(f"attendees.{i}.name", "Nhập họ và tên đại biểu.")
    errors.raise_if_any()


def _apply(review: Review, data: ReviewInput) -> None:
    for name in ("kind", "period_start", "period_end", "document_number", "conference_date", "place"):
        setattr(review, name, getattr(data, name))
    review.chair_name, review.chair_title = data.chair_name, data.chair_title
    for name in SECTIONS:
        if name in data.sections:
            setattr(review, name, data.sections[name] or "")


def _write_attendees(review: Review, data: ReviewInput) -> None:
    review.attendees.all().delete()
    rows = []
    for i, a in enumerate(data.attendees):
        attendee = Attendee(
            review=review, name=a.name, title=a.title, agency=a.agency, agency_name=a.agency_name, order=i
        )
        attendee.normalize()
        rows.append(attendee)
    Attendee.objects.bulk_create(rows)


def review_create(*, program: Program, data: ReviewInput, by) -> Review:
    """Open a review (draft) of a signed program for a period inside its phase that does
    not overlap another review of the same kind. Lead agency staff and administrators."""
    if not rules.can_open_review(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được mở kỳ sơ kết, tổng kết.")
    if program.status == ProgramStatus.DRAFT or program.deleted_at:
        raise ValidationError({"program": ["Chương trình chưa ký kết nên chưa sơ kết, tổng kết được."]})
    _validate_review(program, data, review=None)
    review = Review(program=program, created_by=by if by.is_authenticated else None)
    _apply(review, data)
    review.full_clean(exclude=["program"])
    with transaction.atomic():
        history.save(review, by=by, reason="Mở kỳ sơ kết, tổng kết")
        _write_attendees(review, data)
    return review


def _refuse_concluded(review: Review) -> None:
    if review.status == Status.CONCLUDED:
        raise ValidationError(
            {
                "status": [
                    f"Đã kết luận ngày {timezone.localtime(review.concluded_at):%d/%m/%Y}; không sửa được nữa."
                ]
            }
        )


def review_update(*, review: Review, data: ReviewInput, by) -> Review:
    """Replace a draft or held review's details, narrative and attendees."""
    if not rules.can_conclude_review(by, review):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được sửa báo cáo sơ kết, tổng kết.")
    _refuse_concluded(review)
    _validate_review(review.program, data, review=review)
    if review.status == Status.HELD:
        _check_held(data, review)
    _apply(review, data)
    review.full_clean(exclude=["program"])
    with transaction.atomic():
        history.save(review, by=by, reason="Sửa")
        _write_attendees(review, data)
    return review


def _check_held(data, review: Review) -> None:
    errors = _Errors()
    if not data.conference_date:
        errors.add("conference_date", "Nhập ngày tổ chức hội nghị.")
    if not (data.place or "").strip():
        errors.add("place", "Nhập địa điểm hội nghị.")
    if not (data.chair_name or "").strip():
        errors.add("chair_name", "Nhập người chủ trì hội nghị.")
    errors.raise_if_any()


def review_hold(*, review: Review, by) -> Review:
    """draft → held: the conference took place (its date, place and chair are required)."""
    if not rules.can_conclude_review(by, review):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được ghi nhận hội nghị.")
    if review.status != Status.DRAFT:
        raise ValidationError({"status": [f"Kỳ này đang ở trạng thái «{review.get_status_display()}»."]})
    _check_held(review, review)
    review.status = Status.HELD
    with transaction.atomic():
        history.save(review, by=by, reason="Đã tổ chức hội nghị")
    return review


def review_conclude(*, review: Review, by, now=None) -> Review:
    """held → concluded: the figures of the period are frozen in `snapshot`, computed by
    the same selectors as the dashboard and the statistics endpoint, together with the
    follow-ups carried into it; later edits to activities no longer change the report."""
    from phoihop.reviews.selectors import carried_followups, review_statistics

    if not rules.can_conclude_review(by, review):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được kết luận.")
    if review.status == Status.CONCLUDED:
        raise ValidationError(
            {
                "status": [
                    f"Kỳ này đã kết luận ngày {timezone.localtime(review.concluded_at):%d/%m/%Y}; "
                    "không kết luận lần nữa được."
                ]
            }
        )
    if review.status != Status.HELD:
        raise ValidationError(
            {"status": ["Ghi nhận hội nghị (ngày, địa điểm, người chủ trì) trước khi kết luận."]}
        )
    now = now or timezone.now()
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        if locked.status == Status.CONCLUDED:
            raise ValidationError({"status": ["Kỳ này vừa được kết luận; không kết luận lần nữa được."]})
        review.concluded_at = now
        snapshot = review_statistics(review)
        snapshot["computed_at"] = now.isoformat()
        snapshot["carried"] = [
            {
                "id": f.pk,
                "text": f.text,
                "assignee": f.assignee.name,
                "due_date": f.due_date.isoformat(),
                "status": f.get_status_display(),
            }
            for f in carried_followups(review)
        ]
        review.snapshot = snapshot
        review.status = Status.CONCLUDED
        history.save(review, by=by, reason="Kết luận")
    return review


def _check_assignment(
    program: Program, assignee, due_date, after: dt.date, after_label: str, errors: _Errors
):
    if assignee is None:
        errors.add("assignee", "Chọn cơ quan thực hiện.")
    elif not program.parties.filter(agency=assignee).exists():
        errors.add("assignee", f"«{assignee.name}» không phải là bên tham gia chương trình.")
    if due_date is None:
        errors.add("due_date", "Nhập thời hạn.")
    elif due_date < after:
        errors.add("due_date", f"Thời hạn không thể trước {after_label} ({_fmt(after)}).")


def conclusion_add(
    *, review: Review, text: str, by, assignee: Agency | None = None, due_date=None
) -> Conclusion:
    """Add a point to the chair's conclusions. One that asks for action (an assignee agency,
    which must be a party, and a due date not before the review's date) becomes a
    follow-up in the same transaction."""
    if not rules.can_conclude_review(by, review):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được ghi kết luận.")
    _refuse_concluded(review)
    errors = _Errors()
    if not (text or "").strip():
        errors.add("text", "Nhập nội dung kết luận.")
    if assignee is not None or due_date is not None:
        label = "ngày hội nghị" if review.conference_date else "ngày cuối kỳ"
        _check_assignment(review.program, assignee, due_date, review.report_date, label, errors)
    errors.raise_if_any()
    number = (review.conclusions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    conclusion = Conclusion(review=review, number=number, text=text)
    conclusion.full_clean(exclude=["review"])
    with transaction.atomic():
        history.save(conclusion, by=by, reason="Thêm kết luận")
        if assignee is not None:
            followup = FollowUp(
                program=review.program,
                conclusion=conclusion,
                text=conclusion.text,
                assignee=assignee,
                due_date=due_date,
                created_by=by if by.is_authenticated else None,
            )
            followup.full_clean(exclude=["program", "conclusion"])
            history.save(followup, by=by, reason="Từ kết luận hội nghị")
    return conclusion


def conclusion_delete(*, conclusion: Conclusion, by) -> None:
    """Remove a point (and its follow-up) while the review is not concluded."""
    review = conclusion.review
    if not rules.can_conclude_review(by, review):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được xóa kết luận.")
    _refuse_concluded(review)
    with transaction.atomic():
        if hasattr(conclusion, "followup"):
            history.delete(conclusion.followup, by=by, reason="Xóa kết luận")
        history.delete(conclusion, by=by, reason="Xóa kết luận")


def followup_create(*, program: Program, text: str, assignee, due_date, by, finding: Finding | None = None):
    """A follow-up outside a review's conclusions: from a monitoring finding, or a task
    the lead agency assigns. Due no earlier than the visit (for a finding) or today."""
    if not rules.can_manage_followups(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được giao việc.")
    errors = _Errors()
    if not (text or "").strip():
        errors.add("text", "Nhập việc cần thực hiện.")
    if finding is not None and finding.program_id != program.pk:
        errors.add("finding", "Kết quả giám sát thuộc chương trình khác.")
    if finding is not None:
        _check_assignment(program, assignee, due_date, finding.activity.start_date, "ngày giám sát", errors)
    else:
        _check_assignment(program, assignee, due_date, timezone.localdate(), "hôm nay", errors)
    errors.raise_if_any()
    followup = FollowUp(
        program=program,
        finding=finding,
        text=text,
        assignee=assignee,
        due_date=due_date,
        created_by=by if by.is_authenticated else None,
    )
    followup.full_clean(exclude=["program", "finding"])
    with transaction.atomic():
        history.save(followup, by=by, reason="Giao việc")
        if finding is not None:
            _sync_finding(finding, by=by)
    return followup


def _sync_finding(finding: Finding, *, by) -> None:
    """A finding is resolved when one of its follow-ups is done, in progress while one
    is under way (or open), open otherwise."""
    statuses = set(finding.followups.values_list("status", flat=True))
    if FollowUpStatus.DONE in statuses:
        status = FindingStatus.RESOLVED
    elif statuses & {FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS}:
        status = FindingStatus.IN_PROGRESS
    else:
        status = FindingStatus.OPEN
    if finding.status != status:
        finding.status = status
        history.save(finding, by=by, reason="Theo việc cần thực hiện")


def followup_set_status(*, followup: FollowUp, status: str, by, note: str = "", reason: str = "") -> FollowUp:
    """Move a follow-up between open, in progress, done and dropped. The assignee's staff
    and the lead agency's staff update it; only the lead drops one (with a reason) or
    reopens a closed one. A finding it came from follows (see _sync_finding)."""
    if not rules.can_update_followup(by, followup):
        raise PermissionDenied("Chỉ cơ quan được giao hoặc cơ quan chủ trì cập nhật được việc này.")
    errors = _Errors()
    if status not in FollowUpStatus.values:
        errors.add("status", "Trạng thái không hợp lệ.")
    elif status == followup.status:
        errors.add("status", f"Việc này đã ở trạng thái «{followup.get_status_display()}».")
    elif status == FollowUpStatus.DROPPED:
        if not rules.can_drop_followup(by, followup):
            errors.add("status", "Chỉ cơ quan chủ trì chương trình quyết định không thực hiện một việc.")
        elif not (reason or "").strip():
            errors.add("reason", "Ghi rõ lý do không thực hiện.")
    elif not followup.is_open and not rules.can_drop_followup(by, followup):
        errors.add("status", "Việc đã đóng; chỉ cơ quan chủ trì mở lại được.")
    errors.raise_if_any()
    followup.status = status
    # A reason belongs to the drop: reopening clears it.
    followup.drop_reason = reason if status == FollowUpStatus.DROPPED else ""
    if note:
        followup.closing_note = note
    followup.closed_at = None if followup.is_open else timezone.now()
    followup.full_clean(exclude=["program", "conclusion", "finding", "assignee"])
    with transaction.atomic():
        history.save(followup, by=by, reason=FollowUpStatus(status).label)
        if followup.finding_id:
            _sync_finding(followup.finding, by=by)
    return followup


def followups_remind(*, by=None, program: Program | None = None, today=None, base_url: str = "") -> dict:
    """E-mail every agency with overdue follow-ups once, listing all of them (of one
    program, or of every program from the command line), through one mail connection, to
    its officers and leaders. Follow-ups reminded in the last 20 hours are left out.
    Returns {"sent": [(agency, [followups], [addresses])], "skipped": [(agency, reason)]}."""
    if program is not None and by is not None and not rules.can_manage_followups(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được gửi nhắc.")
    today = today or timezone.localdate()
    now = timezone.now()
    qs = (
        FollowUp.objects.overdue(today)
        .filter(program__deleted_at__isnull=True)
        .select_related("assignee", "program")
    )
    if program is not None:
        qs = qs.filter(program=program)
    qs = qs.exclude(reminded_at__gte=now - REMINDER_PAUSE).order_by("assignee_id", "due_date", "pk")
    by_agency: dict[int, list[FollowUp]] = {}
    for followup in qs:
        by_agency.setdefault(followup.assignee_id, []).append(followup)
    messages, sent, skipped, reminded = [], [], [], []
    for items in by_agency.values():
        agency = items[0].assignee
        addresses = sorted(
            User.objects.filter(agency=agency, is_active=True, role__in=("officer", "leader"))
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if not addresses:
            skipped.append((agency, "cơ quan chưa có tài khoản nào có địa chỉ email"))
            continue
        lines = [
            f"- {f.text} (chương trình «{f.program.title}», hạn {_fmt(f.due_date)}): {base_url}"
            f"{reverse('reviews:followup', args=[f.pk])}"
            for f in items
        ]
        body = "\n".join(
            [
                f"Kính gửi {agency.name},",
                "",
                f"Đơn vị còn {len(items)} việc cần thực hiện đã quá hạn:",
                *lines,
                "",
                "Đề nghị đơn vị cập nhật tình hình thực hiện (đang thực hiện, đã hoàn thành) tại các đường dẫn trên.",
                "Thư này được gửi từ hệ thống phoihop; xin không trả lời thư.",
            ]
        )
        messages.append(
            EmailMessage(subject=f"Việc quá hạn cần thực hiện ({len(items)})", body=body, to=addresses)
        )
        sent.append((agency, items, addresses))
        reminded.extend(f.pk for f in items)
    with transaction.atomic():
        FollowUp.objects.filter(pk__in=reminded).update(reminded_at=now)
        if messages:
            mailers.default.send_messages(messages)
    return {"sent": sent, "skipped": skipped}


@dataclass
class FindingInput:
    policy: str
    issue: str
    responsible_agency: Agency | None
    recommendation: str = ""
    locality: AdministrativeUnit | None = None
    place_as_written: str = ""


def finding_create(*, activity: Activity, data: FindingInput, by) -> Finding:
    """Record what a monitoring visit found. The activity must be a monitoring visit;
    the responsible agency is any agency (a finding may concern a local authority)."""
    if not rules.can_record_finding(by, activity):
        raise PermissionDenied(
            "Chỉ đơn vị tổ chức đợt giám sát hoặc cơ quan chủ trì được ghi kết quả giám sát."
        )
    errors = _Errors()
    if activity.kind != ActivityKind.MONITORING_VISIT:
        errors.add("activity", "Chỉ ghi kết quả giám sát cho hoạt động loại «Kiểm tra, giám sát».")
    if not (data.policy or "").strip():
        errors.add("policy", "Nhập chính sách được giám sát.")
    if not (data.issue or "").strip():
        errors.add("issue", "Nhập vấn đề phát hiện.")
    if data.responsible_agency is None:
        errors.add("responsible_agency", "Chọn cơ quan chịu trách nhiệm.")
    errors.raise_if_any()
    finding = Finding(
        program=activity.program,
        activity=activity,
        policy=data.policy,
        issue=data.issue,
        recommendation=data.recommendation,
        responsible_agency=data.responsible_agency,
        locality=data.locality,
        place_as_written=data.place_as_written,
        created_by=by if by.is_authenticated else None,
    )
    finding.full_clean(exclude=["program", "activity"])
    with transaction.atomic():
        history.save(finding, by=by, reason="Ghi kết quả giám sát")
    return finding
