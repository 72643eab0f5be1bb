"""Pages of the reports app: the templates page (administrators), building a document and
following its progress, downloading it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from phoihop.core.exporters import attachment
from phoihop.core.text import fold
from phoihop.reports import rules, selectors, services
from phoihop.reports.docx import (
    DOCX_TYPE,
    KINDS,
    PDF_TYPE,
    PdfError,
    default_template,
    libreoffice_path,
    to_pdf,
)
from phoihop.reports.docx import render as fill
from phoihop.reports.forms import BuildForm, TemplateUploadForm
from phoihop.reports.models import BuildStatus, Format, active_template
from phoihop.reports.samples import SAMPLE_CONTEXT


def _kind_slug(kind: str) -> str:
    return slugify(fold(KINDS[kind]))


def _admin_kind(request, kind: str | None = None) -> None:
    """The templates pages exist only for administrators (404 for anyone else)."""
    if not rules.can_manage_templates(request.user) or (kind is not None and kind not in KINDS):
        raise Http404


def _templates_page(request, forms: dict | None = None, status: int = 200):
    catalogue = selectors.template_catalogue()
    for item in catalogue:
        item["form"] = (forms or {}).get(item["kind"]) or TemplateUploadForm(prefix=item["kind"])
    context = {"catalogue": catalogue, "pdf_available": libreoffice_path() is not None}
    return render(request, "reports/templates.html", context, status=status)


@login_required
def template_list(request):
    _admin_kind(request)
    return _templates_page(request)


@login_required
@require_POST
def template_upload(request, kind: str):
    _admin_kind(request, kind)
    form = TemplateUploadForm(request.POST, request.FILES, prefix=kind)
    if form.is_valid():
        try:
            services.template_upload(kind=kind, upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as exc:
            for message in exc.message_dict.get("file", exc.messages):
                form.add_error("file", message)
        else:
            messages.success(request, f"Đã thay mẫu «{KINDS[kind]}».")
            return redirect(f"{reverse('reports:templates')}#{kind}")
    return _templates_page(request, {kind: form}, status=400)


@login_required
@require_POST
def template_reset(request, kind: str):
    _admin_kind(request, kind)
    services.template_reset(kind=kind, by=request.user)
    messages.success(request, f"Mẫu «{KINDS[kind]}» đã trở về mẫu mặc định.")
    return redirect(f"{reverse('reports:templates')}#{kind}")


@login_required
def template_download(request, kind: str):
    _admin_kind(request, kind)
    return attachment(f"mau-{_kind_slug(kind)}.docx", DOCX_TYPE, active_template(kind))


@login_required
def template_default(request, kind: str):
    _admin_kind(request, kind)
    return attachment(f"mau-mac-dinh-{_kind_slug(kind)}.docx", DOCX_TYPE, default_template(kind))


@login_required
def template_version(request, pk: int):
    _admin_kind(request)
    template = selectors.template_version(pk=pk)
    name = f"mau-{_kind_slug(template.kind)}-{template.pk}.docx"
    return attachment(name, DOCX_TYPE, bytes(template.content))


@login_required
def template_sample(request, kind: str, fmt: str):
    """The active template filled with the sample values, to see what it gives."""
    _admin_kind(request, kind)
    if fmt not in Format.values:
        raise Http404
    content = fill(active_template(kind), SAMPLE_CONTEXT[kind])
    if fmt == Format.PDF:
        try:
            content = to_pdf(content)
        except PdfError as exc:
            messages.error(request, str(exc))
            return redirect(f"{reverse('reports:templates')}#{kind}")
    return attachment(f"xem-thu-{_kind_slug(kind)}.{fmt}", PDF_TYPE if fmt == "pdf" else DOCX_TYPE, content)


def _target_url(kind: str, target_id: int, program_id: int) -> str:
    if kind == "review_report":
        try:
            return reverse("reviews:detail", args=[target_id])
        except NoReverseMatch:
            pass
    return reverse("programs:detail", args=[program_id])


def _back(request, fallback: str) -> str:
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return fallback


@login_required
@require_POST
def build_create(request):
    """Fields: kind (review_report | program_document | annual_report), target (the review's
    id, or the program's), year (annual_report), fmt (docx | pdf; docx if empty), next (the
    page to go back to on an error). Redirects to the build's page."""
    form = BuildForm(request.POST)
    if not form.is_valid():
        if "target" in form.errors or "kind" in form.errors:
            raise Http404
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"Chưa tạo được văn bản: {message}")
        return redirect(_back(request, reverse("programs:list")))
    data = form.cleaned_data
    target = selectors.build_target(kind=data["kind"], pk=data["target"], user=request.user)
    try:
        build = services.report_build(
            kind=data["kind"], target=target, fmt=data["fmt"], by=request.user, year=data["year"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, f"Chưa tạo được văn bản: {message}")
        program = target.program if data["kind"] == "review_report" else target
        return redirect(_back(request, _target_url(data["kind"], target.pk, program.pk)))
    return redirect(build)


@login_required
def build_detail(request, pk: int):
    """The build's progress; htmx asks for the `status` fragment every 2 s while it runs."""
    build = selectors.build_get(user=request.user, pk=pk)
    context = {
        "build": build,
        "kind_label": KINDS.get(build.kind, build.kind),
        "target_url": _target_url(build.kind, build.target_id, build.program_id),
        "pdf_available": libreoffice_path() is not None,
        "done": build.status == BuildStatus.DONE,
    }
    template = "reports/build.html#status" if request.headers.get("HX-Request") else "reports/build.html"
    return render(request, template, context)


@login_required
def build_file(request, pk: int):
    build = selectors.build_get(user=request.user, pk=pk)
    if build.status != BuildStatus.DONE or not build.file:
        raise Http404
    response = FileResponse(
        build.file.open("rb"), as_attachment=True, filename=build.filename, content_type=build.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
