"""Exemplar pages. Reading needs no sign-in: a visitor sees the exemplars with consent to
publication of public programs, the staff of the program's parties see all of theirs
(Exemplar.objects.visible_to). Writing is for the staff of the program's parties."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from phoihop.core.exporters import FORMATS, asked, export_response
from phoihop.core.forms import add_service_errors
from phoihop.people import rules, selectors, services
from phoihop.people.exporters import ExemplarExporter
from phoihop.people.forms import ExemplarFilterForm, ExemplarForm, RecognitionAddForm, initial_from_exemplar
from phoihop.programs import selectors as program_selectors

PAGE_SIZE = 25


def exemplar_list(request, program_pk: int):
    """The program's exemplars the user may read, filtered; ?format=csv|xlsx downloads
    the same rows."""
    program = program_selectors.program_get(user=request.user, pk=program_pk)
    wanted = asked(request)
    form = ExemplarFilterForm(wanted.filters)
    qs = selectors.exemplar_list(user=request.user, program=program.pk, **form.filters())
    if wanted.format in FORMATS:
        exporter = ExemplarExporter(exemplars=qs, filename=f"dien-hinh-ct{program.pk}")
        return export_response(exporter, wanted.format)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "form": form,
        "page": page,
        "can_record": rules.can_record_exemplar(request.user, program),
        "export_query": wanted.prefix,
    }
    template = "people/list.html#results" if request.headers.get("HX-Request") else "people/list.html"
    return render(request, template, context)


def _form_page(request, program, exemplar=None):
    if request.method == "POST":
        form = ExemplarForm(request.POST, program=program)
        if form.is_valid():
            try:
                if exemplar is None:
                    exemplar = services.exemplar_create(
                        program=program, data=form.to_input(), by=request.user
                    )
                    messages.success(request, "Đã ghi nhận điển hình tiêu biểu.")
                else:
                    services.exemplar_update(exemplar=exemplar, data=form.to_input(), by=request.user)
                    messages.success(request, "Đã lưu điển hình tiêu biểu.")
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("people:detail", pk=exemplar.pk)
        status = 400
    else:
        initial = initial_from_exemplar(exemplar) if exemplar else {}
        form = ExemplarForm(initial=initial, program=program)
        status = 200
    context = {"form": form, "program": program, "exemplar": exemplar}
    return render(request, "people/form.html", context, status=status)


@login_required
def exemplar_create(request, program_pk: int):
    program = program_selectors.program_get(user=request.user, pk=program_pk)
    if not rules.can_record_exemplar(request.user, program):
        raise PermissionDenied
    return _form_page(request, program)


def _exemplar(request, pk: int):
    return selectors.exemplar_get(user=request.user, pk=pk)


def _editable(request, pk: int):
    exemplar = _exemplar(request, pk)
    if not rules.can_edit_exemplar(request.user, exemplar):
        raise PermissionDenied
    return exemplar


@login_required
def exemplar_edit(request, pk: int):
    exemplar = _editable(request, pk)
    return _form_page(request, exemplar.program, exemplar)


def _detail(request, exemplar, *, recognition_form=None, status=200):
    can_edit = rules.can_edit_exemplar(request.user, exemplar)
    context = {
        "exemplar": exemplar,
        "program": exemplar.program,
        "recognitions": list(exemplar.recognitions.all()),
        "can_edit": can_edit,
    }
    if can_edit:
        context |= {
            "recognition_form": recognition_form or RecognitionAddForm(program=exemplar.program),
            "history": selectors.exemplar_history(exemplar=exemplar),
        }
    return render(request, "people/detail.html", context, status=status)


def exemplar_detail(request, pk: int):
    return _detail(request, _exemplar(request, pk))


@login_required
@require_POST
def exemplar_delete(request, pk: int):
    exemplar = _editable(request, pk)
    program = exemplar.program
    services.exemplar_delete(exemplar=exemplar, by=request.user)
    messages.success(request, f"Đã xóa điển hình «{exemplar.name}».")
    return redirect("people:list", program_pk=program.pk)


@login_required
@require_POST
def recognition_add(request, pk: int):
    exemplar = _editable(request, pk)
    form = RecognitionAddForm(request.POST, program=exemplar.program)
    if form.is_valid():
        try:
            services.recognition_add(exemplar=exemplar, data=form.to_input(), by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã thêm khen thưởng.")
            return redirect("people:detail", pk=exemplar.pk)
    return _detail(request, exemplar, recognition_form=form, status=400)


@login_required
@require_POST
def recognition_delete(request, pk: int, recognition_pk: int):
    exemplar = _editable(request, pk)
    recognition = get_object_or_404(exemplar.recognitions.all(), pk=recognition_pk)
    services.recognition_delete(recognition=recognition, by=request.user)
    messages.success(request, "Đã xóa khen thưởng.")
    return redirect("people:detail", pk=exemplar.pk)
