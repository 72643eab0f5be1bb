"""Saving and deleting through django-simple-history with the acting user recorded, so
changes made from the command line or the API are attributed like those from pages."""

import datetime as dt

from django.db import models
from django.utils import formats, timezone


def save(instance: models.Model, *, by=None, reason: str | None = None) -> models.Model:
    if by is not None and getattr(by, "is_authenticated", False):
        instance._history_user = by
    if reason:
        instance._change_reason = reason
    instance.save()
    return instance


def delete(instance: models.Model, *, by=None, reason: str | None = None) -> None:
    if by is not None and getattr(by, "is_authenticated", False):
        instance._history_user = by
    if reason:
        instance._change_reason = reason
    instance.delete()


LABELS = {"+": "Tạo", "~": "Sửa", "-": "Xóa"}


def entry(record, what: str = "") -> dict:
    """One line of a history list as the pages show it (core/templates/history.html)."""
    return {
        "when": record.history_date,
        "who": record.history_user,
        "kind": LABELS.get(record.history_type, record.history_type),
        "what": what,
        "reason": record.history_change_reason or "",
        "changes": changes(record) if record.history_type == "~" else [],
    }


def changes(record) -> list[dict]:
    """What a historical record changed compared with the one before it:
    [{"field": verbose name, "old": str, "new": str}]."""
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous)
    out = []
    for change in delta.changes:
        field = record.instance_type._meta.get_field(change.field)
        out.append(
            {
                "field": str(getattr(field, "verbose_name", change.field)),
                "old": _display(field, change.old),
                "new": _display(field, change.new),
            }
        )
    return out


def _display(field, value) -> str:
    if value in (None, ""):
        return "—"
    choices = getattr(field, "flatchoices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if getattr(field, "many_to_one", False) and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    return str(value)
