"""Evidence files of an activity: added and removed from its page, served only to the
users who may see the activity."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from phoihop.activities import rules, selectors, services
from phoihop.activities.forms import EvidenceForm


@login_required
@require_POST
def evidence_add(request, pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    if not rules.can_edit_activity(request.user, activity):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(
                activity=activity,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                by=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, f"Chưa thêm được minh chứng: {message}")
        else:
            messages.success(request, "Đã thêm minh chứng.")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"Chưa thêm được minh chứng: {message}")
    return redirect(f"{activity.get_absolute_url()}#evidence")


def _evidence(request, pk: int, evidence_pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    return activity, get_object_or_404(activity.evidence, pk=evidence_pk)


@login_required
def evidence_file(request, pk: int, evidence_pk: int, thumbnail: bool = False):
    """The file itself, for the parties' users (404 for anyone else): photos inline,
    documents as downloads; never cached by shared caches."""
    _, evidence = _evidence(request, pk, evidence_pk)
    stored = evidence.thumbnail if thumbnail and evidence.thumbnail else evidence.file
    if not stored:
        raise Http404
    response = FileResponse(
        stored.open("rb"),
        as_attachment=not evidence.is_photo,
        filename=evidence.original_name or stored.name.rsplit("/", 1)[-1],
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def evidence_delete(request, pk: int, evidence_pk: int):
    activity, evidence = _evidence(request, pk, evidence_pk)
    if not rules.can_edit_activity(request.user, activity):
        raise PermissionDenied
    services.evidence_delete(evidence=evidence, by=request.user)
    messages.success(request, "Đã xóa minh chứng.")
    return redirect(f"{activity.get_absolute_url()}#evidence")
