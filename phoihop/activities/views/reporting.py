"""The reporting cockpit: who has reported for which period, and reminders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from phoihop.activities import rules, selectors, services
from phoihop.activities.forms import ReportingForm
from phoihop.activities.views.pages import party_program


@login_required
def reporting(request, program_pk: int):
    program = party_program(request, program_pk)
    today = timezone.localdate()
    form = ReportingForm(request.GET or None, program=program, today=today)
    year, period = form.chosen()
    context = {
        "program": program,
        "form": form,
        "grid": selectors.reporting_grid(program=program, year=year, period=period, today=today),
        "states": selectors.STATES,
        "reminders": selectors.reminder_list(program=program),
        "can_remind": rules.can_send_reminders(request.user, program),
    }
    return render(request, "activities/reporting.html", context)


@login_required
@require_POST
def reporting_remind(request, program_pk: int):
    program = party_program(request, program_pk)
    if not rules.can_send_reminders(request.user, program):
        raise PermissionDenied
    form = ReportingForm(request.POST, program=program, today=timezone.localdate())
    year, period = form.chosen()
    try:
        result = services.reporting_remind(
            program=program,
            year=year,
            period=period,
            by=request.user,
            base_url=request.build_absolute_uri("/")[:-1],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        sent = result["sent"]
        if sent:
            names = "; ".join(r.agency.name for r in sent)
            messages.success(request, f"Đã gửi {len(sent)} thư nhắc: {names}.")
        elif not result["skipped"]:
            messages.info(request, "Không có cơ quan nào chậm báo cáo trong các kỳ đã qua.")
        for agency, reason in result["skipped"]:
            messages.warning(request, f"Chưa gửi cho {agency.name}: {reason}.")
    return redirect(f"{request.path.rsplit('remind/', 1)[0]}?year={year}&period={period}")
