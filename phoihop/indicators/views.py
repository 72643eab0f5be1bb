import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from phoihop.activities.models import ActivityFilter, Output
from phoihop.core.exporters import FORMATS, asked, export_response
from phoihop.core.forms import add_service_errors
from phoihop.indicators import rules, selectors, services
from phoihop.indicators.exporters import IndicatorTableExporter
from phoihop.indicators.forms import IndicatorForm, ManualValueForm, PeriodForm, initial_from_indicator
from phoihop.programs import selectors as program_selectors


def _program(request, pk: int):
    """The program, if the user's agency is a party to it (404 otherwise)."""
    program = program_selectors.program_get(user=request.user, pk=pk)
    if not rules.can_view_indicators(request.user, program):
        raise Http404
    return program


def _filter(program, form: PeriodForm) -> ActivityFilter:
    year = form.chosen_year()
    if year is None:
        return ActivityFilter(statuses=form.statuses())
    return ActivityFilter(
        statuses=form.statuses(), date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31)
    )


@login_required
def indicator_list(request, program_pk: int):
    """The program's indicators with value, target and progress for the chosen period;
    ?format=csv|xlsx downloads the same table."""
    program = _program(request, program_pk)
    wanted = asked(request)
    fmt = wanted.format
    form = PeriodForm(wanted.filters, program=program)
    flt = _filter(program, form)
    if fmt in FORMATS:
        return export_response(IndicatorTableExporter(program=program, flt=flt), fmt)
    values = selectors.indicator_values(program=program, flt=flt)
    areas = {a.pk: a for a in program.content_areas.all()}
    for row in values:
        row["content_area"] = areas.get(row["content_area_id"])
    context = {
        "program": program,
        "form": form,
        "indicators": values,
        "can_edit": rules.can_edit_indicators(request.user, program),
        "export_query": wanted.prefix,
    }
    return render(request, "indicators/list.html", context)


def _form_page(request, program, indicator=None):
    if request.method == "POST":
        form = IndicatorForm(request.POST, program=program)
        if form.is_valid():
            try:
                if indicator is None:
                    indicator = services.indicator_create(
                        program=program, data=form.to_input(), by=request.user
                    )
                    messages.success(request, "Đã thêm chỉ tiêu.")
                else:
                    services.indicator_update(indicator=indicator, data=form.to_input(), by=request.user)
                    messages.success(request, "Đã lưu chỉ tiêu.")
            except ValidationError as exc:
                _service_errors(form, exc)
            else:
                return redirect("indicators:detail", pk=indicator.pk)
        status = 400
    else:
        initial = initial_from_indicator(indicator) if indicator else {}
        form = IndicatorForm(initial=initial, program=program)
        status = 200
    outputs = sorted(set(Output.objects.filter(activity__program=program).values_list("name", flat=True)))
    context = {"form": form, "program": program, "indicator": indicator, "output_names": outputs}
    return render(request, "indicators/form.html", context, status=status)


def _service_errors(form, exc: ValidationError) -> None:
    renamed = {}
    for field, errors in exc.message_dict.items():
        renamed.setdefault("year_targets" if field == "year_targets" else field, []).extend(errors)
    renamed_exc = ValidationError({k: v for k, v in renamed.items() if k != "year_targets"})
    if renamed_exc.error_dict:
        add_service_errors(form, renamed_exc)
    for message in renamed.get("year_targets", []):
        form.add_error(None, message)


@login_required
def indicator_create(request, program_pk: int):
    program = _program(request, program_pk)
    if not rules.can_edit_indicators(request.user, program):
        raise PermissionDenied
    return _form_page(request, program)


def _indicator(request, pk: int):
    return selectors.visible_indicator(user=request.user, pk=pk)


@login_required
def indicator_edit(request, pk: int):
    indicator = _indicator(request, pk)
    if not rules.can_edit_indicators(request.user, indicator.program):
        raise PermissionDenied
    return _form_page(request, indicator.program, indicator)


def _detail(request, indicator, *, value_form=None, status=200):
    program = indicator.program
    submitted = request.GET.get("submitted") == "on"
    statuses = ("submitted", "accepted") if submitted else ("accepted",)
    context = {
        "indicator": indicator,
        "program": program,
        "years": selectors.indicator_years(indicator=indicator, statuses=statuses),
        "phase_target": next((t.value for t in indicator.targets.all() if t.year is None), None),
        "submitted": submitted,
        "can_edit": rules.can_edit_indicators(request.user, program),
        "value_form": value_form or ManualValueForm(program=program, initial={"year": dt.date.today().year}),
        "history": selectors.indicator_history(indicator=indicator),
    }
    return render(request, "indicators/detail.html", context, status=status)


@login_required
def indicator_detail(request, pk: int):
    return _detail(request, _indicator(request, pk))


@login_required
@require_POST
def indicator_delete(request, pk: int):
    indicator = _indicator(request, pk)
    program = indicator.program
    if not rules.can_edit_indicators(request.user, program):
        raise PermissionDenied
    services.indicator_delete(indicator=indicator, by=request.user)
    messages.success(request, f"Đã xóa chỉ tiêu «{indicator.name}».")
    return redirect("indicators:list", program_pk=program.pk)


@login_required
@require_POST
def indicator_value(request, pk: int):
    """Enter the value a hand-entered indicator reached by the end of a year."""
    indicator = _indicator(request, pk)
    if not rules.can_edit_indicators(request.user, indicator.program):
        raise PermissionDenied
    form = ManualValueForm(request.POST, program=indicator.program)
    if form.is_valid():
        try:
            services.indicator_record_value(
                indicator=indicator,
                year=form.cleaned_data["year"],
                value=form.cleaned_data["value"],
                source=form.cleaned_data["source"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi giá trị năm {form.cleaned_data['year']}.")
            return redirect("indicators:detail", pk=indicator.pk)
    return _detail(request, indicator, value_form=form, status=400)


@login_required
@require_POST
def indicator_value_delete(request, pk: int, year: int):
    indicator = _indicator(request, pk)
    if not rules.can_edit_indicators(request.user, indicator.program):
        raise PermissionDenied
    value = get_object_or_404(indicator.manual_values, year=year)
    services.indicator_delete_value(value=value, by=request.user)
    messages.success(request, f"Đã xóa giá trị năm {year}.")
    return redirect("indicators:detail", pk=indicator.pk)
