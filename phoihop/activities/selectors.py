"""Reads of activities shared by pages, the API and exports."""

import datetime as dt

from django.db.models import CharField, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Cast, Coalesce, ExtractMonth, Substr
from django.shortcuts import get_object_or_404
from django.utils import timezone

from phoihop.activities.models import (
    Activity,
    ActivityFilter,
    AgeBand,
    AnnualPlan,
    Kind,
    Locality,
    ParticipantTally,
    Participation,
    Period,
    PlanItem,
    Sex,
    Status,
    Tally,
)
from phoihop.agencies.models import Agency
from phoihop.core.history import entry
from phoihop.core.rules import STAFF_ROLES
from phoihop.core.search import search
from phoihop.indicators.selectors import indicator_values
from phoihop.programs.models import PUBLIC_STATUSES, Party, Program, Role
from phoihop.reference.models import CODE_SYSTEM_121, EthnicGroup


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


def _for_rows(qs: QuerySet) -> QuerySet:
    """What a list page shows of each activity: its organiser, co-organisers and program."""
    return qs.select_related("program", "organiser").prefetch_related("co_organisers")


def activity_list(
    *,
    user,
    program: int | None = None,
    agency: int | None = None,
    status: list[str] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: str | None = None,
    parts: bool = True,
) -> QuerySet:
    """Filtered activities; `agency` matches the organiser or a co-organiser (credit goes
    to each); the period keeps activities that started inside it. With `parts` every part
    is prefetched (the API, exports); without, only what a list page shows."""
    qs = visible_activities(user)
    if program:
        qs = qs.filter(program_id=program)
    if agency:
        qs = qs.organised_by(agency)
    if status:
        qs = qs.filter(status__in=status)
    if date_from:
        qs = qs.filter(start_date__gte=date_from)
    if date_to:
        qs = qs.filter(start_date__lte=date_to)
    qs = search(qs, q)
    return _with_parts(qs) if parts else _for_rows(qs)


def activity_get(*, user, pk: int) -> Activity:
    return get_object_or_404(_with_parts(visible_activities(user)), pk=pk)


def review_queue(*, user) -> QuerySet:
    """Submitted activities of the programs the user's agency leads (staff only; all for
    administrators), oldest first."""
    qs = activity_list(user=user, status=[Status.SUBMITTED], parts=False)
    if not user.is_superuser:
        if user.role not in STAFF_ROLES or not user.agency_id:
            return qs.none()
        lead = Party.objects.filter(program=OuterRef("program_id"), agency_id=user.agency_id, role=Role.LEAD)
        qs = qs.filter(Exists(lead))
    return qs.order_by("submitted_at", "pk")


def activity_history(*, activity: Activity, limit: int = 100) -> list[dict]:
    records = activity.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    return [entry(record) for record in records]


def _people(base: QuerySet, programs: list[int], flt: ActivityFilter) -> dict[str, list[dict]]:
    """Participants by ethnic group, by sex and by age band. Ethnic groups in code order
    with the unknown group last; sexes and age bands in the order of their choices."""
    by_group: dict[int | None, int] = {}
    by_sex: dict[str, int] = {}
    by_band: dict[str, int] = {}
    if flt == ActivityFilter(statuses=flt.statuses):
        # Only statuses: the sums the database keeps per program and status (a few dozen
        # per program) instead of the rows.
        margins = {Tally.ETHNIC_GROUP: by_group, Tally.SEX: by_sex, Tally.AGE_BAND: by_band}
        for dimension, key, n in (
            ParticipantTally.objects.filter(program_id__in=programs, status__in=flt.statuses)
            .values_list("dimension", "key")
            .annotate(n=Sum("count"))
            .order_by()
        ):
            if dimension == Tally.ETHNIC_GROUP:
                key = int(key) if key else None
            margins[dimension][key] = n
    else:
        # A narrower set: one grouped scan of its rows (at most 54 × 3 × 5 groups), one
        # probe of participation_by_activity per activity, summed up here.
        for group_id, sex, band, n in (
            Participation.objects.filter(activity__in=base.values("pk"))
            .values_list("ethnic_group_id", "sex", "age_band")
            .annotate(n=Sum("count"))
            .order_by()
        ):
            by_group[group_id] = by_group.get(group_id, 0) + n
            by_sex[sex] = by_sex.get(sex, 0) + n
            by_band[band] = by_band.get(band, 0) + n
    codes = dict(
        EthnicGroup.objects.filter(pk__in=[g for g in by_group if g is not None]).values_list("pk", "code")
    )
    groups = sorted(by_group.items(), key=lambda item: (item[0] is None, codes.get(item[0], "")))
    # Rows of 0 participants make no line.
    return {
        "by_ethnic_group": [
            {"ethnic_group_code": codes.get(gid) if gid is not None else None, "participants": n}
            for gid, n in groups
            if n
        ],
        "by_sex": [{"sex": s, "participants": by_sex[s]} for s in Sex.values if by_sex.get(s)],
        "by_age_band": [
            {"age_band": b, "participants": by_band[b]} for b in AgeBand.values if by_band.get(b)
        ],
    }


def _add(table: dict, key, n: int, people: int) -> None:
    row = table.get(key)
    if row is None:
        table[key] = [n, people]
    else:
        row[0] += n
        row[1] += people


def _rows(table: dict, name: str, order=None) -> list[dict]:
    keys = sorted(table, key=order or (lambda k: (k is None, k)))
    return [{name: k, "activities": table[k][0], "participants": table[k][1]} for k in keys]


def activity_figures(
    base: QuerySet, *, programs: list[int], flt: ActivityFilter, first: str = "content_area_id"
) -> dict:
    """Totals and breakdowns of the activities in `base`: each counts once in every total;
    by agency it is credited to its organiser and to each co-organiser.

    Two grouped scans of the activities' covering index, one by `first` (the content area
    for a program, the program for a province) and organiser, one by year and kind, give
    the totals and four breakdowns, summed up here (one scan by all four gave 11,600 groups
    for a province, whose fetching and summing cost more than a second scan); one more
    the co-organisers' credit and one the participants (see _people), read by the
    programs `base` is drawn from."""
    totals = {"activities": 0, "participants": 0, "budget_vnd": 0}
    areas: dict = {}
    agencies: dict = {}
    for area, organiser, n, people, budget in (
        base.values_list(first, "organiser_id")
        .annotate(n=Count("*"), people=Sum("total_participants"), budget=Sum("budget_vnd"))
        .order_by()
    ):
        people = people or 0
        totals["activities"] += n
        totals["participants"] += people
        totals["budget_vnd"] += budget or 0
        _add(areas, area, n, people)
        _add(agencies, organiser, n, people)
    # The year as the ISO date's first four characters: SQLite's EXTRACT is a Python
    # function called per row (~13 µs each, a quarter of a second for a province).
    year_of = Substr(Cast("start_date", output_field=CharField()), 1, 4)
    years: dict = {}
    kinds: dict = {}
    for year, kind, n, people in (
        base.annotate(year=year_of)
        .values_list("year", "kind")
        .annotate(n=Count("*"), people=Sum("total_participants"))
        .order_by()
    ):
        people = people or 0
        _add(years, int(year), n, people)
        _add(kinds, kind, n, people)
    # Driven from the activities' covering index, one probe of the co-organiser links each.
    for agency, n, people in (
        base.filter(co_organisers__isnull=False)
        .values_list("co_organisers")
        .annotate(n=Count("*"), people=Coalesce(Sum("total_participants"), 0))
        .order_by()
    ):
        _add(agencies, agency, n, people)
    return {
        "totals": totals,
        f"by_{first.removesuffix('_id')}": _rows(areas, first),
        "by_agency": _rows(agencies, "agency_id"),
        "by_year": _rows(years, "year"),
        "by_kind": _rows(kinds, "kind"),
        **_people(base, programs, flt),
    }


def program_statistics(*, program, statuses: tuple[str, ...] = (Status.ACCEPTED,), **filters) -> dict:
    """The figures of a program, computed on request from its activities: totals;
    activities and participants by content area, agency, year and kind; participants by
    ethnic group, sex and age band; indicator values with their targets.

    By default only accepted activities count; `statuses` adds others. The other filters
    are those of ActivityFilter (period, agency, content area, kind, locality). The
    dashboard, the API and the reports all call this one function.
    """
    flt = ActivityFilter(statuses=tuple(statuses), **filters)
    base = Activity.objects.filter(program=program).counted(flt)
    figures = activity_figures(base, programs=[program.pk], flt=flt)
    return {**figures, "indicators": indicator_values(program=program, flt=flt)}


UNKNOWN = "Không rõ"


def labelled_breakdowns(stats: dict, first: tuple) -> list[dict]:
    """The statistics' grouped rows with Vietnamese labels, one query per kind of name:
    [{"key", "title", "per_activity", "rows": [{"key", "label", "activities", "participants"}]}].
    `first` is the first breakdown: content areas of a program, programs of a province."""
    agency_ids = [r["agency_id"] for r in stats["by_agency"]]
    agencies = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name"))
    codes = [r["ethnic_group_code"] for r in stats["by_ethnic_group"] if r["ethnic_group_code"]]
    groups = dict(
        EthnicGroup.objects.filter(code_system=CODE_SYSTEM_121, code__in=codes).values_list("code", "name")
    )
    kinds, sexes, bands = dict(Kind.choices), dict(Sex.choices), dict(AgeBand.choices)
    specs = [
        first,
        ("agency", "Theo cơ quan (tổ chức hoặc phối hợp)", "agency_id", agencies, UNKNOWN),
        ("year", "Theo năm", "year", None, UNKNOWN),
        ("kind", "Theo loại hoạt động", "kind", kinds, UNKNOWN),
        ("ethnic_group", "Người tham gia theo dân tộc", "ethnic_group_code", groups, UNKNOWN),
        ("sex", "Người tham gia theo giới tính", "sex", sexes, UNKNOWN),
        ("age_band", "Người tham gia theo độ tuổi", "age_band", bands, UNKNOWN),
    ]
    result = []
    for name, title, field, labels, missing in specs:
        rows = [
            {
                "key": "" if row[field] is None else str(row[field]),
                "label": str(row[field]) if labels is None else labels.get(row[field], missing),
                "activities": row.get("activities"),
                "participants": row["participants"],
            }
            for row in stats[f"by_{name}"]
        ]
        per_activity = name in ("content_area", "program", "agency", "year", "kind")
        result.append({"key": name, "title": title, "per_activity": per_activity, "rows": rows})
    return result


def content_area_breakdown(program) -> tuple:
    """The first breakdown of a program's figures: its content areas, numbered."""
    areas = {a.pk: f"{a.number}. {a.title}" for a in program.content_areas.all()}
    return ("content_area", "Theo nội dung phối hợp", "content_area_id", areas, "Không gắn nội dung")


def province_programs(province) -> QuerySet:
    """The signed, active or closed programs of a current province, those recorded under
    a legacy province it took over included."""
    return (
        Program.objects.alive()
        .filter(status__in=PUBLIC_STATUSES)
        .filter(Q(province=province) | Q(province__successors=province))
        .distinct()
    )


def province_statistics(
    *, province, statuses: tuple[str, ...] = (Status.ACCEPTED,), program: int | None = None, **filters
) -> dict:
    """The figures of every program of a province, as program_statistics gives them for
    one (by program instead of by content area, no indicators): computed on request."""
    flt = ActivityFilter(statuses=tuple(statuses), **filters)
    programs = province_programs(province)
    if program:
        programs = programs.filter(pk=program)
    # The ids first (a hundred-odd): as a subquery, PostgreSQL misjudged the OR-join and
    # read all the country's activities instead of the province's through the index.
    ids = list(programs.values_list("pk", flat=True))
    base = Activity.objects.filter(program_id__in=ids).counted(flt)
    return activity_figures(base, programs=ids, flt=flt, first="program_id")


# Reporting periods of a year: (key, label, first month, last month).
PERIODS = {
    Period.QUARTER: [
        ("Q1", "Quý I", 1, 3),
        ("Q2", "Quý II", 4, 6),
        ("Q3", "Quý III", 7, 9),
        ("Q4", "Quý IV", 10, 12),
    ],
    Period.HALF: [("H1", "6 tháng đầu năm", 1, 6), ("H2", "6 tháng cuối năm", 7, 12)],
    Period.YEAR: [("Y", "Cả năm", 1, 12)],
}
# A cell's state, from what its activities need next: returned ones wait for the organiser,
# drafts are not sent yet, submitted ones wait for the lead, accepted ones are done.
STATES = {
    "none": "Chưa có",
    "returned": "Bị trả lại",
    "draft": "Còn nháp",
    "submitted": "Chờ xác nhận",
    "accepted": "Đã xác nhận",
}
OUTSTANDING = ("none", "returned", "draft")


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def reporting_grid(*, program, year: int, period: str = Period.QUARTER, today: dt.date | None = None) -> dict:
    """Who has reported what for each period of a year: one row per party, one cell per
    period with the activities the agency organised that started in it, counted by status,
    and the cell's state (none, returned, draft, submitted, accepted). A period is due once
    it has ended; a due cell that is none, returned or draft is outstanding. One query."""
    today = today or timezone.localdate()
    periods = [
        {
            "key": key,
            "label": label,
            "start": dt.date(year, first, 1),
            "end": _last_day(year, last),
            "due": _last_day(year, last) < today,
            "months": range(first, last + 1),
        }
        for key, label, first, last in PERIODS[period]
    ]
    counts: dict[tuple[int, int], dict[str, int]] = {}
    rows = (
        Activity.objects.filter(program=program, start_date__year=year)
        .annotate(month=ExtractMonth("start_date"))
        .values_list("organiser_id", "month", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for organiser, month, status, n in rows:
        bucket = counts.setdefault((organiser, month), {})
        bucket[status] = bucket.get(status, 0) + n
    grid = []
    outstanding: dict[int, list[str]] = {}
    for party in program.parties.all():
        cells = []
        for p in periods:
            by_status: dict[str, int] = {}
            for month in p["months"]:
                for status, n in counts.get((party.agency_id, month), {}).items():
                    by_status[status] = by_status.get(status, 0) + n
            state = next((s for s in ("returned", "draft", "submitted") if by_status.get(s)), None)
            if state is None:
                state = "accepted" if by_status.get("accepted") else "none"
            late = p["due"] and state in OUTSTANDING
            if late:
                outstanding.setdefault(party.agency_id, []).append(p["label"])
            cells.append(
                {
                    "period": p["key"],
                    "state": state,
                    "label": STATES[state],
                    "counts": by_status,
                    "total": sum(by_status.values()),
                    "late": late,
                }
            )
        grid.append({"party": party, "agency": party.agency, "cells": cells})
    return {
        "year": year,
        "period": period,
        "periods": [{k: v for k, v in p.items() if k != "months"} for p in periods],
        "rows": grid,
        "outstanding": outstanding,
    }


def reminder_list(*, program, limit: int = 20):
    return program.reminders.select_related("agency", "sent_by")[:limit]


def plan_comparison(*, program, year: int, statuses: tuple[str, ...] = (Status.ACCEPTED,)) -> list[dict]:
    """Each party's plan for the year next to what it did: for each item, the activities of
    that kind (and content area, when the item names one) that the agency organised or
    co-organised and that started in the year, with their participants and budget; and
    the agency's activities no item covers. Parties without a plan come too (plan None).
    Three queries whatever the number of parties and items."""
    plans = {
        p.agency_id: p
        for p in AnnualPlan.objects.filter(program=program, year=year).prefetch_related(
            Prefetch("items", queryset=PlanItem.objects.select_related("content_area"))
        )
    }
    done: dict[tuple[int, str, int | None], list[int]] = {}
    activities = Activity.objects.filter(program=program, status__in=statuses, start_date__year=year)
    for organiser, kind, area, n, people, budget in (
        activities.values_list("organiser_id", "kind", "content_area_id")
        .annotate(n=Count("*"), people=Sum("total_participants"), budget=Sum("budget_vnd"))
        .order_by()
    ):
        done[(organiser, kind, area)] = [n, people or 0, budget or 0]
    through = Activity.co_organisers.through.objects.filter(activity__in=activities.values("pk"))
    for agency, kind, area, n, people, budget in (
        through.values_list("agency_id", "activity__kind", "activity__content_area_id")
        .annotate(
            n=Count("*"), people=Sum("activity__total_participants"), budget=Sum("activity__budget_vnd")
        )
        .order_by()
    ):
        row = done.setdefault((agency, kind, area), [0, 0, 0])
        row[0] += n
        row[1] += people or 0
        row[2] += budget or 0
    result = []
    for party in program.parties.all():
        plan = plans.get(party.agency_id)
        mine = {(k, a): v for (g, k, a), v in done.items() if g == party.agency_id}
        covered: set[tuple[str, int | None]] = set()
        items = []
        for item in plan.items.all() if plan else []:
            keys = [key for key in mine if key[0] == item.kind and (item.content_area_id in (None, key[1]))]
            covered.update(keys)
            n, people, budget = (sum(mine[k][i] for k in keys) for i in range(3))
            planned = item.planned_activities
            items.append(
                {
                    "item": item,
                    "done_activities": n,
                    "done_participants": people,
                    "done_budget_vnd": budget,
                    "percent": round(n * 100 / planned, 1) if planned else None,
                }
            )
        rest = [v for k, v in mine.items() if k not in covered]
        result.append(
            {
                "party": party,
                "agency": party.agency,
                "plan": plan,
                "items": items,
                "planned_activities": sum(i["item"].planned_activities for i in items),
                "done_activities": sum(i["done_activities"] for i in items),
                "unplanned": {
                    "activities": sum(v[0] for v in rest),
                    "participants": sum(v[1] for v in rest),
                    "budget_vnd": sum(v[2] for v in rest),
                },
            }
        )
    return result
