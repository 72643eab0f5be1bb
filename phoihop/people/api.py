"""Exemplars API, /api/v1/exemplars: the same selectors, services and rules as the pages.

Reading needs no credential: an anonymous caller (and any user outside the program's
parties' staff) gets only the exemplars with consent to publication of public programs; a
record without consent answers 404 to them, as if it did not exist. Writing needs a token
or a session (401 without) and a place among the officers or leaders of the program's
parties (403 otherwise).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, PatchDict, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from phoihop.accounts.api_auth import optional, required
from phoihop.activities.models import Activity, Sex
from phoihop.core.api_tools import check, field_names
from phoihop.people import rules, selectors, services
from phoihop.people.models import Exemplar, ExemplarKind, RecognitionForm, RecognitionLevel, Sector
from phoihop.programs import selectors as program_selectors
from phoihop.reference import selectors as reference_selectors
from phoihop.reference.models import AdministrativeUnit, Era, UnitLevel

router = Router(tags=["exemplars"], auth=optional)

API_FIELD_NAMES = {
    "ethnic_group": "ethnic_group_code",
    "locality": "locality_code",
    "activity": "activity_id",
}


class RecognitionOut(Schema):
    id: int
    form: str = Field(json_schema_extra={"enum": list(RecognitionForm.values)})
    level: str = Field(json_schema_extra={"enum": list(RecognitionLevel.values)})
    issuer: str
    decision_number: str
    date: dt.date
    activity_id: int | None


class ExemplarOut(Schema):
    id: int
    program_id: int
    kind: str = Field(json_schema_extra={"enum": list(ExemplarKind.values)})
    name: str
    ethnic_group_code: str | None
    sex: str
    birth_year: int | None
    locality_code: str | None
    place_as_written: str
    field: str = Field(json_schema_extra={"enum": list(Sector.values)})
    achievements: str
    is_prestigious: bool
    prestige_term_start: int | None
    prestige_term_end: int | None
    consent_to_publish: bool
    consent_date: dt.date | None
    recognitions: list[RecognitionOut]

    @staticmethod
    def resolve_ethnic_group_code(exemplar: Exemplar) -> str | None:
        return exemplar.ethnic_group.code if exemplar.ethnic_group_id else None

    @staticmethod
    def resolve_locality_code(exemplar: Exemplar) -> str | None:
        return exemplar.locality.code if exemplar.locality_id else None

    # Prefetched by the selectors: no query per exemplar.
    @staticmethod
    def resolve_recognitions(exemplar: Exemplar) -> list:
        return list(exemplar.recognitions.all())


# Choices are plain strings so that a wrong value gets the service's Vietnamese message
# rather than pydantic's English one; the enum is still documented.
class ExemplarIn(Schema):
    program_id: int
    kind: str = Field("person", json_schema_extra={"enum": list(ExemplarKind.values)})
    name: str
    ethnic_group_code: str | None = Field(
        None, description="Mã dân tộc (Quyết định 121-TCTK/PPCĐ): 05 Khơ-me."
    )
    sex: str = Field("", json_schema_extra={"enum": ["", *Sex.values]})
    birth_year: int | None = None
    locality_code: str | None = Field(None, description="Mã xã, phường hoặc tỉnh hiện hành.")
    place_as_written: str = ""
    field: str = Field(json_schema_extra={"enum": list(Sector.values)})
    achievements: str
    is_prestigious: bool = False
    prestige_term_start: int | None = None
    prestige_term_end: int | None = None
    consent_to_publish: bool = Field(
        False, description="Đồng ý công khai. Không có: chỉ cán bộ các bên tham gia chương trình đọc được."
    )
    consent_date: dt.date | None = None
    consent_note: str = ""


class RecognitionIn(Schema):
    form: str = Field(json_schema_extra={"enum": list(RecognitionForm.values)})
    level: str = Field(json_schema_extra={"enum": list(RecognitionLevel.values)})
    issuer: str
    decision_number: str = ""
    date: dt.date | None = None
    activity_id: int | None = Field(
        None, description="Hoạt động biểu dương, khen thưởng của cùng chương trình."
    )


def _build_input(values: dict, current: Exemplar | None) -> services.ExemplarInput:
    """The exemplar as it would be with `values` (the body's fields; only those sent, for a
    PATCH) applied. Codes are resolved here; unknown ones are field errors. Withdrawing
    consent, or the prestigious-person mark, without saying more clears the date, or the
    term, that went with it."""
    errors: dict[str, list[str]] = {}
    if current is not None:
        data = services.input_from_exemplar(current)
        if values.get("program_id") not in (None, current.program_id):
            errors["program_id"] = ["Không chuyển được điển hình sang chương trình khác."]
        if values.get("consent_to_publish") is False and "consent_date" not in values:
            data.consent_date = None
        if values.get("is_prestigious") is False:
            for key in ("prestige_term_start", "prestige_term_end"):
                if key not in values:
                    setattr(data, key, None)
    else:
        data = services.ExemplarInput(kind="", name="", field="", achievements="")
    for key in (
        "kind",
        "name",
        "field",
        "achievements",
        "sex",
        "place_as_written",
        "consent_note",
        "birth_year",
        "is_prestigious",
        "prestige_term_start",
        "prestige_term_end",
        "consent_to_publish",
        "consent_date",
    ):
        if key in values:
            setattr(data, key, values[key])
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
                errors["locality_code"] = [f"Không có xã, phường hoặc tỉnh hiện hành mã «{code}»."]
    if errors:
        raise ValidationError(errors)
    return data


def _fresh(request: HttpRequest, exemplar: Exemplar) -> Exemplar:
    return selectors.exemplar_get(user=request.auth, pk=exemplar.pk)


DENIED = services.DENIED


@router.get("", response=list[ExemplarOut], summary="Danh sách điển hình tiêu biểu")
@paginate(LimitOffsetPagination)
def exemplar_list(
    request: HttpRequest,
    program: int | None = None,
    q: str | None = None,
    consent: bool | None = None,
    ethnic_group: str | None = Query(None, description="Mã dân tộc: 05 (Khơ-me)."),
    year: int | None = Query(None, description="Được khen thưởng trong năm này."),
):
    """The exemplars the caller may read (with consent, of public programs; all of their
    programs' for the staff of the parties), by name. `q` ignores case and diacritics."""
    group = None
    if ethnic_group:
        code = ethnic_group.strip()
        found = reference_selectors.ethnic_group_list().filter(code__in={code, code.zfill(2)}).first()
        if found is None:
            raise ValidationError({"ethnic_group": [f"Không có dân tộc mã «{code}»."]})
        group = found.pk
    return selectors.exemplar_list(
        user=request.auth, program=program, q=q, consent=consent, ethnic_group=group, year=year
    )


@router.post("", response={201: ExemplarOut}, auth=required, summary="Ghi nhận điển hình tiêu biểu")
def exemplar_create(request: HttpRequest, payload: ExemplarIn):
    program = program_selectors.program_get(user=request.auth, pk=payload.program_id)
    check(rules.can_record_exemplar(request.auth, program), DENIED)
    data = _build_input(payload.model_dump(), None)
    with field_names(API_FIELD_NAMES):
        exemplar = services.exemplar_create(program=program, data=data, by=request.auth)
    return Status(201, _fresh(request, exemplar))


@router.get("/{exemplar_id}", response=ExemplarOut, summary="Một điển hình tiêu biểu")
def exemplar_detail(request: HttpRequest, exemplar_id: int):
    return selectors.exemplar_get(user=request.auth, pk=exemplar_id)


@router.patch("/{exemplar_id}", response=ExemplarOut, auth=required, summary="Sửa điển hình tiêu biểu")
def exemplar_update(request: HttpRequest, exemplar_id: int, payload: PatchDict[ExemplarIn]):
    """Change the fields sent. `consent_to_publish: false` alone withdraws the consent and
    its date; `is_prestigious: false` alone clears the term."""
    exemplar = selectors.exemplar_get(user=request.auth, pk=exemplar_id)
    check(rules.can_edit_exemplar(request.auth, exemplar), DENIED)
    data = _build_input(payload, exemplar)
    with field_names(API_FIELD_NAMES):
        services.exemplar_update(exemplar=exemplar, data=data, by=request.auth)
    return _fresh(request, exemplar)


@router.delete("/{exemplar_id}", response={204: None}, auth=required, summary="Xóa điển hình tiêu biểu")
def exemplar_delete(request: HttpRequest, exemplar_id: int):
    exemplar = selectors.exemplar_get(user=request.auth, pk=exemplar_id)
    check(rules.can_edit_exemplar(request.auth, exemplar), DENIED)
    services.exemplar_delete(exemplar=exemplar, by=request.auth)
    return Status(204, None)


@router.post(
    "/{exemplar_id}/recognitions",
    response={201: ExemplarOut},
    auth=required,
    summary="Thêm khen thưởng cho điển hình",
)
def recognition_add(request: HttpRequest, exemplar_id: int, payload: RecognitionIn):
    """`activity_id`, when given, names the commendation activity (kind «commendation») of
    the same program the recognition was given at."""
    exemplar = selectors.exemplar_get(user=request.auth, pk=exemplar_id)
    check(rules.can_edit_exemplar(request.auth, exemplar), DENIED)
    activity = None
    if payload.activity_id is not None:
        activity = Activity.objects.filter(pk=payload.activity_id).first()
        if activity is None:
            raise ValidationError({"activity_id": [f"Không có hoạt động mã {payload.activity_id}."]})
    data = services.RecognitionInput(
        form=payload.form,
        level=payload.level,
        issuer=payload.issuer,
        decision_number=payload.decision_number,
        date=payload.date,
        activity=activity,
    )
    with field_names(API_FIELD_NAMES):
        services.recognition_add(exemplar=exemplar, data=data, by=request.auth)
    return Status(201, _fresh(request, exemplar))
