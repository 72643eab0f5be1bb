from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from phoihop.core.forms import add_service_errors
from phoihop.programs import rules, selectors, services
from phoihop.programs.forms import (
    CommentForm,
    ContentAreaFormSet,
    DocumentForm,
    PartyFormSet,
    ProgramFilterForm,
    ProgramForm,
    SignForm,
    initial_from_program,
    program_input,
)
from phoihop.programs.models import Role

PAGE_SIZE = 25


def program_list(request):
    form = ProgramFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.program_list(
        user=request.user,
        q=filters.get("q"),
        province=filters.get("province") or None,
        year=filters.get("year"),
        status=filters.get("status") or None,
        agency=filters.get("agency"),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_create": rules.can_create_program(request.user),
        "can_see_deleted": request.user.is_authenticated
        and selectors.deleted_programs(user=request.user).exists(),
    }
    # htmx asks for the results only when the filters change (template partial).
    template = "programs/list.html#results" if request.headers.get("HX-Request") else "programs/list.html"
    return render(request, template, context)


def _articles(user, program) -> list[dict]:
    """The program's articles the user may read, newest first, each with where it opens:
    its public page, the editor (for its agency's editors), or nowhere yet (a draft)."""
    from phoihop.news import rules as news_rules
    from phoihop.news.models import Article

    rows = Article.objects.visible_to(user).filter(programs=program).order_by("-published_at", "-id")[:20]
    out = []
    for article in rows:
        url = article.get_absolute_url() if article.is_public else None
        if url is None and news_rules.can_edit_article(user, article):
            url = article.get_edit_url()
        out.append({"article": article, "url": url})
    return out


def program_detail(request, pk: int):
    program = selectors.program_get(user=request.user, pk=pk)
    user = request.user
    full = rules.can_view_program_details(user, program)
    context = {
        "program": program,
        "full": full,
        "can_edit": rules.can_edit_program(user, program),
        "can_comment": rules.can_comment_program(user, program),
        "lead": next((p for p in program.parties.all() if p.role == Role.LEAD), None),
        "articles": _articles(user, program),
    }
    if full:
        context |= {
            "documents": selectors.program_documents(program=program),
            "timeline": selectors.program_timeline(program=program),
            "history": selectors.program_history(program=program, limit=100),
            "comments": program.comments.select_related("author", "author__agency"),
            "sign_form": SignForm(),
            "document_form": DocumentForm(
                initial={"issuer": context["lead"].agency_id if context["lead"] else None}
            ),
            "comment_form": CommentForm(),
            # The annual report's year: this year, kept inside the phase.
            "report_year": min(max(timezone.localdate().year, program.phase_start), program.phase_end),
            "pdf_available": _pdf_available(),
        }
    return render(request, "programs/detail.html", context)


def _pdf_available() -> bool:
    # The documents app sits above this one; asked here only to show or hide a button.
    from phoihop.reports.docx import libreoffice_path

    return libreoffice_path() is not None


def _formsets(request, program=None):
    if request.method == "POST":
        return (
            ProgramForm(request.POST),
            PartyFormSet(request.POST, prefix="parties"),
            ContentAreaFormSet(request.POST, prefix="areas"),
        )
    if program is not None:
        main, parties, areas = initial_from_program(program)
        parties.append({"role": Role.PARTNER})
        areas.append({"number": len(areas) + 1})
    else:
        agency = request.user.agency_id
        main = {"phase_start": None, "phase_end": None, "scope": "province"}
        if request.user.agency_id and request.user.agency.province_id:
            main["province"] = request.user.agency.province_id
        parties = [{"agency": agency, "role": Role.LEAD}, {"role": Role.PARTNER}, {"role": Role.PARTNER}]
        areas = [{"number": n} for n in (1, 2, 3)]
    return (
        ProgramForm(initial=main),
        PartyFormSet(initial=parties, prefix="parties"),
        ContentAreaFormSet(initial=areas, prefix="areas"),
    )


def _apply_errors(exc: ValidationError, form, parties, areas) -> None:
    for field, errors in exc.message_dict.items():
        if field == "parties":
            parties._non_form_errors = parties.error_class(errors, error_class="nonform")
        elif field == "content_areas":
            areas._non_form_errors = areas.error_class(errors, error_class="nonform")
        else:
            add_service_errors(form, ValidationError({field: errors}))


@login_required
def program_form(request, pk: int | None = None):
    program = selectors.program_get(user=request.user, pk=pk) if pk else None
    allowed = (
        rules.can_edit_program(request.user, program) if program else rules.can_create_program(request.user)
    )
    if not allowed:
        raise PermissionDenied
    form, parties, areas = _formsets(request, program)
    if request.method == "POST" and form.is_valid() and parties.is_valid() and areas.is_valid():
        data = program_input(form, parties, areas)
        try:
            if program is None:
                program = services.program_create(data=data, by=request.user)
                messages.success(request, "Đã tạo chương trình (dự thảo).")
            else:
                services.program_update(program=program, data=data, by=request.user)
                messages.success(request, "Đã lưu chương trình.")
        except ValidationError as exc:
            _apply_errors(exc, form, parties, areas)
        else:
            return redirect("programs:detail", pk=program.pk)
    context = {"form": form, "parties": parties, "areas": areas, "program": program}
    return render(request, "programs/form.html", context, status=400 if request.method == "POST" else 200)


def _editable_program(request, pk: int):
    """The program, if the user may see it (else 404) and edit it (else 403)."""
    program = selectors.program_get(user=request.user, pk=pk)
    if not rules.can_edit_program(request.user, program):
        raise PermissionDenied
    return program


def _action(request, pk: int, action, success: str):
    program = _editable_program(request, pk)
    try:
        action(program)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("programs:detail", pk=program.pk)


@login_required
@require_POST
def program_sign(request, pk: int):
    form = SignForm(request.POST)

    def sign(program):
        if not form.is_valid():
            raise ValidationError({"signed_on": form.errors.get("signed_on", ["Ngày ký không hợp lệ."])})
        services.program_sign(program=program, signed_on=form.cleaned_data["signed_on"], by=request.user)

    return _action(request, pk, sign, "Đã ghi nhận ký kết chương trình.")


@login_required
@require_POST
def program_activate(request, pk: int):
    return _action(
        request,
        pk,
        lambda p: services.program_activate(program=p, by=request.user),
        "Chương trình đã chuyển sang đang thực hiện.",
    )


@login_required
@require_POST
def program_close(request, pk: int):
    return _action(
        request, pk, lambda p: services.program_close(program=p, by=request.user), "Chương trình đã kết thúc."
    )


@login_required
@require_POST
def program_delete(request, pk: int):
    program = _editable_program(request, pk)
    services.program_delete(program=program, by=request.user)
    messages.success(request, f"Đã xóa chương trình «{program.title}». Có thể khôi phục trong mục Đã xóa.")
    return redirect("programs:list")


@login_required
def program_trash(request):
    programs = selectors.deleted_programs(user=request.user)
    return render(request, "programs/trash.html", {"programs": programs})


@login_required
@require_POST
def program_restore(request, pk: int):
    program = get_object_or_404(selectors.deleted_programs(user=request.user), pk=pk)
    services.program_restore(program=program, by=request.user)
    messages.success(request, f"Đã khôi phục chương trình «{program.title}».")
    return redirect("programs:detail", pk=program.pk)


@login_required
@require_POST
def document_add(request, pk: int):
    program = _editable_program(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                program=program,
                by=request.user,
                number=data["number"],
                date=data["date"],
                type=data["type"],
                issuer=data["issuer"],
                title=data["title"],
                upload=data["file"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã thêm văn bản.")
            return redirect("programs:detail", pk=program.pk)
    return render(request, "programs/document_form.html", {"program": program, "form": form}, status=400)


@login_required
def document_file(request, pk: int, document_pk: int):
    program = selectors.program_get(user=request.user, pk=pk)
    if not rules.can_view_program_details(request.user, program):
        raise Http404
    document = get_object_or_404(program.documents, pk=document_pk)
    if not document.file:
        raise Http404
    inline = document.content_type in ("application/pdf", "image/jpeg", "image/png")
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=not inline,
        filename=document.file.name.rsplit("/", 1)[-1],
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def comment_add(request, pk: int):
    program = selectors.program_get(user=request.user, pk=pk)
    if not rules.can_comment_program(request.user, program):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(program=program, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Đã gửi góp ý.")
    else:
        messages.error(request, "Nhập nội dung góp ý.")
    return redirect(reverse("programs:detail", args=[program.pk]) + "#comments")
