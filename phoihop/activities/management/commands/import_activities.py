"""`phoihop import-activities FILE --program ID --user NAME [--dry-run] [--submit]`"""

import time
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from phoihop.activities import services
from phoihop.activities.importer import FileRefused, check_table, read_table
from phoihop.activities.management.lookups import program_numbered, user_named


class Command(BaseCommand):
    help = (
        "Nhập hoạt động từ tệp .xlsx hoặc .csv theo mẫu, với quyền của một tài khoản. Tệp có lỗi thì không "
        "ghi gì và liệt kê từng ô sai; nhập lại cùng tệp không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--program", type=int, required=True, help="Mã (id) chương trình.")
        parser.add_argument("--user", required=True, help="Tên đăng nhập của người nhập.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi.")
        parser.add_argument("--submit", action="store_true", help="Gửi cho cơ quan chủ trì sau khi nhập.")

    def handle(self, *args, file, program, user, dry_run, submit, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không có tệp {file}.")
        by = user_named(user)
        found = program_numbered(program)
        started = time.perf_counter()
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            try:
                checked = check_table(read_table(upload, name=path.name), program=found, user=by)
                problems = checked.problems
            except FileRefused as exc:
                problems = exc.problems
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Tệp có {len(problems)} lỗi; không ghi hoạt động nào.")
        counts = checked.counts() | {"submitted": 0}
        if not dry_run:
            counts = services.activity_import(program=found, items=checked.items, by=by, submit=submit)
        seconds = time.perf_counter() - started
        verb = "Kiểm tra xong (không ghi)" if dry_run else "Đã nhập"
        self.stdout.write(
            f"{verb}: {checked.rows} dòng, {len(checked.items)} hoạt động — {counts['created']} mới, "
            f"{counts['updated']} cập nhật, {counts['unchanged']} không đổi, {counts['submitted']} đã gửi "
            f"({seconds:.1f} s)."
        )
