"""Reads of programs shared by pages, the API and the command line."""

from itertools import chain

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from phoihop.core.history import entry
from phoihop.core.search import search
from phoihop.programs.models import ContentArea, Document, Party, Program
from phoihop.reference.models import AdministrativeUnit


def _with_parts(qs: QuerySet) -> QuerySet:
    return qs.select_related("province").prefetch_related(
        Prefetch("parties", queryset=Party.objects.select_related("agency")),
        Prefetch("content_areas", queryset=ContentArea.objects.order_by("number")),
    )


def program_list(
    *,
    user,
    q: str | None = None,
    province: str | None = None,
    year: int | None = None,
    status: str | None = None,
    agency: int | None = None,
) -> QuerySet:
    """Programs the user may see, filtered. `province` is a province code; `year` keeps
    programs whose phase includes it; `agency` keeps programs the agency is a party to."""
    qs = Program.objects.visible_to(user)
    if province:
        # A current province code also finds programs recorded under the legacy
        # provinces it absorbed (Sóc Trăng 2021 → Cần Thơ today).
        units = AdministrativeUnit.objects.filter(
            Q(era="current", code=province)
            | Q(era="legacy", successors__era="current", successors__code=province),
            level="province",
        )
        qs = qs.filter(province__in=units.values("pk"))
    if year:
        qs = qs.filter(phase_start__lte=year, phase_end__gte=year)
    if status:
        qs = qs.filter(status=status)
    if agency:
        qs = qs.filter(Exists(Party.objects.filter(program=OuterRef("pk"), agency_id=agency)))
    qs = search(qs, q)
    return _with_parts(qs)


def program_get(*, user, pk: int) -> Program:
    """A program the user may see, or 404 (not 403: a hidden program does not exist)."""
    return get_object_or_404(_with_parts(Program.objects.visible_to(user)), pk=pk)


def deleted_programs(*, user) -> QuerySet:
    return _with_parts(Program.objects.deleted_visible_to(user)).order_by("-deleted_at")


def program_documents(*, program: Program) -> QuerySet:
    return program.documents.select_related("issuer").order_by("-date")


def program_history(*, program: Program, limit: int = 200) -> list[dict]:
    """Every recorded change to the program, its parties, content areas and documents,
    newest first: [{"when", "who", "what", "kind", "reason", "changes": [...]}]."""
    records = chain(
        program.history.select_related("history_user").all()[:limit],
        Party.history.filter(program_id=program.pk).select_related("history_user", "agency")[:limit],
        ContentArea.history.filter(program_id=program.pk).select_related("history_user")[:limit],
        Document.history.filter(program_id=program.pk).select_related("history_user")[:limit],
    )
    entries = [
        entry(record, f"{record.instance_type._meta.verbose_name}: {_record_label(record)}")
        for record in records
    ]
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]


def _record_label(record) -> str:
    for attr in ("title", "number"):
        value = getattr(record, attr, None)
        if value:
            return str(value)
    agency = getattr(record, "agency", None)
    return str(agency) if agency else str(record.id)


def program_timeline(*, program: Program) -> list[dict]:
    """Dated milestones: document dates, signing, and status changes, oldest first."""
    events = []
    for document in program.documents.all():
        events.append({"date": document.date, "label": f"{document.get_type_display()} {document.number}"})
    if program.signed_on:
        events.append({"date": program.signed_on, "label": "Ký kết chương trình"})
    previous = None
    for record in program.history.order_by("history_date").only("history_date", "status"):
        if previous is not None and record.status != previous and record.status != "signed":
            events.append(
                {"date": record.history_date.date(), "label": f"Chuyển sang: {record.get_status_display()}"}
            )
        previous = record.status
    events.sort(key=lambda e: e["date"])
    return events
