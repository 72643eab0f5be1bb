"""`phoihop export-activities --program ID --user NAME [--format csv|xlsx] [--output FILE]`"""

import sys

from django.core.management.base import BaseCommand, CommandError

from phoihop.activities import selectors
from phoihop.activities.exporters import ActivityExporter
from phoihop.activities.management.lookups import user_named
from phoihop.activities.models import Status


class Command(BaseCommand):
    help = "Xuất hoạt động của một chương trình (theo quyền của một tài khoản) ra CSV hoặc XLSX theo cột của tệp mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--program", type=int, help="Mặc định: mọi chương trình người dùng được xem.")
        parser.add_argument("--user", required=True)
        parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        parser.add_argument("--status", choices=Status.values, action="append")
        parser.add_argument("--output", "-o", help="Tệp ghi ra; mặc định: màn hình (chỉ CSV).")

    def handle(self, *args, program, user, format, status, output, **options):  # noqa: A002
        by = user_named(user)
        if format == "xlsx" and not output:
            raise CommandError("Tệp XLSX cần --output.")
        activities = selectors.activity_list(user=by, program=program, status=status).order_by(
            "start_date", "pk"
        )
        exporter = ActivityExporter(activities=activities, filename=f"hoat-dong-ct{program or 'tat-ca'}")
        _, _, content = exporter.render(format)
        target = open(output, "wb") if output else sys.stdout.buffer  # noqa: SIM115 - closed below
        try:
            if format == "xlsx":
                with content:
                    while chunk := content.read(1 << 20):
                        target.write(chunk)
            else:
                for chunk in content:
                    target.write(chunk)
        finally:
            if output:
                target.close()
        peak = _peak_mb()
        self.stderr.write(
            f"Đã xuất {exporter.written} dòng ({exporter.activities_written} hoạt động)"
            + (f"; bộ nhớ dùng tối đa {peak:.0f} MB." if peak else ".")
        )


def _peak_mb() -> float | None:
    """This process's peak resident memory (Linux: VmHWM, counted from its own start)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None
