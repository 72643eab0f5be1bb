"""Indicator values, computed on request from the counted activities (no stored
totals), beside their targets. The dashboard, the statistics endpoint, the indicator
pages and exports all read them here."""

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from phoihop.activities.models import Activity, ActivityFilter, Output, Participation
from phoihop.core.history import entry
from phoihop.core.text import fold
from phoihop.indicators.models import Direction, Indicator, ManualValue, Method, Target
from phoihop.programs.models import Program
from phoihop.programs.rules import can_view_program_details


def indicator_queryset(program) -> QuerySet[Indicator]:
    return program.indicators.select_related("content_area", "ethnic_group", "locality").prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("year")),
        Prefetch("manual_values", queryset=ManualValue.objects.order_by("year")),
    )


def indicator_get(*, program, pk: int) -> Indicator:
    return get_object_or_404(indicator_queryset(program), pk=pk)


def period_years(program, flt: ActivityFilter) -> tuple[int, int]:
    """The years a period covers, inside the program's phase."""
    first = max(flt.date_from.year, program.phase_start) if flt.date_from else program.phase_start
    last = min(flt.date_to.year, program.phase_end) if flt.date_to else program.phase_end
    return first, last


def target_for(indicator: Indicator, first: int, last: int) -> Decimal | None:
    """The target a value is measured against: the year's own target when the period lies
    in one year that has one, else the phase target."""
    targets = {t.year: t.value for t in indicator.targets.all()}
    if first == last and first in targets:
        return targets[first]
    return targets.get(None)


def _manual(indicator: Indicator, first: int, last: int) -> ManualValue | None:
    """The latest value entered for a year of the period (a value entered by hand is the
    level reached by the end of its year, not an increment)."""
    inside = [v for v in indicator.manual_values.all() if first <= v.year <= last]
    return inside[-1] if inside else None


def _computed(indicator: Indicator, base: QuerySet[Activity], outputs: list[str]) -> Decimal:
    qs = base
    if indicator.content_area_id:
        qs = qs.filter(content_area_id=indicator.content_area_id)
    if indicator.kind:
        qs = qs.filter(kind=indicator.kind)
    if indicator.locality_id:
        qs = qs.held_in(indicator.locality.code)
    if indicator.method == Method.COUNT_ACTIVITIES:
        return Decimal(qs.count())
    if indicator.method == Method.SUM_BUDGET:
        return Decimal(qs.aggregate(v=Sum("budget_vnd"))["v"] or 0)
    if indicator.method == Method.SUM_OUTPUT:
        wanted = fold(indicator.output_name)
        names = [name for name in outputs if fold(name) == wanted]
        if not names:
            return Decimal(0)
        rows = Output.objects.filter(activity__in=qs.values("pk"), name__in=names)
        return Decimal(rows.aggregate(v=Sum("value"))["v"] or 0)
    # Participants: from the activity totals, or from the participation rows when the
    # indicator asks for a group, sex or age band.
    if not indicator.filters_people:
        return Decimal(qs.aggregate(v=Sum("total_participants"))["v"] or 0)
    rows = Participation.objects.filter(activity__in=qs.values("pk"))
    if indicator.ethnic_group_id:
        rows = rows.filter(ethnic_group_id=indicator.ethnic_group_id)
    if indicator.minority_only:
        rows = rows.filter(ethnic_group__is_minority=True)
    if indicator.sex:
        rows = rows.filter(sex=indicator.sex)
    if indicator.age_band:
        rows = rows.filter(age_band=indicator.age_band)
    return Decimal(rows.aggregate(v=Sum("count"))["v"] or 0)


def progress(indicator: Indicator, value: Decimal | None, target: Decimal | None) -> float | None:
    """Per cent of the way to the target. Higher-is-better: value / target. Lower-is-better
    (a poverty rate): how far the value has come down from the baseline towards the
    target, so a rate still above its target stays under 100%; without a baseline,
    target / value."""
    if value is None or target is None:
        return None
    if indicator.direction == Direction.DECREASE:
        baseline = indicator.baseline
        if baseline is not None and baseline > target:
            return round(float(baseline - value) * 100 / float(baseline - target), 1)
        if value <= 0:
            return 100.0 if target >= 0 else None
        return round(float(target) * 100 / float(value), 1)
    if not target:
        return None
    return round(float(value) * 100 / float(target), 1)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def indicator_values(*, program, flt: ActivityFilter | None = None) -> list[dict]:
    """Every indicator of the program with its value under `flt` (the dashboard's filters),
    its target for the period and the progress in per cent:
    [{id, name, unit, content_area_id, method, baseline, value, target, percent, source}].
    One query per computed indicator."""
    flt = flt or ActivityFilter()
    indicators = list(indicator_queryset(program))
    if not indicators:
        return []
    first, last = period_years(program, flt)
    base = Activity.objects.filter(program=program).counted(flt)
    outputs: list[str] = []
    if any(i.method == Method.SUM_OUTPUT for i in indicators):
        outputs = list(
            Output.objects.filter(activity__program=program).values_list("name", flat=True).distinct()
        )
    result = []
    for indicator in indicators:
        source = ""
        if indicator.is_computed:
            value = _computed(indicator, base, outputs)
        else:
            entered = _manual(indicator, first, last)
            value = entered.value if entered else None
            source = entered.source if entered else ""
        target = target_for(indicator, first, last)
        percent = progress(indicator, value, target)
        result.append(
            {
                "id": indicator.pk,
                "name": indicator.name,
                "unit": indicator.unit,
                "content_area_id": indicator.content_area_id,
                "method": indicator.method,
                "direction": indicator.direction,
                "baseline": _number(indicator.baseline),
                "value": _number(value),
                "target": _number(target),
                "percent": percent,
                "source": source,
            }
        )
    return result


def visible_indicator(*, user, pk: int) -> Indicator:
    """An indicator of a program the user's agency is a party to (404 otherwise, as for
    the program's activities)."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("program", "content_area", "ethnic_group", "locality").filter(
            program__in=Program.objects.visible_to(user)
        ),
        pk=pk,
    )
    program = Program.objects.prefetch_related("parties").get(pk=indicator.program_id)
    if not can_view_program_details(user, program):
        raise Http404
    indicator.program = program
    return indicator


def indicator_years(*, indicator: Indicator, statuses: tuple[str, ...] = ("accepted",)) -> list[dict]:
    """Year by year over the phase: the value reached in the year (computed indicators:
    the year's activities; hand-entered: the value entered for it), the running total for
    computed ones, and the year's target. [{year, value, cumulative, target, percent, source}]"""
    program = indicator.program
    targets = {t.year: t.value for t in indicator.targets.all()}
    manual = {v.year: v for v in indicator.manual_values.all()}
    outputs: list[str] = []
    if indicator.method == Method.SUM_OUTPUT:
        outputs = list(
            Output.objects.filter(activity__program=program).values_list("name", flat=True).distinct()
        )
    rows, running = [], Decimal(0)
    for year in range(program.phase_start, program.phase_end + 1):
        source = ""
        if indicator.is_computed:
            flt = ActivityFilter(
                statuses=statuses, date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31)
            )
            value = _computed(indicator, Activity.objects.filter(program=program).counted(flt), outputs)
            running += value
            cumulative = running
        else:
            entered = manual.get(year)
            value = entered.value if entered else None
            source = entered.source if entered else ""
            cumulative = None
        target = targets.get(year)
        percent = progress(indicator, value, target)
        rows.append(
            {
                "year": year,
                "value": _number(value),
                "cumulative": _number(cumulative),
                "target": _number(target),
                "percent": percent,
                "source": source,
            }
        )
    return rows


def indicator_history(*, indicator: Indicator, limit: int = 50) -> list[dict]:
    records = indicator.history.select_related("history_user").order_by("-history_date", "-history_id")[
        :limit
    ]
    return [entry(record) for record in records]
