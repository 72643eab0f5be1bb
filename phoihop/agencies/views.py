from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from phoihop.agencies import rules, selectors, services
from phoihop.agencies.forms import AgencyForm
from phoihop.agencies.models import Agency
from phoihop.core.forms import add_service_errors
from phoihop.core.history import changes
from phoihop.programs.selectors import program_list
from phoihop.reference.models import AgencyKind


def agency_list(request):
    q = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    qs = selectors.agency_list(q=q, kind=kind or None)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "kind": kind,
        "kinds": AgencyKind.objects.all(),
        "can_add": rules.can_edit_agency(request.user),
    }
    return render(request, "agencies/list.html", context)


def agency_detail(request, pk: int):
    agency = get_object_or_404(
        Agency.objects.select_related("kind", "province", "parent", "successor"), pk=pk
    )
    programs = program_list(user=request.user, agency=agency.pk)
    records = list(agency.history.select_related("history_user").all()[:50])
    history = [{"record": r, "changes": changes(r) if r.history_type == "~" else []} for r in records]
    context = {
        "agency": agency,
        "programs": programs,
        "predecessors": agency.predecessors.all(),
        "history": history,
        "can_edit": rules.can_edit_agency(request.user),
    }
    return render(request, "agencies/detail.html", context)


@login_required
def agency_form(request, pk: int | None = None):
    if not rules.can_edit_agency(request.user):
        raise PermissionDenied
    agency = get_object_or_404(Agency, pk=pk) if pk else None
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = services.agency_save(agency=agency, by=request.user, **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã lưu cơ quan.")
            return redirect("agencies:detail", pk=saved.pk)
    return render(request, "agencies/form.html", {"form": form, "agency": agency})
