import pytest

from phoihop.core.search import search
from phoihop.reference.models import AdministrativeUnit
from phoihop.reference.selectors import (
    commune_list,
    ethnic_group_list,
    ethnic_group_match,
    province_by_code,
    province_list,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Kinh", "01"),
        ("việt", "01"),
        ("TÀY", "02"),
        ("tay", "02"),
        ("Hán", "04"),
        ("Khmer", "05"),
        ("Khơ Me", "05"),
        ("H'Mông", "08"),
        ("Hmong", "08"),
        ("Mông", "08"),
        ("Mèo", "08"),
        ("Ê Đê", "12"),
        ("Ede", "12"),
        ("Rađê", "12"),
        ("Jrai", "10"),
        ("Bahnar", "13"),
        ("Xơ Đăng", "14"),
        ("Cao Lan", "15"),
        ("Sán Chỉ", "15"),
        ("K'Ho", "16"),
        ("Chàm", "17"),
        ("Bru - Vân Kiều", "23"),
        ("Rơ Măm", "54"),
    ],
)
def test_ethnic_group_match_finds_the_group_by_name_or_alias(written, code):
    group = ethnic_group_match(written)
    assert group is not None and group.code == code


def test_ethnic_group_match_reads_the_lookalike_eth_as_d():
    assert ethnic_group_match("ÐAO").name == "Dao"


@pytest.mark.parametrize("written", ["", "   ", None, "Người sao Hỏa"])
def test_ethnic_group_match_gives_none_for_unknown_names(written):
    assert ethnic_group_match(written) is None


def test_search_tay_finds_tay_first():
    found = list(ethnic_group_list(q="tay").values_list("name", flat=True))
    assert found[0] == "Tày"


@pytest.mark.parametrize("q", ["hmong", "mong", "HMÔNG", "meo"])
def test_search_finds_hmong_by_folded_name_and_alias(q):
    assert "HMông" in set(ethnic_group_list(q=q).values_list("name", flat=True))


def test_search_mong_does_not_find_mnong_or_muong():
    assert list(ethnic_group_list(q="mong").values_list("name", flat=True)) == ["HMông"]


@pytest.mark.parametrize("q", ["can tho", "Cần Thơ", "CẦN THƠ", "cần  thơ"])
def test_search_can_tho_finds_the_current_city(q):
    assert [p.name for p in province_list(q=q)] == ["Thành phố Cần Thơ"]


def test_search_can_tho_in_legacy_era_finds_the_legacy_city():
    assert [p.name for p in province_list(era="legacy", q="can tho")] == ["Thành phố Cần Thơ"]


def test_search_finds_old_style_tone_placement_either_way():
    # The package writes "Tỉnh Hoà Bình" (old style); both spellings fold the same.
    assert [p.code for p in province_list(era="legacy", q="Hòa Bình")] == ["17"]
    assert [p.code for p in province_list(era="legacy", q="Hoà Bình")] == ["17"]


def test_search_matches_word_starts_only():
    assert not search(AdministrativeUnit.objects.filter(era="current", level="province"), "an tho").exists()


@pytest.mark.parametrize("code", ["92", 92, " 92 "])
def test_province_by_code_accepts_padded_or_plain_codes(code):
    assert province_by_code(code).name == "Thành phố Cần Thơ"


def test_province_by_code_pads_single_digits():
    assert province_by_code("1").name == "Thành phố Hà Nội"
    assert province_by_code(6, era="legacy").name == "Tỉnh Bắc Kạn"


def test_province_by_code_of_a_legacy_only_province_is_none_in_current_era():
    assert province_by_code("06") is None
    assert province_by_code(None) is None
    assert province_by_code("") is None


def test_commune_list_of_a_legacy_province_goes_through_its_districts():
    thai_nguyen = province_by_code("19", era="legacy")
    communes = commune_list(era="legacy", province=thai_nguyen)
    assert (
        communes.count()
        == AdministrativeUnit.objects.filter(
            era="legacy", level="commune", parent__parent=thai_nguyen
        ).count()
    )
    assert communes.filter(code="05431").exists()


def test_commune_list_of_a_current_province():
    can_tho = province_by_code("92")
    names = set(commune_list(province=can_tho, q="soc trang").values_list("name", flat=True))
    assert "Phường Sóc Trăng" in names
