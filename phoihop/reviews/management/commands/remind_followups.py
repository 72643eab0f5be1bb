"""`phoihop remind-followups [--program ID --user NAME]`"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from phoihop.activities.management.lookups import program_numbered, user_named
from phoihop.reviews import services


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc việc cần thực hiện đã quá hạn: mỗi cơ quan một thư liệt kê mọi việc quá hạn của mình "
        "(của một chương trình, hoặc mọi chương trình khi không ghi --program); chạy định kỳ được, việc vừa "
        "nhắc trong 20 giờ thì bỏ qua."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", type=int, help="Chỉ một chương trình (cần --user).")
        parser.add_argument("--user", help="Người gửi (cán bộ cơ quan chủ trì hoặc quản trị).")

    def handle(self, *args, program, user, **options):
        if program and not user:
            raise CommandError("Ghi --user (cán bộ cơ quan chủ trì) khi nhắc cho một chương trình.")
        try:
            result = services.followups_remind(
                program=program_numbered(program) if program else None,
                by=user_named(user) if user else None,
                base_url=settings.SITE_URL,
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        for agency, items, addresses in result["sent"]:
            self.stdout.write(f"Đã nhắc {agency.name}: {len(items)} việc quá hạn → {', '.join(addresses)}")
        for agency, reason in result["skipped"]:
            self.stdout.write(f"Bỏ qua {agency.name}: {reason}")
        if not result["sent"] and not result["skipped"]:
            self.stdout.write("Không có việc nào quá hạn cần nhắc.")
