import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from phoihop.activities import rules, selectors, services
from phoihop.activities.forms import ActivityFilterForm, ReturnForm, activity_forms, activity_input
from phoihop.activities.models import AgeBand, Kind, Sex, Status
from phoihop.agencies.models import Agency
from phoihop.core.forms import add_service_errors, date_widget
from phoihop.core.rules import is_admin
from phoihop.programs import rules as program_rules
from phoihop.programs import selectors as program_selectors
from phoihop.reference.models import CODE_SYSTEM_121, AdministrativeUnit, Era, EthnicGroup, UnitLevel

PAGE_SIZE = 25
FORMSET_KEYS = ("participation", "localities", "outputs")


def _party_program(request, pk: int):
    """The program, if the user belongs to one of its parties (else 404: its activities
    are not public even when the program is)."""
    program = program_selectors.program_get(user=request.user, pk=pk)
    if not program_rules.can_view_program_details(request.user, program):
        raise Http404
    return program


@login_required
def activity_list(request, program_pk: int):
    program = _party_program(request, program_pk)
    form = ActivityFilterForm(request.GET or None, program=program)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.activity_list(
        user=request.user,
        program=program.pk,
        agency=filters.get("agency"),
        status=[filters["status"]] if filters.get("status") else None,
        q=filters.get("q"),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "form": form,
        "page": page,
        "can_record": rules.can_record_activity(request.user, program),
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
    program = _party_program(request, program_pk)
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


class DashboardFilterForm(forms.Form):
    """The dashboard's filters; no status ticked means the default, accepted only."""

    date_from = forms.DateField(label="Từ ngày", required=False, widget=date_widget())
    date_to = forms.DateField(label="Đến ngày", required=False, widget=date_widget())
    status = forms.MultipleChoiceField(
        label="Trạng thái", required=False, choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    agency = forms.TypedChoiceField(label="Cơ quan", required=False, coerce=int, empty_value=None)
    content_area = forms.TypedChoiceField(
        label="Nội dung phối hợp", required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label="Loại hoạt động", required=False, choices=[("", "Tất cả"), *Kind.choices])
    locality = forms.CharField(
        label="Mã tỉnh hoặc xã",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"placeholder": "92 hoặc 31117", "inputmode": "numeric"}),
    )

    def __init__(self, data, *, program):
        if data is not None and not data.getlist("status"):
            data = data.copy()
            data.setlist("status", [Status.ACCEPTED])
        super().__init__(data, initial={"status": [Status.ACCEPTED]})
        self.fields["agency"].choices = [
            ("", "Tất cả"),
            *((p.agency_id, p.agency.name) for p in program.parties.all()),
        ]
        self.fields["content_area"].choices = [
            ("", "Tất cả"),
            *((a.pk, f"{a.number}. {a.title}") for a in program.content_areas.all()),
        ]

    def clean_locality(self):
        code = self.cleaned_data["locality"].strip()
        if (
            code
            and not AdministrativeUnit.objects.filter(
                era=Era.CURRENT, code=code, level__in=(UnitLevel.PROVINCE, UnitLevel.COMMUNE)
            ).exists()
        ):
            raise forms.ValidationError(f"Không có tỉnh hoặc xã hiện hành mang mã {code}.")
        return code

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "Ngày kết thúc trước ngày bắt đầu.")
        return data

    def filters(self) -> dict:
        """Keyword arguments for program_statistics; the defaults when the form is invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "statuses": tuple(data.get("status") or (Status.ACCEPTED,)),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "agency": data.get("agency"),
            "content_area": data.get("content_area"),
            "kind": data.get("kind") or None,
            "locality": data.get("locality") or None,
        }


UNKNOWN = "Không rõ"


def _breakdowns(program, stats: dict) -> list[dict]:
    """The statistics' grouped rows with Vietnamese labels, one query per kind of name:
    [{"key", "title", "per_activity", "rows": [{"key", "label", "activities", "participants"}]}]."""
    areas = {a.pk: f"{a.number}. {a.title}" for a in program.content_areas.all()}
    agency_ids = [r["agency_id"] for r in stats["by_agency"]]
    agencies = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name"))
    codes = [r["ethnic_group_code"] for r in stats["by_ethnic_group"] if r["ethnic_group_code"]]
    groups = dict(
        EthnicGroup.objects.filter(code_system=CODE_SYSTEM_121, code__in=codes).values_list("code", "name")
    )
    kinds, sexes, bands = dict(Kind.choices), dict(Sex.choices), dict(AgeBand.choices)
    specs = [
        ("content_area", "Theo nội dung phối hợp", "content_area_id", areas, "Không gắn nội dung"),
        ("agency", "Theo cơ quan (tổ chức hoặc phối hợp)", "agency_id", agencies, UNKNOWN),
        ("year", "Theo năm", "year", None, UNKNOWN),
        ("kind", "Theo loại hoạt động", "kind", kinds, UNKNOWN),
        ("ethnic_group", "Người tham gia theo dân tộc", "ethnic_group_code", groups, UNKNOWN),
        ("sex", "Người tham gia theo giới tính", "sex", sexes, UNKNOWN),
        ("age_band", "Người tham gia theo độ tuổi", "age_band", bands, UNKNOWN),
    ]
    result = []
    for name, title, field, labels, missing in specs:
        rows = [
            {
                "key": "" if row[field] is None else str(row[field]),
                "label": str(row[field]) if labels is None else labels.get(row[field], missing),
                "activities": row.get("activities"),
                "participants": row["participants"],
            }
            for row in stats[f"by_{name}"]
        ]
        per_activity = name in ("content_area", "agency", "year", "kind")
        result.append({"key": name, "title": title, "per_activity": per_activity, "rows": rows})
    return result


def _chart_data(breakdowns: list[dict]) -> dict:
    """Participants per label for the charts; ethnic groups limited to the ten largest."""
    charts = {}
    for item in breakdowns:
        if item["key"] not in ("content_area", "year", "ethnic_group", "sex"):
            continue
        rows = item["rows"]
        if item["key"] == "ethnic_group":
            rows = sorted(rows, key=lambda r: -r["participants"])[:10]
        charts[item["key"]] = {
            "labels": [r["label"] for r in rows],
            "values": [r["participants"] for r in rows],
        }
    return charts


def _dashboard_csv(program, stats: dict, breakdowns: list[dict]) -> HttpResponse:
    """One CSV of the figures shown in the tables, UTF-8 with a BOM so Excel reads the
    Vietnamese labels."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["breakdown", "key", "label", "activities", "participants"])
    totals = stats["totals"]
    writer.writerow(["totals", "", "Tổng cộng", totals["activities"], totals["participants"]])
    for item in breakdowns:
        for row in item["rows"]:
            activities = "" if row["activities"] is None else row["activities"]
            writer.writerow([item["key"], row["key"], row["label"], activities, row["participants"]])
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chuong-trinh-{program.pk}-so-lieu.csv"'
    return response


@login_required
def dashboard(request, program_pk: int):
    """The program's figures computed on request, as tables, charts and (?format=csv) CSV.
    A program the user cannot see is a 404; a public one without party access a 403."""
    program = program_selectors.program_get(user=request.user, pk=program_pk)
    if not program_rules.can_view_program_details(request.user, program):
        raise PermissionDenied
    params = request.GET.copy()
    wants_csv = params.pop("format", [""])[-1] == "csv"
    form = DashboardFilterForm(params or None, program=program)
    stats = selectors.program_statistics(program=program, **form.filters())
    breakdowns = _breakdowns(program, stats)
    if wants_csv:
        return _dashboard_csv(program, stats, breakdowns)
    query = params.urlencode()
    context = {
        "program": program,
        "form": form,
        "totals": stats["totals"],
        "indicators": stats["indicators"],
        "breakdowns": breakdowns,
        "charts": _chart_data(breakdowns),
        "csv_query": f"{query}&format=csv" if query else "format=csv",
    }
    return render(request, "activities/dashboard.html", context)
