"""The reference data as written in phoihop/reference/data, checked against its sources."""

from phoihop.reference.data.agency_kinds import AGENCY_KINDS
from phoihop.reference.data.ethnic_groups import ETHNIC_GROUPS
from phoihop.reference.selectors import name_key

# Decision 121-TCTK/PPCĐ (2 March 1979), "Danh mục các thành phần dân tộc Việt Nam", in the
# decision's order. Written out again here, independently of the data module.
DECISION_121 = """
01 Kinh, 02 Tày, 03 Thái, 04 Hoa, 05 Khơ-me, 06 Mường, 07 Nùng, 08 HMông, 09 Dao, 10 Gia-rai,
11 Ngái, 12 Ê-đê, 13 Ba-na, 14 Xơ-đăng, 15 Sán Chay, 16 Cơ-ho, 17 Chăm, 18 Sán Dìu, 19 Hrê,
20 Mnông, 21 Ra-glai, 22 Xtiêng, 23 Bru-Vân Kiều, 24 Thổ, 25 Giáy, 26 Cơ-tu, 27 Giẻ-Triêng,
28 Mạ, 29 Khơ-mú, 30 Co, 31 Tà-ôi, 32 Chơ-ro, 33 Kháng, 34 Xinh-mun, 35 Hà Nhì, 36 Chu-ru,
37 Lào, 38 La Chí, 39 La Ha, 40 Phù Lá, 41 La Hủ, 42 Lự, 43 Lô Lô, 44 Chứt, 45 Mảng,
46 Pà Thẻn, 47 Cờ Lao, 48 Cống, 49 Bố Y, 50 Si La, 51 Pu Péo, 52 Brâu, 53 Ơ Đu, 54 Rơ-măm
"""


def _decision_rows() -> list[tuple[str, str]]:
    entries = [e.strip() for e in DECISION_121.replace("\n", " ").split(",")]
    return [(entry[:2], entry[3:]) for entry in entries]


def test_ethnic_groups_are_the_54_of_decision_121_in_its_order():
    assert [(row.code, row.name) for row in ETHNIC_GROUPS] == _decision_rows()
    assert len(ETHNIC_GROUPS) == 54


def test_ethnic_group_codes_are_two_digits_01_to_54():
    assert [row.code for row in ETHNIC_GROUPS] == [f"{n:02d}" for n in range(1, 55)]


def test_no_alias_names_two_groups():
    """ethnic_group_match compares names folded and without word breaks."""
    owner: dict[str, str] = {}
    for row in ETHNIC_GROUPS:
        for written in {name_key(row.name), *(name_key(alias) for alias in row.aliases)}:
            assert written not in owner, f"{written!r} names both {owner.get(written)} and {row.name}"
            owner[written] = row.name


def test_common_aliases_are_present():
    aliases = {row.name: set(row.aliases) for row in ETHNIC_GROUPS}
    assert "Việt" in aliases["Kinh"]
    assert "Hán" in aliases["Hoa"]
    assert "Khmer" in aliases["Khơ-me"]
    assert {"Mông", "Mèo"} <= aliases["HMông"]
    assert {"Ê Đê", "Rađê"} <= aliases["Ê-đê"]
    assert "Jrai" in aliases["Gia-rai"]
    assert "Bahnar" in aliases["Ba-na"]
    assert "Chàm" in aliases["Chăm"]
    assert {"Cao Lan", "Sán Chỉ"} <= aliases["Sán Chay"]
    assert "K'Ho" in aliases["Cơ-ho"]


def test_agency_kinds_are_in_the_agreed_order():
    assert [code for code, _ in AGENCY_KINDS] == [
        "ethnic_affairs",
        "fatherland_front",
        "youth_union",
        "womens_union",
        "farmers_union",
        "veterans",
        "party_board",
        "border_guard",
        "department",
        "people_committee",
        "other",
    ]
