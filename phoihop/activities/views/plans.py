"""Annual plans: each party's plan for a year next to what it did."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from phoihop.activities import rules, selectors, services
from phoihop.activities.forms import ReportingForm, plan_forms, plan_items
from phoihop.activities.models import AnnualPlan, Status
from phoihop.activities.views.pages import party_program


@login_required
def plan_list(request, program_pk: int):
    program = party_program(request, program_pk)
    form = ReportingForm(request.GET or None, program=program, today=timezone.localdate())
    year, _ = form.chosen()
    submitted = request.GET.get("submitted") == "on"
    statuses = (Status.SUBMITTED, Status.ACCEPTED) if submitted else (Status.ACCEPTED,)
    rows = selectors.plan_comparison(program=program, year=year, statuses=statuses)
    for row in rows:
        row["can_edit"] = rules.can_plan(request.user, program, row["agency"])
    context = {"program": program, "form": form, "year": year, "rows": rows, "submitted": submitted}
    return render(request, "activities/plans.html", context)


@login_required
def plan_edit(request, program_pk: int, year: int, agency_pk: int):
    program = party_program(request, program_pk)
    party = next((p for p in program.parties.all() if p.agency_id == agency_pk), None)
    if party is None or not program.phase_start <= year <= program.phase_end:
        raise Http404
    if not rules.can_plan(request.user, program, party.agency):
        raise PermissionDenied
    plan = AnnualPlan.objects.filter(program=program, year=year, agency=party.agency).first()
    data = request.POST if request.method == "POST" else None
    form, items = plan_forms(data, program=program, plan=plan)
    if data is not None and form.is_valid() and items.is_valid():
        try:
            services.plan_save(
                program=program,
                year=year,
                agency=party.agency,
                items=plan_items(program, items),
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                if field == "items":
                    items._non_form_errors = items.error_class(errors, error_class="nonform")
                else:
                    form.add_error(None, errors)
        else:
            messages.success(request, f"Đã lưu kế hoạch năm {year} của {party.agency.name}.")
            return redirect(f"{reverse('activities:plans', args=[program.pk])}?year={year}")
    context = {
        "program": program,
        "agency": party.agency,
        "year": year,
        "form": form,
        "items": items,
        "plan": plan,
    }
    return render(request, "activities/plan_form.html", context, status=400 if data is not None else 200)
