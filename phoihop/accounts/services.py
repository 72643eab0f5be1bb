"""Accounts and API tokens."""

import datetime as dt
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from phoihop.accounts.models import ApiToken, User, hash_token


def token_create(*, user: User, name: str = "", days: int | None = None) -> tuple[ApiToken, str]:
    """Make a bearer token for `user`; returns (record, raw token). Only the hash is kept,
    so the raw token can be shown once and never again."""
    if not user.is_active:
        raise ValidationError({"user": ["Tài khoản đã bị khóa."]})
    raw = "ph_" + secrets.token_urlsafe(32)
    expires = timezone.now() + dt.timedelta(days=days) if days else None
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[3:11], key_hash=hash_token(raw), expires_at=expires
    )
    return token, raw


def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token: requests with it are refused (401) from now on."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user a raw token belongs to, or None if it is unknown, revoked or expired."""
    if not raw:
        return None
    token = ApiToken.objects.select_related("user", "user__agency").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_create(
    *, username: str, password: str, agency=None, role: str = "", is_superuser: bool = False, **extra
) -> User:
    """Create an account; the password goes through Django's validators."""
    user = User(username=username, agency=agency, role=role, is_superuser=is_superuser, is_staff=is_superuser)
    for key, value in extra.items():
        setattr(user, key, value)
    errors = {}
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    with transaction.atomic():
        user.save()
    return user
