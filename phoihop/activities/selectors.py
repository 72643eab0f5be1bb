"""Reads of activities shared by pages, the API and exports."""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from phoihop.activities.models import Activity, Locality, Participation
from phoihop.core.search import search
from phoihop.programs.models import Party


def visible_activities(user) -> QuerySet:
    """Activities of the programs the user's agency is a party to (all for administrators);
    activities of deleted programs are hidden."""
    qs = Activity.objects.filter(program__deleted_at__isnull=True)
    if user.is_authenticated and user.is_superuser:
        return qs
    if user.is_authenticated and user.agency_id:
        party = Party.objects.filter(program=OuterRef("program_id"), agency_id=user.agency_id)
        return qs.filter(Exists(party))
    return qs.none()


def _with_parts(qs: QuerySet) -> QuerySet:
    return qs.select_related("program", "content_area", "organiser").prefetch_related(
        "co_organisers",
        Prefetch("participation", queryset=Participation.objects.select_related("ethnic_group")),
        Prefetch("localities", queryset=Locality.objects.select_related("unit")),
        "outputs",
        Prefetch("program__parties", queryset=Party.objects.only("id", "program_id", "agency_id", "role")),
    )


def activity_list(
    *,
    user,
    program: int | None = None,
    agency: int | None = None,
    status: list[str] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: str | None = None,
) -> QuerySet:
    """Filtered activities; `agency` matches the organiser or a co-organiser (credit goes
    to each); the period keeps activities that started inside it."""
    qs = visible_activities(user)
    if program:
        qs = qs.filter(program_id=program)
    if agency:
        through = Activity.co_organisers.through.objects.filter(activity_id=OuterRef("pk"), agency_id=agency)
        qs = qs.filter(Q(organiser_id=agency) | Exists(through))
    if status:
        qs = qs.filter(status__in=status)
    if date_from:
        qs = qs.filter(start_date__gte=date_from)
    if date_to:
        qs = qs.filter(start_date__lte=date_to)
    return _with_parts(search(qs, q))


def activity_get(*, user, pk: int) -> Activity:
    return get_object_or_404(_with_parts(visible_activities(user)), pk=pk)
