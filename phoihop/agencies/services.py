"""Writes to agencies, with history."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from phoihop.agencies import rules
from phoihop.agencies.models import Agency
from phoihop.core import history

FIELDS = (
    "name",
    "short_name",
    "kind",
    "level",
    "province",
    "parent",
    "valid_from",
    "valid_to",
    "successor",
    "email",
)


def agency_save(*, agency: Agency | None = None, by, **values) -> Agency:
    """Create an agency, or change one: only administrators. Validates (names NFC, valid
    dates in order, no self-reference) before writing; the history records `by`."""
    if by is not None and not rules.can_edit_agency(by):
        raise PermissionDenied("Chỉ quản trị viên được sửa danh mục cơ quan.")
    agency = agency or Agency()
    for key, value in values.items():
        if key not in FIELDS:
            raise TypeError(f"unknown agency field {key}")
        setattr(agency, key, value)
    agency.full_clean()
    with transaction.atomic():
        history.save(agency, by=by)
    return agency


def agency_succeed(*, old: Agency, new: Agency, on: dt.date, by) -> Agency:
    """Record that `new` took over `old`'s work on `on` (renaming or merger): `old` stays,
    with its name, on its records, valid until the day before."""
    if old.pk == new.pk:
        raise ValidationError({"successor": ["Cơ quan không thể kế thừa chính nó."]})
    return agency_save(agency=old, by=by, successor=new, valid_to=on - dt.timedelta(days=1))
