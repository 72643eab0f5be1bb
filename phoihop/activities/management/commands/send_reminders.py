"""`phoihop send-reminders --program ID --user NAME [--year Y] [--period quarter|half|year]`"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from phoihop.activities import services
from phoihop.activities.management.lookups import program_numbered, user_named
from phoihop.activities.models import Period


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc (mỗi cơ quan một thư) cho các bên chậm báo cáo của một chương trình; chạy định kỳ "
        "được, cơ quan vừa được nhắc trong 20 giờ thì bỏ qua."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", type=int, required=True)
        parser.add_argument("--user", required=True, help="Người gửi (cán bộ cơ quan chủ trì hoặc quản trị).")
        parser.add_argument("--year", type=int, help="Mặc định: năm nay.")
        parser.add_argument("--period", choices=Period.values, default=Period.QUARTER)

    def handle(self, *args, program, user, year, period, **options):
        by = user_named(user)
        found = program_numbered(program)
        try:
            result = services.reporting_remind(
                program=found,
                year=year or timezone.localdate().year,
                period=period,
                by=by,
                base_url=settings.SITE_URL,
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        for reminder in result["sent"]:
            self.stdout.write(f"Đã nhắc {reminder.agency.name} ({reminder.periods}) → {reminder.recipients}")
        for agency, reason in result["skipped"]:
            self.stdout.write(f"Bỏ qua {agency.name}: {reason}")
        if not result["sent"] and not result["skipped"]:
            self.stdout.write("Không có cơ quan nào chậm báo cáo.")
