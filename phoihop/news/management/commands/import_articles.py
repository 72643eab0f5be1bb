"""`phoihop import-articles DIR --user NAME [--report FILE.csv] [--publish]`"""

import csv
import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from phoihop.activities.management.lookups import user_named
from phoihop.news.importing import REPORT_COLUMNS, STATUS_LABELS, article_files, import_file


class Command(BaseCommand):
    help = (
        "Nhập một thư mục tin bài cũ (.txt, .html, .docx, cả thư mục con): mỗi bài được đọc, đề xuất sự kiện "
        "rồi tạo chương trình, kỳ sơ kết, tổng kết hoặc hoạt động cùng tin bài khi không còn gì phải quyết; "
        "bài cần người xem (cơ quan chưa có trong danh mục, không ghi năm…) được báo lại để nhập trên trang "
        "«Nhập tin bài cũ». Chạy lại không tạo trùng. Báo cáo CSV mỗi tệp một dòng."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Thư mục chứa tin bài.")
        parser.add_argument("--user", required=True, help="Người nhập (cán bộ, biên tập viên hoặc quản trị).")
        parser.add_argument("--report", help="Ghi báo cáo CSV vào tệp này (mặc định: in ra màn hình).")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Đăng tin bài lên trang công khai với ngày đăng gốc (biên tập viên).",
        )

    def handle(self, *args, folder, user, report, publish, **options):
        by = user_named(user)
        files = article_files(folder)
        if not files:
            raise CommandError(f"Không có tệp .txt, .html hoặc .docx nào trong «{folder}».")
        out = open(report, "w", newline="", encoding="utf-8-sig") if report else sys.stdout  # noqa: SIM115
        try:
            writer = csv.DictWriter(out, fieldnames=REPORT_COLUMNS)
            writer.writeheader()
            counts = Counter()
            for path in files:
                row = import_file(path, by=by, publish=publish)
                counts[row["status"]] += 1
                writer.writerow(row)
        finally:
            if report:
                out.close()
        summary = ", ".join(f"{STATUS_LABELS[k]}: {counts[k]}" for k in STATUS_LABELS if counts[k])
        self.stderr.write(f"{len(files)} tệp — {summary}.")
