"""Reads of exemplars shared by pages, exports, the API and the report builder. Every read
for a user goes through `Exemplar.objects.visible_to(user)`: a record without consent to
publication exists only for the staff of the program's parties and administrators."""

import datetime as dt
from itertools import chain

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from phoihop.core.history import entry
from phoihop.core.search import search
from phoihop.core.text import fold
from phoihop.people.models import Exemplar, Recognition
from phoihop.programs.models import Party, Program
from phoihop.reference.models import EthnicGroup


def _recognitions() -> QuerySet:
    return Recognition.objects.order_by("-date", "-id")


def _with_parts(qs: QuerySet) -> QuerySet:
    return qs.select_related("ethnic_group", "locality").prefetch_related(
        Prefetch("recognitions", queryset=_recognitions())
    )


def exemplar_list(
    *,
    user,
    program: Program | int | None = None,
    q: str | None = None,
    consent: bool | None = None,
    ethnic_group: EthnicGroup | int | None = None,
    year: int | None = None,
) -> QuerySet[Exemplar]:
    """The exemplars the user may read, by name, with ethnic group, locality and
    recognitions. `program` and `ethnic_group` are records or ids; `consent` keeps those with
    (True) or without (False) consent to publication; `year` keeps those recognised in
    that year; `q` ignores case and diacritics ("thach thi" finds "Thạch Thị")."""
    qs = Exemplar.objects.visible_to(user)
    if program:
        qs = qs.filter(program=program)
    if consent is not None:
        qs = qs.filter(consent_to_publish=consent)
    if ethnic_group:
        qs = qs.filter(ethnic_group=ethnic_group)
    if year:
        recognised = Recognition.objects.filter(exemplar=OuterRef("pk"), date__year=year)
        qs = qs.filter(Exists(recognised))
    qs = search(qs, q)
    return _with_parts(qs).order_by("name", "id")


def exemplar_get(*, user, pk: int) -> Exemplar:
    """An exemplar the user may read, with its program (and the program's parties, for the
    rules), or 404: a record the user may not see does not exist for them."""
    qs = _with_parts(Exemplar.objects.visible_to(user)).select_related("program")
    qs = qs.prefetch_related(
        Prefetch("program__parties", queryset=Party.objects.only("id", "program_id", "agency_id", "role"))
    )
    return get_object_or_404(qs, pk=pk)


def exemplars_for_report(
    *, program: Program, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[Exemplar]:
    """The program's exemplars for a report of the period: those recognised in it, and
    those without any recognition that were recorded in it. Every exemplar, consent or
    not: the caller is a party of the program, and hides what a non-consented record must
    not show. Each carries `recognitions` prefetched: those dated in the period, latest
    first. Sorted by name, ignoring case and diacritics."""
    in_period = Q()
    if date_from:
        in_period &= Q(date__gte=date_from)
    if date_to:
        in_period &= Q(date__lte=date_to)
    recorded = Q()
    if date_from:
        recorded &= Q(created_at__date__gte=date_from)
    if date_to:
        recorded &= Q(created_at__date__lte=date_to)
    any_recognition = Recognition.objects.filter(exemplar=OuterRef("pk"))
    recognised = any_recognition.filter(in_period)
    qs = (
        Exemplar.objects.filter(program=program)
        .filter(Exists(recognised) | (~Exists(any_recognition) & recorded))
        .select_related("ethnic_group", "locality")
        .prefetch_related(Prefetch("recognitions", queryset=_recognitions().filter(in_period)))
    )
    return sorted(qs, key=lambda e: (fold(e.name), e.name, e.pk))


def exemplar_history(*, exemplar: Exemplar, limit: int = 100) -> list[dict]:
    """Every recorded change to the exemplar and its recognitions, newest first."""
    records = chain(
        exemplar.history.select_related("history_user").all()[:limit],
        Recognition.history.filter(exemplar_id=exemplar.pk).select_related("history_user")[:limit],
    )
    entries = []
    for record in records:
        what = "" if record.instance_type is Exemplar else f"khen thưởng: {record.instance}"
        entries.append(entry(record, what))
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]
