"""refdata_load: counts, idempotency, and the legacy → current mapping.

The test database is loaded once per session (tests/conftest.py); these tests read it and,
inside their own transaction, load again.
"""

import pytest

from phoihop.reference.models import CODE_SYSTEM_121, AdministrativeUnit, AgencyKind, EthnicGroup
from phoihop.reference.selectors import current_provinces_for, province_by_code
from phoihop.reference.services import refdata_load

pytestmark = pytest.mark.django_db


def units(era: str, level: str):
    return AdministrativeUnit.objects.filter(era=era, level=level)


def test_counts_of_every_table():
    assert EthnicGroup.objects.filter(code_system=CODE_SYSTEM_121).count() == 54
    assert AgencyKind.objects.count() == 11
    assert units("current", "province").count() == 34
    assert units("current", "commune").count() == 3321
    assert units("current", "district").count() == 0
    assert units("legacy", "province").count() == 63
    assert units("legacy", "district").count() == 696
    assert units("legacy", "commune").count() == 10051


def test_ethnic_group_codes_match_decision_121():
    names = dict(EthnicGroup.objects.filter(code_system=CODE_SYSTEM_121).values_list("code", "name"))
    assert names["01"] == "Kinh"
    assert names["04"] == "Hoa"
    assert names["05"] == "Khơ-me"
    assert names["06"] == "Mường"
    assert names["08"] == "HMông"
    assert names["11"] == "Ngái"
    assert names["23"] == "Bru-Vân Kiều"
    assert names["47"] == "Cờ Lao"
    assert names["52"] == "Brâu"
    assert names["53"] == "Ơ Đu"
    assert names["54"] == "Rơ-măm"


def test_only_kinh_is_not_a_minority():
    majority = EthnicGroup.objects.filter(is_minority=False)
    assert list(majority.values_list("code", "name")) == [("01", "Kinh")]


def test_search_text_is_folded_for_bulk_loaded_rows():
    unit = AdministrativeUnit.objects.get(era="current", level="province", code="92")
    assert unit.search_text == " thanh pho can tho thanh pho trung uong "
    unit.full_clean()  # the model computes the same key the loader stored
    assert unit.search_text == " thanh pho can tho thanh pho trung uong "
    group = EthnicGroup.objects.get(code="08")
    assert group.search_text.startswith(" hmong mong h mong meo ")


def test_codes_are_zero_padded_as_in_the_package():
    assert units("current", "province").filter(code="01").get().name == "Thành phố Hà Nội"
    assert units("legacy", "district").filter(code="001").get().name == "Quận Ba Đình"
    assert units("current", "commune").filter(code="00004").get().name == "Phường Ba Đình"


def test_division_types_are_vietnamese_type_words():
    assert set(units("current", "province").values_list("division_type", flat=True)) == {
        "tỉnh",
        "thành phố trung ương",
    }
    assert set(units("current", "commune").values_list("division_type", flat=True)) == {
        "xã",
        "phường",
        "đặc khu",
    }
    assert set(units("legacy", "district").values_list("division_type", flat=True)) == {
        "quận",
        "huyện",
        "thị xã",
        "thành phố",
    }
    assert set(units("legacy", "commune").values_list("division_type", flat=True)) == {
        "xã",
        "phường",
        "thị trấn",
    }


def test_parents_follow_the_two_tier_and_three_tier_structures():
    assert not units("current", "commune").filter(parent__isnull=True).exists()
    assert not units("current", "commune").exclude(parent__level="province").exists()
    assert not units("legacy", "commune").exclude(parent__level="district").exists()
    assert not units("legacy", "district").exclude(parent__level="province").exists()
    assert not units("legacy", "commune").exclude(parent__era="legacy").exists()


def test_second_load_writes_nothing_and_keeps_ids():
    ids_before = set(AdministrativeUnit.objects.values_list("pk", flat=True))
    links_before = AdministrativeUnit.successors.through.objects.count()

    result = refdata_load()

    assert (result["created"], result["updated"], result["deleted"], result["kept_stale"]) == (0, 0, 0, 0)
    assert set(AdministrativeUnit.objects.values_list("pk", flat=True)) == ids_before
    assert AdministrativeUnit.successors.through.objects.count() == links_before
    assert result["ethnic_groups"] == 54
    assert result["current_provinces"] == 34
    assert result["current_communes"] == 3321
    assert result["legacy_provinces"] == 63
    assert result["legacy_districts"] == 696
    assert result["legacy_communes"] == 10051
    assert result["successor_links"] == links_before


def test_load_restores_a_changed_name_and_its_search_key():
    unit = AdministrativeUnit.objects.get(era="current", level="province", code="92")
    AdministrativeUnit.objects.filter(pk=unit.pk).update(name="Cần Thơ cũ", search_text=" can tho cu ")

    result = refdata_load()

    unit.refresh_from_db()
    assert (result["created"], result["updated"], result["deleted"]) == (0, 1, 0)
    assert unit.name == "Thành phố Cần Thơ"
    assert unit.search_text == " thanh pho can tho thanh pho trung uong "


def test_load_restores_a_removed_successor_link_and_drops_an_unknown_one():
    bac_kan = province_by_code("06", era="legacy")
    thai_nguyen = province_by_code("19")
    hanoi = province_by_code("01")
    bac_kan.successors.set([hanoi])

    result = refdata_load()

    assert list(bac_kan.successors.all()) == [thai_nguyen]
    assert (result["created"], result["deleted"]) == (1, 1)


def test_load_deletes_an_unlisted_unreferenced_ethnic_group():
    EthnicGroup.objects.create(code="99", name="Không có trong quyết định")

    result = refdata_load()

    assert result["deleted"] == 1
    assert not EthnicGroup.objects.filter(code="99").exists()


def test_load_keeps_an_unlisted_agency_kind_that_an_agency_uses():
    from phoihop.agencies.models import Agency

    kind = AgencyKind.objects.create(code="obsolete", name="Loại cũ", order=99)
    AgencyKind.objects.create(code="unused", name="Loại không dùng", order=100)
    Agency.objects.create(name="Cơ quan thử", kind=kind)

    result = refdata_load()

    assert (result["kept_stale"], result["deleted"]) == (1, 1)
    assert AgencyKind.objects.filter(code="obsolete").exists()
    assert not AgencyKind.objects.filter(code="unused").exists()


# --- legacy → current mapping ----------------------------------------------------------------


def test_legacy_bac_kan_province_goes_to_thai_nguyen():
    bac_kan = province_by_code("06", era="legacy")
    assert bac_kan.name == "Tỉnh Bắc Kạn"
    assert [p.name for p in bac_kan.successors.all()] == ["Tỉnh Thái Nguyên"]


def test_every_legacy_province_has_a_current_successor():
    assert not units("legacy", "province").filter(successors__isnull=True).exists()
    assert (
        not units("legacy", "province")
        .exclude(successors__era="current", successors__level="province")
        .exists()
    )


def test_legacy_tien_giang_goes_to_dong_thap_only():
    """The package's province table also says Tây Ninh, from one mis-tagged Long An commune."""
    tien_giang = province_by_code("82", era="legacy")
    assert [p.name for p in tien_giang.successors.all()] == ["Tỉnh Đồng Tháp"]


def test_legacy_soc_trang_commune_goes_to_a_current_can_tho_commune():
    phuong_5 = AdministrativeUnit.objects.get(era="legacy", level="commune", code="31498")
    assert (phuong_5.name, phuong_5.parent.name, phuong_5.parent.parent.name) == (
        "Phường 5",
        "Thành phố Sóc Trăng",
        "Tỉnh Sóc Trăng",
    )

    successors = list(phuong_5.successors.select_related("parent"))

    assert [(s.era, s.level, s.code, s.name) for s in successors] == [
        ("current", "commune", "31507", "Phường Sóc Trăng")
    ]
    assert successors[0].parent.name == "Thành phố Cần Thơ"
    assert [p.name for p in current_provinces_for(phuong_5)] == ["Thành phố Cần Thơ"]


def test_legacy_thai_nguyen_district_and_commune_go_to_current_units():
    dai_tu = AdministrativeUnit.objects.get(era="legacy", level="district", code="171")
    assert dai_tu.name == "Huyện Đại Từ"
    assert [(p.level, p.name) for p in dai_tu.successors.all()] == [("province", "Tỉnh Thái Nguyên")]

    quan_trieu = AdministrativeUnit.objects.get(era="legacy", level="commune", code="05431")
    assert quan_trieu.name == "Phường Quán Triều"
    successor = quan_trieu.successors.get()
    assert (successor.era, successor.name, successor.parent.name) == (
        "current",
        "Phường Quan Triều",
        "Tỉnh Thái Nguyên",
    )


def test_island_district_without_communes_goes_to_its_special_zone_and_province():
    con_dao = AdministrativeUnit.objects.get(era="legacy", level="district", name="Huyện Côn Đảo")
    assert sorted((s.level, s.name) for s in con_dao.successors.all()) == [
        ("commune", "Đặc khu Côn Đảo"),
        ("province", "Thành phố Hồ Chí Minh"),
    ]


def test_every_legacy_district_reports_under_a_current_province():
    assert not units("legacy", "district").exclude(successors__level="province").exists()


def test_legacy_commune_successors_are_current_communes():
    links = AdministrativeUnit.successors.through.objects.filter(from_administrativeunit__level="commune")
    assert not links.exclude(
        to_administrativeunit__era="current", to_administrativeunit__level="commune"
    ).exists()


def test_legacy_communes_without_successor_are_the_package_gaps():
    """28 legacy communes (dissolved in the 2024-2025 rounds before 1 July 2025) are not in
    the package's conversion table; they report under their district's province."""
    orphans = units("legacy", "commune").filter(successors__isnull=True)
    assert orphans.count() == 28
    orphan = orphans.select_related("parent__parent").get(code="26935")  # Phường 14, Bình Thạnh
    assert [p.name for p in current_provinces_for(orphan)] == ["Thành phố Hồ Chí Minh"]


def test_current_unit_reports_under_its_province():
    commune = AdministrativeUnit.objects.get(era="current", level="commune", code="31507")
    assert [p.code for p in current_provinces_for(commune)] == ["92"]
