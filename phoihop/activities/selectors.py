"""Reads of activities shared by pages, the API and exports."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.shortcuts import get_object_or_404

from phoihop.activities.models import Activity, Locality, Participation, Status
from phoihop.core.history import entry
from phoihop.core.rules import STAFF_ROLES
from phoihop.core.search import search
from phoihop.programs.models import Party, Role
from phoihop.reference.models import AdministrativeUnit, Era, UnitLevel


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
        Prefetch("localities", queryset=Locality.objects.select_related("unit__parent")),
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
        qs = qs.filter(_organised_by(agency))
    if status:
        qs = qs.filter(status__in=status)
    if date_from:
        qs = qs.filter(start_date__gte=date_from)
    if date_to:
        qs = qs.filter(start_date__lte=date_to)
    return _with_parts(search(qs, q))


def activity_get(*, user, pk: int) -> Activity:
    return get_object_or_404(_with_parts(visible_activities(user)), pk=pk)


def review_queue(*, user) -> QuerySet:
    """Submitted activities of the programs the user's agency leads (staff only; all for
    administrators), oldest first."""
    qs = activity_list(user=user, status=[Status.SUBMITTED])
    if not user.is_superuser:
        if user.role not in STAFF_ROLES or not user.agency_id:
            return qs.none()
        lead = Party.objects.filter(program=OuterRef("program_id"), agency_id=user.agency_id, role=Role.LEAD)
        qs = qs.filter(Exists(lead))
    return qs.order_by("submitted_at", "pk")


def activity_history(*, activity: Activity, limit: int = 100) -> list[dict]:
    records = activity.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    return [entry(record) for record in records]


def _organised_by(agency: int):
    """Organised or co-organised by the agency (credit goes to each)."""
    through = Activity.co_organisers.through.objects.filter(activity_id=OuterRef("pk"), agency_id=agency)
    return Q(organiser_id=agency) | Exists(through)


def _held_in(code: str) -> Exists:
    """Held in a current province or commune: a locality whose unit is that unit or one of
    its communes, or a legacy unit whose successors are among them."""
    unit = AdministrativeUnit.objects.filter(
        era=Era.CURRENT, code=code, level__in=(UnitLevel.PROVINCE, UnitLevel.COMMUNE)
    ).values("pk")
    units = AdministrativeUnit.objects.filter(Q(pk__in=unit) | Q(parent__in=unit)).values("pk")
    places = Locality.objects.filter(activity_id=OuterRef("pk")).filter(
        Q(unit__in=units) | Q(unit__successors__in=units)
    )
    return Exists(places)


def _grouped(qs: QuerySet, key: str, **aggregates) -> list[dict]:
    return [dict(row) for row in qs.values(key).annotate(**aggregates).order_by(key)]


def program_statistics(
    *,
    program,
    statuses: tuple[str, ...] = ("accepted",),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    agency: int | None = None,
    content_area: int | None = None,
    kind: str | None = None,
    locality: str | None = None,
) -> dict:
    """The figures of a program for a period, computed on request from the activities:
    totals; activities and participants by content area, agency, year and kind;
    participants by ethnic group, sex and age band.

    An activity counts once in every total; by agency it is credited to its organiser and
    to each co-organiser. By default only accepted activities count; `statuses` adds others.
    `agency` keeps the activities it organised or co-organised; `locality` (the code of a
    current province or commune) those held there, legacy units counting under their
    successors. The dashboard, the API and the reports all call this one function.
    """
    base = Activity.objects.filter(program=program, status__in=statuses)
    if date_from:
        base = base.filter(start_date__gte=date_from)
    if date_to:
        base = base.filter(start_date__lte=date_to)
    if agency:
        base = base.filter(_organised_by(agency))
    if content_area:
        base = base.filter(content_area_id=content_area)
    if kind:
        base = base.filter(kind=kind)
    if locality:
        base = base.filter(_held_in(locality))
    per_activity = {"activities": Count("id"), "participants": Coalesce(Sum("total_participants"), 0)}

    totals = base.aggregate(
        activities=Count("id"),
        participants=Coalesce(Sum("total_participants"), 0),
        budget_vnd=Coalesce(Sum("budget_vnd"), 0),
    )

    by_agency: dict[int, dict] = {}
    for row in base.values("organiser_id").annotate(**per_activity):
        by_agency[row["organiser_id"]] = {
            "agency_id": row["organiser_id"],
            "activities": row["activities"],
            "participants": row["participants"],
        }
    co = Activity.co_organisers.through.objects.filter(activity__in=base.values("pk"))
    for row in co.values("agency_id").annotate(
        activities=Count("activity_id"), participants=Coalesce(Sum("activity__total_participants"), 0)
    ):
        entry = by_agency.setdefault(
            row["agency_id"], {"agency_id": row["agency_id"], "activities": 0, "participants": 0}
        )
        entry["activities"] += row["activities"]
        entry["participants"] += row["participants"]

    rows = Participation.objects.filter(activity__in=base.values("pk"))
    people = {"participants": Coalesce(Sum("count"), 0)}

    def rename(items: list[dict], old: str, new: str) -> list[dict]:
        return [{new: item.pop(old), **item} for item in items]

    return {
        "totals": totals,
        "by_content_area": _grouped(base, "content_area_id", **per_activity),
        "by_agency": sorted(by_agency.values(), key=lambda r: r["agency_id"]),
        "by_year": rename(
            _grouped(base.annotate(y=ExtractYear("start_date")), "y", **per_activity), "y", "year"
        ),
        "by_kind": _grouped(base, "kind", **per_activity),
        "by_ethnic_group": rename(
            _grouped(rows, "ethnic_group__code", **people), "ethnic_group__code", "ethnic_group_code"
        ),
        "by_sex": _grouped(rows, "sex", **people),
        "by_age_band": _grouped(rows, "age_band", **people),
        "indicators": [],
    }
