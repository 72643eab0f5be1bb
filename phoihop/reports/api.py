"""Reports API, /api/v1/reports: the document templates (administrators) and the builds.

Templates are managed by administrators only (403 for any other user). A build is visible to
the users of its program's parties and administrators; to anyone else it does not exist
(404). A template refused by the checks answers 422 with every message at `file`, and the
current template stays."""

import datetime as dt

from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from ninja import File, Router, Schema, Status, UploadedFile

from phoihop.accounts.api_auth import required
from phoihop.core.api_tools import check
from phoihop.reports import rules, selectors, services
from phoihop.reports.docx import KINDS
from phoihop.reports.models import BuildStatus, DocumentTemplate, ReportBuild

router = Router(tags=["reports"], auth=required)


class PlaceholderOut(Schema):
    name: str
    description: str
    required: bool


class TemplateOut(Schema):
    kind: str
    label: str
    uploaded: bool
    original_name: str | None = None
    uploaded_by: str | None = None
    uploaded_at: dt.datetime | None = None
    placeholders: list[PlaceholderOut]


class BuildOut(Schema):
    id: int
    kind: str
    program_id: int
    target_id: int
    year: int | None
    fmt: str
    status: str
    progress: int
    step: str
    error: str
    filename: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    url: str | None


def _template_out(item: dict) -> dict:
    active: DocumentTemplate | None = item["active"]
    return {
        "kind": item["kind"],
        "label": item["label"],
        "uploaded": active is not None,
        "original_name": active.original_name if active else None,
        "uploaded_by": active.uploaded_by.get_username() if active and active.uploaded_by else None,
        "uploaded_at": active.uploaded_at if active else None,
        "placeholders": item["placeholders"],
    }


def _build_out(build: ReportBuild) -> dict:
    done = build.status == BuildStatus.DONE and bool(build.file)
    return {
        "id": build.pk,
        "kind": build.kind,
        "program_id": build.program_id,
        "target_id": build.target_id,
        "year": build.year,
        "fmt": build.fmt,
        "status": build.status,
        "progress": build.progress,
        "step": build.step,
        "error": build.error,
        "filename": build.filename,
        "created_at": build.created_at,
        "finished_at": build.finished_at,
        "url": reverse("api:report_build_file", args=[build.pk]) if done else None,
    }


def _catalogue_item(kind: str) -> dict:
    return next(item for item in selectors.template_catalogue() if item["kind"] == kind)


@router.get("/templates", response=list[TemplateOut], summary="Mẫu văn bản và các chỗ điền")
def template_list(request: HttpRequest):
    check(rules.can_manage_templates(request.auth), services.TEMPLATES_DENIED)
    return [_template_out(item) for item in selectors.template_catalogue()]


@router.post("/templates/{kind}", response={201: TemplateOut}, summary="Tải lên mẫu mới thay mẫu đang dùng")
def template_upload(
    request: HttpRequest, kind: str, file: UploadedFile = File(..., description="Tệp Word (.docx).")
):
    """The file is checked first (a Word file, every placeholder whole and in the catalogue,
    the required ones present, fills with sample values); on any problem 422 lists them all
    at `file` and the current template stays."""
    check(rules.can_manage_templates(request.auth), services.TEMPLATES_DENIED)
    if kind not in KINDS:
        raise Http404
    services.template_upload(kind=kind, upload=file, by=request.auth)
    return Status(201, _template_out(_catalogue_item(kind)))


@router.delete("/templates/{kind}", response={204: None}, summary="Trở về mẫu mặc định")
def template_reset(request: HttpRequest, kind: str):
    check(rules.can_manage_templates(request.auth), services.TEMPLATES_DENIED)
    if kind not in KINDS:
        raise Http404
    services.template_reset(kind=kind, by=request.auth)
    return Status(204, None)


@router.get("/builds/{build_id}", response=BuildOut, summary="Tiến độ tạo văn bản")
def build_detail(request: HttpRequest, build_id: int):
    return _build_out(selectors.build_get(user=request.auth, pk=build_id))


@router.get("/builds/{build_id}/file", url_name="report_build_file", summary="Tải văn bản đã tạo")
def build_file(request: HttpRequest, build_id: int):
    build = selectors.build_get(user=request.auth, pk=build_id)
    if build.status != BuildStatus.DONE or not build.file:
        raise Http404
    response = FileResponse(
        build.file.open("rb"), as_attachment=True, filename=build.filename, content_type=build.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
