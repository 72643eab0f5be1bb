"""Saving and deleting through django-simple-history with the acting user recorded, so
changes made from the command line or the API are attributed like those from pages."""

from django.db import models


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
    return str(value)
