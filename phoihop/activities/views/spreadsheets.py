"""Importing activities from a spreadsheet: the template, an upload that is checked and
previewed (nothing written), and the confirmation that writes it all or nothing.

Between preview and confirmation the file waits in the default storage under
`imports/<random token>`; the session remembers which token belongs to which program and
options, so only the user who uploaded it can confirm it."""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from phoihop.activities import rules, services
from phoihop.activities.exporters import template
from phoihop.activities.importer import FileRefused, Problem, check_table, read_table
from phoihop.activities.views.pages import party_program
from phoihop.core.exporters import attachment

SESSION_KEY = "activity_imports"
PREVIEW_ROWS = 50


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx) hoặc CSV",
        error_messages={"required": "Chọn tệp cần nhập.", "empty": "Tệp rỗng."},
    )
    submit = forms.BooleanField(label="Gửi luôn các hoạt động cho cơ quan chủ trì xác nhận", required=False)


def _recorder_program(request, program_pk: int):
    program = party_program(request, program_pk)
    if not rules.can_record_activity(request.user, program):
        raise PermissionDenied
    return program


@login_required
def import_template(request, program_pk: int, fmt: str):
    """The template to fill in: .xlsx with drop-down lists, or the CSV header."""
    if fmt not in ("xlsx", "csv"):
        raise Http404
    program = party_program(request, program_pk)
    return attachment(*template(program=program, user=request.user, fmt=fmt))


def _check(request, program, upload, name: str):
    """(checked, problems): problems is a list when the file cannot be imported."""
    try:
        checked = check_table(read_table(upload, name=name), program=program, user=request.user)
    except FileRefused as exc:
        return None, exc.problems
    return checked, checked.problems or None


@login_required
def import_page(request, program_pk: int):
    program = _recorder_program(request, program_pk)
    context = {"program": program, "form": ImportForm()}
    if request.method != "POST":
        return render(request, "activities/import.html", context)
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "activities/import.html", context, status=400)
    upload = form.cleaned_data["file"]
    checked, problems = _check(request, program, upload, upload.name)
    if problems:
        context |= {"problems": problems, "filename": upload.name}
        return render(request, "activities/import.html", context, status=400)
    token = secrets.token_urlsafe(16)
    upload.seek(0)
    path = default_storage.save(f"imports/{token}", ContentFile(upload.read()))
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {
        "path": path,
        "program": program.pk,
        "submit": form.cleaned_data["submit"],
        "name": upload.name,
    }
    request.session[SESSION_KEY] = pending
    context |= {
        "checked": checked,
        "counts": checked.counts(),
        "preview": checked.items[:PREVIEW_ROWS],
        "token": token,
        "submit": form.cleaned_data["submit"],
        "filename": upload.name,
    }
    return render(request, "activities/import.html", context)


@login_required
@require_POST
def import_confirm(request, program_pk: int, token: str):
    """Check the waiting file again (the data may have changed since the preview) and
    write it all, or nothing."""
    program = _recorder_program(request, program_pk)
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.get(token)
    if entry is None or entry["program"] != program.pk:
        raise Http404
    try:
        with default_storage.open(entry["path"], "rb") as stored:
            checked, problems = _check(request, program, stored, entry["name"])
            if not problems:
                counts = services.activity_import(
                    program=program, items=checked.items, by=request.user, submit=entry["submit"]
                )
    except ValidationError as exc:
        problems = [Problem(None, "", "", "", message) for message in exc.messages]
    finally:
        default_storage.delete(entry["path"])
        pending.pop(token, None)
        request.session[SESSION_KEY] = pending
    if problems:
        context = {"program": program, "form": ImportForm(), "problems": problems, "filename": entry["name"]}
        return render(request, "activities/import.html", context, status=400)
    message = (
        f"Đã nhập tệp «{entry['name']}»: {counts['created']} hoạt động mới, {counts['updated']} cập nhật, "
        f"{counts['unchanged']} không đổi."
    )
    if counts["submitted"]:
        message += f" Đã gửi {counts['submitted']} hoạt động cho cơ quan chủ trì."
    messages.success(request, message)
    return redirect("activities:list", program_pk=program.pk)
