"""`phoihop bench --scale tiny|province|national`: one JSON line per measured operation."""

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from phoihop.activities.generate import SCALES
from phoihop.bench import DEFAULT_REPEAT, OPERATIONS, BenchError, bench_database, run


class Command(BaseCommand):
    help = (
        "Đo hiệu năng trên cơ sở dữ liệu đo riêng (tạo và nạp dữ liệu thử lần đầu) / time pages and "
        "computations on a dedicated benchmark database (generated the first time); one JSON line per "
        "operation on stdout, progress on stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--seed", type=int, default=1, help="seed of the generated data (default 1)")
        parser.add_argument(
            "--repeat", type=int, default=DEFAULT_REPEAT, help=f"measured runs (default {DEFAULT_REPEAT})"
        )
        parser.add_argument(
            "--only", default="", help=f"comma-separated operations, among: {', '.join(OPERATIONS)}"
        )

    def handle(self, *args, scale: str, seed: int, repeat: int, only: str, **options) -> None:
        names = [n.strip() for n in only.split(",") if n.strip()]
        unknown = [n for n in names if n not in OPERATIONS]
        if unknown:
            raise CommandError(f"Không có phép đo {', '.join(unknown)}; có: {', '.join(OPERATIONS)}")
        if repeat < 1:
            raise CommandError("--repeat phải ≥ 1")

        def say(line: str) -> None:
            self.stderr.write(line)
            sys.stderr.flush()

        def write(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        try:
            with bench_database(scale=scale, seed=seed, say=say):
                run(scale=scale, repeat=repeat, only=names or None, write=write)
        except BenchError as exc:
            raise CommandError(str(exc)) from None
