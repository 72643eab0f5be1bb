"""Writes of the reports app: replacing templates, and building documents.

A document is built in three steps: the context builder of `phoihop.reports.context` computes
the values (figures, narrative, tables), docxtpl fills the active template with them, and
LibreOffice converts the result to PDF when asked. `report_render` does it at once (API,
command line); `report_build` records a ReportBuild and runs the steps as a task, with its
progress on the build (pages)."""

import importlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from phoihop.core.text import fold
from phoihop.reports import rules
from phoihop.reports.docx import (
    DOCX_TYPE,
    KINDS,
    NO_LIBREOFFICE,
    PDF_TYPE,
    TEMPLATE_MAX_BYTES,
    PdfError,
    check_template,
    libreoffice_path,
    render,
    to_pdf,
)
from phoihop.reports.models import BuildStatus, DocumentTemplate, Format, ReportBuild, active_template

logger = logging.getLogger(__name__)

TEMPLATES_DENIED = "Chỉ quản trị hệ thống được thay mẫu văn bản."
BUILD_DENIED = "Chỉ các cơ quan tham gia chương trình và quản trị hệ thống được tạo văn bản của chương trình."
UNKNOWN_KIND = "Loại văn bản không hợp lệ."
STEPS = {
    "context": (10, "Đang tính số liệu"),
    "render": (60, "Đang điền mẫu"),
    "pdf": (85, "Đang chuyển sang PDF"),
    "done": (100, "Xong"),
}


# --- templates ---------------------------------------------------------------------------------


def _retire(kind: str, by) -> None:
    DocumentTemplate.objects.filter(kind=kind, is_active=True).update(
        is_active=False, replaced_by=by if by.is_authenticated else None, replaced_at=timezone.now()
    )


def template_upload(*, kind: str, upload, by) -> DocumentTemplate:
    """Replace the template of `kind` with an uploaded .docx. Administrators only
    (PermissionDenied otherwise). The file is checked first (`docx.check_template`: a Word
    file, whole and known placeholders, the required ones present, fills with the sample
    values); any problem raises ValidationError({"file": [every message]}) and the current
    template stays. Otherwise, in one transaction, the current upload becomes an inactive
    earlier version (who replaced it and when are recorded) and the new one is active."""
    if not rules.can_manage_templates(by):
        raise PermissionDenied(TEMPLATES_DENIED)
    if kind not in KINDS:
        raise ValidationError({"kind": [UNKNOWN_KIND]})
    if upload is None:
        raise ValidationError({"file": ["Chọn tệp mẫu (.docx) cần tải lên."]})
    if upload.size > TEMPLATE_MAX_BYTES:
        raise ValidationError(
            {"file": [f"Tệp mẫu quá lớn: tối đa {TEMPLATE_MAX_BYTES // (1024 * 1024)} MB."]}
        )
    upload.seek(0)
    data = upload.read()
    errors = check_template(kind, data)
    if errors:
        raise ValidationError({"file": errors})
    template = DocumentTemplate(
        kind=kind,
        content=data,
        original_name=(upload.name or "mau.docx").rsplit("/", 1)[-1][:200],
        size=len(data),
        uploaded_by=by,
    )
    with transaction.atomic():
        _retire(kind, by)
        template.full_clean(exclude=["content"])
        template.save()
    return template


def template_reset(*, kind: str, by) -> None:
    """Go back to the default template of `kind` (the current upload is kept, inactive).
    Administrators only."""
    if not rules.can_manage_templates(by):
        raise PermissionDenied(TEMPLATES_DENIED)
    if kind not in KINDS:
        raise ValidationError({"kind": [UNKNOWN_KIND]})
    with transaction.atomic():
        _retire(kind, by)


# --- building ----------------------------------------------------------------------------------


def _program_of(kind: str, target):
    return target.program if kind == "review_report" else target


def _validate(kind: str, target, fmt: str, year: int | None) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in KINDS:
        errors["kind"] = [UNKNOWN_KIND]
    if fmt not in Format.values:
        errors["fmt"] = ["Định dạng phải là docx hoặc pdf."]
    elif fmt == Format.PDF and libreoffice_path() is None:
        errors["fmt"] = [NO_LIBREOFFICE]
    if kind == "annual_report":
        program = target
        if year is None:
            errors["year"] = ["Chọn năm báo cáo."]
        elif not program.phase_start <= year <= program.phase_end:
            errors["year"] = [f"Năm báo cáo phải trong giai đoạn {program.phase_start}–{program.phase_end}."]
    if errors:
        raise ValidationError(errors)


def _context(kind: str, target, year: int | None) -> dict:
    # Imported by name (not `from phoihop.reports import context`) so that the module can be
    # replaced in sys.modules by tests.
    builders = importlib.import_module("phoihop.reports.context")
    if kind == "review_report":
        return builders.review_report_context(target)
    if kind == "program_document":
        return builders.program_document_context(target)
    return builders.annual_report_context(target, year)


def report_filename(kind: str, target, fmt: str, year: int | None = None) -> str:
    """An ASCII name: bao-cao-so-ket-chuong-trinh-2.docx, chuong-trinh-phoi-hop-2.pdf,
    bao-cao-nam-2024-chuong-trinh-2.docx."""
    program = _program_of(kind, target)
    if kind == "review_report":
        from phoihop.reviews.models import KIND_WORDS

        words = slugify(fold(KIND_WORDS.get(target.kind, "so ket")))
        base = f"bao-cao-{words}-chuong-trinh-{program.pk}"
    elif kind == "program_document":
        base = f"chuong-trinh-phoi-hop-{program.pk}"
    else:
        base = f"bao-cao-nam-{year}-chuong-trinh-{program.pk}"
    return f"{base}.{fmt}"


def report_render(*, kind: str, target, fmt: str, year: int | None = None) -> tuple[str, str, bytes]:
    """The document at once: (filename, content type, bytes). `target` is a Review for
    review_report, a Program otherwise (with `year` for annual_report), already fetched
    through a selector that checked the user may see it. Raises ValidationError for a bad
    kind, format or year, PdfError when the PDF cannot be made."""
    _validate(kind, target, fmt, year)
    content = render(active_template(kind), _context(kind, target, year))
    if fmt == Format.PDF:
        content = to_pdf(content)
    return report_filename(kind, target, fmt, year), PDF_TYPE if fmt == Format.PDF else DOCX_TYPE, content


def report_build(*, kind: str, target, fmt: str, by, year: int | None = None) -> ReportBuild:
    """Record a build of a document and enqueue it (tasks.build_report). With the immediate
    task backend it has run when this returns; with a worker it is queued. Only the parties'
    users and administrators (PermissionDenied otherwise; views answer 404 before asking).
    Raises ValidationError for a bad kind, format (PDF without LibreOffice) or year."""
    _validate(kind, target, fmt, year)
    program = _program_of(kind, target)
    if not rules.can_build_report(by, program):
        raise PermissionDenied(BUILD_DENIED)
    build = ReportBuild(
        kind=kind,
        program=program,
        target_id=target.pk,
        year=year if kind == "annual_report" else None,
        fmt=fmt,
        requested_by=by,
        step="Đang chờ",
    )
    build.full_clean()
    build.save()
    # Enqueued after the row is committed (pages run in autocommit), so a worker finds it.
    from phoihop.reports.tasks import build_report

    build_report.enqueue(build.pk)
    build.refresh_from_db()
    return build


def _step(build: ReportBuild, name: str, **fields) -> None:
    build.progress, build.step = STEPS[name]
    for field, value in fields.items():
        setattr(build, field, value)
    # An UPDATE of these fields alone, committed at once: the progress page polls them.
    ReportBuild.objects.filter(pk=build.pk).update(progress=build.progress, step=build.step, **fields)


def _fail(build: ReportBuild, message: str) -> None:
    ReportBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.FAILED, error=message, step="Lỗi", finished_at=timezone.now()
    )


def _load_target(build: ReportBuild):
    """The review or program, read as the requester (who may have lost access since)."""
    from phoihop.reports.selectors import build_target

    if build.requested_by is None or not build.requested_by.is_active:
        raise Http404
    return build_target(kind=build.kind, pk=build.target_id, user=build.requested_by)


def report_build_run(*, build_id: int) -> None:
    """Run a queued build (the task's body): compute, fill, convert, store under
    MEDIA_ROOT/reports/, with progress on the build. A failure is recorded on the build with a
    Vietnamese message, never raised. A build that is not queued any more is left alone (a
    worker may deliver a task twice)."""
    claimed = ReportBuild.objects.filter(pk=build_id, status=BuildStatus.QUEUED).update(
        status=BuildStatus.RUNNING
    )
    if not claimed:
        return
    build = ReportBuild.objects.select_related("program", "requested_by").get(pk=build_id)
    try:
        _step(build, "context")
        target = _load_target(build)
        context = _context(build.kind, target, build.year)
        _step(build, "render")
        content = render(active_template(build.kind), context)
        if build.fmt == Format.PDF:
            _step(build, "pdf")
            content = to_pdf(content)
        filename = report_filename(build.kind, target, build.fmt, build.year)
        build.file.save(filename, ContentFile(content), save=False)
        build.filename = filename
        build.status = BuildStatus.DONE
        build.progress, build.step = STEPS["done"]
        build.finished_at = timezone.now()
        build.save(update_fields=["file", "filename", "status", "progress", "step", "finished_at"])
    except Http404:
        _fail(build, "Không tìm thấy đối tượng của văn bản, hoặc người yêu cầu không còn quyền xem.")
    except PdfError as exc:
        _fail(build, str(exc))
    except Exception as exc:
        logger.exception("Report build %s failed", build_id)
        _fail(
            build,
            f"Không tạo được văn bản ({type(exc).__name__}: {exc}). Báo quản trị hệ thống để kiểm tra mẫu.",
        )
