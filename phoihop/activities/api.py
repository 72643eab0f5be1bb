"""Activities API, /api/v1/activities: the same selectors, services and rules as the pages.

Every endpoint needs a token or a session (activities are not public). An activity the
user may not see answers 404; one the user may see but not change answers 403; a change
the activity's status does not allow (submitting an accepted activity, accepting a draft)
answers 422 at `status`, as the services say.

Localities are named by code, one string each (`locality_codes`):

- `"31120"`: a unit of the current administrative map (from 1 July 2025), a commune
  (xã, phường, đặc khu; 5 digits) or a province (2 digits);
- `"legacy:00001"`: a unit of the map before 1 July 2025, a commune or a province.

A unit must have existed on the activity's start date. To keep the place as the report
wrote it ("thôn Nà Lẹng, xã Phú Thượng"), send `localities: [{code, written}]` instead
(`code` may be null when only the written place is known); when both are sent, `localities`
is used and `locality_codes` must name the same codes in the same order.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, File, Form, PatchDict, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from phoihop.accounts.api_auth import required
from phoihop.activities import rules, selectors, services
from phoihop.activities.exporters import template
from phoihop.activities.importer import FileRefused, check_table, read_table
from phoihop.activities.models import Activity, AgeBand, FundingSource, Kind, Sex
from phoihop.activities.models import Status as ActivityStatus
from phoihop.agencies import selectors as agency_selectors
from phoihop.core.api_tools import check, field_names
from phoihop.core.exporters import attachment
from phoihop.programs import rules as program_rules
from phoihop.programs import selectors as program_selectors
from phoihop.programs.models import Program
from phoihop.reference import selectors as reference_selectors
from phoihop.reference.models import AdministrativeUnit, Era

router = Router(tags=["activities"], auth=required)

LEGACY_PREFIX = "legacy:"

# Services name model fields; the API's body names some of them differently. `localities`
# is reported at `locality_codes` unless the body sent `localities` itself.
API_FIELD_NAMES = {
    "program": "program_id",
    "content_area": "content_area_id",
    "organiser": "organiser_id",
    "co_organisers": "co_organiser_ids",
}


def _enum(values: list[str]) -> dict:
    return {"enum": list(values)}


# --- output ------------------------------------------------------------------------------


class LocalityOut(Schema):
    code: str | None = Field(description="Mã đơn vị hành chính; «legacy:<mã>» cho đơn vị trước 01/07/2025.")
    era: str | None = Field(description="current | legacy")
    name: str | None
    written: str = Field(description="Địa điểm ghi trong báo cáo.")


class ParticipationOut(Schema):
    ethnic_group_code: str | None
    sex: str = Field(json_schema_extra=_enum(Sex.values))
    age_band: str = Field(json_schema_extra=_enum(AgeBand.values))
    count: int


class OutputOut(Schema):
    name: str
    unit: str
    value: float


class ActivityOut(Schema):
    id: int
    program_id: int
    content_area_id: int | None
    kind: str = Field(json_schema_extra=_enum(Kind.values))
    title: str
    start_date: dt.date
    end_date: dt.date
    organiser_id: int
    co_organiser_ids: list[int]
    locality_codes: list[str]
    localities: list[LocalityOut]
    total_participants: int
    participation: list[ParticipationOut]
    ethnic_minority_participants: int = Field(
        description="Cộng các dòng người tham gia thuộc dân tộc thiểu số (tính ra, không nhập)."
    )
    budget_vnd: int | None
    funding_source: str = Field(json_schema_extra=_enum(["", *FundingSource.values]))
    funding_detail: str
    outputs: list[OutputOut]
    description: str
    status: str = Field(json_schema_extra=_enum(ActivityStatus.values))
    review_comment: str
    external_key: str

    # Every part below is prefetched by the selectors: no query per activity. Sorted here,
    # in Python, so that the order is the order of entry on both databases.
    @staticmethod
    def resolve_co_organiser_ids(activity: Activity) -> list[int]:
        return sorted(a.pk for a in activity.co_organisers.all())

    @staticmethod
    def resolve_localities(activity: Activity) -> list[dict]:
        return [
            {
                "code": _unit_code(place.unit) if place.unit else None,
                "era": place.unit.era if place.unit else None,
                "name": place.unit.name if place.unit else None,
                "written": place.written,
            }
            for place in sorted(activity.localities.all(), key=lambda p: p.pk)
        ]

    @staticmethod
    def resolve_locality_codes(activity: Activity) -> list[str]:
        places = sorted(activity.localities.all(), key=lambda p: p.pk)
        return [_unit_code(p.unit) for p in places if p.unit is not None]

    @staticmethod
    def resolve_participation(activity: Activity) -> list[dict]:
        return [
            {
                "ethnic_group_code": row.ethnic_group.code if row.ethnic_group else None,
                "sex": row.sex,
                "age_band": row.age_band,
                "count": row.count,
            }
            for row in sorted(activity.participation.all(), key=lambda r: r.pk)
        ]

    @staticmethod
    def resolve_ethnic_minority_participants(activity: Activity) -> int:
        return sum(
            row.count
            for row in activity.participation.all()
            if row.ethnic_group is not None and row.ethnic_group.is_minority
        )

    @staticmethod
    def resolve_outputs(activity: Activity) -> list[OutputOut]:
        return [
            OutputOut(name=o.name, unit=o.unit, value=float(o.value))
            for o in sorted(activity.outputs.all(), key=lambda o: o.pk)
        ]


def _unit_code(unit: AdministrativeUnit) -> str:
    return f"{LEGACY_PREFIX}{unit.code}" if unit.era == Era.LEGACY else unit.code


# --- input -------------------------------------------------------------------------------

# Kinds, sexes, age bands and funding sources are plain strings here so that a wrong value
# gets the services' Vietnamese message rather than pydantic's English one; the enum is
# still documented.


class ParticipationIn(Schema):
    ethnic_group_code: str | None = Field(
        None, description="Mã dân tộc (danh mục /reference/ethnic-groups); null: không rõ dân tộc."
    )
    sex: str = Field(Sex.UNSPECIFIED.value, json_schema_extra=_enum(Sex.values))
    age_band: str = Field(AgeBand.UNSPECIFIED.value, json_schema_extra=_enum(AgeBand.values))
    count: int


class LocalityIn(Schema):
    code: str | None = Field(None, description="«31120» (hiện hành) hoặc «legacy:00001» (trước 01/07/2025).")
    written: str = ""


class OutputIn(Schema):
    name: str
    unit: str
    value: Decimal


class ActivityIn(Schema):
    program_id: int
    content_area_id: int | None = None
    kind: str = Field(json_schema_extra=_enum(Kind.values))
    title: str
    start_date: dt.date
    end_date: dt.date
    organiser_id: int | None = Field(None, description="Mặc định: cơ quan của người gửi.")
    co_organiser_ids: list[int] = []
    locality_codes: list[str] = Field(
        [], description="«31120»: xã/tỉnh hiện hành; «legacy:00001»: xã/tỉnh trước 01/07/2025."
    )
    localities: list[LocalityIn] | None = Field(
        None, description="Thay cho locality_codes khi cần ghi địa điểm như trong báo cáo."
    )
    total_participants: int = 0
    participation: list[ParticipationIn] = []
    budget_vnd: int | None = None
    funding_source: str = Field("", json_schema_extra=_enum(["", *FundingSource.values]))
    funding_detail: str = ""
    outputs: list[OutputIn] = []
    description: str = ""
    external_key: str = ""


class ReturnIn(Schema):
    comment: str = Field(description="Lý do trả lại (bắt buộc).")


# --- from the request body to a services.ActivityInput ------------------------------------

SCALAR_FIELDS = ("kind", "title", "start_date", "end_date", "total_participants", "budget_vnd")
TEXT_FIELDS = ("funding_source", "funding_detail", "description", "external_key")


class _Errors(dict):
    def add(self, key: str, message: str) -> None:
        self.setdefault(key, []).append(message)


def _build_input(
    values: dict, *, program: Program, activity: Activity | None, user
) -> services.ActivityInput:
    """The activity as it would be with `values` (the body's fields, only those sent for a
    PATCH) applied. Ids and codes are resolved to records here; unknown ones are field
    errors. A list sent for a PATCH replaces the whole list."""
    if activity is not None:
        data = services.input_from_activity(activity)
    else:
        data = services.ActivityInput(
            kind="",
            title="",
            start_date=None,
            end_date=None,
            organiser=user.agency if user.agency_id else None,
        )
    errors = _Errors()
    if activity is not None and values.get("program_id") not in (None, activity.program_id):
        errors.add("program_id", "Không chuyển được hoạt động sang chương trình khác.")
    for key in SCALAR_FIELDS:
        if key in values:
            setattr(data, key, values[key])
    for key in TEXT_FIELDS:
        if key in values:
            setattr(data, key, values[key] or "")

    if "content_area_id" in values:
        area_id = values["content_area_id"]
        areas = {c.pk: c for c in program.content_areas.all()}
        data.content_area = areas.get(area_id) if area_id is not None else None
        if area_id is not None and data.content_area is None:
            errors.add("content_area_id", f"Chương trình không có nội dung phối hợp mã {area_id}.")

    co_ids = (values["co_organiser_ids"] or []) if "co_organiser_ids" in values else None
    organiser_id = values.get("organiser_id")
    wanted = set(co_ids or []) | ({organiser_id} if organiser_id is not None else set())
    agencies = agency_selectors.agency_list().in_bulk(wanted) if wanted else {}
    if organiser_id is not None:
        data.organiser = agencies.get(organiser_id)
        if data.organiser is None:
            errors.add("organiser_id", f"Không có cơ quan mã {organiser_id}.")
    if co_ids is not None:
        data.co_organisers = []
        for i, agency_id in enumerate(co_ids):
            if agency_id in agencies:
                data.co_organisers.append(agencies[agency_id])
            else:
                errors.add(f"co_organiser_ids.{i}", f"Không có cơ quan mã {agency_id}.")

    if values.get("localities") is not None or "locality_codes" in values:
        data.localities = _localities(values, current=data.localities, errors=errors)
    if "participation" in values:
        data.participation = _participation(values["participation"] or [], errors=errors)
    if "outputs" in values:
        data.outputs = [
            services.OutputInput(name=o["name"], unit=o["unit"], value=o["value"])
            for o in values["outputs"] or []
        ]
    if errors:
        raise ValidationError(dict(errors))
    return data


def _localities(values: dict, *, current: list, errors: _Errors) -> list[services.LocalityInput]:
    """From `localities` ([{code, written}]) or, failing that, `locality_codes`. With codes
    only, a place kept from before keeps the place as written."""
    if values.get("localities") is not None:
        items = [(item.get("code"), item.get("written", ""), "localities") for item in values["localities"]]
        if "locality_codes" in values and (values["locality_codes"] or []) != [
            code for code, _, _ in items if code
        ]:
            errors.add("locality_codes", "locality_codes phải trùng với các mã trong localities.")
    else:
        written = {_unit_code(p.unit): p.written for p in current if p.unit is not None}
        items = [(code, written.get(code, ""), "locality_codes") for code in values["locality_codes"] or []]
    units = _units([code for code, _, _ in items if code])
    places = []
    for i, (code, text, field) in enumerate(items):
        unit = None
        if code:
            unit = units.get(code)
            if unit is None:
                key = f"localities.{i}.code" if field == "localities" else f"locality_codes.{i}"
                errors.add(
                    key,
                    f"Không có đơn vị hành chính mã «{code}» (xã hoặc tỉnh hiện hành: «31120»; "
                    f"trước 01/07/2025: «{LEGACY_PREFIX}00001»).",
                )
        places.append(services.LocalityInput(unit=unit, written=text or ""))
    return places


def _units(codes: list[str]) -> dict[str, AdministrativeUnit]:
    """Codes as the API writes them → units: provinces one by one (a handful at most),
    communes in one query per era."""
    found: dict[str, AdministrativeUnit] = {}
    communes: dict[str, dict[str, str]] = {Era.CURRENT: {}, Era.LEGACY: {}}
    for code in dict.fromkeys(codes):
        era, bare = (
            (Era.LEGACY, code[len(LEGACY_PREFIX) :])
            if code.startswith(LEGACY_PREFIX)
            else (Era.CURRENT, code)
        )
        bare = bare.strip()
        if not bare.isdigit():
            continue
        if len(bare) <= 2:
            province = reference_selectors.province_by_code(bare, era=era)
            if province is not None:
                found[code] = province
        elif len(bare) == 5:
            # Exactly five digits: padding "001" would turn a legacy district into a commune.
            communes[era][bare] = code
    for era, wanted in communes.items():
        if wanted:
            for unit in reference_selectors.commune_list(era=era).filter(code__in=list(wanted)):
                found[wanted[unit.code]] = unit
    return found


def _participation(rows: list[dict], *, errors: _Errors) -> list[services.ParticipationInput]:
    codes = {r["ethnic_group_code"].strip() for r in rows if r.get("ethnic_group_code")}
    groups = (
        {g.code: g for g in reference_selectors.ethnic_group_list().filter(code__in=_code_variants(codes))}
        if codes
        else {}
    )
    result = []
    for i, row in enumerate(rows):
        code = (row.get("ethnic_group_code") or "").strip()
        group = None
        if code:
            group = groups.get(code) or groups.get(code.zfill(2))
            if group is None:
                guess = reference_selectors.ethnic_group_match(code)
                hint = f" Có phải dân tộc {guess.name} (mã {guess.code})?" if guess else ""
                errors.add(f"participation.{i}.ethnic_group_code", f"Không có dân tộc mã «{code}».{hint}")
        result.append(
            services.ParticipationInput(
                count=row["count"],
                ethnic_group=group,
                sex=row.get("sex", Sex.UNSPECIFIED),
                age_band=row.get("age_band", AgeBand.UNSPECIFIED),
            )
        )
    return result


def _code_variants(codes: set[str]) -> list[str]:
    # "2" and "02" both name the Tày.
    return sorted(codes | {c.zfill(2) for c in codes if c.isdigit()})


def _field_names(values: dict) -> dict[str, str]:
    names = dict(API_FIELD_NAMES)
    if values.get("localities") is None:
        names["localities"] = "locality_codes"
    return names


def _check_transition(allowed: bool, activity: Activity, from_statuses, message: str) -> None:
    # From a status the change cannot start from, the service answers 422 at `status`
    # whoever asks; from one it can, a user the predicate refuses gets 403.
    if activity.status in from_statuses:
        check(allowed, message)


def _fresh(request: HttpRequest, activity: Activity) -> Activity:
    """The activity as stored after a change, with its parts prefetched again."""
    return selectors.activity_get(user=request.auth, pk=activity.pk)


def _statuses(status: str | None) -> list[str] | None:
    if not status:
        return None
    wanted = [s.strip() for s in status.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in ActivityStatus.values]
    if unknown:
        raise ValidationError({"status": [f"Trạng thái không hợp lệ: {', '.join(unknown)}."]})
    return wanted


# --- endpoints ---------------------------------------------------------------------------


@router.get("", response=list[ActivityOut], summary="Danh sách hoạt động")
@paginate(LimitOffsetPagination)
def activity_list(
    request: HttpRequest,
    program: int | None = None,
    agency: int | None = None,
    status: str | None = Query(
        None, description="Một hoặc nhiều trạng thái, cách nhau bởi dấu phẩy: submitted,accepted"
    ),
    date_from: dt.date | None = Query(None, alias="from"),
    date_to: dt.date | None = Query(None, alias="to"),
    q: str | None = None,
):
    """Activities of the programs the caller's agency is a party to. `agency` keeps those it
    organised or co-organised; `from`/`to` keep those that started in the period; `q`
    ignores case and diacritics ("tap huan" finds "Tập huấn")."""
    return selectors.activity_list(
        user=request.auth,
        program=program,
        agency=agency,
        status=_statuses(status),
        date_from=date_from,
        date_to=date_to,
        q=q,
    )


@router.post("", response={201: ActivityOut}, summary="Ghi nhận hoạt động (nháp)")
def activity_create(request: HttpRequest, payload: ActivityIn):
    """Record a draft activity. The organiser defaults to the caller's agency; only the lead
    agency's staff (and administrators) may record for another party."""
    program = program_selectors.program_get(user=request.auth, pk=payload.program_id)
    check(
        rules.can_record_activity(request.auth, program),
        "Chỉ cán bộ các bên tham gia chương trình được ghi nhận hoạt động.",
    )
    values = payload.model_dump()
    if "locality_codes" not in payload.model_fields_set:
        # Its default, [], must not contradict `localities` when only those are sent.
        del values["locality_codes"]
    data = _build_input(values, program=program, activity=None, user=request.auth)
    with field_names(_field_names(values)):
        activity = services.activity_create(program=program, data=data, by=request.auth)
    return Status(201, _fresh(request, activity))


class ImportProblemOut(Schema):
    loc: list = Field(description='["file", dòng, cột], ví dụ ["file", 5, "K"]; dòng tiêu đề là dòng 1.')
    msg: str
    header: str = Field(description="Tên cột.")
    value: str = Field(description="Giá trị trong ô.")


class ImportOut(Schema):
    dry_run: bool
    rows: int = Field(description="Số dòng dữ liệu của tệp.")
    activities: int
    created: int
    updated: int
    unchanged: int
    submitted: int
    ignored_columns: list[str]


class ImportErrorOut(Schema):
    detail: list[ImportProblemOut]


def _template(request: HttpRequest, program: int | None, fmt: str) -> HttpResponse:
    found = None
    if program is not None:
        found = program_selectors.program_get(user=request.auth, pk=program)
        check(
            program_rules.can_view_program_details(request.auth, found),
            "Chỉ các bên tham gia chương trình tải được mẫu nhập.",
        )
    return attachment(*template(program=found, user=request.auth, fmt=fmt))


@router.get("/import-template.xlsx", summary="Tệp mẫu nhập hoạt động (.xlsx, có danh sách chọn)")
def import_template_xlsx(request: HttpRequest, program: int | None = None):
    """With `program`, the drop-down lists hold its content areas, its parties and the
    communes of its province; without, the lists that do not depend on a program."""
    return _template(request, program, "xlsx")


@router.get("/import-template.csv", summary="Tệp mẫu nhập hoạt động (.csv, cùng dòng tiêu đề)")
def import_template_csv(request: HttpRequest, program: int | None = None):
    return _template(request, program, "csv")


@router.post(
    "/import",
    response={200: ImportOut, 422: ImportErrorOut},
    summary="Nhập hoạt động từ tệp .xlsx hoặc .csv (tất cả hoặc không gì cả)",
)
def activity_import(
    request: HttpRequest,
    file: UploadedFile = File(..., description="Tệp theo mẫu import-template.xlsx hoặc .csv."),
    program_id: int = Form(...),
    dry_run: bool = Form(False, description="true: chỉ kiểm tra, không ghi."),
    submit: bool = Form(False, description="true: gửi các hoạt động cho cơ quan chủ trì sau khi nhập."),
):
    """Every cell is checked first; a file with any problem imports nothing and answers 422
    with one item per problem (row, column, reason). Rows are matched to stored activities
    by organiser and «Mã dòng», so importing the same file again changes nothing."""
    program = program_selectors.program_get(user=request.auth, pk=program_id)
    check(
        rules.can_record_activity(request.auth, program),
        "Chỉ cán bộ các bên tham gia chương trình được ghi nhận hoạt động.",
    )
    try:
        checked = check_table(read_table(file, name=file.name or ""), program=program, user=request.auth)
        problems = checked.problems
    except FileRefused as exc:
        checked, problems = None, exc.problems
    if problems:
        return Status(422, {"detail": [_problem_out(p) for p in problems]})
    counts = checked.counts() | {"submitted": 0}
    if not dry_run:
        counts = services.activity_import(
            program=program, items=checked.items, by=request.auth, submit=submit
        )
    return {
        "dry_run": dry_run,
        "rows": checked.rows,
        "activities": len(checked.items),
        **counts,
        "ignored_columns": checked.ignored_columns,
    }


def _problem_out(problem) -> dict:
    return {
        "loc": ["file", problem.row, problem.column] if problem.row else ["file"],
        "msg": problem.message,
        "header": problem.header,
        "value": problem.value,
    }


@router.get("/{activity_id}", response=ActivityOut, summary="Một hoạt động")
def activity_detail(request: HttpRequest, activity_id: int):
    return selectors.activity_get(user=request.auth, pk=activity_id)


@router.patch("/{activity_id}", response=ActivityOut, summary="Sửa hoạt động (nháp hoặc bị trả lại)")
def activity_update(request: HttpRequest, activity_id: int, payload: PatchDict[ActivityIn]):
    """Change the fields sent; a list sent (participation, outputs, localities,
    co-organisers) replaces the whole list."""
    activity = selectors.activity_get(user=request.auth, pk=activity_id)
    check(
        rules.can_edit_activity(request.auth, activity),
        "Bạn không sửa được hoạt động này (chỉ đơn vị tổ chức, khi còn nháp hoặc bị trả lại).",
    )
    data = _build_input(payload, program=activity.program, activity=activity, user=request.auth)
    with field_names(_field_names(payload)):
        services.activity_update(activity=activity, data=data, by=request.auth)
    return _fresh(request, activity)


@router.post("/{activity_id}/submit", response=ActivityOut, summary="Gửi hoạt động cho cơ quan chủ trì")
def activity_submit(request: HttpRequest, activity_id: int):
    activity = selectors.activity_get(user=request.auth, pk=activity_id)
    _check_transition(
        rules.can_submit_activity(request.auth, activity),
        activity,
        rules.EDITABLE,
        "Chỉ đơn vị tổ chức được gửi hoạt động.",
    )
    services.activity_submit(activity=activity, by=request.auth)
    return _fresh(request, activity)


REVIEW_DENIED = "Chỉ cán bộ cơ quan chủ trì chương trình được xác nhận hoặc trả lại hoạt động."


@router.post("/{activity_id}/accept", response=ActivityOut, summary="Xác nhận hoạt động đã gửi")
def activity_accept(request: HttpRequest, activity_id: int):
    activity = selectors.activity_get(user=request.auth, pk=activity_id)
    _check_transition(
        rules.can_review_activity(request.auth, activity),
        activity,
        (ActivityStatus.SUBMITTED,),
        REVIEW_DENIED,
    )
    services.activity_accept(activity=activity, by=request.auth)
    return _fresh(request, activity)


@router.post("/{activity_id}/return", response=ActivityOut, summary="Trả lại hoạt động, kèm lý do")
def activity_return(request: HttpRequest, activity_id: int, payload: ReturnIn):
    activity = selectors.activity_get(user=request.auth, pk=activity_id)
    _check_transition(
        rules.can_review_activity(request.auth, activity),
        activity,
        (ActivityStatus.SUBMITTED,),
        REVIEW_DENIED,
    )
    services.activity_return(activity=activity, by=request.auth, comment=payload.comment)
    return _fresh(request, activity)


class EvidenceOut(Schema):
    id: int
    caption: str
    is_photo: bool
    original_name: str
    content_type: str
    size: int
    width: int | None
    height: int | None
    url: str
    thumbnail_url: str | None
    uploaded_at: dt.datetime

    @staticmethod
    def resolve_url(evidence) -> str:
        return reverse("activities:evidence_file", args=[evidence.activity_id, evidence.pk])

    @staticmethod
    def resolve_thumbnail_url(evidence) -> str | None:
        if not evidence.thumbnail:
            return None
        return reverse("activities:evidence_thumbnail", args=[evidence.activity_id, evidence.pk])


EDIT_DENIED = "Bạn không sửa được hoạt động này (chỉ đơn vị tổ chức, khi còn nháp hoặc bị trả lại)."


@router.get("/{activity_id}/evidence", response=list[EvidenceOut], summary="Minh chứng của hoạt động")
def evidence_list(request: HttpRequest, activity_id: int):
    return list(selectors.activity_get(user=request.auth, pk=activity_id).evidence.all())


@router.post("/{activity_id}/evidence", response={201: EvidenceOut}, summary="Thêm ảnh hoặc tệp minh chứng")
def evidence_add(
    request: HttpRequest,
    activity_id: int,
    file: UploadedFile = File(..., description="JPEG, PNG (thu nhỏ, xóa EXIF), PDF, DOCX, XLSX."),
    caption: str = Form(""),
):
    activity = selectors.activity_get(user=request.auth, pk=activity_id)
    check(rules.can_edit_activity(request.auth, activity), EDIT_DENIED)
    return Status(
        201, services.evidence_add(activity=activity, upload=file, caption=caption, by=request.auth)
    )


@router.delete("/{activity_id}/evidence/{evidence_id}", response={204: None}, summary="Xóa minh chứng")
def evidence_delete(request: HttpRequest, activity_id: int, evidence_id: int):
    activity = selectors.activity_get(user=request.auth, pk=activity_id)
    evidence = activity.evidence.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404
    check(rules.can_edit_activity(request.auth, activity), EDIT_DENIED)
    services.evidence_delete(evidence=evidence, by=request.auth)
    return Status(204, None)


# --- a province's figures: /api/v1/provinces/{code}/statistics ----------------------------

province_router = Router(tags=["activities"], auth=required)


class ProvinceStatisticsOut(Schema):
    totals: dict[str, int]
    by_program: list[dict]
    by_agency: list[dict]
    by_year: list[dict]
    by_kind: list[dict]
    by_ethnic_group: list[dict]
    by_sex: list[dict]
    by_age_band: list[dict]


@province_router.get(
    "/{code}/statistics", response=ProvinceStatisticsOut, summary="Số liệu mọi chương trình của một tỉnh"
)
def province_statistics(
    request: HttpRequest,
    code: str,
    status: str = "accepted",
    date_from: dt.date | None = Query(None, alias="from"),
    date_to: dt.date | None = Query(None, alias="to"),
    program: int | None = None,
    agency: int | None = None,
    kind: str | None = None,
    locality: str | None = None,
):
    """The signed, active and closed programs of a current province (its two-digit code)
    summed up as the program statistics are, by program instead of content area. For the
    users of the province's agencies and administrators."""
    province = reference_selectors.province_by_code(code)
    if province is None or not rules.can_view_province_figures(request.auth, province):
        raise Http404
    if kind and kind not in Kind.values:
        raise ValidationError({"kind": [f"Loại hoạt động không hợp lệ: {kind}."]})
    return selectors.province_statistics(
        province=province,
        statuses=tuple(_statuses(status) or ("accepted",)),
        date_from=date_from,
        date_to=date_to,
        program=program,
        agency=agency,
        kind=kind or None,
        locality=locality or None,
    )
