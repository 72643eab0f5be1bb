"""Reads of reference data shared by forms, the API, imports and reports."""

from __future__ import annotations

from django.db.models import QuerySet

from phoihop.core.search import search
from phoihop.core.text import fold
from phoihop.reference.models import CODE_SYSTEM_121, AdministrativeUnit, Era, EthnicGroup, UnitLevel


def ethnic_group_list(*, q: str | None = None, code_system: str = CODE_SYSTEM_121) -> QuerySet[EthnicGroup]:
    """The ethnic groups of one code system in code order, filtered by a folded search."""
    return search(EthnicGroup.objects.filter(code_system=code_system).order_by("code"), q)


def ethnic_group_match(name: str | None, *, code_system: str = CODE_SYSTEM_121) -> EthnicGroup | None:
    """The group a written name stands for, ignoring case, diacritics, spaces and
    punctuation: "H'Mông", "Hmong", "Mông" and "Mèo" are all HMông; "Êđê" is Ê-đê.

    A group's own name wins over another group's alias; a name that is an alias of
    several groups, or of none, gives None.
    """
    key = name_key(name)
    if not key:
        return None
    groups = list(EthnicGroup.objects.filter(code_system=code_system))
    by_name = [g for g in groups if name_key(g.name) == key]
    if len(by_name) == 1:
        return by_name[0]
    by_alias = [g for g in groups if any(name_key(alias) == key for alias in g.aliases or [])]
    return by_alias[0] if len(by_alias) == 1 else None


def name_key(name: str | None) -> str:
    """'Ê-đê', 'Ê Đê' and 'Êđê' → 'ede': folded, with the word breaks dropped too."""
    return fold(name).replace(" ", "")


def is_era(value: str | None) -> bool:
    return value in Era.values


def province_list(*, era: str = Era.CURRENT, q: str | None = None) -> QuerySet[AdministrativeUnit]:
    """Provinces of an era ("current": the 34 from 1 July 2025; "legacy": the 63 before)."""
    queryset = AdministrativeUnit.objects.filter(era=era, level=UnitLevel.PROVINCE).order_by("code")
    return search(queryset, q)


def province_by_code(code: str | int | None, era: str = Era.CURRENT) -> AdministrativeUnit | None:
    """A province by its code, written "01", "1" or 1."""
    code = _padded(code, 2)
    if code is None:
        return None
    return AdministrativeUnit.objects.filter(era=era, level=UnitLevel.PROVINCE, code=code).first()


def commune_list(
    *, era: str = Era.CURRENT, province: AdministrativeUnit | None = None, q: str | None = None
) -> QuerySet[AdministrativeUnit]:
    """Communes (xã, phường, thị trấn, đặc khu) of an era, optionally of one province, in
    code order, with their district and province fetched in the same query."""
    queryset = AdministrativeUnit.objects.filter(era=era, level=UnitLevel.COMMUNE)
    if era == Era.LEGACY:
        queryset = queryset.select_related("parent__parent")
        if province is not None:
            queryset = queryset.filter(parent__parent=province)
    else:
        queryset = queryset.select_related("parent")
        if province is not None:
            queryset = queryset.filter(parent=province)
    return search(queryset.order_by("code"), q)


def province_of(unit: AdministrativeUnit) -> AdministrativeUnit:
    """The province a unit belongs to, in its own era."""
    while unit.parent_id is not None:
        unit = unit.parent
    return unit


def current_provinces_for(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The current province(s) a unit of either era reports under today.

    A current unit reports under its province. A legacy unit reports under the current
    provinces its successors belong to; a legacy commune the package has no successor for
    (dissolved before 1 July 2025) falls back to its district's, then its province's.
    """
    if unit.era == Era.CURRENT:
        return [province_of(unit)]
    seen: dict[int, AdministrativeUnit] = {}
    node: AdministrativeUnit | None = unit
    while node is not None and not seen:
        for successor in node.successors.select_related("parent"):
            province = province_of(successor)
            seen[province.pk] = province
        node = node.parent
    return sorted(seen.values(), key=lambda p: p.code)


def _padded(code: str | int | None, width: int) -> str | None:
    if code is None:
        return None
    text = str(code).strip()
    if not text:
        return None
    return text.zfill(width) if text.isdigit() else text
