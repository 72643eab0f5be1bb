"""Dashboards, the statistics API and the activity list, each against plain SQL over the
same rows."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.activities.models import Activity, Participation
from phoihop.activities.selectors import program_statistics, province_statistics
from phoihop.agencies.models import Agency
from phoihop.bench.harness import BENCH_USERNAME, BenchError, Context, Measure, operation
from phoihop.core.search import search
from phoihop.core.text import fold
from phoihop.programs.models import Program
from phoihop.reference.models import AdministrativeUnit, EthnicGroup

# --- the program figures in plain SQL --------------------------------------------------------


def _tables() -> dict[str, str]:
    qn = connection.ops.quote_name
    return {
        "a": qn(Activity._meta.db_table),
        "c": qn(Activity.co_organisers.through._meta.db_table),
        "p": qn(Participation._meta.db_table),
        "e": qn(EthnicGroup._meta.db_table),
    }


def program_figures_sql(scope: str = "a.program_id = %s") -> dict[str, str]:
    """The figures the program dashboard shows, as plain SQL valid on SQLite and
    PostgreSQL; each takes (program id, status), or the parameters of `scope` and the
    status when another scope (a province's programs) is given."""
    t = _tables()
    year = (
        "strftime('%%Y', a.start_date)"
        if connection.vendor == "sqlite"
        else "extract(year from a.start_date)"
    )
    counted = f"FROM {t['a']} a WHERE {scope} AND a.status = %s"
    per_activity = "count(*), coalesce(sum(a.total_participants), 0)"
    people = (
        f"FROM {t['p']} p JOIN {t['a']} a ON a.id = p.activity_id "
        f"LEFT JOIN {t['e']} e ON e.id = p.ethnic_group_id WHERE {scope} AND a.status = %s"
    )
    return {
        "totals": f"SELECT {per_activity}, coalesce(sum(a.budget_vnd), 0) {counted}",
        "by_content_area": f"SELECT a.content_area_id, {per_activity} {counted} GROUP BY a.content_area_id",
        "by_organiser": f"SELECT a.organiser_id, {per_activity} {counted} GROUP BY a.organiser_id",
        "by_co_organiser": (
            f"SELECT c.agency_id, {per_activity} FROM {t['c']} c JOIN {t['a']} a ON a.id = c.activity_id "  # noqa: S608
            f"WHERE {scope} AND a.status = %s GROUP BY c.agency_id"
        ),
        "by_year": f"SELECT {year}, {per_activity} {counted} GROUP BY 1",
        "by_kind": f"SELECT a.kind, {per_activity} {counted} GROUP BY a.kind",
        "by_ethnic_group": f"SELECT e.code, coalesce(sum(p.count), 0) {people} GROUP BY e.code",
        "by_sex": f"SELECT p.sex, coalesce(sum(p.count), 0) {people} GROUP BY p.sex",
        "by_age_band": f"SELECT p.age_band, coalesce(sum(p.count), 0) {people} GROUP BY p.age_band",
    }


def program_figures(
    program_id: int, queries: dict[str, str] | None = None, params=None
) -> dict[str, list[tuple]]:
    """Run the plain-SQL figures of a program's accepted activities (or of another scope,
    with its parameters)."""
    queries = queries or program_figures_sql()
    result = {}
    with connection.cursor() as cursor:
        for key, sql in queries.items():
            cursor.execute(sql, [*(params or [program_id]), "accepted"])
            result[key] = cursor.fetchall()
    return result


def province_scope_sql() -> str:
    """The activities of a province's signed, active or closed programs (those recorded
    under a legacy province it took over included); takes (province id, province id)."""
    qn = connection.ops.quote_name
    programs = qn(Program._meta.db_table)
    links = qn(AdministrativeUnit.successors.through._meta.db_table)
    return (
        f"a.program_id IN (SELECT g.id FROM {programs} g WHERE g.deleted_at IS NULL "  # noqa: S608 - names from the models
        "AND g.status IN ('signed', 'active', 'closed') "
        f"AND (g.province_id = %s OR g.province_id IN (SELECT l.from_administrativeunit_id FROM {links} l "
        "WHERE l.to_administrativeunit_id = %s)))"
    )


def check_program_baseline(program: Program) -> dict:
    """The baseline must compute what the page shows: its totals must equal the
    selector's, or the ratio would compare different work."""
    activities, participants, budget = program_figures(program.pk)["totals"][0]
    baseline = {"activities": int(activities), "participants": int(participants), "budget_vnd": int(budget)}
    totals = program_statistics(program=program)["totals"]
    shown = {key: int(totals[key]) for key in baseline}
    if shown != baseline:
        raise BenchError(f"Đường cơ sở SQL khác số liệu của trang: {baseline} ≠ {shown}")
    return baseline


def _program_measure(ctx: Context, url: str) -> Measure:
    program = ctx.program
    totals = check_program_baseline(program)
    queries = program_figures_sql()
    return Measure(
        n=totals["activities"],
        run=lambda: ctx.get(url),
        baseline=lambda: program_figures(program.pk, queries),
        extra={"program_id": program.pk},
    )


# --- operations ------------------------------------------------------------------------------


@operation("program_dashboard")
def program_dashboard(ctx: Context) -> Measure:
    """The program dashboard page, unfiltered (accepted activities)."""
    return _program_measure(ctx, reverse("activities:dashboard", args=[ctx.program.pk]))


@operation("province_dashboard")
def province_dashboard(ctx: Context) -> Measure:
    """The province dashboard page of the province with the most accepted activities, as
    an officer of an agency of that province."""
    province_id = (
        Activity.objects.filter(status="accepted", program__deleted_at__isnull=True)
        .values_list("program__province_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("program__province_id", flat=True)
        .first()
    )
    province = AdministrativeUnit.objects.get(pk=province_id)
    queries = program_figures_sql(province_scope_sql())
    params = [province.pk, province.pk]
    activities, participants, budget = program_figures(0, queries, params)["totals"][0]
    shown = province_statistics(province=province)["totals"]
    if (int(activities), int(participants), int(budget)) != (
        shown["activities"],
        shown["participants"],
        shown["budget_vnd"],
    ):
        raise BenchError(
            f"Đường cơ sở SQL của tỉnh khác số liệu của trang: {activities}, {participants} ≠ {shown}"
        )
    agency = Agency.objects.filter(province=province).order_by("pk").first()
    user, _ = get_user_model().objects.update_or_create(
        username=f"{BENCH_USERNAME}_province",
        defaults={"agency": agency, "role": "officer", "last_name": "Đo", "first_name": "hiệu năng tỉnh"},
    )
    client = Client(HTTP_HOST=ctx.client.defaults["HTTP_HOST"])
    client.force_login(user)
    url = reverse("activities:province_dashboard", args=[province.code])

    def run():
        response = client.get(url, secure=settings.SECURE_SSL_REDIRECT)
        if response.status_code != 200:
            raise BenchError(f"GET {url}: {response.status_code}")

    return Measure(
        n=int(activities),
        run=run,
        baseline=lambda: program_figures(0, queries, params),
        extra={"province": province.code},
    )


@operation("statistics_api")
def statistics_api(ctx: Context) -> Measure:
    """GET /api/v1/programs/<id>/statistics, the same figures as JSON."""
    return _program_measure(ctx, f"/api/v1/programs/{ctx.program.pk}/statistics")


def _one_row_query(program: Program) -> str:
    """A search that shows exactly one activity of the program: its title's number."""
    activities = Activity.objects.filter(program=program)
    for title in activities.order_by("-id").values_list("title", flat=True)[:50]:
        for word in reversed(fold(title).split()):
            if search(activities, word).count() == 1:
                return word
    raise BenchError(f"Không tìm được từ khóa chỉ khớp một hoạt động của chương trình {program.pk}.")


@operation("activity_list")
def activity_list(ctx: Context) -> Measure:
    """The program's activity list, first page (25 rows), and its query count, which must
    not depend on the rows shown."""
    program = ctx.program
    url = reverse("activities:list", args=[program.pk])
    one = f"{url}?q={_one_row_query(program)}"
    ctx.get(url)  # signs in and warms up outside the counts
    with CaptureQueriesContext(connection) as full:
        ctx.get(url)
    with CaptureQueriesContext(connection) as single:
        ctx.get(one)
    a = _tables()["a"]
    page_sql = (
        "SELECT a.id, a.title, a.kind, a.start_date, a.end_date, a.status, a.organiser_id, a.total_participants "  # noqa: S608
        f"FROM {a} a WHERE a.program_id = %s ORDER BY a.start_date DESC, a.id DESC LIMIT 25"
    )
    count_sql = f"SELECT count(*) FROM {a} a WHERE a.program_id = %s"  # noqa: S608 - names from the models

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(page_sql, [program.pk])
            cursor.fetchall()
            cursor.execute(count_sql, [program.pk])
            return cursor.fetchone()

    return Measure(
        n=Activity.objects.filter(program=program).count(),
        run=lambda: ctx.get(url),
        baseline=baseline,
        extra={"program_id": program.pk, "queries": len(full), "queries_page_of_1": len(single)},
    )
