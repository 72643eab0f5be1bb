"""Review, follow-up and finding pages, for the users of the program's parties (404 for
anyone else: these are working records, never public)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from phoihop.activities.views.pages import party_program
from phoihop.agencies.models import Agency
from phoihop.core.forms import add_service_errors
from phoihop.programs.models import Program
from phoihop.reports.docx import libreoffice_path
from phoihop.reviews import rules, selectors, services
from phoihop.reviews.forms import (
    ConclusionForm,
    FindingFollowUpForm,
    FindingForm,
    FollowUpFilterForm,
    FollowUpStatusForm,
    ReviewForm,
)
from phoihop.reviews.models import SECTIONS, Conclusion, FollowUp

PAGE_SIZE = 25


@login_required
def review_list(request, program_pk: int):
    program = party_program(request, program_pk)
    reviews = selectors.review_list(user=request.user, program=program.pk)
    context = {
        "program": program,
        "reviews": reviews,
        "can_open": rules.can_open_review(request.user, program),
    }
    return render(request, "reviews/list.html", context)


def _form(request, program, review=None):
    if request.method == "POST":
        form = ReviewForm(request.POST, program=program)
        if form.is_valid():
            try:
                if review is None:
                    review = services.review_create(program=program, data=form.to_input(), by=request.user)
                    messages.success(request, "Đã mở kỳ sơ kết, tổng kết; số liệu của kỳ được điền tự động.")
                else:
                    services.review_update(review=review, data=form.to_input(), by=request.user)
                    messages.success(request, "Đã lưu.")
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(review)
        status = 400
    else:
        form = ReviewForm(initial=ReviewForm.initial_for(review) if review else None, program=program)
        status = 200
    context = {"program": program, "review": review, "form": form, "sections": list(SECTIONS)}
    return render(request, "reviews/form.html", context, status=status)


@login_required
def review_create(request, program_pk: int):
    program = party_program(request, program_pk)
    if not rules.can_open_review(request.user, program):
        raise PermissionDenied
    return _form(request, program)


def _review(request, pk: int):
    return selectors.review_get(user=request.user, pk=pk)


@login_required
def review_edit(request, pk: int):
    review = _review(request, pk)
    if not rules.can_edit_review(request.user, review):
        raise PermissionDenied
    return _form(request, review.program, review)


@login_required
def review_detail(request, pk: int, conclusion_form=None, status=200):
    review = _review(request, pk)
    figures = selectors.review_figures(review)
    can_edit = rules.can_edit_review(request.user, review)
    context = {
        "review": review,
        "program": review.program,
        "figures": figures,
        "totals": figures["statistics"]["totals"],
        "indicators": figures["statistics"].get("indicators") or [],
        "sections": [(label, getattr(review, name)) for name, label in SECTIONS.items()],
        "difference": selectors.review_difference(review),
        "carried": _frozen_carried(figures) if figures["frozen"] else selectors.carried_followups(review),
        "conclusion_form": conclusion_form or (ConclusionForm(program=review.program) if can_edit else None),
        "can_edit": can_edit,
        "can_conclude": rules.can_conclude_review(request.user, review),
        "pdf_available": libreoffice_path() is not None,
        "today": timezone.localdate(),
    }
    return render(request, "reviews/detail.html", context, status=status)


def _frozen_carried(figures: dict) -> list[dict]:
    return [
        {**f, "due_date": dt.date.fromisoformat(f["due_date"]).strftime("%d/%m/%Y")}
        for f in figures.get("carried", [])
    ]


def _action(request, pk: int, service, done: str):
    review = _review(request, pk)
    try:
        service(review=review, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(review)


@login_required
@require_POST
def review_hold(request, pk: int):
    return _action(request, pk, services.review_hold, "Đã ghi nhận hội nghị đã tổ chức.")


@login_required
@require_POST
def review_conclude(request, pk: int):
    return _action(request, pk, services.review_conclude, "Đã kết luận; số liệu của kỳ đã được chốt.")


@login_required
@require_POST
def conclusion_add(request, pk: int):
    review = _review(request, pk)
    if not rules.can_edit_review(request.user, review):
        raise PermissionDenied
    form = ConclusionForm(request.POST, program=review.program)
    if form.is_valid():
        try:
            services.conclusion_add(
                review=review,
                text=form.cleaned_data["text"],
                assignee=form.assignee_agency(),
                due_date=form.cleaned_data["due_date"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã thêm kết luận.")
            return redirect(f"{review.get_absolute_url()}#conclusions")
    return review_detail(request, pk, conclusion_form=form, status=400)


@login_required
@require_POST
def conclusion_delete(request, pk: int, conclusion_pk: int):
    review = _review(request, pk)
    conclusion = get_object_or_404(Conclusion, pk=conclusion_pk, review=review)
    try:
        services.conclusion_delete(conclusion=conclusion, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xóa kết luận.")
    return redirect(f"{review.get_absolute_url()}#conclusions")


@login_required
def followup_list(request):
    user = request.user
    programs = list(
        Program.objects.filter(pk__in=FollowUp.objects.visible_to(user).values("program_id"))
        .prefetch_related("parties")
        .order_by("title")
    )
    agencies = Agency.objects.filter(followups__program__in=programs).distinct().order_by("name")
    form = FollowUpFilterForm(request.GET or None, programs=programs, agencies=agencies)
    today = timezone.localdate()
    qs = selectors.followup_list(user=user, today=today, **form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    remindable = [p for p in programs if rules.can_manage_followups(user, p)]
    context = {"form": form, "page": page, "today": today, "remindable": remindable}
    return render(request, "reviews/followups.html", context)


@login_required
def followup_detail(request, pk: int, form=None, status=200):
    followup = selectors.followup_get(user=request.user, pk=pk)
    can_update = rules.can_update_followup(request.user, followup)
    context = {
        "followup": followup,
        "program": followup.program,
        "form": form or (FollowUpStatusForm() if can_update else None),
        "can_drop": rules.can_drop_followup(request.user, followup),
        "history": selectors.followup_history(followup=followup),
        "overdue": followup.is_overdue(),
    }
    return render(request, "reviews/followup.html", context, status=status)


@login_required
@require_POST
def followup_status(request, pk: int):
    followup = selectors.followup_get(user=request.user, pk=pk)
    if not rules.can_update_followup(request.user, followup):
        raise PermissionDenied
    form = FollowUpStatusForm(request.POST)
    if form.is_valid():
        try:
            services.followup_set_status(followup=followup, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã chuyển sang «{followup.get_status_display()}».")
            return redirect(followup)
    return followup_detail(request, pk, form=form, status=400)


@login_required
@require_POST
def followups_remind(request, program_pk: int):
    program = party_program(request, program_pk)
    if not rules.can_manage_followups(request.user, program):
        raise PermissionDenied
    result = services.followups_remind(
        program=program, by=request.user, base_url=request.build_absolute_uri("/").rstrip("/")
    )
    sent = ", ".join(agency.name for agency, _, _ in result["sent"])
    messages.success(
        request, f"Đã gửi {len(result['sent'])} thư nhắc việc quá hạn{': ' + sent if sent else ''}."
    )
    for agency, reason in result["skipped"]:
        messages.warning(request, f"Không gửi cho {agency.name}: {reason}.")
    return redirect(f"{reverse('reviews:followups')}?program={program.pk}&overdue=on")


@login_required
def finding_list(request, program_pk: int):
    program = party_program(request, program_pk)
    visits = list(selectors.monitoring_visits(program=program))
    can_record = any(rules.can_record_finding(request.user, v) for v in visits)
    form = None
    if can_record:
        form = FindingForm(request.POST or None, program=program, visits=visits)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            activity = next(v for v in visits if v.pk == form.cleaned_data["activity"])
            try:
                finding = services.finding_create(activity=activity, data=form.to_input(), by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied:
                form.add_error("activity", "Bạn không ghi được kết quả cho đợt giám sát này.")
            else:
                messages.success(request, "Đã ghi kết quả giám sát.")
                return redirect(finding)
    findings = selectors.finding_list(user=request.user, program=program.pk)
    status = 400 if request.method == "POST" else 200
    context = {"program": program, "findings": findings, "form": form}
    return render(request, "reviews/findings.html", context, status=status)


@login_required
def finding_detail(request, pk: int):
    finding = selectors.finding_get(user=request.user, pk=pk)
    can_assign = rules.can_manage_followups(request.user, finding.program)
    form = None
    if can_assign:
        form = FindingFollowUpForm(
            request.POST or None, program=finding.program, initial={"text": finding.recommendation}
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.followup_create(
                    program=finding.program,
                    finding=finding,
                    text=d["text"],
                    assignee=Agency.objects.filter(pk=d["assignee"]).first(),
                    due_date=d["due_date"],
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Đã giao việc từ kết quả giám sát.")
                return redirect(finding)
    context = {
        "finding": finding,
        "program": finding.program,
        "followups": finding.followups.select_related("assignee"),
        "form": form,
    }
    return render(request, "reviews/finding.html", context, status=400 if request.method == "POST" else 200)
