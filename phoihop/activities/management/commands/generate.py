import time

from django.core.management.base import BaseCommand, CommandError

from phoihop.activities.generate import SCALES, generate, vn_number


class Command(BaseCommand):
    help = "Tạo dữ liệu thử theo quy mô tỉnh hoặc toàn quốc (tái lập được từ --seed) để đo hiệu năng."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        started = time.perf_counter()
        try:
            counts = generate(scale=scale, seed=seed, say=lambda line: self.stdout.write(f"  {line}"))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Đã tạo dữ liệu thử ({scale}, seed {seed}): {counts['programs']} chương trình, "
            f"{vn_number(counts['activities'])} hoạt động, {vn_number(counts['participation_rows'])} dòng người "
            f"tham gia trong {seconds:.1f} s"
        )
