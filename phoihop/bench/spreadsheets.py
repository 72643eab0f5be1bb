"""Importing a 50,000-row spreadsheet and exporting a million rows.

`activity_import` (CSV) and `activity_import_xlsx` check and write a file of 25,000
activities of two rows each (as officers fill the template: a second row for a second
ethnic group) into the heaviest program, as its lead agency's officer, through the same
functions as the page, each run inside a transaction rolled back afterwards so that the
data stay as generated. Baseline: the same activity rows inserted with plain `executemany`
and the participation rows in plain multi-row INSERTs of 1,000, rolled back too.

`activity_export` runs `phoihop export-activities` (every program, CSV to /dev/null) in a
child process, which reports its own peak resident memory; baseline: the same
activities and participation rows read with plain SQL in this process.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from phoihop.activities import services
from phoihop.activities.forms import CommuneResolver
from phoihop.activities.importer import HEADER, check_table, read_table
from phoihop.activities.models import Activity, AgeBand, Kind, Participation, Sex
from phoihop.bench.harness import BenchError, Context, Measure, operation
from phoihop.reference.models import Era, EthnicGroup

IMPORT_ACTIVITIES = 25_000  # two rows each: a 50,000-row file
TINY_IMPORT = 100  # the tiny scale (tests) imports a 200-row file
EXPORT_USERNAME = "bench_admin"


def import_size(ctx: Context) -> int:
    return TINY_IMPORT if ctx.scale == "tiny" else IMPORT_ACTIVITIES


def import_rows(ctx: Context, n: int) -> list[list]:
    """n activities of the program, two rows each, as the template's columns."""
    program = ctx.program
    col = {name: i for i, name in enumerate(HEADER)}
    agency = ctx.officer.agency.name
    area = program.content_areas.order_by("number").first()
    resolver = CommuneResolver(program=program, on=None)
    current = [CommuneResolver.coded_label(u) for u in resolver.units(Era.CURRENT)["all"][:50]]
    legacy = [CommuneResolver.coded_label(u) for u in resolver.units(Era.LEGACY)["all"][:50]]
    first = dt.date(program.phase_start, 1, 1)
    last = min(dt.date(program.phase_end, 12, 31), dt.date.today())
    span = (last - first).days
    groups = [g.name for g in EthnicGroup.objects.order_by("code")[:12]]
    kinds, sexes, bands = Kind.labels, Sex.labels[:2], AgeBand.labels[:4]
    rows = []
    for i in range(n):
        day = first + dt.timedelta(days=(i * 7) % max(span, 1))
        places = legacy if day < services.REFORM_DATE else current
        row = [""] * len(HEADER)
        row[col["Mã dòng"]] = f"bench-{i + 1}"
        row[col["Nội dung phối hợp"]] = f"{area.number}. {area.title}" if area else ""
        row[col["Loại hoạt động"]] = kinds[i % len(kinds)]
        row[col["Tên hoạt động"]] = f"Hoạt động nhập từ tệp số {i + 1}"
        row[col["Ngày bắt đầu"]] = day.strftime("%d/%m/%Y")
        row[col["Đơn vị tổ chức"]] = agency
        row[col["Xã, phường"]] = places[i % len(places)] if places else ""
        row[col["Tổng số người tham gia"]] = "60"
        row[col["Kinh phí (đồng)"]] = "5.000.000"
        row[col["Dân tộc"]] = groups[i % len(groups)]
        row[col["Giới tính"]] = sexes[0]
        row[col["Độ tuổi"]] = bands[i % len(bands)]
        row[col["Số người"]] = "35"
        second = [""] * len(HEADER)
        second[col["Mã dòng"]] = row[col["Mã dòng"]]
        second[col["Dân tộc"]] = groups[(i + 1) % len(groups)]
        second[col["Giới tính"]] = sexes[1]
        second[col["Độ tuổi"]] = bands[(i + 1) % len(bands)]
        second[col["Số người"]] = "25"
        rows += [row, second]
    return rows


def csv_file(rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_file(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hoạt động")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import_measure(ctx: Context, content: bytes, name: str, fmt: str) -> Measure:
    program, user = ctx.program, ctx.officer
    size = import_size(ctx)
    lines = 2 * size

    def run():
        with transaction.atomic():
            checked = check_table(
                read_table(SimpleUploadedFile(name, content), name=name), program=program, user=user
            )
            if checked.problems:
                raise BenchError(f"Tệp đo có lỗi: {checked.problems[:3]}")
            counts = services.activity_import(program=program, items=checked.items, by=user)
            if counts["created"] != size:
                raise BenchError(f"Nhập được {counts}, cần {size} hoạt động mới.")
            transaction.set_rollback(True)

    activity_table = connection.ops.quote_name(Activity._meta.db_table)
    people_table = connection.ops.quote_name(Participation._meta.db_table)
    organiser = user.agency_id
    group = EthnicGroup.objects.order_by("code").values_list("pk", flat=True).first()

    def baseline():
        # The same rows with plain SQL: the activities, then their participation.
        now = "2026-01-01 00:00:00"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {activity_table}")  # noqa: S608 - model names
            first = cursor.fetchone()[0] + 1
            cursor.executemany(
                f"INSERT INTO {activity_table} (id, program_id, kind, title, start_date, end_date, organiser_id, "  # noqa: S608
                "total_participants, funding_source, funding_detail, description, status, review_comment, "
                "external_key, created_at, updated_at, search_text) "
                "VALUES (%s, %s, 'training', %s, '2024-03-12', '2024-03-12', %s, 60, '', '', '', 'draft', '', %s, "
                "%s, %s, '')",
                [
                    (first + i, program.pk, f"Hoạt động {i}", organiser, f"base-{i}", now, now)
                    for i in range(size)
                ],
            )
            # The participation rows 1,000 to a statement: each statement on this table
            # runs the triggers that keep ParticipantTally, and on PostgreSQL 50,000
            # one-row statements in one transaction would stack 50,000 versions of the
            # same few sums, each statement slower than the one before.
            people = [(first + i, program.pk, group, sex) for i in range(size) for sex in ("female", "male")]
            for start in range(0, len(people), 1000):
                chunk = people[start : start + 1000]
                cursor.execute(
                    f"INSERT INTO {people_table} (activity_id, program_id, status, ethnic_group_id, sex, age_band, count) VALUES "  # noqa: S608, E501
                    + ", ".join(["(%s, %s, 'draft', %s, %s, 'unspecified', 30)"] * len(chunk)),
                    [value for row in chunk for value in row],
                )
            transaction.set_rollback(True)

    def summarise(samples: list[float]) -> dict:
        p50 = sorted(samples)[len(samples) // 2]
        return {"rows_per_s": round(lines / (p50 / 1000))}

    return Measure(
        n=lines,
        run=run,
        baseline=baseline,
        extra={"format": fmt, "activities": size, "program_id": program.pk},
        summarise=summarise,
        repeat=3,
        warmup=1,
    )


@operation("activity_import")
def activity_import(ctx: Context) -> Measure:
    """A 50,000-row CSV file checked and written (rolled back after each run)."""
    return _import_measure(ctx, csv_file(import_rows(ctx, import_size(ctx))), "bench.csv", "csv")


@operation("activity_import_xlsx")
def activity_import_xlsx(ctx: Context) -> Measure:
    """The same 50,000 rows as an .xlsx file (read by python-calamine)."""
    return _import_measure(ctx, xlsx_file(import_rows(ctx, import_size(ctx))), "bench.xlsx", "xlsx")


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or ""
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    at = f"{user}{password}@" if user else ""
    return f"postgres://{at}{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}/{settings['NAME']}"


@operation("activity_export")
def activity_export(ctx: Context) -> Measure:
    """Every activity of every program as CSV through `phoihop export-activities`, in a
    child process that reports its peak memory (one run: the largest export)."""
    user, _ = get_user_model().objects.update_or_create(
        username=EXPORT_USERNAME,
        defaults={"is_superuser": True, "is_staff": True, "agency": None, "role": ""},
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    activities = Activity.objects.count()
    env = {**os.environ, "DATABASE_URL": _database_url()}
    command = [
        sys.executable,
        "-m",
        "phoihop.cli",
        "export-activities",
        "--user",
        EXPORT_USERNAME,
        "--output",
        os.devnull,
    ]
    result: dict = {}

    def run():
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - our own command
        result["seconds"] = time.perf_counter() - started
        if done.returncode != 0:
            raise BenchError(f"export-activities: {done.stderr.strip()[-500:]}")
        summary = done.stderr.split("Đã xuất ", 1)[1]
        result["rows"] = int(summary.split(" ", 1)[0])
        # The command's own peak (VmHWM, reset when it starts): RUSAGE_CHILDREN would count
        # the moment after fork, when the child still shares this large process's pages.
        result["peak_mb"] = float(summary.split("tối đa ", 1)[1].split(" ", 1)[0])

    activity_table = connection.ops.quote_name(Activity._meta.db_table)
    people_table = connection.ops.quote_name(Participation._meta.db_table)

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT a.id, a.title, a.start_date, a.total_participants, p.ethnic_group_id, p.sex, p.age_band, p.count "  # noqa: S608
                f"FROM {activity_table} a LEFT JOIN {people_table} p ON p.activity_id = a.id ORDER BY a.start_date, a.id"
            )
            while cursor.fetchmany(10_000):
                pass

    return Measure(
        n=activities,
        run=run,
        baseline=baseline,
        extra={},
        summarise=lambda samples: {**result, "rows_per_s": round(result["rows"] / result["seconds"])},
        repeat=1,
        warmup=0,
    )
