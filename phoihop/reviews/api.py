"""Reviews, follow-ups and findings API: the same selectors, services and rules as the pages.

Every endpoint needs a token or a session (these are the parties' working records). A
record the caller may not see answers 404; one the caller may see but not change, 403; a
change its status does not allow (concluding twice) answers 422 at `status`.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, PatchDict, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from phoihop.accounts.api_auth import required
from phoihop.agencies.models import Agency
from phoihop.core.api_tools import check, field_names
from phoihop.core.exporters import attachment
from phoihop.programs import rules as program_rules
from phoihop.programs import selectors as program_selectors
from phoihop.reference.models import AdministrativeUnit, Era
from phoihop.reviews import rules, selectors, services
from phoihop.reviews.models import SECTIONS, Attendee, Conclusion, FollowUpStatus, Kind, Review

router = Router(tags=["reviews"], auth=required)
program_router = Router(tags=["reviews"], auth=required)
followup_router = Router(tags=["reviews"], auth=required)
finding_router = Router(tags=["reviews"], auth=required)


def _agency(pk: int | None, field: str) -> Agency | None:
    if pk is None:
        return None
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        raise ValidationError({field: [f"Không có cơ quan mã {pk}."]})
    return agency


# --- reviews -------------------------------------------------------------------------------


class AttendeeIO(Schema):
    name: str
    title: str = ""
    agency_id: int | None = None
    agency_name: str = Field("", description="Cơ quan như ghi, khi không có trong danh mục.")


class ConclusionOut(Schema):
    id: int
    number: int
    text: str
    followup_id: int | None
    assignee_id: int | None
    due_date: dt.date | None


class ReviewIn(Schema):
    kind: str = Field(
        description="six_month, annual, interim (sơ kết), final (tổng kết)",
        json_schema_extra={"enum": Kind.values},
    )
    period_start: dt.date
    period_end: dt.date
    document_number: str = ""
    conference_date: dt.date | None = None
    place: str = ""
    chair_name: str = ""
    chair_title: str = ""
    achievements: str = ""
    limitations: str = ""
    causes: str = ""
    lessons: str = ""
    directions: str = ""
    recommendations: str = ""
    attendees: list[AttendeeIO] = []


class ReviewOut(Schema):
    id: int
    program_id: int
    kind: str
    period_start: dt.date
    period_end: dt.date
    status: str
    document_number: str
    conference_date: dt.date | None
    place: str
    chair_name: str
    chair_title: str
    achievements: str
    limitations: str
    causes: str
    lessons: str
    directions: str
    recommendations: str
    attendees: list[AttendeeIO]
    conclusions: list[ConclusionOut]
    concluded_at: dt.datetime | None
    statistics: dict = Field(
        description="Số liệu của kỳ như /programs/{id}/statistics?from=…&to=… (đã chốt khi kết luận)."
    )
    frozen: bool


def _review_out(review: Review) -> dict:
    figures = selectors.review_figures(review)
    return {
        **{f: getattr(review, f) for f in ReviewOut.model_fields if hasattr(review, f)},
        "attendees": [
            {"name": a.name, "title": a.title, "agency_id": a.agency_id, "agency_name": a.agency_name}
            for a in review.attendees.all()
        ],
        "conclusions": [
            {
                "id": c.pk,
                "number": c.number,
                "text": c.text,
                "followup_id": c.followup.pk if hasattr(c, "followup") else None,
                "assignee_id": c.followup.assignee_id if hasattr(c, "followup") else None,
                "due_date": c.followup.due_date if hasattr(c, "followup") else None,
            }
            for c in review.conclusions.all()
        ],
        "statistics": figures["statistics"],
        "frozen": figures["frozen"],
    }


def _review_input(values: dict) -> services.ReviewInput:
    return services.ReviewInput(
        kind=values["kind"],
        period_start=values["period_start"],
        period_end=values["period_end"],
        document_number=values.get("document_number", ""),
        conference_date=values.get("conference_date"),
        place=values.get("place", ""),
        chair_name=values.get("chair_name", ""),
        chair_title=values.get("chair_title", ""),
        sections={name: values.get(name, "") for name in SECTIONS},
        attendees=[
            services.AttendeeInput(
                name=a["name"],
                title=a.get("title", ""),
                agency=_agency(a.get("agency_id"), f"attendees.{i}.agency_id"),
                agency_name=a.get("agency_name", ""),
            )
            for i, a in enumerate(values.get("attendees", []))
        ],
    )


@program_router.get("/{program_id}/reviews", response=list[ReviewOut], summary="Các kỳ sơ kết, tổng kết")
def review_list(request: HttpRequest, program_id: int):
    program = program_selectors.program_get(user=request.auth, pk=program_id)
    if not program_rules.can_view_program_details(request.auth, program):
        raise Http404  # the parties' working records: hidden, not forbidden
    qs = selectors.review_list(user=request.auth, program=program.pk).prefetch_related(
        Prefetch("attendees", queryset=Attendee.objects.select_related("agency")),
        Prefetch("conclusions", queryset=Conclusion.objects.select_related("followup__assignee")),
    )
    return [_review_out(review) for review in qs]


@program_router.post("/{program_id}/reviews", response={201: ReviewOut}, summary="Mở kỳ sơ kết, tổng kết")
def review_create(request: HttpRequest, program_id: int, payload: ReviewIn):
    """Open a review (draft) for a period inside the program's phase; its figures are
    computed from the accepted activities that started in the period."""
    program = program_selectors.program_get(user=request.auth, pk=program_id)
    check(
        rules.can_open_review(request.auth, program),
        "Chỉ cán bộ cơ quan chủ trì được mở kỳ sơ kết, tổng kết.",
    )
    review = services.review_create(
        program=program, data=_review_input(payload.model_dump()), by=request.auth
    )
    return Status(201, _review_out(selectors.review_get(user=request.auth, pk=review.pk)))


@program_router.get("/{program_id}/document.docx", summary="Văn bản chương trình phối hợp (.docx)")
def program_document(request: HttpRequest, program_id: int):
    from phoihop.reports.services import report_render

    program = program_selectors.program_get(user=request.auth, pk=program_id)
    if not program_rules.can_view_program_details(request.auth, program):
        raise Http404
    return attachment(*report_render(kind="program_document", target=program, fmt="docx"))


@program_router.get("/{program_id}/annual-report.docx", summary="Báo cáo năm (.docx)")
def annual_report(request: HttpRequest, program_id: int, year: int):

    from phoihop.reports.services import report_render

    program = program_selectors.program_get(user=request.auth, pk=program_id)
    if not program_rules.can_view_program_details(request.auth, program):
        raise Http404
    if not program.phase_start <= year <= program.phase_end:
        raise ValidationError(
            {"year": [f"Năm phải trong giai đoạn {program.phase_start}–{program.phase_end}."]}
        )
    return attachment(*report_render(kind="annual_report", target=program, fmt="docx", year=year))


@router.get("/{review_id}", response=ReviewOut, summary="Một kỳ sơ kết, tổng kết")
def review_get(request: HttpRequest, review_id: int):
    return _review_out(selectors.review_get(user=request.auth, pk=review_id))


@router.patch("/{review_id}", response=ReviewOut, summary="Sửa kỳ sơ kết, tổng kết (chưa kết luận)")
def review_update(request: HttpRequest, review_id: int, payload: PatchDict[ReviewIn]):
    """Change the fields sent; `attendees`, when sent, replaces the list."""
    review = selectors.review_get(user=request.auth, pk=review_id)
    check(rules.can_conclude_review(request.auth, review), "Chỉ cán bộ cơ quan chủ trì được sửa.")
    current = services.input_from_review(review)
    values = {
        "kind": current.kind,
        "period_start": current.period_start,
        "period_end": current.period_end,
        "document_number": current.document_number,
        "conference_date": current.conference_date,
        "place": current.place,
        "chair_name": current.chair_name,
        "chair_title": current.chair_title,
        **current.sections,
    }
    data = _review_input({**values, "attendees": []} | dict(payload))
    if "attendees" not in payload:
        data.attendees = current.attendees
    services.review_update(review=review, data=data, by=request.auth)
    return _review_out(selectors.review_get(user=request.auth, pk=review.pk))


@router.post("/{review_id}/hold", response=ReviewOut, summary="Ghi nhận đã tổ chức hội nghị")
def review_hold(request: HttpRequest, review_id: int):
    review = selectors.review_get(user=request.auth, pk=review_id)
    check(
        rules.can_conclude_review(request.auth, review), "Chỉ cán bộ cơ quan chủ trì được ghi nhận hội nghị."
    )
    services.review_hold(review=review, by=request.auth)
    return _review_out(selectors.review_get(user=request.auth, pk=review.pk))


@router.post("/{review_id}/conclude", response=ReviewOut, summary="Kết luận và chốt số liệu")
def review_conclude(request: HttpRequest, review_id: int):
    """held → concluded: the figures are frozen; concluding twice answers 422."""
    review = selectors.review_get(user=request.auth, pk=review_id)
    check(rules.can_conclude_review(request.auth, review), "Chỉ cán bộ cơ quan chủ trì được kết luận.")
    services.review_conclude(review=review, by=request.auth)
    return _review_out(selectors.review_get(user=request.auth, pk=review.pk))


class ConclusionIn(Schema):
    text: str
    assignee_id: int | None = Field(None, description="Cơ quan thực hiện (một bên của chương trình).")
    due_date: dt.date | None = None


@router.post("/{review_id}/conclusions", response={201: ConclusionOut}, summary="Thêm kết luận")
def conclusion_add(request: HttpRequest, review_id: int, payload: ConclusionIn):
    """A conclusion with an assignee and a due date becomes a follow-up."""
    review = selectors.review_get(user=request.auth, pk=review_id)
    check(rules.can_conclude_review(request.auth, review), "Chỉ cán bộ cơ quan chủ trì được ghi kết luận.")
    with field_names({"assignee": "assignee_id"}):
        conclusion = services.conclusion_add(
            review=review,
            text=payload.text,
            assignee=_agency(payload.assignee_id, "assignee_id"),
            due_date=payload.due_date,
            by=request.auth,
        )
    followup = getattr(conclusion, "followup", None)
    return Status(
        201,
        {
            "id": conclusion.pk,
            "number": conclusion.number,
            "text": conclusion.text,
            "followup_id": followup.pk if followup else None,
            "assignee_id": followup.assignee_id if followup else None,
            "due_date": followup.due_date if followup else None,
        },
    )


def _report(request: HttpRequest, review_id: int, fmt: str):
    from phoihop.reports.services import report_render

    review = selectors.review_get(user=request.auth, pk=review_id)
    return attachment(*report_render(kind="review_report", target=review, fmt=fmt))


@router.get("/{review_id}/report.docx", summary="Báo cáo sơ kết, tổng kết (.docx)")
def review_report_docx(request: HttpRequest, review_id: int):
    """The report in the Decree 30 layout, filled from the review (its frozen figures once
    concluded). 404 for a user who is not a party."""
    return _report(request, review_id, "docx")


@router.get("/{review_id}/report.pdf", summary="Báo cáo sơ kết, tổng kết (.pdf)")
def review_report_pdf(request: HttpRequest, review_id: int):
    """The same report as PDF, made with LibreOffice; 422 at `format` where it is not installed."""
    from phoihop.reports.docx import libreoffice_path

    if libreoffice_path() is None:
        selectors.review_get(user=request.auth, pk=review_id)
        raise ValidationError({"format": ["Máy chủ chưa cài LibreOffice nên không tạo được PDF."]})
    return _report(request, review_id, "pdf")


# --- follow-ups ------------------------------------------------------------------------------


class FollowUpOut(Schema):
    id: int
    program_id: int
    review_id: int | None
    conclusion_id: int | None
    finding_id: int | None
    text: str
    assignee_id: int
    due_date: dt.date
    status: str
    overdue: bool
    drop_reason: str
    closing_note: str


def _followup_out(f, today: dt.date) -> dict:
    return {
        "id": f.pk,
        "program_id": f.program_id,
        "review_id": f.conclusion.review_id if f.conclusion_id else None,
        "conclusion_id": f.conclusion_id,
        "finding_id": f.finding_id,
        "text": f.text,
        "assignee_id": f.assignee_id,
        "due_date": f.due_date,
        "status": f.status,
        "overdue": f.is_overdue(today),
        "drop_reason": f.drop_reason,
        "closing_note": f.closing_note,
    }


@followup_router.get("", response=list[FollowUpOut], summary="Việc cần thực hiện")
@paginate(LimitOffsetPagination)
def followup_list(
    request: HttpRequest,
    program: int | None = None,
    agency: int | None = None,
    status: str | None = Query(None, description="open, in_progress, done, dropped (cách nhau bởi dấu phẩy)"),
    overdue: bool | None = None,
    q: str | None = None,
):

    wanted = [s.strip() for s in (status or "").split(",") if s.strip()]
    unknown = [s for s in wanted if s not in FollowUpStatus.values]
    if unknown:
        raise ValidationError({"status": [f"Trạng thái không hợp lệ: {', '.join(unknown)}."]})
    today = timezone.localdate()
    qs = selectors.followup_list(
        user=request.auth,
        program=program,
        agency=agency,
        status=wanted or None,
        overdue=overdue,
        q=q,
        today=today,
    )
    return _Mapped(qs, lambda f: _followup_out(f, today))


class _Mapped:
    """A queryset whose slices come out as API dicts (ninja's pagination slices it)."""

    def __init__(self, qs, fn):
        self.qs, self.fn = qs, fn

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        return [self.fn(x) for x in self.qs[item]]


class FollowUpIn(Schema):
    program_id: int
    text: str
    assignee_id: int
    due_date: dt.date
    finding_id: int | None = None


@followup_router.post("", response={201: FollowUpOut}, summary="Giao việc (ngoài kết luận hội nghị)")
def followup_create(request: HttpRequest, payload: FollowUpIn):
    """A follow-up assigned by the lead agency, from a monitoring finding or on its own.
    Follow-ups from a review's conclusions are made with POST /reviews/{id}/conclusions."""

    program = program_selectors.program_get(user=request.auth, pk=payload.program_id)
    check(rules.can_manage_followups(request.auth, program), "Chỉ cán bộ cơ quan chủ trì được giao việc.")
    finding = None
    if payload.finding_id is not None:
        finding = selectors.finding_get(user=request.auth, pk=payload.finding_id)
    with field_names({"assignee": "assignee_id", "finding": "finding_id"}):
        followup = services.followup_create(
            program=program,
            text=payload.text,
            assignee=_agency(payload.assignee_id, "assignee_id"),
            due_date=payload.due_date,
            finding=finding,
            by=request.auth,
        )
    return Status(201, _followup_out(followup, timezone.localdate()))


@followup_router.get("/{followup_id}", response=FollowUpOut, summary="Một việc cần thực hiện")
def followup_get(request: HttpRequest, followup_id: int):

    return _followup_out(selectors.followup_get(user=request.auth, pk=followup_id), timezone.localdate())


class FollowUpStatusIn(Schema):
    status: str = Field(json_schema_extra={"enum": FollowUpStatus.values})
    note: str = ""
    reason: str = Field("", description="Bắt buộc khi status = dropped.")


@followup_router.post("/{followup_id}/status", response=FollowUpOut, summary="Cập nhật tình hình")
def followup_status(request: HttpRequest, followup_id: int, payload: FollowUpStatusIn):

    followup = selectors.followup_get(user=request.auth, pk=followup_id)
    check(
        rules.can_update_followup(request.auth, followup),
        "Chỉ cơ quan được giao hoặc cơ quan chủ trì cập nhật được.",
    )
    services.followup_set_status(followup=followup, by=request.auth, **payload.model_dump())
    return _followup_out(followup, timezone.localdate())


# --- findings --------------------------------------------------------------------------------


class FindingIn(Schema):
    activity_id: int = Field(description="Hoạt động loại monitoring_visit.")
    policy: str
    issue: str
    recommendation: str = ""
    responsible_agency_id: int
    locality_code: str | None = Field(None, description="Mã xã hoặc tỉnh hiện hành.")
    place_as_written: str = ""


class FindingOut(Schema):
    id: int
    program_id: int
    activity_id: int
    policy: str
    issue: str
    recommendation: str
    responsible_agency_id: int
    locality_code: str | None
    place_as_written: str
    status: str
    followup_ids: list[int]


def _finding_out(f) -> dict:
    return {
        "id": f.pk,
        "program_id": f.program_id,
        "activity_id": f.activity_id,
        "policy": f.policy,
        "issue": f.issue,
        "recommendation": f.recommendation,
        "responsible_agency_id": f.responsible_agency_id,
        "locality_code": f.locality.code if f.locality_id else None,
        "place_as_written": f.place_as_written,
        "status": f.status,
        "followup_ids": [x.pk for x in f.followups.all()],
    }


@finding_router.get("", response=list[FindingOut], summary="Kết quả giám sát")
@paginate(LimitOffsetPagination)
def finding_list(
    request: HttpRequest, program: int | None = None, status: str | None = None, q: str | None = None
):
    qs = selectors.finding_list(
        user=request.auth, program=program, status=[status] if status else None, q=q
    ).prefetch_related("followups")
    return _Mapped(qs, _finding_out)


@finding_router.post("", response={201: FindingOut}, summary="Ghi kết quả giám sát")
def finding_create(request: HttpRequest, payload: FindingIn):

    from phoihop.activities.selectors import visible_activities

    activity = (
        visible_activities(request.auth).select_related("program").filter(pk=payload.activity_id).first()
    )
    if activity is None:
        raise Http404
    check(
        rules.can_record_finding(request.auth, activity),
        "Chỉ đơn vị tổ chức đợt giám sát hoặc cơ quan chủ trì được ghi.",
    )
    locality = None
    if payload.locality_code:
        locality = AdministrativeUnit.objects.filter(era=Era.CURRENT, code=payload.locality_code).first()
        if locality is None:
            raise ValidationError(
                {"locality_code": [f"Không có đơn vị hành chính hiện hành mã {payload.locality_code}."]}
            )
    with field_names({"activity": "activity_id", "responsible_agency": "responsible_agency_id"}):
        finding = services.finding_create(
            activity=activity,
            data=services.FindingInput(
                policy=payload.policy,
                issue=payload.issue,
                recommendation=payload.recommendation,
                responsible_agency=_agency(payload.responsible_agency_id, "responsible_agency_id"),
                locality=locality,
                place_as_written=payload.place_as_written,
            ),
            by=request.auth,
        )
    return Status(201, _finding_out(finding))


@finding_router.get("/{finding_id}", response=FindingOut, summary="Một kết quả giám sát")
def finding_get(request: HttpRequest, finding_id: int):
    return _finding_out(selectors.finding_get(user=request.auth, pk=finding_id))
