"""Indicators API, /api/v1/indicators: definitions, targets and hand-entered values, with
each indicator's current value over the whole phase (accepted activities). The same
services, selectors and rules as the pages; the parties' users read, the lead agency's
staff write."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, PatchDict, Router, Schema, Status

from phoihop.accounts.api_auth import required
from phoihop.activities.models import AgeBand, Kind, Sex
from phoihop.core.api_tools import check
from phoihop.indicators import rules, selectors, services
from phoihop.indicators.models import Direction, Indicator, Method
from phoihop.programs import selectors as program_selectors
from phoihop.reference import selectors as reference_selectors
from phoihop.reference.models import AdministrativeUnit, Era, UnitLevel

router = Router(tags=["indicators"], auth=required)
DENIED = services.DENIED


class TargetIO(Schema):
    year: int | None = Field(None, description="Năm; null: chỉ tiêu cả giai đoạn.")
    value: Decimal


class ManualValueOut(Schema):
    year: int
    value: float
    source: str


class IndicatorOut(Schema):
    id: int
    program_id: int
    content_area_id: int | None
    order: int
    name: str
    unit: str
    method: str = Field(json_schema_extra={"enum": list(Method.values)})
    direction: str = Field(json_schema_extra={"enum": list(Direction.values)})
    baseline: float | None
    kind: str
    ethnic_group_code: str | None
    minority_only: bool
    sex: str
    age_band: str
    locality_code: str | None
    output_name: str
    description: str
    targets: list[TargetIO]
    manual_values: list[ManualValueOut]
    value: float | None = Field(description="Giá trị hiện tại, cả giai đoạn, từ các hoạt động đã xác nhận.")
    target: float | None
    percent: float | None

    @staticmethod
    def resolve_ethnic_group_code(indicator) -> str | None:
        return indicator.ethnic_group.code if indicator.ethnic_group else None

    @staticmethod
    def resolve_locality_code(indicator) -> str | None:
        return indicator.locality.code if indicator.locality else None

    @staticmethod
    def resolve_targets(indicator) -> list[dict]:
        return [{"year": t.year, "value": t.value} for t in indicator.targets.all()]

    @staticmethod
    def resolve_manual_values(indicator) -> list[dict]:
        return [
            {"year": v.year, "value": float(v.value), "source": v.source}
            for v in indicator.manual_values.all()
        ]


class IndicatorIn(Schema):
    program_id: int
    content_area_id: int | None = None
    name: str
    unit: str
    method: str = Field(json_schema_extra={"enum": list(Method.values)})
    direction: str = Field("increase", json_schema_extra={"enum": list(Direction.values)})
    baseline: Decimal | None = None
    kind: str = Field("", json_schema_extra={"enum": ["", *Kind.values]})
    ethnic_group_code: str | None = None
    minority_only: bool = False
    sex: str = Field("", json_schema_extra={"enum": ["", *Sex.values]})
    age_band: str = Field("", json_schema_extra={"enum": ["", *AgeBand.values]})
    locality_code: str | None = Field(None, description="Mã tỉnh hoặc xã hiện hành.")
    output_name: str = ""
    description: str = ""
    targets: list[TargetIO] = []


class ValueIn(Schema):
    value: Decimal
    source: str


def _with_values(program, indicators: list[Indicator]) -> list[Indicator]:
    values = {row["id"]: row for row in selectors.indicator_values(program=program)}
    for indicator in indicators:
        row = values.get(indicator.pk, {})
        indicator.value, indicator.target, indicator.percent = (
            row.get("value"),
            row.get("target"),
            row.get("percent"),
        )
    return indicators


def _input(values: dict, program, current: Indicator | None) -> services.IndicatorInput:
    """The indicator as it would be with `values` applied (only the fields sent, for a
    PATCH); codes and ids are resolved here, unknown ones are field errors."""
    errors: dict[str, list[str]] = {}
    if current is not None:
        targets = {t.year: t.value for t in current.targets.all()}
        data = services.IndicatorInput(
            name=current.name,
            unit=current.unit,
            method=current.method,
            content_area=current.content_area,
            baseline=current.baseline,
            kind=current.kind,
            ethnic_group=current.ethnic_group,
            minority_only=current.minority_only,
            sex=current.sex,
            age_band=current.age_band,
            locality=current.locality,
            output_name=current.output_name,
            description=current.description,
            direction=current.direction,
            phase_target=targets.pop(None, None),
            year_targets=targets,
        )
        if values.get("program_id") not in (None, current.program_id):
            errors["program_id"] = ["Không chuyển được chỉ tiêu sang chương trình khác."]
    else:
        data = services.IndicatorInput(name="", unit="", method="")
    for key in ("name", "unit", "method", "direction", "baseline", "minority_only"):
        if key in values:
            setattr(data, key, values[key])
    for key in ("kind", "sex", "age_band", "output_name", "description"):
        if key in values:
            setattr(data, key, values[key] or "")
    if "content_area_id" in values:
        areas = {a.pk: a for a in program.content_areas.all()}
        area_id = values["content_area_id"]
        data.content_area = areas.get(area_id) if area_id is not None else None
        if area_id is not None and data.content_area is None:
            errors["content_area_id"] = [f"Chương trình không có nội dung phối hợp mã {area_id}."]
    if "ethnic_group_code" in values:
        code = (values["ethnic_group_code"] or "").strip()
        data.ethnic_group = None
        if code:
            data.ethnic_group = (
                reference_selectors.ethnic_group_list().filter(code__in={code, code.zfill(2)}).first()
            )
            if data.ethnic_group is None:
                errors["ethnic_group_code"] = [f"Không có dân tộc mã «{code}»."]
    if "locality_code" in values:
        code = (values["locality_code"] or "").strip()
        data.locality = None
        if code:
            data.locality = AdministrativeUnit.objects.filter(
                era=Era.CURRENT, code=code, level__in=(UnitLevel.PROVINCE, UnitLevel.COMMUNE)
            ).first()
            if data.locality is None:
                errors["locality_code"] = [f"Không có tỉnh hoặc xã hiện hành mã «{code}»."]
    if "targets" in values:
        data.phase_target, data.year_targets = None, {}
        for i, target in enumerate(values["targets"] or []):
            year = target["year"]
            if year is None:
                data.phase_target = target["value"]
            elif year in data.year_targets:
                errors[f"targets.{i}.year"] = [f"Năm {year} ghi hai lần."]
            else:
                data.year_targets[year] = target["value"]
    if errors:
        raise ValidationError(errors)
    return data


NAMES = {"content_area": "content_area_id", "ethnic_group": "ethnic_group_code", "locality": "locality_code"}


def _renamed(exc: ValidationError) -> ValidationError:
    renamed: dict[str, list[str]] = {}
    for key, messages in exc.message_dict.items():
        if key.startswith("target_") or key in ("year_targets", "phase_target"):
            key = "targets"
        renamed.setdefault(NAMES.get(key, key), []).extend(messages)
    return ValidationError(renamed)


def _fresh(program, pk: int) -> Indicator:
    return _with_values(program, [selectors.indicator_get(program=program, pk=pk)])[0]


@router.get("", response=list[IndicatorOut], summary="Chỉ tiêu của một chương trình")
def indicator_list(request: HttpRequest, program: int):
    """The program's indicators with their current value over the phase."""
    found = program_selectors.program_get(user=request.auth, pk=program)
    check(
        rules.can_view_indicators(request.auth, found), "Chỉ các bên tham gia chương trình xem được chỉ tiêu."
    )
    return _with_values(found, list(selectors.indicator_queryset(found)))


@router.post("", response={201: IndicatorOut}, summary="Thêm chỉ tiêu")
def indicator_create(request: HttpRequest, payload: IndicatorIn):
    program = program_selectors.program_get(user=request.auth, pk=payload.program_id)
    check(rules.can_edit_indicators(request.auth, program), DENIED)
    data = _input(payload.model_dump(), program, None)
    try:
        indicator = services.indicator_create(program=program, data=data, by=request.auth)
    except ValidationError as exc:
        raise _renamed(exc) from exc
    return Status(201, _fresh(program, indicator.pk))


def _visible(request, indicator_id: int) -> Indicator:
    return selectors.visible_indicator(user=request.auth, pk=indicator_id)


@router.get("/{indicator_id}", response=IndicatorOut, summary="Một chỉ tiêu")
def indicator_detail(request: HttpRequest, indicator_id: int):
    indicator = _visible(request, indicator_id)
    return _fresh(indicator.program, indicator.pk)


@router.patch("/{indicator_id}", response=IndicatorOut, summary="Sửa chỉ tiêu")
def indicator_update(request: HttpRequest, indicator_id: int, payload: PatchDict[IndicatorIn]):
    """Change the fields sent; `targets`, when sent, replaces all targets."""
    indicator = _visible(request, indicator_id)
    check(rules.can_edit_indicators(request.auth, indicator.program), DENIED)
    data = _input(payload, indicator.program, indicator)
    try:
        services.indicator_update(indicator=indicator, data=data, by=request.auth)
    except ValidationError as exc:
        raise _renamed(exc) from exc
    return _fresh(indicator.program, indicator.pk)


@router.delete("/{indicator_id}", response={204: None}, summary="Xóa chỉ tiêu")
def indicator_delete(request: HttpRequest, indicator_id: int):
    indicator = _visible(request, indicator_id)
    check(rules.can_edit_indicators(request.auth, indicator.program), DENIED)
    services.indicator_delete(indicator=indicator, by=request.auth)
    return Status(204, None)


@router.put(
    "/{indicator_id}/values/{year}", response=IndicatorOut, summary="Nhập giá trị một năm (chỉ tiêu nhập tay)"
)
def indicator_value(request: HttpRequest, indicator_id: int, year: int, payload: ValueIn):
    indicator = _visible(request, indicator_id)
    check(rules.can_edit_indicators(request.auth, indicator.program), DENIED)
    services.indicator_record_value(
        indicator=indicator, year=year, value=payload.value, source=payload.source, by=request.auth
    )
    return _fresh(indicator.program, indicator.pk)
