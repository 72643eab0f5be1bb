"""Small pieces every API module shares."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError


def check(allowed: bool, message: str) -> None:
    """Asked before a request body is resolved, so that a user without the right gets 403
    whatever the body holds; the service asks the same predicate again."""
    if not allowed:
        raise PermissionDenied(message)


@contextmanager
def field_names(names: dict[str, str]) -> Iterator[None]:
    """Report a service's field errors under the request body's names for those fields."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        renamed: dict[str, list[str]] = {}
        for key, messages in exc.message_dict.items():
            renamed.setdefault(names.get(key, key), []).extend(messages)
        raise ValidationError(renamed) from exc
