"""Writes to activities. Each function checks the permission rule, validates everything
(collecting every field error, in Vietnamese) before it writes, writes in one
transaction and records the acting user in the history."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.activities import rules
from phoihop.activities.models import (
    Activity,
    AgeBand,
    FundingSource,
    Kind,
    Locality,
    Output,
    Participation,
    Period,
    Reminder,
    Sex,
    Status,
)
from phoihop.activities.selectors import reporting_grid
from phoihop.agencies.models import Agency
from phoihop.core import bulk, history
from phoihop.core.text import nfc, search_key
from phoihop.programs.models import ContentArea, Program
from phoihop.programs.models import Status as ProgramStatus
from phoihop.reference.models import AdministrativeUnit, Era, EthnicGroup

# The two-tier administrative units took effect on this day; legacy units ended the day before.
REFORM_DATE = dt.date(2025, 7, 1)

# Django's choices enums rebuild their lists on every access; validation runs per row of an import.
KINDS, SEXES, AGE_BANDS = frozenset(Kind.values), frozenset(Sex.values), frozenset(AgeBand.values)
FUNDING_SOURCES = frozenset(FundingSource.values)


@dataclass
class ParticipationInput:
    count: int
    ethnic_group: EthnicGroup | None = None
    sex: str = Sex.UNSPECIFIED
    age_band: str = AgeBand.UNSPECIFIED


@dataclass
class LocalityInput:
    unit: AdministrativeUnit | None = None
    written: str = ""


@dataclass
class OutputInput:
    name: str
    unit: str
    value: Decimal


@dataclass
class ActivityInput:
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date
    organiser: Agency
    content_area: ContentArea | None = None
    co_organisers: list[Agency] = field(default_factory=list)
    total_participants: int = 0
    participation: list[ParticipationInput] = field(default_factory=list)
    localities: list[LocalityInput] = field(default_factory=list)
    budget_vnd: int | None = None
    funding_source: str = ""
    funding_detail: str = ""
    outputs: list[OutputInput] = field(default_factory=list)
    description: str = ""
    external_key: str = ""


def input_from_activity(activity: Activity) -> ActivityInput:
    """An activity as stored, as the input that would store it again (parts prefetched by
    the selectors are read without queries; listed in the order they were entered)."""
    return ActivityInput(
        kind=activity.kind,
        title=activity.title,
        start_date=activity.start_date,
        end_date=activity.end_date,
        organiser=activity.organiser,
        content_area=activity.content_area,
        co_organisers=sorted(activity.co_organisers.all(), key=lambda a: a.pk),
        total_participants=activity.total_participants,
        participation=[
            ParticipationInput(count=r.count, ethnic_group=r.ethnic_group, sex=r.sex, age_band=r.age_band)
            for r in sorted(activity.participation.all(), key=lambda r: r.pk)
        ],
        localities=[
            LocalityInput(unit=p.unit, written=p.written)
            for p in sorted(activity.localities.all(), key=lambda p: p.pk)
        ],
        budget_vnd=activity.budget_vnd,
        funding_source=activity.funding_source,
        funding_detail=activity.funding_detail,
        outputs=[
            OutputInput(name=o.name, unit=o.unit, value=o.value)
            for o in sorted(activity.outputs.all(), key=lambda o: o.pk)
        ],
        description=activity.description,
        external_key=activity.external_key,
    )


def validate_activity(
    program: Program,
    data: ActivityInput,
    *,
    activity: Activity | None,
    party_agencies: set[int] | None = None,
) -> None:
    """Every rule an activity must meet, all errors collected by field, in Vietnamese.
    With the program's parties prefetched and no external key, it runs no query (the
    spreadsheet import calls it for thousands of rows)."""
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if program.status == ProgramStatus.DRAFT:
        add("program", "Chương trình chưa ký kết: chưa ghi nhận hoạt động được.")
    if data.kind not in KINDS:
        add("kind", "Loại hoạt động không hợp lệ.")
    if not (data.title or "").strip():
        add("title", "Nhập tên hoạt động.")
    if data.content_area is not None and data.content_area.program_id != program.pk:
        add("content_area", "Nội dung phối hợp không thuộc chương trình này.")

    if data.start_date is None:
        add("start_date", "Nhập ngày bắt đầu.")
    if data.end_date is None:
        add("end_date", "Nhập ngày kết thúc.")
    if data.start_date and data.end_date:
        if data.end_date < data.start_date:
            add("end_date", "Ngày kết thúc không được trước ngày bắt đầu.")
        elif data.start_date.year < program.phase_start or data.end_date.year > program.phase_end:
            add(
                "start_date",
                f"Hoạt động nằm ngoài giai đoạn của chương trình ({program.phase_start}–{program.phase_end}).",
            )

    if party_agencies is None:
        party_agencies = {p.agency_id for p in program.parties.all()}
    if data.organiser is None:
        add("organiser", "Chọn đơn vị tổ chức.")
    elif data.organiser.pk not in party_agencies:
        add("organiser", f"«{data.organiser.name}» không phải bên tham gia chương trình.")
    if data.organiser is not None and any(a.pk == data.organiser.pk for a in data.co_organisers):
        add("co_organisers", "Đơn vị tổ chức không ghi lại ở đơn vị phối hợp.")

    total = data.total_participants
    if total is None or int(total) < 0:
        add("total_participants", "Tổng số người tham gia phải là số không âm.")
        total = None
    cells = set()
    counted = 0
    for i, row in enumerate(data.participation, start=1):
        if row.count is None or int(row.count) < 0:
            add("participation", f"Dòng {i}: số người không được âm.")
            continue
        if row.sex not in SEXES:
            add("participation", f"Dòng {i}: giới tính không hợp lệ.")
        if row.age_band not in AGE_BANDS:
            add("participation", f"Dòng {i}: độ tuổi không hợp lệ.")
        cell = (row.ethnic_group.pk if row.ethnic_group else None, row.sex, row.age_band)
        if cell in cells:
            add("participation", f"Dòng {i}: trùng dân tộc, giới tính và độ tuổi với một dòng trước.")
        cells.add(cell)
        counted += int(row.count)
    if total is not None and counted > int(total):
        add(
            "participation",
            f"Cộng các dòng người tham gia ({counted:,}) lớn hơn tổng số người tham gia ({int(total):,}).".replace(
                ",", "."
            ),
        )

    if data.budget_vnd is not None and int(data.budget_vnd) < 0:
        add("budget_vnd", "Kinh phí không được âm.")
    if data.funding_source and data.funding_source not in FUNDING_SOURCES:
        add("funding_source", "Nguồn kinh phí không hợp lệ.")

    for i, place in enumerate(data.localities, start=1):
        unit = place.unit
        if unit is None and not (place.written or "").strip():
            add("localities", f"Địa bàn {i}: chọn đơn vị hành chính hoặc ghi địa điểm.")
        if unit is not None and data.start_date:
            _check_unit_on_date(unit, data.start_date, i, add)

    for i, out in enumerate(data.outputs, start=1):
        if not (out.name or "").strip() or not (out.unit or "").strip():
            add("outputs", f"Kết quả {i}: nhập tên và đơn vị tính.")
        if out.value is None or Decimal(out.value) < 0:
            add("outputs", f"Kết quả {i}: số lượng không được âm.")

    if data.external_key and data.organiser is not None:
        clash = Activity.objects.filter(
            program=program, organiser=data.organiser, external_key=data.external_key
        )
        if activity is not None:
            clash = clash.exclude(pk=activity.pk)
        if clash.exists():
            add("external_key", f"Mã ngoài «{data.external_key}» đã dùng cho hoạt động khác của đơn vị.")

    if errors:
        raise ValidationError(errors)


def _check_unit_on_date(unit: AdministrativeUnit, day: dt.date, i: int, add) -> None:
    if unit.era == Era.LEGACY and day >= REFORM_DATE:
        successors = ", ".join(s.name for s in unit.successors.all()[:3])
        add(
            "localities",
            f"Địa bàn {i}: «{unit.name}» không còn từ 01/07/2025"
            + (f" (nay thuộc {successors})." if successors else "."),
        )
    elif unit.era == Era.CURRENT and day < REFORM_DATE:
        add("localities", f"Địa bàn {i}: «{unit.name}» chỉ có từ 01/07/2025; chọn đơn vị hành chính cũ.")


def _apply(activity: Activity, data: ActivityInput) -> None:
    for name in (
        "kind",
        "title",
        "start_date",
        "end_date",
        "organiser",
        "content_area",
        "total_participants",
        "budget_vnd",
        "funding_source",
        "funding_detail",
        "description",
        "external_key",
    ):
        value = getattr(data, name)
        setattr(
            activity,
            name,
            ""
            if value is None and name in {"funding_source", "funding_detail", "description", "external_key"}
            else value,
        )


def _write_parts(activity: Activity, data: ActivityInput) -> None:
    """Replace participation, localities, outputs and co-organisers (bulk: an activity's
    parts are small, and their changes are summed up in the activity's own history)."""
    activity.participation.all().delete()
    Participation.objects.bulk_create(
        Participation(
            activity=activity, ethnic_group=r.ethnic_group, sex=r.sex, age_band=r.age_band, count=int(r.count)
        )
        for r in data.participation
    )
    activity.localities.all().delete()
    places = [Locality(activity=activity, unit=p.unit, written=p.written or "") for p in data.localities]
    for place in places:
        place.normalize()
    Locality.objects.bulk_create(places)
    activity.outputs.all().delete()
    outputs = [
        Output(activity=activity, name=o.name, unit=o.unit, value=Decimal(o.value)) for o in data.outputs
    ]
    for out in outputs:
        out.normalize()
    Output.objects.bulk_create(outputs)
    activity.co_organisers.set(data.co_organisers)


def activity_create(*, program: Program, data: ActivityInput, by) -> Activity:
    """Record a draft activity under `program`.

    Staff of a party record their own agency's activities; the lead agency's staff may
    record for any party. Validates everything first (see `validate_activity`); writes the activity
    and its participation, localities, outputs and co-organisers in one transaction.
    """
    if not rules.can_record_activity(by, program):
        raise PermissionDenied("Chỉ cán bộ các bên tham gia chương trình được ghi nhận hoạt động.")
    if (
        data.organiser is not None
        and not by.is_superuser
        and data.organiser.pk != by.agency_id
        and not rules.is_lead_staff(by, program)
    ):
        raise ValidationError({"organiser": ["Bạn chỉ ghi nhận được hoạt động của cơ quan mình."]})
    validate_activity(program, data, activity=None)
    activity = Activity(program=program, status=Status.DRAFT, created_by=by if by.is_authenticated else None)
    _apply(activity, data)
    activity.full_clean(exclude=["program"])
    with transaction.atomic():
        history.save(activity, by=by, reason="Tạo mới")
        _write_parts(activity, data)
    return activity


def activity_update(*, activity: Activity, data: ActivityInput, by) -> Activity:
    """Replace a draft or returned activity's content (organiser staff, lead staff)."""
    if not rules.can_edit_activity(by, activity):
        raise PermissionDenied(
            "Bạn không sửa được hoạt động này (chỉ đơn vị tổ chức, khi còn nháp hoặc bị trả lại)."
        )
    if (
        data.organiser is not None
        and data.organiser.pk != activity.organiser_id
        and not (by.is_superuser or rules.is_program_lead_staff(by, activity))
    ):
        raise ValidationError({"organiser": ["Bạn không đổi được đơn vị tổ chức."]})
    validate_activity(activity.program, data, activity=activity)
    _apply(activity, data)
    activity.full_clean(exclude=["program"])
    with transaction.atomic():
        history.save(activity, by=by, reason="Sửa")
        _write_parts(activity, data)
    return activity


def activity_submit(*, activity: Activity, by) -> Activity:
    """draft | returned → submitted: sent to the lead agency for verification."""
    if not rules.can_submit_activity(by, activity):
        if activity.status not in rules.EDITABLE:
            raise ValidationError(
                {"status": [f"Hoạt động đang ở trạng thái «{activity.get_status_display()}»."]}
            )
        raise PermissionDenied("Chỉ đơn vị tổ chức được gửi hoạt động.")
    activity.status = Status.SUBMITTED
    activity.submitted_at = timezone.now()
    with transaction.atomic():
        history.save(activity, by=by, reason="Gửi")
    return activity


def _review(activity: Activity, *, by, to: str, comment: str, reason: str) -> Activity:
    if not rules.can_review_activity(by, activity):
        if activity.status != Status.SUBMITTED:
            raise ValidationError(
                {
                    "status": [
                        f"Chỉ xác nhận hoặc trả lại hoạt động đã gửi (hiện: «{activity.get_status_display()}»)."
                    ]
                }
            )
        raise PermissionDenied(
            "Chỉ cán bộ cơ quan chủ trì chương trình được xác nhận hoặc trả lại hoạt động."
        )
    activity.status = to
    activity.reviewed_at = timezone.now()
    activity.reviewed_by = by
    activity.review_comment = comment
    with transaction.atomic():
        history.save(activity, by=by, reason=reason)
    return activity


def activity_accept(*, activity: Activity, by) -> Activity:
    """submitted → accepted: the lead agency verifies the figures (they count either way;
    dashboards filter by status)."""
    return _review(activity, by=by, to=Status.ACCEPTED, comment="", reason="Xác nhận")


def activity_return(*, activity: Activity, by, comment: str) -> Activity:
    """submitted → returned, with the reason the organiser must address. The permission is
    checked before the comment: a user who may not review gets PermissionDenied."""
    if rules.can_review_activity(by, activity) and not (comment or "").strip():
        raise ValidationError({"comment": ["Ghi rõ lý do trả lại."]})
    return _review(activity, by=by, to=Status.RETURNED, comment=comment.strip(), reason="Trả lại")


IMPORT_FIELDS = [
    "kind",
    "title",
    "start_date",
    "end_date",
    "organiser",
    "content_area",
    "total_participants",
    "budget_vnd",
    "funding_source",
    "funding_detail",
    "description",
    "external_key",
    "search_text",
    "status",
    "submitted_at",
    "updated_at",
]
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
            _apply(activity, item.data)
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
        _bulk_parts([*zip(ids, new_inputs, strict=True), *touched])
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


def _bulk_parts(touched: list[tuple[int, ActivityInput]]) -> None:
    """Participation, localities, outputs and co-organisers of (activity id, input) pairs."""
    through = Activity.co_organisers.through
    bulk.insert(
        Participation,
        (
            {
                "activity_id": pk,
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


REMINDER_PAUSE = dt.timedelta(hours=20)


def reporting_remind(*, program: Program, year: int, period: str, by, base_url: str = "", today=None) -> dict:
    """Send one e-mail per agency that has outstanding periods in `year` (nothing reported,
    drafts not sent, or activities returned, for periods that have ended), to its officers
    and leaders and the party's focal officer, all through one mail connection; record each
    in Reminder. An agency reminded about the same year and period less than 20 hours ago,
    or without any e-mail address, is skipped with the reason.
    Returns {"sent": [Reminder], "skipped": [(agency, reason)]}."""
    if not rules.can_send_reminders(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được gửi nhắc báo cáo.")
    if period not in Period.values:
        raise ValidationError({"period": ["Kỳ báo cáo không hợp lệ."]})
    grid = reporting_grid(program=program, year=year, period=period, today=today)
    now = timezone.now()
    recent = set(
        Reminder.objects.filter(
            program=program, year=year, period=period, sent_at__gte=now - REMINDER_PAUSE
        ).values_list("agency_id", flat=True)
    )
    link = f"{base_url}{reverse('activities:list', args=[program.pk])}"
    messages, reminders, skipped = [], [], []
    for row in grid["rows"]:
        agency, late = row["agency"], grid["outstanding"].get(row["agency"].pk)
        if not late:
            continue
        if agency.pk in recent:
            skipped.append((agency, "đã nhắc trong vòng 20 giờ qua"))
            continue
        users = User.objects.filter(agency=agency, is_active=True, role__in=("officer", "leader")).exclude(
            email=""
        )
        addresses = sorted(
            {u.email for u in users}
            | (
                {row["party"].focal_officer.email}
                if row["party"].focal_officer and row["party"].focal_officer.email
                else set()
            )
        )
        if not addresses:
            skipped.append((agency, "cơ quan chưa có tài khoản nào có địa chỉ email"))
            continue
        states = {c["period"]: c for c in row["cells"]}
        lines = [
            f"- {p['label']} năm {year}: {states[p['key']]['label'].lower()}"
            for p in grid["periods"]
            if states[p["key"]]["late"]
        ]
        body = "\n".join(
            [
                f"Kính gửi {agency.name},",
                "",
                f"Chương trình «{program.title}» chưa nhận được báo cáo hoạt động đầy đủ của đơn vị cho các kỳ sau:",
                *lines,
                "",
                "Đề nghị đơn vị ghi nhận và gửi các hoạt động đã thực hiện (kể cả sửa các hoạt động bị trả lại) tại:",
                link,
                "",
                f"Người gửi: {by.get_full_name() or by.username}"
                + (f", {by.agency.name}" if by.agency_id else ""),
                "Thư này được gửi từ hệ thống phoihop; xin không trả lời thư.",
            ]
        )
        messages.append(
            EmailMessage(
                subject=f"Nhắc báo cáo hoạt động năm {year}: {program.title}"[:200],
                body=body,
                to=addresses,
            )
        )
        reminders.append(
            Reminder(
                program=program,
                agency=agency,
                year=year,
                period=period,
                periods=", ".join(late)[:200],
                recipients=", ".join(addresses),
                sent_by=by if by.is_authenticated else None,
            )
        )
    with transaction.atomic():
        Reminder.objects.bulk_create(reminders)
        if messages:
            mailers.default.send_messages(messages)
    return {"sent": reminders, "skipped": skipped}
