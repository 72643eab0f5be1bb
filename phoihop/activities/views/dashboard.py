from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from phoihop.activities import rules, selectors
from phoihop.activities.forms import DashboardFilterForm, ProvinceFilterForm
from phoihop.core.exporters import CSV_TYPE, asked, csv_stream
from phoihop.programs import rules as program_rules
from phoihop.programs import selectors as program_selectors
from phoihop.reference import selectors as reference_selectors


def _chart_data(breakdowns: list[dict]) -> dict:
    """Participants per label for the charts; ethnic groups limited to the ten largest."""
    charts = {}
    for item in breakdowns:
        if item["key"] not in ("content_area", "program", "year", "ethnic_group", "sex"):
            continue
        rows = item["rows"]
        if item["key"] in ("ethnic_group", "program"):
            rows = sorted(rows, key=lambda r: -r["participants"])[:10]
        charts[item["key"]] = {
            "labels": [r["label"] for r in rows],
            "values": [r["participants"] for r in rows],
        }
    return charts


def _dashboard_csv(filename: str, stats: dict, breakdowns: list[dict]) -> HttpResponse:
    """One CSV of the figures shown in the tables (UTF-8 with a BOM, for Excel)."""
    totals = stats["totals"]
    rows = [["totals", "", "Tổng cộng", totals["activities"], totals["participants"]]]
    for item in breakdowns:
        for row in item["rows"]:
            rows.append([item["key"], row["key"], row["label"], row["activities"], row["participants"]])
    header = ["breakdown", "key", "label", "activities", "participants"]
    response = HttpResponse(b"".join(csv_stream(header, rows)), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page(request, *, form, stats: dict, first: tuple, filename: str, context: dict):
    breakdowns = selectors.labelled_breakdowns(stats, first)
    wanted = asked(request)
    if wanted.format == "csv":
        return _dashboard_csv(filename, stats, breakdowns)
    context |= {
        "form": form,
        "totals": stats["totals"],
        "indicators": stats.get("indicators"),
        "breakdowns": breakdowns,
        "charts": _chart_data(breakdowns),
        "csv_query": f"{wanted.prefix}format=csv",
    }
    return render(request, "activities/dashboard.html", context)


@login_required
def dashboard(request, program_pk: int):
    """The program's figures computed on request, as tables, charts and (?format=csv) CSV.
    A program the user cannot see is a 404; a public one without party access a 403."""
    program = program_selectors.program_get(user=request.user, pk=program_pk)
    if not program_rules.can_view_program_details(request.user, program):
        raise PermissionDenied
    form = DashboardFilterForm(asked(request).filters, program=program)
    stats = selectors.program_statistics(program=program, **form.filters())
    first = selectors.content_area_breakdown(program)
    province = program.province if program.province and program.province.era == "current" else None
    return _page(
        request,
        form=form,
        stats=stats,
        first=first,
        filename=f"chuong-trinh-{program.pk}-so-lieu.csv",
        context={"program": program, "province": province},
    )


@login_required
def province_dashboard(request, code: str):
    """The figures of every program of a province (signed, active or closed), for the
    users of the province's agencies and administrators (404 for anyone else)."""
    province = reference_selectors.province_by_code(code)
    if province is None or not rules.can_view_province_figures(request.user, province):
        raise Http404
    programs = (
        selectors.province_programs(province)
        .prefetch_related("parties__agency")
        .order_by("-phase_start", "title")
    )
    form = ProvinceFilterForm(asked(request).filters, province=province, programs=programs)
    stats = selectors.province_statistics(province=province, **form.filters())
    titles = {p.pk: p.title for p in form.programs}
    first = ("program", "Theo chương trình", "program_id", titles, selectors.UNKNOWN)
    return _page(
        request,
        form=form,
        stats=stats,
        first=first,
        filename=f"tinh-{province.code}-so-lieu.csv",
        context={"program": None, "province": province},
    )
