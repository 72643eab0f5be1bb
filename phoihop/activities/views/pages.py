from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from phoihop.activities import rules, selectors, services
from phoihop.activities.exporters import ActivityExporter
from phoihop.activities.forms import (
    ActivityFilterForm,
    EvidenceForm,
    ReturnForm,
    activity_forms,
    activity_input,
)
from phoihop.core.exporters import FORMATS, asked, export_response
from phoihop.core.forms import add_service_errors
from phoihop.core.rules import is_admin
from phoihop.programs import rules as program_rules
from phoihop.programs import selectors as program_selectors

PAGE_SIZE = 25
FORMSET_KEYS = ("participation", "localities", "outputs")


def party_program(request, pk: int):
    """The program, if the user belongs to one of its parties (else 404: its activities
    are not public even when the program is)."""
    program = program_selectors.program_get(user=request.user, pk=pk)
    if not program_rules.can_view_program_details(request.user, program):
        raise Http404
    return program


@login_required
def activity_list(request, program_pk: int):
    """The program's activities, filtered; ?format=csv|xlsx downloads all the filtered
    activities in the import template's columns (streamed)."""
    program = party_program(request, program_pk)
    wanted = asked(request)
    fmt = wanted.format
    form = ActivityFilterForm(wanted.filters, program=program)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.activity_list(
        user=request.user,
        program=program.pk,
        agency=filters.get("agency"),
        status=[filters["status"]] if filters.get("status") else None,
        q=filters.get("q"),
        parts=fmt in FORMATS,
    )
    if fmt in FORMATS:
        exporter = ActivityExporter(
            activities=qs.order_by("start_date", "pk"), filename=f"hoat-dong-ct{program.pk}"
        )
        return export_response(exporter, fmt)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "form": form,
        "page": page,
        "can_record": rules.can_record_activity(request.user, program),
        "export_query": wanted.prefix,
    }
    template = "activities/list.html#results" if request.headers.get("HX-Request") else "activities/list.html"
    return render(request, template, context)


def _detail(request, activity, *, return_form=None, status=200):
    user = request.user
    rows = list(activity.participation.all())
    context = {
        "activity": activity,
        "program": activity.program,
        "participation": rows,
        "counted": sum(r.count for r in rows),
        "minority": sum(r.count for r in rows if r.ethnic_group and r.ethnic_group.is_minority),
        "can_edit": rules.can_edit_activity(user, activity),
        "can_submit": rules.can_submit_activity(user, activity),
        "can_review": rules.can_review_activity(user, activity),
        "return_form": return_form or ReturnForm(),
        "evidence": list(activity.evidence.all()),
        "evidence_form": EvidenceForm(),
        "history": selectors.activity_history(activity=activity),
    }
    return render(request, "activities/detail.html", context, status=status)


@login_required
def activity_detail(request, pk: int):
    return _detail(request, selectors.activity_get(user=request.user, pk=pk))


def _apply_errors(exc: ValidationError, form, formsets: dict) -> None:
    for field, errors in exc.message_dict.items():
        if field in formsets:
            formset = formsets[field]
            formset._non_form_errors = formset.error_class(
                [*formset.non_form_errors(), *errors], error_class="nonform"
            )
        else:
            add_service_errors(form, ValidationError({field: errors}))


def _form_page(request, program, activity=None):
    data = request.POST if request.method == "POST" else None
    form, participation, localities, outputs = activity_forms(
        data, program=program, user=request.user, activity=activity
    )
    formsets = dict(zip(FORMSET_KEYS, (participation, localities, outputs), strict=True))
    if data is not None and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        payload = activity_input(form, participation, localities, outputs)
        try:
            if activity is None:
                activity = services.activity_create(program=program, data=payload, by=request.user)
                messages.success(request, "Đã ghi nhận hoạt động (nháp). Kiểm tra lại rồi bấm «Gửi».")
            else:
                services.activity_update(activity=activity, data=payload, by=request.user)
                messages.success(request, "Đã lưu hoạt động.")
        except ValidationError as exc:
            _apply_errors(exc, form, formsets)
        else:
            return redirect("activities:detail", pk=activity.pk)
    context = {"form": form, **formsets, "program": program, "activity": activity}
    return render(request, "activities/form.html", context, status=400 if data is not None else 200)


@login_required
def activity_create(request, program_pk: int):
    program = party_program(request, program_pk)
    if not rules.can_record_activity(request.user, program):
        raise PermissionDenied
    return _form_page(request, program)


@login_required
def activity_edit(request, pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    if not rules.can_edit_activity(request.user, activity):
        raise PermissionDenied
    return _form_page(request, activity.program, activity)


def _may_act_on(user, activity, *, review: bool) -> bool:
    """Whether the user holds the role the action needs, whatever the activity's status:
    who never may gets a 403; a wrong status is the service's message."""
    if is_admin(user) or rules.is_program_lead_staff(user, activity):
        return True
    return not review and bool(rules.is_organiser_staff(user, activity))


def _transition(request, pk: int, *, review: bool, action, success: str):
    activity = selectors.activity_get(user=request.user, pk=pk)
    if not _may_act_on(request.user, activity, review=review):
        raise PermissionDenied
    try:
        action(activity)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_POST
def activity_submit(request, pk: int):
    return _transition(
        request,
        pk,
        review=False,
        action=lambda a: services.activity_submit(activity=a, by=request.user),
        success="Đã gửi hoạt động cho cơ quan chủ trì xác nhận.",
    )


@login_required
@require_POST
def activity_accept(request, pk: int):
    return _transition(
        request,
        pk,
        review=True,
        action=lambda a: services.activity_accept(activity=a, by=request.user),
        success="Đã xác nhận hoạt động.",
    )


@login_required
@require_POST
def activity_return(request, pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    if not _may_act_on(request.user, activity, review=True):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.activity_return(activity=activity, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            if "comment" in exc.message_dict:
                add_service_errors(form, exc)
            else:
                for message in exc.messages:
                    messages.error(request, message)
                return redirect("activities:detail", pk=activity.pk)
        else:
            messages.success(request, "Đã trả lại hoạt động cho đơn vị tổ chức.")
            return redirect("activities:detail", pk=activity.pk)
    return _detail(request, activity, return_form=form, status=400)


@login_required
def review_queue(request):
    """Submitted activities of the programs the user's agency leads, oldest first."""
    page = Paginator(selectors.review_queue(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "activities/review.html", {"page": page})
