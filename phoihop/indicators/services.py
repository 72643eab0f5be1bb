"""Writes to indicators, their targets and hand-entered values. Each function checks the
permission (lead agency staff, administrators), validates everything before writing and
writes in one transaction with the acting user in the history."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from phoihop.activities.models import AgeBand, Kind, Sex
from phoihop.core import history
from phoihop.indicators import rules
from phoihop.indicators.models import COMPUTED, Direction, Indicator, ManualValue, Method, Target
from phoihop.programs.models import ContentArea, Program
from phoihop.reference.models import AdministrativeUnit, Era, EthnicGroup, UnitLevel

DENIED = "Chỉ cán bộ cơ quan chủ trì chương trình được đặt chỉ tiêu."


@dataclass
class IndicatorInput:
    name: str
    unit: str
    method: str
    content_area: ContentArea | None = None
    baseline: Decimal | None = None
    kind: str = ""
    ethnic_group: EthnicGroup | None = None
    minority_only: bool = False
    sex: str = ""
    age_band: str = ""
    locality: AdministrativeUnit | None = None
    output_name: str = ""
    description: str = ""
    direction: str = "increase"
    phase_target: Decimal | None = None
    year_targets: dict[int, Decimal] = field(default_factory=dict)
    order: int | None = None


def _validate(program: Program, data: IndicatorInput) -> None:
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if not (data.name or "").strip():
        add("name", "Nhập tên chỉ tiêu.")
    if not (data.unit or "").strip():
        add("unit", "Nhập đơn vị tính.")
    if data.method not in Method.values:
        add("method", "Cách tính không hợp lệ.")
    if data.direction not in Direction.values:
        add("direction", "Chiều đánh giá không hợp lệ.")
    if data.content_area is not None and data.content_area.program_id != program.pk:
        add("content_area", "Nội dung phối hợp không thuộc chương trình này.")
    if data.kind and data.kind not in Kind.values:
        add("kind", "Loại hoạt động không hợp lệ.")
    if data.sex and data.sex not in Sex.values:
        add("sex", "Giới tính không hợp lệ.")
    if data.age_band and data.age_band not in AgeBand.values:
        add("age_band", "Độ tuổi không hợp lệ.")

    people = bool(data.ethnic_group or data.minority_only or data.sex or data.age_band)
    if data.method == Method.MANUAL:
        if people or data.kind or data.locality or data.output_name:
            add(
                "method",
                "Chỉ tiêu nhập tay không dùng bộ lọc hoạt động; bỏ các bộ lọc hoặc chọn cách tính khác.",
            )
    elif data.method in COMPUTED:
        if people and data.method != Method.SUM_PARTICIPANTS:
            add("method", "Lọc theo dân tộc, giới tính, độ tuổi chỉ dùng khi cộng số người tham gia.")
        if data.method == Method.SUM_OUTPUT and not (data.output_name or "").strip():
            add("output_name", "Nhập tên kết quả định lượng cần cộng.")
        if data.method != Method.SUM_OUTPUT and (data.output_name or "").strip():
            add("output_name", "Tên kết quả chỉ dùng với cách tính «cộng một kết quả định lượng».")
    if data.minority_only and data.ethnic_group is not None and not data.ethnic_group.is_minority:
        add("ethnic_group", f"Dân tộc {data.ethnic_group.name} không phải dân tộc thiểu số.")
    if data.locality is not None and not (
        data.locality.era == Era.CURRENT and data.locality.level in (UnitLevel.PROVINCE, UnitLevel.COMMUNE)
    ):
        add("locality", "Địa bàn phải là tỉnh hoặc xã, phường hiện hành.")

    if data.baseline is not None and Decimal(data.baseline) < 0:
        add("baseline", "Giá trị đầu kỳ không được âm.")
    if data.phase_target is not None and Decimal(data.phase_target) < 0:
        add("phase_target", "Chỉ tiêu không được âm.")
    for year, value in sorted(data.year_targets.items()):
        if not program.phase_start <= year <= program.phase_end:
            add("year_targets", f"Năm {year} nằm ngoài giai đoạn {program.phase_start}–{program.phase_end}.")
        elif value is not None and Decimal(value) < 0:
            add(f"target_{year}", f"Chỉ tiêu năm {year} không được âm.")
    if errors:
        raise ValidationError(errors)


def _apply(indicator: Indicator, data: IndicatorInput) -> None:
    for name in (
        "name",
        "unit",
        "method",
        "content_area",
        "baseline",
        "kind",
        "ethnic_group",
        "minority_only",
        "sex",
        "age_band",
        "locality",
        "output_name",
        "description",
        "direction",
    ):
        value = getattr(data, name)
        if value is None and name in ("kind", "sex", "age_band", "output_name", "description"):
            value = ""
        setattr(indicator, name, value)
    if data.order is not None:
        indicator.order = data.order


def _write_targets(indicator: Indicator, data: IndicatorInput, by) -> None:
    wanted = {year: value for year, value in data.year_targets.items() if value is not None}
    if data.phase_target is not None:
        wanted[None] = data.phase_target
    existing = {t.year: t for t in indicator.targets.all()}
    for year, target in existing.items():
        if year not in wanted:
            history.delete(target, by=by)
    for year, value in wanted.items():
        target = existing.get(year) or Target(indicator=indicator, year=year)
        if target.pk is None or target.value != Decimal(value):
            target.value = Decimal(value)
            history.save(target, by=by)


def indicator_create(*, program: Program, data: IndicatorInput, by) -> Indicator:
    """Define an indicator with its targets (lead staff, administrators)."""
    if not rules.can_edit_indicators(by, program):
        raise PermissionDenied(DENIED)
    _validate(program, data)
    indicator = Indicator(program=program)
    _apply(indicator, data)
    if data.order is None:
        indicator.order = program.indicators.count() + 1
    indicator.full_clean(exclude=["program"])
    with transaction.atomic():
        history.save(indicator, by=by, reason="Tạo mới")
        _write_targets(indicator, data, by)
    return indicator


def indicator_update(*, indicator: Indicator, data: IndicatorInput, by) -> Indicator:
    """Change an indicator's definition and targets; hand-entered values are kept."""
    program = indicator.program
    if not rules.can_edit_indicators(by, program):
        raise PermissionDenied(DENIED)
    _validate(program, data)
    if data.method in COMPUTED and indicator.manual_values.exists():
        raise ValidationError(
            {
                "method": [
                    "Chỉ tiêu đã có giá trị nhập tay; xóa các giá trị đó trước khi chuyển sang tính tự động."
                ]
            }
        )
    _apply(indicator, data)
    indicator.full_clean(exclude=["program"])
    with transaction.atomic():
        history.save(indicator, by=by, reason="Sửa")
        _write_targets(indicator, data, by)
    return indicator


def indicator_delete(*, indicator: Indicator, by) -> None:
    """Delete an indicator with its targets and values (kept in the history)."""
    if not rules.can_edit_indicators(by, indicator.program):
        raise PermissionDenied(DENIED)
    with transaction.atomic():
        history.delete(indicator, by=by, reason="Xóa")


def indicator_record_value(
    *, indicator: Indicator, year: int, value: Decimal, source: str, by
) -> ManualValue:
    """Enter (or replace) the value a hand-entered indicator reached by the end of `year`,
    with its source."""
    program = indicator.program
    if not rules.can_edit_indicators(by, program):
        raise PermissionDenied(DENIED)
    errors: dict[str, list[str]] = {}
    if indicator.method != Method.MANUAL:
        errors["value"] = ["Chỉ tiêu này được tính tự động từ các hoạt động, không nhập tay."]
    if year is None or not program.phase_start <= int(year) <= program.phase_end:
        errors["year"] = [f"Năm phải trong giai đoạn {program.phase_start}–{program.phase_end}."]
    if value is None:
        errors.setdefault("value", []).append("Nhập giá trị.")
    elif Decimal(value) < 0:
        errors.setdefault("value", []).append("Giá trị không được âm.")
    if not (source or "").strip():
        errors["source"] = ["Ghi nguồn số liệu (văn bản, báo cáo)."]
    if errors:
        raise ValidationError(errors)
    entry = ManualValue.objects.filter(indicator=indicator, year=year).first() or ManualValue(
        indicator=indicator, year=year
    )
    entry.value = Decimal(value)
    entry.source = source
    entry.recorded_by = by if by.is_authenticated else None
    entry.full_clean(exclude=["indicator"])
    with transaction.atomic():
        history.save(entry, by=by, reason="Nhập giá trị")
    return entry


def indicator_delete_value(*, value: ManualValue, by) -> None:
    if not rules.can_edit_indicators(by, value.indicator.program):
        raise PermissionDenied(DENIED)
    with transaction.atomic():
        history.delete(value, by=by, reason="Xóa giá trị")
