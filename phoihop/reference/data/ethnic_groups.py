"""The 54 ethnic groups of Viet Nam with the codes of Decision 121-TCTK/PPCĐ (2 March 1979).

Codes and order follow the decision's list (01 Kinh … 54 Rơ-măm). The census code list of
the General Statistics Office orders them differently (04 Mường, 05 Khmer, 06 Hoa…), which
is why a code is stored together with its code system.

Aliases are other names and local groups under which people of the group are recorded
(the decision's names in parentheses, common spellings and the main local groups). An alias
never repeats another group's name or alias once folded and stripped of word breaks
(reference.selectors.name_key), so a name written any of these ways resolves to exactly
one group (checked by tests/reference/test_data.py).
"""

from typing import NamedTuple


class EthnicGroupRow(NamedTuple):
    code: str
    name: str
    aliases: tuple[str, ...]


KINH_CODE = "01"

ETHNIC_GROUPS: tuple[EthnicGroupRow, ...] = (
    EthnicGroupRow("01", "Kinh", ("Việt",)),
    EthnicGroupRow("02", "Tày", ("Ngạn", "Phén", "Thù Lao", "Pa Dí")),
    EthnicGroupRow("03", "Thái", ("Tày Đăm", "Tày Khao", "Tày Mười", "Tày Thanh", "Hàng Tổng", "Pa Thay")),
    EthnicGroupRow("04", "Hoa", ("Hán", "Triều Châu", "Phúc Kiến", "Quảng Đông", "Hải Nam", "Xạ Phạng")),
    EthnicGroupRow("05", "Khơ-me", ("Khmer", "Khơ-me Krôm", "Việt gốc Miên", "Cur", "Cul")),
    EthnicGroupRow("06", "Mường", ("Mol", "Mual", "Ậu Tá")),
    EthnicGroupRow(
        "07", "Nùng", ("Xuồng", "Nùng Giang", "Nùng An", "Phàn Sinh", "Nùng Cháo", "Nùng Lòi", "Khèn Lài")
    ),
    EthnicGroupRow(
        "08", "HMông", ("Mông", "H'Mông", "Mèo", "Mèo Hoa", "Mèo Xanh", "Mèo Đỏ", "Mèo Đen", "Ná Mẻo")
    ),
    EthnicGroupRow(
        "09", "Dao", ("Mán", "Động", "Dìu Miền", "Kiềm Miền", "Dao Đỏ", "Dao Tiền", "Dao Quần Chẹt")
    ),
    EthnicGroupRow("10", "Gia-rai", ("Jrai", "Giơ-rai", "Tơ-buăn", "Chơ-rai", "Hđrung")),
    EthnicGroupRow("11", "Ngái", ("Xín", "Lê", "Đản", "Khách Gia")),
    EthnicGroupRow("12", "Ê-đê", ("Ê Đê", "Rađê", "Rhade", "Kpạ", "A-đham", "Krung", "Ktul", "Bih")),
    EthnicGroupRow(
        "13", "Ba-na", ("Bahnar", "Gơ-lar", "Tơ-lô", "Giơ-lâng", "Rơ-ngao", "Krem", "Roh", "Kon Kđe")
    ),
    EthnicGroupRow("14", "Xơ-đăng", ("Xơ Đăng", "Sedang", "Xơ-teng", "Hđang", "Tơ-đra", "Mơ-nâm", "Ca-dong")),
    EthnicGroupRow("15", "Sán Chay", ("Cao Lan", "Sán Chỉ", "Cao Lan - Sán Chỉ", "Hờn Bạn")),
    EthnicGroupRow("16", "Cơ-ho", ("K'Ho", "Kơ Ho", "Xrê", "Nốp", "Tu Lốp", "Cơ-don", "Lạch", "Trinh")),
    EthnicGroupRow("17", "Chăm", ("Chàm", "Chiêm Thành", "Chăm Hroi", "Chăm Pa")),
    EthnicGroupRow("18", "Sán Dìu", ("Sán Dẻo", "Trại", "Trại Đất", "Mán Quần Cộc")),
    EthnicGroupRow("19", "Hrê", ("H're", "Chăm Rê", "Chom", "Krẹ")),
    EthnicGroupRow(
        "20", "Mnông", ("M'Nông", "Pnông", "Mnông Gar", "Mnông Nông", "Mnông Prêh", "Bu-đâng", "Biat")
    ),
    EthnicGroupRow("21", "Ra-glai", ("Raglai", "Ra-clây", "Rai", "Noang", "La-oang")),
    EthnicGroupRow("22", "Xtiêng", ("X'tiêng", "Stiêng", "Xa-điêng", "Bù Lơ", "Bù Đéc")),
    EthnicGroupRow("23", "Bru-Vân Kiều", ("Bru", "Vân Kiều", "Măng Coong", "Tri", "Khùa")),
    EthnicGroupRow("24", "Thổ", ("Kẹo", "Mọn", "Cuối", "Đan Lai", "Ly Hà", "Tày Pọng")),
    EthnicGroupRow("25", "Giáy", ("Nhắng", "Dẩng", "Pầu Thìn Nu Nà", "Cùi Chu")),
    EthnicGroupRow("26", "Cơ-tu", ("Ca-tu", "Katu", "Cao", "Phương")),
    EthnicGroupRow("27", "Giẻ-Triêng", ("Gié-Triêng", "Giẻ", "Triêng", "Ta-riêng", "Ve", "La-ve", "Ca-tang")),
    EthnicGroupRow("28", "Mạ", ("Châu Mạ", "Mạ Ngăn", "Mạ Xóp", "Mạ Tô", "Mạ Krung")),
    EthnicGroupRow("29", "Khơ-mú", ("Khmu", "Xá Cẩu", "Mứn Xen", "Pu Thênh", "Tềnh")),
    EthnicGroupRow("30", "Co", ("Cor", "Col", "Cùa", "Trầu")),
    EthnicGroupRow("31", "Tà-ôi", ("Tôi-ôi", "Pa-cô", "Pa-hi")),
    EthnicGroupRow("32", "Chơ-ro", ("Dơ-ro", "Châu-ro")),
    EthnicGroupRow("33", "Kháng", ("Xá Khao", "Xá Súa", "Xá Dón", "Xá Dẩng", "Xá Hốc", "Xá Ái", "Xá Bung")),
    EthnicGroupRow("34", "Xinh-mun", ("Puộc", "Pụa")),
    EthnicGroupRow("35", "Hà Nhì", ("U Ni", "Xá U Ni")),
    EthnicGroupRow("36", "Chu-ru", ("Chơ-ru",)),
    EthnicGroupRow("37", "Lào", ("Lào Bốc", "Lào Nọi")),
    EthnicGroupRow("38", "La Chí", ("Cù Tê", "La Quả")),
    EthnicGroupRow("39", "La Ha", ("Khlá Phlạo",)),
    EthnicGroupRow("40", "Phù Lá", ("Bồ Khô Pạ", "Mu Di", "Pạ Xá", "Phó", "Phổ", "Va Xơ")),
    EthnicGroupRow("41", "La Hủ", ("Pu Đang", "Khù Xung", "Cò Xung", "Khả Quy")),
    EthnicGroupRow("42", "Lự", ("Lừ", "Nhuồn", "Duôn")),
    EthnicGroupRow("43", "Lô Lô", ("Mun Di",)),
    EthnicGroupRow("44", "Chứt", ("Rục", "Sách", "Mày", "Arem", "Mã Liềng")),
    EthnicGroupRow("45", "Mảng", ("Mảng Ư", "Xá Lá Vàng")),
    EthnicGroupRow("46", "Pà Thẻn", ("Pà Hưng", "Tống")),
    EthnicGroupRow("47", "Cờ Lao", ("Co Lao",)),
    EthnicGroupRow("48", "Cống", ("Xắm Khống", "Mấng Nhé", "Xá Xeng")),
    EthnicGroupRow("49", "Bố Y", ("Chủng Chá", "Trọng Gia", "Tu Dí", "Tu Din")),
    EthnicGroupRow("50", "Si La", ("Cù Dề Xừ", "Khả Pẻ")),
    EthnicGroupRow("51", "Pu Péo", ("Ka Pèo", "Pen Ti Lô Lô")),
    EthnicGroupRow("52", "Brâu", ("Brao",)),
    EthnicGroupRow("53", "Ơ Đu", ("Tày Hạt",)),
    EthnicGroupRow("54", "Rơ-măm", ()),
)
