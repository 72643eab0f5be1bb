"""Programs API, /api/v1/programs: the same selectors, services and rules as the pages.

Reading needs no credential (anonymous users see the signed, active and closed programs);
writing needs a token or a session (with its CSRF token). A program the user may not see
answers 404, one the user may see but not change answers 403.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, PatchDict, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from phoihop.accounts.api_auth import optional, required
from phoihop.activities import rules as activity_rules
from phoihop.activities import selectors as activity_selectors
from phoihop.activities import services as activity_services
from phoihop.activities.models import Kind as ActivityKind
from phoihop.activities.models import Period as ActivityPeriod
from phoihop.activities.models import Status as ActivityStatus
from phoihop.agencies import selectors as agency_selectors
from phoihop.core.api_tools import check, field_names
from phoihop.programs import rules, selectors, services
from phoihop.programs.models import Party, Program

router = Router(tags=["programs"], auth=required)

# Services name model fields; the API's body names some of them differently.
API_FIELD_NAMES = {"province": "province_code"}


class PartyOut(Schema):
    agency_id: int
    agency_name: str = Field(description="Tên cơ quan khi ký (tên cũ được giữ sau khi đổi tên, sáp nhập).")
    role: str = Field(description="lead (chủ trì) | partner (phối hợp)")
    signatory_name: str
    signatory_title: str

    @staticmethod
    def resolve_agency_name(party: Party) -> str:
        return party.agency.name


class ContentAreaOut(Schema):
    id: int
    number: int
    title: str
    description: str
    responsible_agency_id: int | None


class ProgramOut(Schema):
    id: int
    title: str
    document_number: str
    document_date: dt.date | None
    scope: str = Field(description="province | national")
    province_code: str | None
    phase_start: int
    phase_end: int
    status: str = Field(description="draft | signed | active | closed")
    signed_on: dt.date | None
    summary: str
    mechanism: str
    objectives: list[str]
    parties: list[PartyOut]
    content_areas: list[ContentAreaOut]

    @staticmethod
    def resolve_province_code(program: Program) -> str | None:
        return program.province.code if program.province_id else None

    # Parties and content areas are prefetched by the selectors: no query per program.
    @staticmethod
    def resolve_parties(program: Program) -> list:
        return list(program.parties.all())

    @staticmethod
    def resolve_content_areas(program: Program) -> list:
        return list(program.content_areas.all())


# Roles and scopes are plain strings here so that a wrong value gets the services' Vietnamese
# message rather than pydantic's English one; the enum is still documented.
class PartyIn(Schema):
    agency_id: int
    role: str = Field(json_schema_extra={"enum": ["lead", "partner"]}, description="lead (chủ trì) | partner")
    signatory_name: str = ""
    signatory_title: str = ""


class ContentAreaIn(Schema):
    number: int
    title: str
    description: str = ""
    responsible_agency_id: int | None = None


class ProgramIn(Schema):
    title: str
    phase_start: int
    phase_end: int
    scope: str = Field("province", json_schema_extra={"enum": ["province", "national"]})
    province_code: str | None = Field(None, description="Mã tỉnh/thành phố (danh mục /reference/provinces).")
    document_number: str = ""
    document_date: dt.date | None = None
    summary: str = ""
    objectives: list[str] = []
    mechanism: str = ""
    parties: list[PartyIn] = Field([], description="Đúng một bên chủ trì (lead).")
    content_areas: list[ContentAreaIn] = []


class SignIn(Schema):
    signed_on: dt.date


# --- from the request body to a services.ProgramInput -------------------------------------

SCALAR_FIELDS = ("title", "phase_start", "phase_end", "scope", "document_number", "document_date")
TEXT_FIELDS = ("summary", "mechanism")


def _input_from_program(program: Program) -> services.ProgramInput:
    return services.ProgramInput(
        title=program.title,
        phase_start=program.phase_start,
        phase_end=program.phase_end,
        scope=program.scope,
        province=program.province,
        document_number=program.document_number,
        document_date=program.document_date,
        summary=program.summary,
        objectives=list(program.objectives),
        mechanism=program.mechanism,
        parent=program.parent,
        parties=[
            services.PartyInput(
                agency=p.agency,
                role=p.role,
                signatory_name=p.signatory_name,
                signatory_title=p.signatory_title,
                focal_officer=p.focal_officer,
            )
            for p in program.parties.all()
        ],
        content_areas=[
            services.ContentAreaInput(
                number=c.number,
                title=c.title,
                description=c.description,
                responsible_agency=c.responsible_agency,
            )
            for c in program.content_areas.all()
        ],
    )


def _build_input(values: dict, *, program: Program | None) -> services.ProgramInput:
    """The program as it would be with `values` (the body's fields, only those sent for a
    PATCH) applied. Ids are resolved to records here; unknown ones are field errors. Parts
    sent for a PATCH replace the list; a part's field not sent keeps its current value
    (parties matched by agency, content areas by number)."""
    data = (
        _input_from_program(program)
        if program is not None
        else services.ProgramInput(title="", phase_start=None, phase_end=None)
    )
    errors: dict[str, list[str]] = {}
    for key in SCALAR_FIELDS:
        if key in values:
            setattr(data, key, values[key])
    for key in TEXT_FIELDS:
        if key in values:
            setattr(data, key, values[key] or "")
    if "objectives" in values:
        data.objectives = values["objectives"] or []
    if "province_code" in values:
        try:
            data.province = services.province_from_code(values["province_code"])
        except ValidationError as exc:
            errors.update(exc.message_dict)

    # None: not sent (a PATCH keeps the current list); a list, possibly empty: the new list.
    parties = (values["parties"] or []) if "parties" in values else None
    areas = (values["content_areas"] or []) if "content_areas" in values else None
    wanted_ids = {p["agency_id"] for p in parties or []} | {
        c["responsible_agency_id"] for c in areas or [] if c.get("responsible_agency_id") is not None
    }
    agencies = agency_selectors.agency_list().in_bulk(wanted_ids) if wanted_ids else {}

    def agency(agency_id: int, field: str):
        found = agencies.get(agency_id)
        if found is None:
            errors.setdefault(field, []).append(f"Không có cơ quan mã {agency_id}.")
        return found

    if parties is not None:
        current = {p.agency.pk: p for p in data.parties}
        data.parties = []
        for i, item in enumerate(parties):
            found = agency(item["agency_id"], f"parties.{i}.agency_id")
            old = current.get(item["agency_id"])
            data.parties.append(
                services.PartyInput(
                    agency=found,
                    role=item.get("role", old.role if old else ""),
                    signatory_name=item.get("signatory_name", old.signatory_name if old else ""),
                    signatory_title=item.get("signatory_title", old.signatory_title if old else ""),
                    # The API does not set focal officers: a kept party keeps its own.
                    focal_officer=old.focal_officer if old else None,
                )
            )
    if areas is not None:
        current_areas = {c.number: c for c in data.content_areas}
        data.content_areas = []
        for i, item in enumerate(areas):
            old = current_areas.get(item["number"])
            if "responsible_agency_id" in item:
                agency_id = item["responsible_agency_id"]
                responsible = (
                    agency(agency_id, f"content_areas.{i}.responsible_agency_id") if agency_id else None
                )
            else:
                responsible = old.responsible_agency if old else None
            data.content_areas.append(
                services.ContentAreaInput(
                    number=item["number"],
                    title=item.get("title", old.title if old else ""),
                    description=item.get("description", old.description if old else ""),
                    responsible_agency=responsible,
                )
            )
    if errors:
        raise ValidationError(errors)
    return data


def _fresh(request: HttpRequest, program: Program) -> Program:
    """The program as stored after a change, with its parts prefetched again."""
    return selectors.program_get(user=request.auth, pk=program.pk)


# --- endpoints ---------------------------------------------------------------------------


@router.get("", response=list[ProgramOut], auth=optional, summary="Danh sách chương trình")
@paginate(LimitOffsetPagination)
def program_list(
    request: HttpRequest,
    q: str | None = None,
    province: str | None = None,
    year: int | None = None,
    status: str | None = None,
    agency: int | None = None,
):
    """Programs the caller may see. `q` ignores case and diacritics ("dan toc" finds "dân tộc");
    `province` is a province code; `year` keeps programs whose phase includes it; `agency`
    keeps programs that agency is a party to."""
    return selectors.program_list(
        user=request.auth, q=q, province=province, year=year, status=status, agency=agency
    )


@router.post("", response={201: ProgramOut}, summary="Tạo chương trình (dự thảo)")
def program_create(request: HttpRequest, payload: ProgramIn):
    """Create a draft program. The lead party must be the caller's own agency (administrators
    may name any)."""
    check(rules.can_create_program(request.auth), "Bạn không có quyền tạo chương trình.")
    data = _build_input(payload.model_dump(), program=None)
    with field_names(API_FIELD_NAMES):
        program = services.program_create(data=data, by=request.auth)
    return Status(201, _fresh(request, program))


@router.get("/{program_id}", response=ProgramOut, auth=optional, summary="Một chương trình")
def program_detail(request: HttpRequest, program_id: int):
    return selectors.program_get(user=request.auth, pk=program_id)


@router.patch("/{program_id}", response=ProgramOut, summary="Sửa chương trình")
def program_update(request: HttpRequest, program_id: int, payload: PatchDict[ProgramIn]):
    """Change the fields sent; `parties` or `content_areas`, when sent, replace the whole list."""
    program = selectors.program_get(user=request.auth, pk=program_id)
    check(rules.can_edit_program(request.auth, program), "Chỉ cán bộ cơ quan chủ trì được sửa chương trình.")
    data = _build_input(payload, program=program)
    with field_names(API_FIELD_NAMES):
        services.program_update(program=program, data=data, by=request.auth)
    return _fresh(request, program)


@router.post("/{program_id}/sign", response=ProgramOut, summary="Ký kết (dự thảo → đã ký)")
def program_sign(request: HttpRequest, program_id: int, payload: SignIn):
    program = selectors.program_get(user=request.auth, pk=program_id)
    check(
        rules.can_edit_program(request.auth, program),
        "Chỉ cán bộ cơ quan chủ trì được thực hiện thao tác này.",
    )
    services.program_sign(program=program, signed_on=payload.signed_on, by=request.auth)
    return _fresh(request, program)


@router.post("/{program_id}/activate", response=ProgramOut, summary="Triển khai (đã ký → đang thực hiện)")
def program_activate(request: HttpRequest, program_id: int):
    program = selectors.program_get(user=request.auth, pk=program_id)
    services.program_activate(program=program, by=request.auth)
    return _fresh(request, program)


@router.post("/{program_id}/close", response=ProgramOut, summary="Kết thúc chương trình")
def program_close(request: HttpRequest, program_id: int):
    program = selectors.program_get(user=request.auth, pk=program_id)
    services.program_close(program=program, by=request.auth)
    return _fresh(request, program)


@router.delete("/{program_id}", response={204: None}, summary="Xóa chương trình (khôi phục được)")
def program_delete(request: HttpRequest, program_id: int):
    program = selectors.program_get(user=request.auth, pk=program_id)
    services.program_delete(program=program, by=request.auth)
    return Status(204, None)


@router.post("/{program_id}/restore", response=ProgramOut, summary="Khôi phục chương trình đã xóa")
def program_restore(request: HttpRequest, program_id: int):
    """Only deleted programs the caller may restore are found here (lead staff, administrators);
    for anyone else the program does not exist (404)."""
    program = get_object_or_404(selectors.deleted_programs(user=request.auth), pk=program_id)
    services.program_restore(program=program, by=request.auth)
    return _fresh(request, program)


class TotalsOut(Schema):
    activities: int
    participants: int
    budget_vnd: int


class ByContentAreaOut(Schema):
    content_area_id: int | None
    activities: int
    participants: int


class ByAgencyOut(Schema):
    agency_id: int
    activities: int = Field(description="Hoạt động tổ chức hoặc phối hợp tổ chức.")
    participants: int


class ByYearOut(Schema):
    year: int
    activities: int
    participants: int


class ByKindOut(Schema):
    kind: str
    activities: int
    participants: int


class ByEthnicGroupOut(Schema):
    ethnic_group_code: str | None = Field(description="Mã dân tộc (121-TCTK/PPCĐ); null: không rõ.")
    participants: int


class BySexOut(Schema):
    sex: str
    participants: int


class ByAgeBandOut(Schema):
    age_band: str
    participants: int


class IndicatorValueOut(Schema):
    id: int
    name: str
    unit: str
    content_area_id: int | None
    method: str
    direction: str
    baseline: float | None
    value: float | None = Field(
        description="Tính từ các hoạt động được đếm, hoặc giá trị nhập tay mới nhất trong kỳ."
    )
    target: float | None = Field(
        description="Chỉ tiêu của năm khi kỳ nằm trong một năm có chỉ tiêu năm; nếu không, chỉ tiêu cả giai đoạn."
    )
    percent: float | None
    source: str = Field(description="Nguồn của giá trị nhập tay.")


class StatisticsOut(Schema):
    totals: TotalsOut
    by_content_area: list[ByContentAreaOut]
    by_agency: list[ByAgencyOut]
    by_year: list[ByYearOut]
    by_kind: list[ByKindOut]
    by_ethnic_group: list[ByEthnicGroupOut]
    by_sex: list[BySexOut]
    by_age_band: list[ByAgeBandOut]
    indicators: list[IndicatorValueOut]


@router.get("/{program_id}/statistics", response=StatisticsOut, summary="Số liệu thực hiện chương trình")
def program_statistics(
    request: HttpRequest,
    program_id: int,
    status: str = "accepted",
    date_from: dt.date | None = Query(None, alias="from"),
    date_to: dt.date | None = Query(None, alias="to"),
    agency: int | None = None,
    content_area: int | None = None,
    kind: str | None = None,
    locality: str | None = Query(
        None, description="Mã tỉnh hoặc xã hiện hành; đơn vị cũ tính theo đơn vị kế thừa."
    ),
):
    """Totals by content area, agency, year, kind, ethnic group, sex and age band, and the
    indicators with their targets, computed on request. Accepted activities by default;
    `status=submitted,accepted` adds the submitted ones; `from`/`to` keep activities that
    started in the period; `agency` those it organised or co-organised. For the parties' users."""
    program = selectors.program_get(user=request.auth, pk=program_id)
    check(
        rules.can_view_program_details(request.auth, program),
        "Chỉ các bên tham gia chương trình xem được số liệu.",
    )
    wanted = tuple(s.strip() for s in status.split(",") if s.strip())
    unknown = [s for s in wanted if s not in ActivityStatus.values]
    if unknown or not wanted:
        raise ValidationError({"status": [f"Trạng thái không hợp lệ: {', '.join(unknown) or '(trống)'}."]})
    if kind and kind not in ActivityKind.values:
        raise ValidationError({"kind": [f"Loại hoạt động không hợp lệ: {kind}."]})
    return activity_selectors.program_statistics(
        program=program,
        statuses=wanted,
        date_from=date_from,
        date_to=date_to,
        agency=agency,
        content_area=content_area,
        kind=kind or None,
        locality=locality or None,
    )


class ReportingCellOut(Schema):
    period: str = Field(description="Q1…Q4, H1, H2 hoặc Y.")
    state: str = Field(json_schema_extra={"enum": ["none", "returned", "draft", "submitted", "accepted"]})
    counts: dict[str, int] = Field(description="Số hoạt động theo trạng thái.")
    late: bool = Field(description="Kỳ đã qua mà chưa có, còn nháp hoặc bị trả lại.")


class ReportingRowOut(Schema):
    agency_id: int
    role: str
    cells: list[ReportingCellOut]


class ReportingPeriodOut(Schema):
    key: str
    label: str
    start: dt.date
    end: dt.date
    due: bool


class ReportingOut(Schema):
    year: int
    period: str
    periods: list[ReportingPeriodOut]
    rows: list[ReportingRowOut]


class RemindIn(Schema):
    year: int
    period: str = Field("quarter", json_schema_extra={"enum": ["quarter", "half", "year"]})


class RemindOut(Schema):
    sent: list[dict] = Field(description="[{agency_id, periods, recipients}]")
    skipped: list[dict] = Field(description="[{agency_id, reason}]")


def _party_program(request: HttpRequest, program_id: int) -> Program:
    program = selectors.program_get(user=request.auth, pk=program_id)
    check(
        rules.can_view_program_details(request.auth, program),
        "Chỉ các bên tham gia chương trình xem được tình hình báo cáo.",
    )
    return program


@router.get("/{program_id}/reporting", response=ReportingOut, summary="Tình hình báo cáo của các bên theo kỳ")
def program_reporting(request: HttpRequest, program_id: int, year: int, period: str = "quarter"):
    """For each party and each quarter (half-year, year) of `year`: its activities that
    started in the period by status, and the state of its reporting."""
    program = _party_program(request, program_id)
    if period not in ActivityPeriod.values:
        raise ValidationError({"period": ["Kỳ báo cáo không hợp lệ (quarter, half, year)."]})
    grid = activity_selectors.reporting_grid(program=program, year=year, period=period)
    return {
        **grid,
        "rows": [
            {"agency_id": row["agency"].pk, "role": row["party"].role, "cells": row["cells"]}
            for row in grid["rows"]
        ],
    }


@router.post("/{program_id}/reminders", response=RemindOut, summary="Gửi thư nhắc các cơ quan chậm báo cáo")
def program_remind(request: HttpRequest, program_id: int, payload: RemindIn):
    """One e-mail per agency with outstanding periods of the year (lead agency staff)."""
    program = _party_program(request, program_id)
    check(
        activity_rules.can_send_reminders(request.auth, program),
        "Chỉ cán bộ cơ quan chủ trì chương trình được gửi nhắc báo cáo.",
    )
    result = activity_services.reporting_remind(
        program=program,
        year=payload.year,
        period=payload.period,
        by=request.auth,
        base_url=request.build_absolute_uri("/")[:-1],
    )
    return {
        "sent": [
            {"agency_id": r.agency_id, "periods": r.periods, "recipients": r.recipients}
            for r in result["sent"]
        ],
        "skipped": [{"agency_id": agency.pk, "reason": reason} for agency, reason in result["skipped"]],
    }


class PlanItemIO(Schema):
    kind: str = Field(json_schema_extra={"enum": list(ActivityKind.values)})
    content_area_id: int | None = None
    title: str = ""
    planned_activities: int = 1
    planned_participants: int | None = None
    planned_budget_vnd: int | None = None
    quarter: int | None = Field(None, description="1–4; null: cả năm.")


class PlanItemOut(PlanItemIO):
    done_activities: int
    done_participants: int
    done_budget_vnd: int
    percent: float | None


class PlanOut(Schema):
    agency_id: int
    year: int
    has_plan: bool
    note: str
    items: list[PlanItemOut]
    unplanned: dict[str, int] = Field(description="Hoạt động của cơ quan trong năm không thuộc mục nào.")


class PlanIn(Schema):
    note: str = ""
    items: list[PlanItemIO] = []


def _plan_out(row: dict, year: int) -> dict:
    plan = row["plan"]
    return {
        "agency_id": row["agency"].pk,
        "year": year,
        "has_plan": plan is not None,
        "note": plan.note if plan else "",
        "items": [
            {
                "kind": line["item"].kind,
                "content_area_id": line["item"].content_area_id,
                "title": line["item"].title,
                "planned_activities": line["item"].planned_activities,
                "planned_participants": line["item"].planned_participants,
                "planned_budget_vnd": line["item"].planned_budget_vnd,
                "quarter": line["item"].quarter,
                "done_activities": line["done_activities"],
                "done_participants": line["done_participants"],
                "done_budget_vnd": line["done_budget_vnd"],
                "percent": line["percent"],
            }
            for line in row["items"]
        ],
        "unplanned": row["unplanned"],
    }


@router.get("/{program_id}/plans", response=list[PlanOut], summary="Kế hoạch năm của các bên và kết quả")
def program_plans(request: HttpRequest, program_id: int, year: int, status: str = "accepted"):
    """Each party's plan for `year`, item by item next to the activities done (accepted by
    default; `status=submitted,accepted` adds the submitted ones)."""
    program = _party_program(request, program_id)
    wanted = tuple(s.strip() for s in status.split(",") if s.strip())
    if not wanted or any(s not in ActivityStatus.values for s in wanted):
        raise ValidationError({"status": ["Trạng thái không hợp lệ."]})
    rows = activity_selectors.plan_comparison(program=program, year=year, statuses=wanted)
    return [_plan_out(row, year) for row in rows]


@router.put(
    "/{program_id}/plans/{year}/{agency_id}",
    response=PlanOut,
    summary="Lập hoặc sửa kế hoạch năm của một cơ quan",
)
def program_plan_put(request: HttpRequest, program_id: int, year: int, agency_id: int, payload: PlanIn):
    """The items sent replace the plan's; no items and no note delete it."""
    program = _party_program(request, program_id)
    party = next((p for p in program.parties.all() if p.agency_id == agency_id), None)
    if party is None:
        raise ValidationError(
            {"agency_id": [f"Cơ quan mã {agency_id} không phải bên tham gia chương trình."]}
        )
    check(
        activity_rules.can_plan(request.auth, program, party.agency),
        "Chỉ cán bộ của cơ quan hoặc của cơ quan chủ trì được lập kế hoạch năm.",
    )
    areas = {a.pk: a for a in program.content_areas.all()}
    errors: dict[str, list[str]] = {}
    items = []
    for i, item in enumerate(payload.items):
        area = areas.get(item.content_area_id) if item.content_area_id is not None else None
        if item.content_area_id is not None and area is None:
            errors[f"items.{i}.content_area_id"] = [
                f"Chương trình không có nội dung phối hợp mã {item.content_area_id}."
            ]
        items.append(
            activity_services.PlanItemInput(
                kind=item.kind,
                planned_activities=item.planned_activities,
                content_area=area,
                title=item.title,
                planned_participants=item.planned_participants,
                planned_budget_vnd=item.planned_budget_vnd,
                quarter=item.quarter,
            )
        )
    if errors:
        raise ValidationError(errors)
    activity_services.plan_save(
        program=program, year=year, agency=party.agency, items=items, note=payload.note, by=request.auth
    )
    rows = activity_selectors.plan_comparison(program=program, year=year)
    return _plan_out(next(r for r in rows if r["agency"].pk == agency_id), year)
