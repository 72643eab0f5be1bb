"""`phoihop refdata load` and `phoihop refdata bench`."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.utils import formats, translation

from phoihop.reference.services import COUNT_KEYS, refdata_load


def _n(value: float, decimals: int | None = None) -> str:
    with translation.override("vi"):
        return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


def summary_vi(counts: dict[str, int], seconds: float) -> str:
    c = {k: _n(v) for k, v in counts.items()}
    return (
        f"Đã nạp dữ liệu tham chiếu: {c['ethnic_groups']} dân tộc, {c['agency_kinds']} loại cơ quan, "
        f"{c['current_provinces']} tỉnh hiện hành, {c['current_communes']} xã hiện hành, "
        f"{c['legacy_provinces']} tỉnh, {c['legacy_districts']} huyện và {c['legacy_communes']} xã "
        f"trước 01/07/2025, {c['successor_links']} liên kết kế thừa "
        f"(thêm {c['created']}, sửa {c['updated']}, xóa {c['deleted']}) trong {_n(round(seconds, 1), 1)} s"
    )


def summary_en(counts: dict[str, int], seconds: float) -> str:
    return (
        f"Loaded reference data: {counts['ethnic_groups']} ethnic groups, "
        f"{counts['agency_kinds']} agency kinds, "
        f"{counts['current_provinces']} current provinces, {counts['current_communes']} current communes, "
        f"{counts['legacy_provinces']} legacy provinces, {counts['legacy_districts']} legacy districts, "
        f"{counts['legacy_communes']} legacy communes, {counts['successor_links']} successor links "
        f"(created {counts['created']}, updated {counts['updated']}, deleted {counts['deleted']}) "
        f"in {seconds:.1f} s"
    )


class Command(BaseCommand):
    help = (
        "Dữ liệu tham chiếu / reference data. "
        "load: nạp dân tộc, loại cơ quan, đơn vị hành chính (chạy lại không thay đổi gì); "
        "bench: đo thời gian nạp đầy đủ vào một cơ sở dữ liệu tạm."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, title="lệnh / actions")
        actions.add_parser(
            "load", help="Nạp hoặc cập nhật dữ liệu tham chiếu / load or update reference data."
        )
        actions.add_parser(
            "bench",
            help=(
                "Đo thời gian nạp đầy đủ vào một cơ sở dữ liệu tạm cùng loại / time a full load into a "
                "throwaway database of the configured kind; prints one JSON line."
            ),
        )

    def handle(self, *args, action: str, **options) -> None:
        self.verbosity = options["verbosity"]
        if action == "load":
            self.load()
        else:
            self.bench(verbosity=options["verbosity"])

    def load(self) -> None:
        started = time.perf_counter()
        counts = refdata_load(stdout=self.stdout if self.verbosity > 1 else None)
        seconds = time.perf_counter() - started
        self.stdout.write(summary_vi(counts, seconds))
        self.stdout.write(summary_en(counts, seconds))
        if counts["kept_stale"]:
            self.stderr.write(
                f"Giữ lại {counts['kept_stale']} dòng không còn trong nguồn vì còn hồ sơ tham chiếu / "
                f"kept {counts['kept_stale']} rows no longer in the sources because records refer to them."
            )

    def bench(self, *, verbosity: int) -> None:
        """Time a fresh full load and a no-op second load.

        The configured database is left alone: like the test runner, this creates a
        throwaway database next to it (PostgreSQL: `<name>_refdata_bench`; SQLite: a
        temporary file), migrates it, loads twice and drops it.
        """
        vendor = connection.vendor
        test_settings = connection.settings_dict.setdefault("TEST", {})
        saved_test_name = test_settings.get("NAME")
        with tempfile.TemporaryDirectory(prefix="phoihop-bench-") as tmp:
            if vendor == "sqlite":
                test_settings["NAME"] = str(Path(tmp) / "refdata_bench.sqlite3")
            else:
                test_settings["NAME"] = f"{connection.settings_dict['NAME']}_refdata_bench"
            old_name = connection.creation.create_test_db(
                verbosity=max(verbosity - 1, 0), autoclobber=True, serialize=False
            )
            try:
                started = time.perf_counter()
                counts = refdata_load()
                seconds = time.perf_counter() - started
                started = time.perf_counter()
                again = refdata_load()
                noop_seconds = time.perf_counter() - started
            finally:
                connection.creation.destroy_test_db(old_name, verbosity=max(verbosity - 1, 0))
                test_settings["NAME"] = saved_test_name
        rows = sum(counts[key] for key in COUNT_KEYS)
        written_again = again["created"] + again["updated"] + again["deleted"]
        self.stdout.write(
            json.dumps(
                {
                    "name": "refdata_load",
                    "db": vendor,
                    "n": rows,
                    "seconds": round(seconds, 3),
                    "noop_seconds": round(noop_seconds, 3),
                    "noop_writes": written_again,
                }
            )
        )
