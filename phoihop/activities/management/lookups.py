"""What the activity commands look up by name or number, with Vietnamese errors."""

from django.core.management.base import CommandError

from phoihop.accounts.models import User
from phoihop.programs.models import Program


def user_named(username: str) -> User:
    """The active account the command acts as (its permissions apply)."""
    user = User.objects.filter(username=username, is_active=True).select_related("agency").first()
    if user is None:
        raise CommandError(f"Không có tài khoản «{username}».")
    return user


def program_numbered(pk: int) -> Program:
    program = (
        Program.objects.alive()
        .prefetch_related("parties__agency", "parties__focal_officer", "content_areas")
        .filter(pk=pk)
        .first()
    )
    if program is None:
        raise CommandError(f"Không có chương trình mã {pk}.")
    return program
