"""Writes to exemplars and their recognitions. Each function checks the permission (staff
of the program's parties, administrators), validates everything before writing
(collecting every field error, in Vietnamese), writes in one transaction and records the
acting user in the history."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from phoihop.activities.models import Activity, Sex
from phoihop.activities.models import Kind as ActivityKind
from phoihop.core import history
from phoihop.people import rules
from phoihop.people.models import (
    Exemplar,
    ExemplarKind,
    Recognition,
    RecognitionForm,
    RecognitionLevel,
    Sector,
)
from phoihop.programs.models import Program
from phoihop.reference.models import AdministrativeUnit, Era, EthnicGroup, UnitLevel

DENIED = "Chỉ cán bộ các bên tham gia chương trình được ghi nhận, sửa điển hình tiêu biểu."
FIRST_BIRTH_YEAR = 1900


@dataclass
class ExemplarInput:
    kind: str
    name: str
    field: str
    achievements: str
    ethnic_group: EthnicGroup | None = None
    sex: str = ""
    birth_year: int | None = None
    locality: AdministrativeUnit | None = None
    place_as_written: str = ""
    is_prestigious: bool = False
    prestige_term_start: int | None = None
    prestige_term_end: int | None = None
    consent_to_publish: bool = False
    consent_date: dt.date | None = None
    consent_note: str = ""


@dataclass
class RecognitionInput:
    form: str
    level: str
    issuer: str
    date: dt.date | None
    decision_number: str = ""
    activity: Activity | None = None


FIELDS = tuple(ExemplarInput.__dataclass_fields__)


def input_from_exemplar(exemplar: Exemplar) -> ExemplarInput:
    """The exemplar as an input, to change a few fields of it (the API's PATCH)."""
    return ExemplarInput(**{name: getattr(exemplar, name) for name in FIELDS})


def validate_exemplar(data: ExemplarInput, *, today: dt.date | None = None) -> None:
    """Every rule an exemplar's fields must follow; all broken ones are raised together,
    each at its field."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    person = data.kind == ExemplarKind.PERSON
    if data.kind not in ExemplarKind.values:
        add("kind", "Chọn cá nhân hoặc tập thể, mô hình.")
    if not (data.name or "").strip():
        add("name", "Nhập tên cá nhân hoặc tập thể, mô hình.")
    if data.field not in Sector.values:
        add("field", "Chọn lĩnh vực tiêu biểu.")
    if not (data.achievements or "").strip():
        add("achievements", "Ghi thành tích tiêu biểu.")
    if data.sex and data.sex not in Sex.values:
        add("sex", "Giới tính không hợp lệ.")
    elif data.sex and data.sex != Sex.UNSPECIFIED and data.kind == ExemplarKind.COLLECTIVE:
        add("sex", "Tập thể, mô hình không ghi giới tính.")
    if data.birth_year is not None:
        if data.kind == ExemplarKind.COLLECTIVE:
            add("birth_year", "Tập thể, mô hình không ghi năm sinh.")
        elif not FIRST_BIRTH_YEAR <= data.birth_year <= today.year:
            add("birth_year", f"Năm sinh phải từ {FIRST_BIRTH_YEAR} đến {today.year}.")
    if data.locality is not None and not (
        data.locality.era == Era.CURRENT and data.locality.level in (UnitLevel.PROVINCE, UnitLevel.COMMUNE)
    ):
        add("locality", "Địa bàn phải là xã, phường hoặc tỉnh, thành phố hiện hành.")

    start, end = data.prestige_term_start, data.prestige_term_end
    if data.is_prestigious:
        if not person and data.kind in ExemplarKind.values:
            add("is_prestigious", "Người có uy tín phải là cá nhân.")
        if start is None:
            add("prestige_term_start", "Ghi năm bắt đầu nhiệm kỳ người có uy tín.")
        if end is None:
            add("prestige_term_end", "Ghi năm kết thúc nhiệm kỳ người có uy tín.")
    elif start is not None or end is not None:
        add(
            "prestige_term_start" if start is not None else "prestige_term_end",
            "Chỉ ghi nhiệm kỳ khi là người có uy tín.",
        )
    for key, year in (("prestige_term_start", start), ("prestige_term_end", end)):
        if year is not None and not FIRST_BIRTH_YEAR <= year <= today.year + 10:
            add(key, f"Năm nhiệm kỳ phải từ {FIRST_BIRTH_YEAR} đến {today.year + 10}.")
    if start is not None and end is not None and end < start:
        add("prestige_term_end", "Năm kết thúc nhiệm kỳ không được trước năm bắt đầu.")

    if data.consent_to_publish:
        if data.consent_date is None:
            add("consent_date", "Ghi ngày người được biểu dương (hoặc đại diện tập thể) đồng ý công khai.")
        elif data.consent_date > today:
            add("consent_date", "Ngày đồng ý không được sau hôm nay.")
    elif data.consent_date is not None:
        add(
            "consent_date",
            "Đã ghi ngày đồng ý: đánh dấu «Đồng ý công khai», hoặc xóa ngày nếu chưa có đồng ý.",
        )
    if errors:
        raise ValidationError(errors)


def _apply(exemplar: Exemplar, data: ExemplarInput) -> None:
    for name in FIELDS:
        value = getattr(data, name)
        if value is None and name in ("sex", "place_as_written", "consent_note", "achievements", "name"):
            value = ""
        setattr(exemplar, name, value)
    exemplar.is_prestigious = bool(data.is_prestigious)
    exemplar.consent_to_publish = bool(data.consent_to_publish)


def _check(by, program: Program) -> None:
    if not rules.can_record_exemplar(by, program):
        raise PermissionDenied(DENIED)


def exemplar_create(*, program: Program, data: ExemplarInput, by) -> Exemplar:
    """Record an exemplar under a program (staff of its parties, administrators).
    Raises PermissionDenied, or ValidationError with every field error; writes the record
    and its first history entry in one transaction."""
    _check(by, program)
    validate_exemplar(data)
    exemplar = Exemplar(program=program, created_by=by if by.is_authenticated else None)
    _apply(exemplar, data)
    exemplar.full_clean(exclude=["program"])
    with transaction.atomic():
        history.save(exemplar, by=by, reason="Tạo mới")
    return exemplar


def exemplar_update(*, exemplar: Exemplar, data: ExemplarInput, by) -> Exemplar:
    """Change an exemplar's fields (consent included); the change is kept in the history."""
    _check(by, exemplar.program)
    validate_exemplar(data)
    _apply(exemplar, data)
    exemplar.full_clean(exclude=["program"])
    with transaction.atomic():
        history.save(exemplar, by=by, reason="Sửa")
    return exemplar


def exemplar_delete(*, exemplar: Exemplar, by) -> None:
    """Delete an exemplar and its recognitions; each deletion is kept in the history with
    the acting user."""
    _check(by, exemplar.program)
    with transaction.atomic():
        for recognition in exemplar.recognitions.all():
            history.delete(recognition, by=by, reason="Xóa cùng điển hình")
        history.delete(exemplar, by=by, reason="Xóa")


def validate_recognition(exemplar: Exemplar, data: RecognitionInput, *, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if data.form not in RecognitionForm.values:
        errors["form"] = ["Chọn hình thức khen thưởng."]
    if data.level not in RecognitionLevel.values:
        errors["level"] = ["Chọn cấp khen thưởng."]
    if not (data.issuer or "").strip():
        errors["issuer"] = ["Ghi cơ quan hoặc người khen thưởng."]
    if data.date is None:
        errors["date"] = ["Ghi ngày khen thưởng."]
    elif data.date > today:
        errors["date"] = ["Ngày khen thưởng không được sau hôm nay."]
    activity = data.activity
    if activity is not None:
        if activity.program_id != exemplar.program_id:
            errors["activity"] = ["Hoạt động không thuộc chương trình của điển hình này."]
        elif activity.kind != ActivityKind.COMMENDATION:
            errors["activity"] = [
                f"Hoạt động «{activity.title}» không phải hoạt động biểu dương, khen thưởng "
                f"(là «{activity.get_kind_display()}»)."
            ]
    if errors:
        raise ValidationError(errors)


def recognition_add(*, exemplar: Exemplar, data: RecognitionInput, by) -> Recognition:
    """Add a recognition to an exemplar (staff of the program's parties, administrators).
    The activity, when given, must be a commendation activity of the same program."""
    _check(by, exemplar.program)
    validate_recognition(exemplar, data)
    recognition = Recognition(
        exemplar=exemplar,
        form=data.form,
        level=data.level,
        issuer=data.issuer or "",
        decision_number=data.decision_number or "",
        date=data.date,
        activity=data.activity,
        created_by=by if by.is_authenticated else None,
    )
    recognition.full_clean(exclude=["exemplar", "activity"])
    with transaction.atomic():
        history.save(recognition, by=by, reason="Thêm khen thưởng")
    return recognition


def recognition_delete(*, recognition: Recognition, by) -> None:
    _check(by, recognition.exemplar.program)
    with transaction.atomic():
        history.delete(recognition, by=by, reason="Xóa khen thưởng")
