from django.db.models import QuerySet

from phoihop.agencies.models import Agency
from phoihop.core.search import search


def agency_list(
    *, q: str | None = None, kind: str | None = None, province: str | None = None, current_only: bool = False
) -> QuerySet:
    qs = Agency.objects.select_related("kind", "province", "parent", "successor")
    if kind:
        qs = qs.filter(kind__code=kind)
    if province:
        qs = qs.filter(province__code=province)
    if current_only:
        qs = qs.filter(valid_to__isnull=True)
    return search(qs, q)
