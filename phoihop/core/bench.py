"""`phoihop bench`: timings of the pages and computations that must stay interactive at
the national scale (DESIGN.md, "Scale"), each against a plain-SQL baseline over the same
rows measured in the same run, so that the ratio survives a noisy machine.

Each operation prints one JSON line:

    {"name", "scale", "db", "n", "p50_ms", "p95_ms", "baseline_p50_ms", "ratio", ...}

`n` is the number of rows the operation covers, `ratio` = p50 / baseline p50 (null
without a baseline); extra keys (such as "queries") are the operation's own.

An operation is a function registered with `@operation("name")`: given the shared
`Context`, it does its setup once and returns a `Measure` (the callable to time, an
optional baseline callable, `n`, extra fields). `run()` times every measured call
interleaved with a baseline call, after warm-ups, so that noise hits both alike.

`bench_database()` switches the default connection to a benchmark database kept apart
from the user's data (SQLite: `<PHOIHOP_VAR_DIR>/bench-<scale>.sqlite3`; PostgreSQL:
`<name>_bench_<scale>` on the same server), creating and filling it the first time
(migrate, reference data, `activities.generate`) and reusing it afterwards.

This module is an interface like a management command: it sits above every app (it
drives their pages through the test client) although it lives in `core`; no app
imports it.
"""

from __future__ import annotations

import io
import json
import logging
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.activities.generate import SCALES, generate, vn_number
from phoihop.activities.generate import VERSION as GENERATOR_VERSION
from phoihop.activities.models import Activity, Participation
from phoihop.activities.selectors import program_statistics, province_statistics
from phoihop.agencies.models import Agency
from phoihop.core.search import search
from phoihop.core.text import fold
from phoihop.programs.models import Program, Role
from phoihop.reference.models import AdministrativeUnit, EthnicGroup

DEFAULT_REPEAT = 30
WARMUP = 2
BENCH_USERNAME = "bench_officer"
# The benchmark database remembers what it was generated with (scale, seed, time) in
# this table of its own; Django's migrations know nothing of it.
# Its name carries the generator's version: data of an older generator look unfinished,
# so the database is made again.
DATASET_TABLE = f"phoihop_bench_dataset_v{GENERATOR_VERSION}"


class BenchError(RuntimeError):
    """A benchmark cannot give an honest figure (wrong status, baseline disagreeing)."""


@dataclass
class Measure:
    n: int
    run: Callable[[], object]
    baseline: Callable[[], object] | None = None
    extra: dict = field(default_factory=dict)
    # Extra fields computed from the measured times in ms (e.g. rows per second).
    summarise: Callable[[list[float]], dict] | None = None


OPERATIONS: dict[str, Callable[[Context], Measure]] = {}


def operation(name: str):
    """Register a benchmark: `@operation("program_dashboard") def f(ctx) -> Measure`."""

    def register(setup: Callable[[Context], Measure]) -> Callable[[Context], Measure]:
        OPERATIONS[name] = setup
        return setup

    return register


class Context:
    """What operations share: the scale, the program they look at, a signed-in client."""

    def __init__(self, *, scale: str):
        self.scale = scale
        self.db = connection.vendor

    @cached_property
    def program(self) -> Program:
        """The program with the most accepted activities (the heaviest dashboard)."""
        program = (
            Program.objects.alive()
            .annotate(accepted=Count("activities", filter=Q(activities__status="accepted")))
            .filter(accepted__gt=0)
            .order_by("-accepted", "pk")
            .first()
        )
        if program is None:
            raise BenchError("Không có chương trình nào có hoạt động đã xác nhận; chạy «phoihop generate».")
        return program

    @cached_property
    def officer(self):
        """An officer of the program's lead agency (created the first time)."""
        lead = self.program.parties.filter(role=Role.LEAD).order_by("order", "pk").first()
        if lead is None:
            raise BenchError(f"Chương trình {self.program.pk} không có cơ quan chủ trì.")
        user, _ = get_user_model().objects.update_or_create(
            username=BENCH_USERNAME,
            defaults={
                "agency_id": lead.agency_id,
                "role": "officer",
                "last_name": "Đo",
                "first_name": "hiệu năng",
            },
        )
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    @cached_property
    def client(self) -> Client:
        host = next((h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")), "localhost")
        client = Client(HTTP_HOST=host)
        axes = logging.getLogger("axes")
        level = axes.level
        axes.setLevel(logging.WARNING)  # its sign-in lines would crowd the progress output
        try:
            client.force_login(self.officer)
        finally:
            axes.setLevel(level)
        return client

    def get(self, url: str):
        """GET through the whole stack (middleware, view, template); anything but 200 is an error."""
        response = self.client.get(url, secure=settings.SECURE_SSL_REDIRECT)
        if response.status_code != 200:
            raise BenchError(f"GET {url}: {response.status_code}")
        if response.streaming:
            for _ in response.streaming_content:
                pass
        return response


# --- running -------------------------------------------------------------------------------


def _ms(call: Callable[[], object]) -> float:
    started = time.perf_counter_ns()
    call()
    return (time.perf_counter_ns() - started) / 1e6


def _p95(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def measure(name: str, setup: Callable[[Context], Measure], ctx: Context, *, repeat: int) -> dict:
    """Time one operation: warm-ups, then `repeat` measured calls, each followed by a
    baseline call; the JSON-ready line."""
    m = setup(ctx)
    for _ in range(WARMUP):
        m.run()
        if m.baseline:
            m.baseline()
    samples, baseline = [], []
    for _ in range(repeat):
        samples.append(_ms(m.run))
        if m.baseline:
            baseline.append(_ms(m.baseline))
    p50 = statistics.median(samples)
    base = statistics.median(baseline) if baseline else None
    line = {
        "name": name,
        "scale": ctx.scale,
        "db": ctx.db,
        "n": m.n,
        "p50_ms": round(p50, 1),
        "p95_ms": round(_p95(samples), 1),
        "baseline_p50_ms": None if base is None else round(base, 1),
        "ratio": None if not base else round(p50 / base, 2),
        "repeat": repeat,
        **m.extra,
    }
    if m.summarise:
        line.update(m.summarise(samples))
    return line


def run(
    *,
    scale: str,
    repeat: int = DEFAULT_REPEAT,
    only: list[str] | None = None,
    write: Callable[[str], None] = print,
) -> list[dict]:
    """Run the registered operations (or those named in `only`) against the current
    database, which must hold generated data; write one JSON line each."""
    names = list(only or OPERATIONS)
    unknown = [n for n in names if n not in OPERATIONS]
    if unknown:
        raise ValueError(f"Không có phép đo: {', '.join(unknown)} (có: {', '.join(OPERATIONS)})")
    ctx = Context(scale=scale)
    lines = []
    for name in names:
        line = measure(name, OPERATIONS[name], ctx, repeat=repeat)
        write(json.dumps(line, ensure_ascii=False))
        lines.append(line)
    return lines


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


# --- the benchmark database ------------------------------------------------------------------


def bench_database_name(scale: str, *, vendor: str | None = None, name: str | None = None) -> str:
    """Where the benchmark data of a scale live, next to the configured database."""
    vendor = vendor or connection.vendor
    if vendor == "sqlite":
        return str(Path(settings.VAR_DIR) / f"bench-{scale}.sqlite3")
    if vendor == "postgresql":
        return f"{name or connection.settings_dict['NAME']}_bench_{scale}"
    raise BenchError(f"Không hỗ trợ cơ sở dữ liệu {vendor}.")


def _exists(name: str) -> bool:
    if connection.vendor == "sqlite":
        return Path(name).exists()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _create(name: str) -> None:
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")


def _drop(name: str) -> None:
    connection.close()
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
    else:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def _dataset() -> dict | None:
    """What the benchmark database holds, if its generation finished."""
    if DATASET_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scale, seed, seconds FROM {DATASET_TABLE}")  # noqa: S608 - a constant
        row = cursor.fetchone()
    return None if row is None else {"scale": row[0], "seed": int(row[1]), "seconds": float(row[2])}


def _fill(*, scale: str, seed: int, say: Callable[[str], None]) -> None:
    call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
    from phoihop.reference.services import refdata_load

    say("Nạp dữ liệu tham chiếu…")
    refdata_load()
    say(f"Tạo dữ liệu thử quy mô {scale} (seed {seed})…")
    started = time.perf_counter()
    counts = generate(scale=scale, seed=seed, say=say)
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # What autovacuum would reach on a settled database: statistics, visibility map.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {DATASET_TABLE} (scale VARCHAR(20), seed BIGINT, seconds FLOAT)")
        cursor.execute(f"INSERT INTO {DATASET_TABLE} VALUES (%s, %s, %s)", [scale, seed, seconds])  # noqa: S608
    say(
        f"Đã tạo {vn_number(counts['activities'])} hoạt động, {vn_number(counts['participation_rows'])} dòng "
        f"người tham gia trong {seconds:.1f} s"
    )


@contextmanager
def bench_database(*, scale: str, seed: int, say: Callable[[str], None]) -> Iterator[dict]:
    """Point the default connection at the benchmark database of `scale` for the block.

    Reused when it holds a finished generation of the same scale and seed (migrated to
    the current schema first); otherwise (missing, interrupted, another seed) it is
    dropped and made again: created, migrated, reference data loaded, data generated.
    Only this database is ever dropped; the configured one is not touched.
    """
    if scale not in SCALES:
        raise BenchError(f"Không có quy mô {scale}.")
    settings_dict = connection.settings_dict
    saved = settings_dict["NAME"]
    name = bench_database_name(scale)
    connection.close()
    try:
        existed = _exists(name)
        if not existed:
            _create(name)
        settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = name
        dataset = _dataset() if existed else None
        if dataset is not None and (dataset["scale"], dataset["seed"]) == (scale, seed):
            say(
                f"Dùng lại cơ sở dữ liệu đo {name} ({scale}, seed {seed}, tạo trong {dataset['seconds']:.1f} s)"
            )
            call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
        else:
            if existed:
                say(f"{name}: chưa có dữ liệu đo hoàn chỉnh cho {scale}, seed {seed}; tạo lại")
                _drop(name)
                _create(name)
            say(f"Tạo cơ sở dữ liệu đo {name}")
            _fill(scale=scale, seed=seed, say=say)
            dataset = _dataset()
        yield {"name": name, **dataset}
    finally:
        connection.close()
        settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = saved
