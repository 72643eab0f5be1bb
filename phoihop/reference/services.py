"""Writes for reference data: `refdata_load` brings the tables in line with the sources.

Sources: `reference.data` (ethnic groups, agency kinds) and the `vietnam_provinces` package
(current and legacy administrative units and the 1 July 2025 legacy → current mapping).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from phoihop.core.text import fold, nfc, search_key
from phoihop.reference.data.agency_kinds import AGENCY_KINDS
from phoihop.reference.data.ethnic_groups import ETHNIC_GROUPS, KINH_CODE
from phoihop.reference.models import (
    CODE_SYSTEM_121,
    AdministrativeUnit,
    AgencyKind,
    Era,
    EthnicGroup,
    UnitLevel,
)

BATCH_SIZE = 1000

# The fields AdministrativeUnit folds into search_text; the loader computes it the same way.
UNIT_SEARCH = AdministrativeUnit.search_fields
assert set(UNIT_SEARCH) <= {"name", "division_type"}, "refdata_load computes search_text from these fields"

UnitKey = tuple[str, str, str]  # (era, level, code)

CURRENT, LEGACY = Era.CURRENT.value, Era.LEGACY.value
PROVINCE, DISTRICT, COMMUNE = UnitLevel.PROVINCE.value, UnitLevel.DISTRICT.value, UnitLevel.COMMUNE.value

# Keys of the dict refdata_load returns, in the order the command prints them.
COUNT_KEYS = (
    "ethnic_groups",
    "agency_kinds",
    "current_provinces",
    "current_communes",
    "legacy_provinces",
    "legacy_districts",
    "legacy_communes",
    "successor_links",
)


@dataclass(frozen=True)
class UnitRow:
    key: UnitKey
    name: str
    division_type: str
    parent: UnitKey | None


@dataclass
class Changes:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept_stale: int = 0


# --- reading the package -------------------------------------------------------------------


def _province_code(value: int) -> str:
    return f"{value:02d}"


def _district_code(value: int) -> str:
    return f"{value:03d}"


def _commune_code(value: int) -> str:
    return f"{value:05d}"


def _type_word(division_type: object) -> str:
    return str(getattr(division_type, "value", division_type))


def package_units() -> tuple[list[UnitRow], set[tuple[UnitKey, UnitKey]]]:
    """Every unit of both eras, and the links from legacy units to the current ones.

    Codes are the package's (GSO) codes zero-padded as the package's enums name them:
    provinces "01", districts "001", communes "00004".

    Links:
    - a legacy commune → the current commune(s) that took over its territory
      (`Ward.search_from_legacy`, the package's conversion table);
    - a legacy district → the current province(s) its communes went to (for an island
      district without communes, its province's), and for an island district the special
      zone (đặc khu) of the same name that replaced it;
    - a legacy province → the current province(s) its communes went to. This is derived
      from the commune links rather than taken from the package's province table, which
      is generated from commune rows that carry their own province code: one of them
      (Phường 4, Tân An, Long An) is tagged with Tiền Giang's code and so links Tiền Giang
      to Tây Ninh.
    """
    from vietnam_provinces import Province, Ward
    from vietnam_provinces import legacy as old

    def row(era: str, level: str, code: str, unit, parent: UnitKey | None) -> UnitRow:
        return UnitRow((era, level, code), unit.name, _type_word(unit.division_type), parent)

    def current_province(code: int) -> UnitKey:
        return (CURRENT, PROVINCE, _province_code(code))

    def current_commune(code: int) -> UnitKey:
        return (CURRENT, COMMUNE, _commune_code(code))

    rows: list[UnitRow] = []
    rows += [row(CURRENT, PROVINCE, _province_code(p.code), p, None) for p in Province.iter_all()]
    rows += [
        row(CURRENT, COMMUNE, _commune_code(w.code), w, current_province(w.province_code))
        for w in Ward.iter_all()
    ]
    rows += [row(LEGACY, PROVINCE, _province_code(p.code), p, None) for p in old.Province.iter_all()]
    districts = list(old.District.iter_all())
    rows += [
        row(LEGACY, DISTRICT, _district_code(d.code), d, (LEGACY, PROVINCE, _province_code(d.province_code)))
        for d in districts
    ]

    links: set[tuple[UnitKey, UnitKey]] = set()
    province_of_district = {int(d.code): int(d.province_code) for d in districts}
    province_targets: dict[int, set[int]] = defaultdict(set)
    district_targets: dict[int, set[int]] = defaultdict(set)
    for w in old.Ward.iter_all():
        key = (LEGACY, COMMUNE, _commune_code(w.code))
        rows.append(row(*key, w, (LEGACY, DISTRICT, _district_code(w.district_code))))
        for match in Ward.search_from_legacy(code=int(w.code)):
            links.add((key, current_commune(match.ward.code)))
            district_targets[int(w.district_code)].add(int(match.ward.province_code))
            province_targets[province_of_district[int(w.district_code)]].add(int(match.ward.province_code))

    for p in old.Province.iter_all():
        targets = province_targets.get(int(p.code)) or {
            int(m.province.code) for m in Province.search_from_legacy(code=int(p.code))
        }
        province_targets[int(p.code)] = targets
        links.update(((LEGACY, PROVINCE, _province_code(p.code)), current_province(t)) for t in targets)

    special_zones = {
        (int(w.province_code), _bare_name(w.name)): w.code
        for w in Ward.iter_all()
        if _type_word(w.division_type) == "đặc khu"
    }
    for d in districts:
        key = (LEGACY, DISTRICT, _district_code(d.code))
        # Island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo)
        # go where their province went.
        targets = district_targets.get(int(d.code)) or province_targets[int(d.province_code)]
        for target in targets:
            links.add((key, current_province(target)))
            # Island districts became special zones of the same name (Huyện Côn Đảo → Đặc khu Côn Đảo).
            zone = special_zones.get((target, _bare_name(d.name)))
            if zone is not None:
                links.add((key, current_commune(zone)))
    return rows, links


_TYPE_PREFIXES = ("thành phố", "tỉnh", "quận", "huyện", "thị xã", "thị trấn", "phường", "xã", "đặc khu")


def _bare_name(name: str) -> str:
    """'Huyện Côn Đảo' and 'Đặc khu Côn Đảo' → 'con dao'."""
    lowered = name.lower()
    for prefix in _TYPE_PREFIXES:
        if lowered.startswith(prefix + " "):
            return fold(name[len(prefix) + 1 :])
    return fold(name)


# --- writing ------------------------------------------------------------------------------


def _delete_unreferenced(queryset: models.QuerySet, changes: Changes) -> None:
    """Rows the sources no longer list go, unless a domain record still points to them."""
    if not queryset.exists():
        return
    try:
        with transaction.atomic():
            deleted, _ = queryset.delete()
    except (ProtectedError, RestrictedError):
        pass
    else:
        changes.deleted += deleted
        return
    # Some are still in use: delete the others one by one (stale rows are rare).
    for obj in queryset:
        try:
            with transaction.atomic():
                deleted, _ = obj.delete()
        except (ProtectedError, RestrictedError):
            changes.kept_stale += 1
        else:
            changes.deleted += deleted


def _load_ethnic_groups(changes: Changes) -> None:
    existing = {g.code: g for g in EthnicGroup.objects.filter(code_system=CODE_SYSTEM_121)}
    to_create, to_update = [], []
    for row in ETHNIC_GROUPS:
        wanted = EthnicGroup(
            code_system=CODE_SYSTEM_121,
            code=row.code,
            name=row.name,
            aliases=list(row.aliases),
            is_minority=row.code != KINH_CODE,
        )
        wanted.normalize()  # NFC and search_text, as full_clean() would
        current = existing.get(row.code)
        if current is None:
            to_create.append(wanted)
            continue
        fields = ("name", "aliases", "is_minority", "search_text")
        if any(getattr(current, f) != getattr(wanted, f) for f in fields):
            for f in fields:
                setattr(current, f, getattr(wanted, f))
            to_update.append(current)
    EthnicGroup.objects.bulk_create(to_create)
    EthnicGroup.objects.bulk_update(to_update, ["name", "aliases", "is_minority", "search_text"])
    changes.created += len(to_create)
    changes.updated += len(to_update)
    codes = [row.code for row in ETHNIC_GROUPS]
    _delete_unreferenced(
        EthnicGroup.objects.filter(code_system=CODE_SYSTEM_121).exclude(code__in=codes), changes
    )


def _load_agency_kinds(changes: Changes) -> None:
    existing = {k.code: k for k in AgencyKind.objects.all()}
    to_create, to_update = [], []
    for order, (code, name) in enumerate(AGENCY_KINDS, start=1):
        current = existing.get(code)
        if current is None:
            to_create.append(AgencyKind(code=code, name=name, order=order))
        elif (current.name, current.order) != (name, order):
            current.name, current.order = name, order
            to_update.append(current)
    AgencyKind.objects.bulk_create(to_create)
    AgencyKind.objects.bulk_update(to_update, ["name", "order"])
    changes.created += len(to_create)
    changes.updated += len(to_update)
    _delete_unreferenced(AgencyKind.objects.exclude(code__in=[code for code, _ in AGENCY_KINDS]), changes)


def _unit_ids() -> dict[UnitKey, int]:
    return {
        (era, level, code): pk
        for pk, era, level, code in AdministrativeUnit.objects.values_list("pk", "era", "level", "code")
    }


def _load_units(rows: list[UnitRow], changes: Changes) -> dict[UnitKey, int]:
    fields = ("name", "division_type", "parent_id", "search_text")
    existing = {
        (era, level, code): (pk, tuple(values))
        for pk, era, level, code, *values in AdministrativeUnit.objects.values_list(
            "pk", "era", "level", "code", *fields
        )
    }
    ids = {key: pk for key, (pk, _) in existing.items()}

    # Parents are created before their children: provinces, then districts, then communes.
    for level in UnitLevel.values:
        to_create, to_update = [], []
        for row in rows:
            if row.key[1] != level:
                continue
            # What full_clean() would store: NFC text and the folded search column
            # (bulk_create skips full_clean, so it is computed here).
            name = nfc(row.name).strip()
            search_text = search_key(
                *({"name": name, "division_type": row.division_type}[f] for f in UNIT_SEARCH)
            )
            wanted = (name, row.division_type, ids[row.parent] if row.parent else None, search_text)
            found = existing.get(row.key)
            if found is not None and found[1] == wanted:
                continue
            era, level_, code = row.key
            unit = AdministrativeUnit(
                era=era, level=level_, code=code, **dict(zip(fields, wanted, strict=True))
            )
            if found is None:
                to_create.append(unit)
            else:
                unit.pk = found[0]
                to_update.append(unit)
        if to_create:
            AdministrativeUnit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
            ids = _unit_ids()
        if to_update:
            AdministrativeUnit.objects.bulk_update(
                to_update, ["name", "division_type", "parent", "search_text"], batch_size=BATCH_SIZE
            )
        changes.created += len(to_create)
        changes.updated += len(to_update)

    wanted_keys = {row.key for row in rows}
    stale = [pk for key, pk in ids.items() if key not in wanted_keys]
    if stale:
        _delete_unreferenced(AdministrativeUnit.objects.filter(pk__in=stale), changes)
        ids = _unit_ids()
    return ids


def _load_links(links: Iterable[tuple[UnitKey, UnitKey]], ids: dict[UnitKey, int], changes: Changes) -> int:
    through = AdministrativeUnit.successors.through
    field = AdministrativeUnit._meta.get_field("successors")
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    wanted = {(ids[a], ids[b]) for a, b in links if a in ids and b in ids}
    existing = dict(
        ((a, b), pk)
        for pk, a, b in through.objects.values_list("pk", f"{source}_id", f"{target}_id").iterator(
            chunk_size=5000
        )
    )
    missing = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in sorted(wanted - existing.keys())]
    extra = [pk for pair, pk in existing.items() if pair not in wanted]
    through.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    for start in range(0, len(extra), BATCH_SIZE):
        through.objects.filter(pk__in=extra[start : start + BATCH_SIZE]).delete()
    changes.created += len(missing)
    changes.deleted += len(extra)
    return len(wanted)


def refdata_load(*, stdout: TextIO | None = None) -> dict[str, int]:
    """Bring the reference tables in line with their sources, in one transaction.

    Creates what is missing, updates what changed (names, types, parents, search keys),
    links legacy units to their successors, and deletes rows the sources no longer list
    unless a domain record still refers to them (those are kept and counted as
    `kept_stale`). Only differences are written, so a second run writes nothing.

    Returns the number of rows per table (see COUNT_KEYS) and, for this run, `created`,
    `updated`, `deleted` and `kept_stale`. Writes progress lines to `stdout`
    when given.
    """

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    rows, links = package_units()
    say(f"Đọc gói vietnam_provinces: {len(rows)} đơn vị, {len(links)} liên kết kế thừa.")
    changes = Changes()
    with transaction.atomic():
        _load_ethnic_groups(changes)
        _load_agency_kinds(changes)
        ids = _load_units(rows, changes)
        link_count = _load_links(links, ids, changes)

    by_level: dict[tuple[str, str], int] = defaultdict(int)
    for era, level, _ in ids:
        by_level[(era, level)] += 1
    result = {
        "ethnic_groups": EthnicGroup.objects.filter(code_system=CODE_SYSTEM_121).count(),
        "agency_kinds": AgencyKind.objects.count(),
        "current_provinces": by_level[(CURRENT, PROVINCE)],
        "current_communes": by_level[(CURRENT, COMMUNE)],
        "legacy_provinces": by_level[(LEGACY, PROVINCE)],
        "legacy_districts": by_level[(LEGACY, DISTRICT)],
        "legacy_communes": by_level[(LEGACY, COMMUNE)],
        "successor_links": link_count,
        "created": changes.created,
        "updated": changes.updated,
        "deleted": changes.deleted,
        "kept_stale": changes.kept_stale,
    }
    return result
