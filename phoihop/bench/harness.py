"""The harness: operations, timing, the benchmark database (see phoihop.bench)."""

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

from phoihop.activities.generate import SCALES, generate, vn_number
from phoihop.activities.generate import VERSION as GENERATOR_VERSION
from phoihop.programs.models import Program, Role

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
    # Long operations (an import, an export) run fewer times than --repeat asks.
    repeat: int | None = None
    warmup: int = WARMUP


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

    @staticmethod
    def _host() -> str:
        return next((h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")), "localhost")

    @cached_property
    def anonymous(self) -> Client:
        """A reader who is not signed in (the public site)."""
        return Client(HTTP_HOST=self._host())

    @cached_property
    def client(self) -> Client:
        client = Client(HTTP_HOST=self._host())
        axes = logging.getLogger("axes")
        level = axes.level
        axes.setLevel(logging.WARNING)  # its sign-in lines would crowd the progress output
        try:
            client.force_login(self.officer)
        finally:
            axes.setLevel(level)
        return client

    def get(self, url: str, *, anonymous: bool = False):
        """GET through the whole stack (middleware, view, template) as the officer, or as an
        anonymous reader; anything but 200 is an error."""
        client = self.anonymous if anonymous else self.client
        response = client.get(url, secure=settings.SECURE_SSL_REDIRECT)
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
    for _ in range(m.warmup):
        m.run()
        if m.baseline:
            m.baseline()
    repeat = min(repeat, m.repeat) if m.repeat else repeat
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
            if connection.vendor == "postgresql":
                # Each import measurement writes 25,000 activities and rolls them back: the
                # dead rows of earlier runs (400,000 after a dozen) are below autovacuum's
                # threshold on a million-row table and cost the next run's index-only scans
                # their visibility map (the province's figures took 105 ms instead of 65).
                # Vacuumed, the data are settled again, as after generation; a few seconds.
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
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
