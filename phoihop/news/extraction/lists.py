"""Curated lists the rules read: provinces, agencies, people's titles and name parts,
event keywords and the content-area vocabulary.

Patterns over the *folded* text (see `document.shadow`: lower case, no diacritics, one
character for one character) are plain ASCII; content-area patterns are over the lower-cased
Vietnamese text, because folding merges words the vocabulary must keep apart
("truyền thông" / "truyền thống").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from phoihop.core.text import fold

# --- provinces -------------------------------------------------------------------------------

# The 63 provinces before 1 July 2025 (the 34 current ones all carry one of these names),
# written as the reference data's short names, plus the spellings articles use.
PROVINCES: tuple[str, ...] = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hồ Chí Minh",
    "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng",
    "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip
PROVINCE_ALIASES: dict[str, str] = {
    "bac can": "Bắc Kạn",
    "dak lak": "Đắk Lắk",
    "dac lac": "Đắk Lắk",
    "dak nong": "Đắk Nông",
    "dac nong": "Đắk Nông",
    "kontum": "Kon Tum",
    "tp hcm": "Hồ Chí Minh",
    "tphcm": "Hồ Chí Minh",
    "ba ria vung tau": "Bà Rịa - Vũng Tàu",
}
PROVINCE_BY_KEY: dict[str, str] = {fold(p): p for p in PROVINCES} | PROVINCE_ALIASES


def _province_alternation() -> str:
    keys = sorted(PROVINCE_BY_KEY, key=len, reverse=True)
    # Folded text keeps punctuation, so "Bà Rịa - Vũng Tàu" may be written with any dash.
    return "|".join(re.escape(k).replace(r"\ ", r"[\s\-–]+") for k in keys)


PROVINCE_RE = re.compile(rf"(?<![a-z0-9])({_province_alternation()})(?![a-z0-9])")


def province_name(folded: str) -> str | None:
    """The canonical name of a folded province mention ("thai nguyen" → "Thái Nguyên")."""
    return PROVINCE_BY_KEY.get(re.sub(r"[\s\-–]+", " ", folded).strip())


# --- agencies -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyPattern:
    canonical: str  # may hold "{uy}" for "Tỉnh ủy"/"Thành ủy", "{level}" for "tỉnh"/"thành phố"
    pattern: str  # over folded text
    family: str  # what matching treats as the same agency (Tỉnh đoàn = Thành đoàn)
    central: bool = False


_VN = r"(?: viet nam| vn)?"
_UY = r"(tinh uy|thanh uy)"
# Order matters: the alternation tries them left to right at each position.
AGENCY_PATTERNS: tuple[AgencyPattern, ...] = (
    AgencyPattern("Ban Dân tộc Hội đồng nhân dân", r"ban dan toc (?:hdnd|hoi dong nhan dan)", "hdnd_ethnic"),
    AgencyPattern("Hội đồng Dân tộc", r"hoi dong dan toc", "ethnic_council", central=True),
    AgencyPattern("Bộ Dân tộc và Tôn giáo", r"bo dan toc (?:va|&) ton giao", "ethnic_ministry", central=True),
    AgencyPattern("Sở Dân tộc và Tôn giáo", r"so dan toc (?:va|&) ton giao", "ethnic_affairs"),
    AgencyPattern("Ủy ban Dân tộc", r"(?:uy ban dan toc|ubdt\b)", "ethnic_ministry", central=True),
    AgencyPattern("Ban Dân tộc", r"(?<!uy )ban dan toc", "ethnic_affairs"),
    AgencyPattern("Phòng Dân tộc", r"phong dan toc", "ethnic_affairs_district"),
    AgencyPattern(
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        rf"(?:uy ban |ub )?trung uong (?:mat tran to quoc|mttq){_VN}",
        "fatherland_front_central",
        central=True,
    ),
    AgencyPattern(
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        rf"(?:uy ban |ub ?)?(?:mat tran to quoc|mttq){_VN}|ubmttq(?: ?vn| viet nam)?",
        "fatherland_front",
    ),
    AgencyPattern(
        "Trung ương Đoàn",
        r"trung uong doan(?: tncs ho chi minh| thanh nien cong san ho chi minh)?",
        "youth_central",
        central=True,
    ),
    AgencyPattern("Tỉnh đoàn", r"tinh doan", "youth_union"),
    AgencyPattern("Thành đoàn", r"thanh doan", "youth_union"),
    AgencyPattern(
        "Trung ương Hội Liên hiệp Phụ nữ Việt Nam",
        rf"trung uong hoi (?:lien hiep phu nu|lhpn){_VN}",
        "womens_central",
        central=True,
    ),
    AgencyPattern("Hội Liên hiệp Phụ nữ", rf"hoi (?:lien hiep phu nu|lhpn|lh phu nu){_VN}", "womens_union"),
    AgencyPattern("Hội Nông dân", rf"hoi nong dan{_VN}", "farmers_union"),
    AgencyPattern("Hội Cựu chiến binh", rf"hoi (?:cuu chien binh|ccb){_VN}", "veterans"),
    AgencyPattern("Hội Người cao tuổi", r"hoi nguoi cao tuoi", "elderly"),
    AgencyPattern("Hội Chữ thập đỏ", r"hoi chu thap do", "red_cross"),
    AgencyPattern("Hội Khuyến học", r"hoi khuyen hoc", "study_promotion"),
    AgencyPattern("Liên đoàn Lao động", r"lien doan lao dong", "labour"),
    AgencyPattern("Liên minh Hợp tác xã", r"lien minh (?:hop tac xa|htx)", "cooperatives"),
    AgencyPattern(
        "Ban Tuyên giáo và Dân vận {uy}", rf"ban tuyen giao (?:va|&) dan van {_UY}", "propaganda_mass"
    ),
    AgencyPattern("Ban Dân vận {uy}", rf"ban dan van {_UY}", "mass_mobilisation"),
    AgencyPattern("Ban Tuyên giáo {uy}", rf"ban tuyen giao {_UY}", "propaganda"),
    AgencyPattern(
        "Bộ Chỉ huy Bộ đội Biên phòng",
        r"(?:bo chi huy )?(?:bo doi bien phong|bdbp)|bo chi huy bien phong",
        "border_guard",
    ),
    AgencyPattern("Bộ Chỉ huy Quân sự", r"bo chi huy quan su", "military"),
    AgencyPattern("Công an {level}", r"cong an (tinh|thanh pho)", "police"),
    AgencyPattern("Sở Giáo dục và Đào tạo", r"so giao duc (?:va|&) dao tao|so gd ?(?:&|va) ?dt", "education"),
    AgencyPattern(
        "Sở Văn hóa, Thể thao và Du lịch", r"so van hoa,? the thao (?:va|&) du lich|so vhttdl", "culture"
    ),
    AgencyPattern(
        "Sở Lao động - Thương binh và Xã hội",
        r"so lao dong\s*[-–,]?\s*thuong binh (?:va|&) xa hoi|so ld ?tb ?(?:&|va) ?xh",
        "labour_department",
    ),
    AgencyPattern(
        "Sở Nông nghiệp và Phát triển nông thôn",
        r"so nong nghiep (?:va|&) phat trien nong thon|so nn ?(?:&|va) ?ptnt",
        "agriculture",
    ),
    AgencyPattern("Sở Nông nghiệp và Môi trường", r"so nong nghiep (?:va|&) moi truong", "agriculture"),
    AgencyPattern("Sở Y tế", r"so y te", "health"),
    AgencyPattern("Sở Tư pháp", r"so tu phap", "justice"),
    AgencyPattern("Sở Thông tin và Truyền thông", r"so thong tin (?:va|&) truyen thong", "information"),
    AgencyPattern("Sở Nội vụ", r"so noi vu", "home_affairs"),
    AgencyPattern("Ngân hàng Chính sách xã hội", r"ngan hang chinh sach xa hoi|nhcsxh", "social_bank"),
    AgencyPattern("Đài Phát thanh và Truyền hình", r"dai phat thanh (?:va|-) truyen hinh", "broadcaster"),
    AgencyPattern("Ủy ban nhân dân", r"uy ban nhan dan|ubnd", "people_committee"),
    AgencyPattern("Hội đồng nhân dân", r"hoi dong nhan dan|hdnd", "people_council"),
)
AGENCY_RE = re.compile(
    "|".join(f"(?P<a{i}>(?<![a-z0-9])(?:{p.pattern}))(?![a-z0-9])" for i, p in enumerate(AGENCY_PATTERNS))
)
# Where an agency's name can start: the first letters of every pattern's alternatives.
AGENCY_START_RE = re.compile(
    r"(?<![a-z0-9])(?:ban|bo|so|uy|ub|phong|trung|tinh|thanh|hoi|lien|cong|ngan|nhcsxh|dai|mat|mttq|hdnd|bdbp)"
)
# What follows an agency's name and belongs to it: its level and place.
AGENCY_SUFFIX_RE = re.compile(
    r"(?: chi nhanh)?(?: (?:tinh|thanh pho|tp\.?)(?= |$|[,.;:)]))?"
    rf"(?: ({_province_alternation()})(?![a-z0-9]))?(?: \(cu\))?"
)
CENTRAL_FAMILIES = frozenset(p.family for p in AGENCY_PATTERNS if p.central)

# --- events ---------------------------------------------------------------------------------

EVENT_TYPES = (
    "signing",
    "interim_review",
    "final_review",
    "training",
    "monitoring_visit",
    "commendation",
    "other",
)
EVENT_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("signing", r"ky ket|le ky|ky chuong trinh"),
    ("interim_review", r"so ket"),
    ("final_review", r"tong ket"),
    ("training", r"tap huan|boi duong"),
    ("monitoring_visit", r"giam sat|kiem tra"),
    ("commendation", r"bieu duong|tuyen duong|khen thuong|ton vinh"),
)
EVENT_RE = re.compile(
    "|".join(f"(?P<{kind}>(?<![a-z])(?:{pattern})(?![a-z]))" for kind, pattern in EVENT_KEYWORDS)
)
# A coordination program (chương trình phối hợp) and the instruments that are not one.
COORDINATION_RE = re.compile(
    r"(?<![a-z])(?:chuong trinh (?:phoi hop|lien tich)|ke hoach phoi hop|ctph)(?![a-z])"
)
OTHER_PROGRAM_RE = re.compile(
    r"(?<![a-z])(?:muc tieu quoc gia|mtqg|chuong trinh (?:135|30a|\d{3,4})|1719|chien luoc|de an|"
    r"nghi quyet|quyet dinh|nghi dinh|du an|tam nhin|ke hoach (?:thuc hien|so)|"
    r"giai doan (?:i|ii|iii|1|2|3)(?![a-z0-9])|nhiem ky|nam hoc|nien khoa)(?![a-z])"
)

# --- people ---------------------------------------------------------------------------------

HONORIFICS = (
    "đồng chí", "đ/c", "ông", "bà", "anh", "chị", "già làng",
    "đại tướng", "thượng tướng", "trung tướng", "thiếu tướng",
    "đại tá", "thượng tá", "trung tá", "thiếu tá", "đại úy", "thượng úy",
)  # fmt: skip
# Words a title starts with, compared in lower case with diacritics ("Trưởng" is a title,
# "Trương" a family name).
TITLE_STARTS = (
    "phó", "trưởng", "ủy viên", "bí thư", "chủ tịch", "giám đốc", "chánh", "tổng", "thường trực",
    "chỉ huy", "chính ủy", "thứ trưởng", "bộ trưởng", "vụ trưởng", "cục trưởng", "chủ nhiệm",
    "đại biểu", "chuyên viên", "hiệu trưởng", "thành viên", "tỉnh ủy viên", "thành ủy viên",
    "người có uy tín", "già làng", "cán bộ", "hội viên", "đoàn viên", "trưởng thôn",
    "trưởng bản", "trưởng ban", "trưởng phòng", "kế toán", "đại diện",
)  # fmt: skip
TITLE_START_RE = re.compile(
    rf"(?:{'|'.join(sorted(TITLE_STARTS, key=len, reverse=True))})(?!\w)", re.IGNORECASE
)
# Family names that open a name written after a title without an honorific
# ("Phó Chủ tịch UBND tỉnh Đoàn Thu Hà"); names after an honorific need no list.
SURNAMES = frozenset(fold(s) for s in (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Trịnh", "Mai", "Cao", "Lương", "Tô", "Chu",
    "Lâm", "Hà", "Triệu", "Tạ", "Vi", "Lò", "Lường", "Quàng", "Cầm", "Sùng", "Giàng", "Vàng",
    "Thào", "Mùa", "Lầu", "Hầu", "Nông", "Bế", "Ma", "Lục", "Hứa", "Chẩu", "Điểu", "Thạch",
    "Danh", "Kim", "Sơn", "Lộc", "Đàm", "Quách", "Kiều", "Khổng", "Lại", "Thân", "Tăng", "Mạc",
    "Bạch",
))  # fmt: skip
# --- content areas -------------------------------------------------------------------------

# The fixed vocabulary, each with the phrases (over lower-cased NFC text) that name it.
CONTENT_AREAS: tuple[tuple[str, str], ...] = (
    (
        "tuyên truyền",
        r"tuyên truyền|phổ biến|truyền thông|kiến thức pháp luật|giáo dục pháp luật|"
        r"vận động[^.;]{0,120}(?:chấp hành|thực hiện)[^.;]{0,40}(?:chính sách|pháp luật|chủ trương)",
    ),
    (
        "phát triển kinh tế - xã hội",
        r"phát triển kinh tế|kinh tế\s*[-–,]?\s*xã hội|mô hình kinh tế|phát triển sản xuất|sinh kế|"
        r"lập nghiệp|khởi nghiệp|làm kinh tế|chuỗi liên kết|chuỗi giá trị|kỹ thuật (?:trồng|chăn nuôi|sản xuất)|"
        r"chuyển giao (?:tiến bộ )?khoa học",
    ),
    ("giảm nghèo", r"giảm nghèo|thoát nghèo|xóa đói|hộ nghèo|người nghèo|hội viên nghèo"),
    ("thi đua", r"thi đua|cuộc vận động|phong trào"),
    ("khen thưởng", r"biểu dương|khen thưởng|tuyên dương|tôn vinh|giấy khen|bằng khen"),
    (
        "xây dựng đội ngũ cán bộ",
        r"đội ngũ cán bộ|tạo nguồn cán bộ|(?:đào tạo|bồi dưỡng|tập huấn)[^.;]{0,60}cán bộ|"
        r"cán bộ[^.;]{0,60}(?:đào tạo|bồi dưỡng)|cán bộ (?:là )?người dân tộc thiểu số",
    ),
    (
        "bảo tồn văn hóa",
        r"bảo tồn|bản sắc|văn hóa truyền thống|lễ hội truyền thống|nghề [^.;,]{0,25}truyền thống|tiếng nói|"
        r"chữ viết|phong tục tập quán|dân ca|dạy chữ|giao lưu văn hóa|"
        r"(?:giữ gìn|gìn giữ|phát huy)[^.;]{0,40}(?:văn hóa|truyền thống)",
    ),
    ("tham mưu chính sách", r"tham mưu|đề xuất chính sách|nghiên cứu, đề xuất|phản biện"),
    (
        "giám sát thực hiện chính sách",
        r"giám sát|kiểm tra[^.;]{0,40}(?:thực hiện|chính sách|sử dụng vốn)|"
        r"thực hiện chính sách[^.;]{0,80}kiểm tra",
    ),
    ("an ninh trật tự", r"an ninh|trật tự|quốc phòng|ma túy|mua bán người|hòa giải|tội phạm"),
    ("xây dựng nông thôn mới", r"nông thôn mới"),
    (
        "giáo dục",
        r"học sinh|khuyến học|học bổng|giáo dục và đào tạo|cử tuyển|nâng bước em tới trường|phát triển giáo dục",
    ),
    ("chăm sóc sức khỏe", r"sức khỏe|y tế|khám chữa bệnh|khám bệnh"),
    ("bình đẳng giới", r"bình đẳng giới|tảo hôn|hôn nhân cận huyết|bạo lực gia đình"),
    ("người có uy tín", r"người có uy tín"),
    (
        "xây dựng hệ thống chính trị",
        r"(?:xây dựng|củng cố|kiện toàn)[^.;]{0,30}hệ thống chính trị|củng cố tổ chức (?:đoàn|hội)",
    ),
)
CONTENT_AREA_RES = tuple(
    (name, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")) for name, pattern in CONTENT_AREAS
)
