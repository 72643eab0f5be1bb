"""`phoihop token create|revoke|list`: API tokens from the command line.

    phoihop token create alice --name "Báo cáo tự động" --days 90
    phoihop token revoke Xy3kP0aB        (the prefix `list` shows, or the token's id)
    phoihop token list [alice]

`create` prints the token alone on its last line, so a script can take it with `tail -n 1`.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from phoihop.accounts.models import ApiToken, User
from phoihop.accounts.services import token_create, token_revoke


def _when(value) -> str:
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else "—"


class Command(BaseCommand):
    help = "Tạo, thu hồi, liệt kê mã truy cập API (Bearer token)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{create,revoke,list}")
        create = actions.add_parser("create", help="Tạo mã truy cập cho một người dùng.")
        create.add_argument("username")
        create.add_argument("--name", default="", help="Tên gợi nhớ của mã, ví dụ nơi dùng nó.")
        create.add_argument(
            "--days", type=int, default=None, help="Hết hạn sau số ngày này (mặc định: không hết hạn)."
        )
        revoke = actions.add_parser("revoke", help="Thu hồi một mã truy cập.")
        revoke.add_argument("token", metavar="PREFIX_OR_ID", help="Tiền tố (8 ký tự) hoặc số thứ tự của mã.")
        listing = actions.add_parser("list", help="Liệt kê các mã truy cập.")
        listing.add_argument("username", nargs="?", default=None)

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng «{username}».")
        return user

    def _create(self, *, username: str, name: str, days: int | None, **_):
        if days is not None and days < 1:
            raise CommandError("Số ngày hiệu lực phải từ 1 trở lên.")
        user = self._user(username)
        try:
            token, raw = token_create(user=user, name=name, days=days)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        expiry = f"hết hạn {_when(token.expires_at)}" if token.expires_at else "không hết hạn"
        self.stdout.write(
            f"Đã tạo mã truy cập {token.prefix}… (số {token.pk}) cho {user.username}, {expiry}. "
            "Hãy lưu lại ngay: mã chỉ hiện một lần."
        )
        self.stdout.write(raw)

    def _revoke(self, *, token: str, **_):
        match = Q(prefix=token)
        if token.isdigit():
            match |= Q(pk=int(token))
        found = list(ApiToken.objects.select_related("user").filter(match)[:2])
        if not found:
            raise CommandError(f"Không có mã truy cập «{token}».")
        if len(found) > 1:
            raise CommandError(
                f"«{token}» khớp với nhiều mã truy cập: dùng số thứ tự (xem `phoihop token list`)."
            )
        [record] = found
        if record.revoked_at is not None:
            self.stdout.write(f"Mã {record.prefix}… của {record.user.username} đã bị thu hồi từ trước.")
            return
        token_revoke(token=record)
        self.stdout.write(f"Đã thu hồi mã {record.prefix}… của {record.user.username}.")

    def _list(self, *, username: str | None, **_):
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if username:
            tokens = tokens.filter(user=self._user(username))
        rows = [
            (
                str(t.pk),
                t.prefix,
                t.user.username,
                t.name or "—",
                _when(t.created_at),
                _when(t.expires_at),
                _when(t.last_used_at),
                "còn hiệu lực" if t.is_active else ("đã thu hồi" if t.revoked_at else "hết hạn"),
            )
            for t in tokens
        ]
        if not rows:
            self.stdout.write("Chưa có mã truy cập nào.")
            return
        header = ("Số", "Tiền tố", "Người dùng", "Tên", "Tạo lúc", "Hết hạn", "Dùng lần cuối", "Trạng thái")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
