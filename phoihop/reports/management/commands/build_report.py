"""`phoihop build-report --kind review_report --target ID [--year N] [--format docx|pdf] -o FILE --user NAME`"""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from phoihop.activities.management.lookups import user_named
from phoihop.reports import selectors, services
from phoihop.reports.docx import KINDS, PdfError


class Command(BaseCommand):
    help = (
        "Tạo văn bản (báo cáo sơ kết/tổng kết, chương trình phối hợp, báo cáo năm) từ số liệu, "
        "theo mẫu đang dùng, với quyền của một tài khoản."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=list(KINDS))
        parser.add_argument(
            "--target", required=True, type=int, help="Mã sơ kết (review_report) hoặc chương trình."
        )
        parser.add_argument("--year", type=int, help="Năm của báo cáo năm (annual_report).")
        parser.add_argument("--format", choices=("docx", "pdf"), default="docx")
        parser.add_argument(
            "--output", "-o", help="Tệp ghi ra; mặc định: tên do hệ thống đặt, ở thư mục hiện tại."
        )
        parser.add_argument("--user", required=True)

    def handle(self, *args, kind, target, year, format, output, user, **options):  # noqa: A002
        by = user_named(user)
        started = time.perf_counter()
        try:
            obj = selectors.build_target(kind=kind, pk=target, user=by)
        except Http404:
            what = "sơ kết" if kind == "review_report" else "chương trình"
            raise CommandError(
                f"Không có {what} mã {target}, hoặc tài khoản «{user}» không được xem."
            ) from None
        try:
            filename, _, content = services.report_render(kind=kind, target=obj, fmt=format, year=year)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        except PdfError as exc:
            raise CommandError(str(exc)) from None
        path = Path(output or filename)
        path.write_bytes(content)
        seconds = time.perf_counter() - started
        self.stderr.write(f"Đã ghi {path} ({len(content):,} byte, {seconds:.1f} giây).".replace(",", "."))
