"""Predicates shared by every app's rules.py."""

import rules

STAFF_ROLES = ("officer", "leader")


@rules.predicate
def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_staff_member(user) -> bool:
    """An officer or leader of some agency (not a news editor, not anonymous)."""
    return bool(user.is_authenticated and user.agency_id and user.role in STAFF_ROLES)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated)
