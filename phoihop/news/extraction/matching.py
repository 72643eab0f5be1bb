"""Finding the database's agencies and province for an extraction's names."""

from __future__ import annotations

import datetime as dt
import re

from phoihop.core.text import fold, nfc
from phoihop.news.extraction.agencies import agency_mentions
from phoihop.news.extraction.document import Block, shadow
from phoihop.news.extraction.lists import PROVINCE_BY_KEY

_PROVINCE_KEY_ALIASES = {"thua thien hue": "hue", "tp hcm": "ho chi minh", "tphcm": "ho chi minh"}
_LEVEL_WORDS = (("thanh pho", "tinh"), ("thanh uy", "tinh uy"), ("thanh doan", "tinh doan"))
_PLACE_TAIL = re.compile(
    r"(?:\s+(?:tinh|thanh pho|tp))?(?:\s+(?:"
    + "|".join(sorted(PROVINCE_BY_KEY, key=len, reverse=True))
    + r"))?\s*$"
)


def agency_key(name: str) -> str:
    """What two names of one agency share: the canonical name when the curated patterns know
    the agency ("Ban Dân tộc thành phố Cần Thơ" and "Ban Dân tộc" → "ban dan toc"), else the
    folded name without its place; "Thành đoàn" and "Tỉnh đoàn" alike."""
    text = nfc(name).strip()
    block = Block("name", text, shadow(text))
    mentions = agency_mentions(block)
    if mentions and mentions[0].start == 0 and not re.sub(r"[\W_]", "", block.low[mentions[0].end :]):
        key = fold(mentions[0].name)
    else:
        key = _PLACE_TAIL.sub("", fold(text))
    for city, province in _LEVEL_WORDS:
        key = key.replace(city, province)
    return key


def event_day(result: dict) -> dt.date | None:
    """The extraction's event date as a date; None without one or without its year."""
    value = result.get("event_date") or ""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _resolve_province(province, name: str | None, day: dt.date | None):
    from phoihop.reference.models import REFORM_DATE, AdministrativeUnit

    units = AdministrativeUnit.objects.filter(level="province")
    if province is not None and not isinstance(province, str):
        return province
    if isinstance(province, str) and province.strip():
        code = province.strip().zfill(2) if province.strip().isdigit() else province.strip()
        return units.filter(code=code).order_by("era").first()  # "current" before "legacy"
    if not name:
        return None
    key = fold(name)
    key = _PROVINCE_KEY_ALIASES.get(key, key)
    found = [u for u in units.filter(search_text__contains=f" {key} ") if fold(u.short_name) == key]
    legacy_first = day is not None and day < REFORM_DATE
    found.sort(key=lambda u: (u.era != ("legacy" if legacy_first else "current"), u.code))
    return found[0] if found else None


def _related_units(unit) -> dict[int, int]:
    """Province ids an agency of `unit` may be filed under, ranked: the unit itself, then the
    same-named unit of the other era (Thái Nguyên before and after 2025). Not the units it
    merged into or from: Sóc Trăng's Ban Dân tộc is not Cần Thơ's."""
    from phoihop.reference.models import AdministrativeUnit

    ranks = {unit.pk: 0}
    key = fold(unit.short_name)
    # "Tỉnh Quảng Ninh" became "Thành phố Quảng Ninh": the short names agree.
    for other in AdministrativeUnit.objects.filter(level="province", search_text__contains=f" {key} "):
        if fold(other.short_name) == key:
            ranks.setdefault(other.pk, 1)
    return ranks


def _proposed_name(name: str, unit) -> str:
    """A new agency's full name, as agencies are named in the database: "Ban Dân tộc tỉnh
    Sóc Trăng", "Tỉnh đoàn Thái Nguyên", "Ban Dân vận Thành ủy Cần Thơ"."""
    if unit is None:
        return name
    place = unit.short_name
    if re.search(r"(?:Tỉnh ủy|Thành ủy)$|^(?:Tỉnh đoàn|Thành đoàn|Công an)", name):
        return f"{name} {place}"
    level = "thành phố" if unit.name.startswith("Thành phố") else "tỉnh"
    return f"{name} {level} {place}"


def match_agencies(result: dict, *, province=None) -> dict:
    """The database's agencies for the extraction's lead and partners, and its province.

    `province`: an AdministrativeUnit, a province code ("92": current units first) or None
    (then `result["province"]` is looked up by name among provinces of both eras, the era of
    the event's date first: a 2016 "Thái Nguyên" is the legacy unit, a 2026 one the current
    unit). An agency matches when its name gives the same `agency_key` and it is filed under
    that province, the same-named unit of the other era, or no province; the closest wins,
    then one valid on the event's date.

    Returns {"lead_agency": {"name", "extracted_name", "agency_id", "is_new"} or None,
    "partner_agencies": [same], "province_code", "province_id"}: `name` is the matched
    agency's name, or for a new one the extracted name with the province added.
    """
    from django.db.models import Q

    from phoihop.agencies.models import Agency

    day = event_day(result)
    unit = _resolve_province(province, result.get("province"), day)
    if unit is not None:
        ranks = _related_units(unit)
        candidates = Agency.objects.filter(Q(province_id__in=ranks) | Q(province__isnull=True))
    else:
        ranks = {}
        candidates = Agency.objects.filter(province__isnull=True)
    by_key: dict[str, list] = {}
    for agency in candidates.only("pk", "name", "short_name", "province_id", "valid_from", "valid_to"):
        for key in {agency_key(agency.name), agency_key(agency.short_name) if agency.short_name else ""} - {
            ""
        }:
            by_key.setdefault(key, []).append(agency)

    def valid(agency) -> bool:
        if day is None:
            return True
        return (agency.valid_from is None or agency.valid_from <= day) and (
            agency.valid_to is None or agency.valid_to >= day
        )

    def one(name: str | None) -> dict | None:
        if not name:
            return None
        matches = by_key.get(agency_key(name), [])
        matches.sort(key=lambda a: (ranks.get(a.province_id, 3), not valid(a), a.pk))
        if matches:
            best = matches[0]
            return {"name": best.name, "extracted_name": name, "agency_id": best.pk, "is_new": False}
        return {"name": _proposed_name(name, unit), "extracted_name": name, "agency_id": None, "is_new": True}

    return {
        "lead_agency": one(result.get("lead_agency")),
        "partner_agencies": [one(name) for name in result.get("partner_agencies") or [] if name],
        "province_code": unit.code if unit is not None else None,
        "province_id": unit.pk if unit is not None else None,
    }
