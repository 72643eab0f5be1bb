"""Writes to activities. Each function checks the permission rule, validates everything
(collecting every field error, in Vietnamese) before it writes, writes in one
transaction and records the acting user in the history."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from phoihop.activities import rules
from phoihop.activities.models import (
    Activity,
    AgeBand,
    FundingSource,
    Kind,
    Locality,
    Output,
    Participation,
    Sex,
    Status,
)
from phoihop.agencies.models import Agency
from phoihop.core import history
from phoihop.programs.models import ContentArea, Program
from phoihop.programs.models import Status as ProgramStatus
from phoihop.reference.models import REFORM_DATE, AdministrativeUnit, Era, EthnicGroup

# The two-tier administrative units took effect on this day; legacy units ended the day before.

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


# The activity's own fields an ActivityInput sets (its parts are written apart).
INPUT_FIELDS = (
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
)


def apply_input(activity: Activity, data: ActivityInput) -> None:
    for name in INPUT_FIELDS:
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
            activity=activity,
            program_id=activity.program_id,
            status=activity.status,
            ethnic_group=r.ethnic_group,
            sex=r.sex,
            age_band=r.age_band,
            count=int(r.count),
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


def sync_status(activity_ids: list[int], status: str) -> None:
    """Copy a status change onto the activities' participation rows (they carry it for
    the dashboards' index; see Participation.status). Every status change calls this."""
    for start in range(0, len(activity_ids), 2000):
        Participation.objects.filter(activity_id__in=activity_ids[start : start + 2000]).update(status=status)


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
    apply_input(activity, data)
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
    apply_input(activity, data)
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
        sync_status([activity.pk], activity.status)
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
        sync_status([activity.pk], activity.status)
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
