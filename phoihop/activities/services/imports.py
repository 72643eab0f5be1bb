"""Writing a checked spreadsheet (activities.importer) in bulk."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from phoihop.activities import rules
from phoihop.activities.models import (
    Activity,
    Locality,
    Output,
    Participation,
    Status,
)
from phoihop.activities.services.activities import (
    INPUT_FIELDS,
    ActivityInput,
    apply_input,
    input_from_activity,
    sync_status,
)
from phoihop.core import bulk
from phoihop.core.text import nfc, search_key
from phoihop.programs.models import Program

IMPORT_FIELDS = [*INPUT_FIELDS, "search_text", "status", "submitted_at", "updated_at"]
BATCH = 2000


def activity_import(*, program: Program, items: list, by, submit: bool = False) -> dict:
    """Write the activities of a checked spreadsheet (activities.importer.check_table):
    create the new ones, replace the changed ones, leave the unchanged ones; with `submit`,
    send every draft or returned activity of the file to the lead agency.

    The same rules as activity_create/activity_update hold (checked row by row by the
    importer, and the permissions again here); everything is written in one transaction,
    and each created or changed activity gets a history entry by `by`. New activities and
    all parts go in through multi-row INSERTs (core.bulk): tens of thousands of rows a
    file. Returns {"created", "updated", "unchanged", "submitted"}.
    """
    if not rules.can_record_activity(by, program):
        raise PermissionDenied("Chỉ cán bộ các bên tham gia chương trình được ghi nhận hoạt động.")
    for_others = by.is_superuser or rules.is_lead_staff(by, program)
    for item in items:
        if not for_others and item.data.organiser.pk != by.agency_id:
            raise PermissionDenied("Bạn chỉ nhập được hoạt động của cơ quan mình.")
        if (
            item.outcome == "updated"
            and item.existing.status not in rules.EDITABLE
            and signature(input_from_activity(item.existing)) != signature(item.data)
        ):
            raise ValidationError(
                {"status": [f"Hoạt động mã «{item.key}» không sửa được (đã gửi hoặc đã xác nhận)."]}
            )
    now = timezone.now()
    counts = {"created": 0, "updated": 0, "unchanged": 0, "submitted": 0}
    new_rows, new_inputs, changed, touched = [], [], [], []
    status = Status.SUBMITTED if submit else Status.DRAFT
    for item in items:
        if item.outcome == "created":
            new_rows.append(_activity_row(program, item.data, status=status, now=now, by=by))
            new_inputs.append(item.data)
            counts["created"] += 1
            counts["submitted"] += int(submit)
            continue
        activity = item.existing
        if item.outcome == "unchanged":
            counts["unchanged"] += 1
            if not (submit and activity.status in rules.EDITABLE):
                continue
        else:
            apply_input(activity, item.data)
            activity.normalize()
            touched.append((activity.pk, item.data))
            counts["updated"] += 1
        if submit and activity.status in rules.EDITABLE:
            activity.status = Status.SUBMITTED
            activity.submitted_at = now
            counts["submitted"] += 1
        activity.updated_at = now
        changed.append(activity)
    reason = "Nhập từ tệp" + (", gửi" if submit else "")
    with transaction.atomic():
        ids = bulk.insert(Activity, new_rows, returning=True)
        history_rows = []
        for pk, row in zip(ids, new_rows, strict=True):
            history_rows.append(
                row
                | {
                    "id": pk,
                    "history_date": now,
                    "history_type": "+",
                    "history_change_reason": reason,
                    "history_user_id": by.pk if by.is_authenticated else None,
                }
            )
        bulk.insert(Activity.history.model, history_rows)
        if changed:
            Activity.objects.bulk_update(changed, IMPORT_FIELDS, batch_size=BATCH)
            Activity.history.bulk_history_create(
                changed, batch_size=BATCH, default_user=by, default_change_reason=reason
            )
        replaced = [pk for pk, _ in touched]
        for start in range(0, len(replaced), BATCH):
            chunk = replaced[start : start + BATCH]
            Participation.objects.filter(activity_id__in=chunk).delete()
            Locality.objects.filter(activity_id__in=chunk).delete()
            Output.objects.filter(activity_id__in=chunk).delete()
            Activity.co_organisers.through.objects.filter(activity_id__in=chunk).delete()
        statuses = {pk: row["status"] for pk, row in zip(ids, new_rows, strict=True)}
        statuses |= {a.pk: a.status for a in changed}
        _bulk_parts(program, [*zip(ids, new_inputs, strict=True), *touched], statuses)
        # Activities whose parts were kept but whose status changed (sent with the file).
        kept = {a.pk for a in changed} - {pk for pk, _ in touched}
        for status in {statuses[pk] for pk in kept}:
            sync_status([pk for pk in kept if statuses[pk] == status], status)
    return counts


def _activity_row(program: Program, data: ActivityInput, *, status: str, now, by) -> dict:
    """A new activity's columns, as `full_clean()` would store them (NFC text, search key)."""
    title, description = nfc(data.title or "").strip(), nfc(data.description or "").strip()
    return {
        "program_id": program.pk,
        "content_area_id": data.content_area.pk if data.content_area else None,
        "kind": data.kind,
        "title": title,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "organiser_id": data.organiser.pk,
        "total_participants": int(data.total_participants or 0),
        "budget_vnd": data.budget_vnd,
        "funding_source": data.funding_source or "",
        "funding_detail": nfc(data.funding_detail or "").strip(),
        "description": description,
        "status": status,
        "submitted_at": now if status == Status.SUBMITTED else None,
        "external_key": nfc(data.external_key or "").strip(),
        "created_by_id": by.pk if by.is_authenticated else None,
        "created_at": now,
        "updated_at": now,
        "search_text": search_key(title, description, data.organiser.name),
    }


def signature(data: ActivityInput) -> tuple:
    """What an activity holds, in a form that compares equal when nothing changed."""

    def amount(value):
        return None if value is None else Decimal(value).normalize()

    return (
        data.kind,
        nfc(data.title or "").strip(),
        data.start_date,
        data.end_date,
        data.organiser.pk if data.organiser else None,
        data.content_area.pk if data.content_area else None,
        tuple(sorted(a.pk for a in data.co_organisers)),
        int(data.total_participants or 0),
        tuple(
            sorted(
                (r.ethnic_group.pk if r.ethnic_group else 0, r.sex, r.age_band, int(r.count))
                for r in data.participation
            )
        ),
        tuple((p.unit.pk if p.unit else None, nfc(p.written or "").strip()) for p in data.localities),
        data.budget_vnd,
        data.funding_source or "",
        nfc(data.funding_detail or "").strip(),
        tuple((nfc(o.name).strip(), nfc(o.unit).strip(), amount(o.value)) for o in data.outputs),
        nfc(data.description or "").strip(),
    )


def _bulk_parts(program: Program, touched: list[tuple[int, ActivityInput]], statuses: dict[int, str]) -> None:
    """Participation, localities, outputs and co-organisers of (activity id, input) pairs."""
    through = Activity.co_organisers.through
    bulk.insert(
        Participation,
        (
            {
                "activity_id": pk,
                "program_id": program.pk,
                "status": statuses[pk],
                "ethnic_group_id": r.ethnic_group.pk if r.ethnic_group else None,
                "sex": r.sex,
                "age_band": r.age_band,
                "count": int(r.count),
            }
            for pk, data in touched
            for r in data.participation
        ),
    )
    bulk.insert(
        Locality,
        (
            {
                "activity_id": pk,
                "unit_id": p.unit.pk if p.unit else None,
                "written": nfc(p.written or "").strip(),
            }
            for pk, data in touched
            for p in data.localities
        ),
    )
    bulk.insert(
        Output,
        (
            {
                "activity_id": pk,
                "name": nfc(o.name).strip(),
                "unit": nfc(o.unit).strip(),
                "value": Decimal(o.value),
            }
            for pk, data in touched
            for o in data.outputs
        ),
    )
    bulk.insert(
        through, ({"activity_id": pk, "agency_id": a.pk} for pk, data in touched for a in data.co_organisers)
    )
