"""Reads of reviews, follow-ups and findings shared by pages, the API and the reports."""

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from phoihop.activities import selectors as activity_selectors
from phoihop.core.search import search
from phoihop.programs.models import Party
from phoihop.reviews.models import (
    OPEN_STATUSES,
    Attendee,
    Conclusion,
    Finding,
    FollowUp,
    Review,
    Status,
)


def _program_parts(qs: QuerySet) -> QuerySet:
    return qs.select_related("program").prefetch_related(
        Prefetch("program__parties", queryset=Party.objects.select_related("agency"))
    )


def review_list(*, user, program: int | None = None) -> QuerySet:
    qs = Review.objects.visible_to(user).select_related("program")
    if program:
        qs = qs.filter(program_id=program)
    return qs


def review_get(*, user, pk: int) -> Review:
    qs = _program_parts(Review.objects.visible_to(user)).prefetch_related(
        Prefetch("attendees", queryset=Attendee.objects.select_related("agency")),
        Prefetch("conclusions", queryset=Conclusion.objects.select_related("followup__assignee")),
    )
    return get_object_or_404(qs, pk=pk)


def review_statistics(review: Review) -> dict:
    """The review's figures as the dashboard and the statistics endpoint compute them for
    its period (accepted activities that started in it), with the rows labelled:
    {"statistics": program_statistics(...), "breakdowns": labelled_breakdowns(...)}."""
    program = review.program
    stats = activity_selectors.program_statistics(
        program=program, date_from=review.period_start, date_to=review.period_end
    )
    breakdowns = activity_selectors.labelled_breakdowns(
        stats, activity_selectors.content_area_breakdown(program)
    )
    return {"statistics": stats, "breakdowns": breakdowns}


def review_figures(review: Review) -> dict:
    """What a review shows and reports: the snapshot frozen at its conclusion, else the
    figures of today. Adds "frozen" (bool) and "computed_at"."""
    if review.status == Status.CONCLUDED and review.snapshot:
        return {**review.snapshot, "frozen": True}
    return {**review_statistics(review), "frozen": False, "computed_at": timezone.now().isoformat()}


def review_difference(review: Review) -> list[dict]:
    """How today's figures differ from a concluded review's snapshot (activities accepted,
    returned or edited since): [{"breakdown", "label", "field", "then", "now"}], totals
    first. Empty when nothing changed or the review is not concluded."""
    if review.status != Status.CONCLUDED or not review.snapshot:
        return []
    now = review_statistics(review)
    then = review.snapshot
    changes = []
    for field, label in (("activities", "Số hoạt động"), ("participants", "Số người tham gia")):
        a, b = then["statistics"]["totals"][field], now["statistics"]["totals"][field]
        if a != b:
            changes.append({"breakdown": "Tổng cộng", "label": label, "field": field, "then": a, "now": b})
    current = {item["key"]: item for item in now["breakdowns"]}
    for item in then["breakdowns"]:
        before = {row["key"]: row for row in item["rows"]}
        after = {row["key"]: row for row in current.get(item["key"], {"rows": []})["rows"]}
        for key in list(before) + [k for k in after if k not in before]:
            old, new = before.get(key), after.get(key)
            label = (new or old)["label"]
            for field in ("activities", "participants"):
                a = (old or {}).get(field) or 0
                b = (new or {}).get(field) or 0
                if a != b:
                    changes.append(
                        {"breakdown": item["title"], "label": label, "field": field, "then": a, "now": b}
                    )
    return changes


def carried_followups(review: Review) -> list[FollowUp]:
    """The program's follow-ups still open that came before this review (from earlier
    reviews' conclusions or from findings): they are carried into it."""
    qs = (
        FollowUp.objects.filter(program_id=review.program_id, status__in=OPEN_STATUSES)
        .exclude(conclusion__review=review)
        .select_related("assignee", "conclusion__review")
    )
    if review.pk and review.created_at:
        qs = qs.filter(created_at__lt=review.concluded_at or timezone.now())
    return list(qs.order_by("due_date", "pk"))


def followup_list(
    *,
    user,
    program: int | None = None,
    agency: int | None = None,
    status: list[str] | None = None,
    overdue: bool | None = None,
    q: str | None = None,
    today: dt.date | None = None,
) -> QuerySet:
    today = today or timezone.localdate()
    qs = FollowUp.objects.visible_to(user).select_related(
        "program", "assignee", "conclusion__review", "finding"
    )
    if program:
        qs = qs.filter(program_id=program)
    if agency:
        qs = qs.filter(assignee_id=agency)
    if status:
        qs = qs.filter(status__in=status)
    if overdue is True:
        qs = qs.overdue(today)
    elif overdue is False:
        qs = qs.exclude(pk__in=FollowUp.objects.overdue(today).values("pk"))
    return search(qs, q)


def followup_get(*, user, pk: int) -> FollowUp:
    qs = _program_parts(FollowUp.objects.visible_to(user)).select_related(
        "assignee", "conclusion__review", "finding__activity"
    )
    return get_object_or_404(qs, pk=pk)


def followup_history(*, followup: FollowUp, limit: int = 50) -> list[dict]:
    from phoihop.core.history import entry

    records = followup.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    return [entry(record) for record in records]


def finding_list(*, user, program: int | None = None, status: list[str] | None = None, q=None) -> QuerySet:
    qs = Finding.objects.visible_to(user).select_related(
        "program", "activity", "locality", "responsible_agency"
    )
    if program:
        qs = qs.filter(program_id=program)
    if status:
        qs = qs.filter(status__in=status)
    return search(qs, q)


def finding_get(*, user, pk: int) -> Finding:
    qs = _program_parts(Finding.objects.visible_to(user)).select_related(
        "activity", "locality", "responsible_agency"
    )
    return get_object_or_404(qs, pk=pk)


def findings_for_period(*, program, date_from: dt.date, date_to: dt.date) -> list[Finding]:
    """Findings of the program's monitoring visits that started in the period."""
    return list(
        Finding.objects.filter(
            program=program,
            activity__start_date__gte=date_from,
            activity__start_date__lte=date_to,
        )
        .select_related("locality", "responsible_agency")
        .order_by("activity__start_date", "pk")
    )


def monitoring_visits(*, program) -> QuerySet:
    """The program's activities of kind monitoring visit, a finding's possible sources."""
    from phoihop.activities.models import Activity, Kind

    return Activity.objects.filter(program=program, kind=Kind.MONITORING_VISIT).order_by("-start_date")
