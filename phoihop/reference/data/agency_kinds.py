"""Kinds of agencies that sign and carry out coordination programs, in display order."""

AGENCY_KINDS: tuple[tuple[str, str], ...] = (
    ("ethnic_affairs", "Cơ quan công tác dân tộc"),
    ("fatherland_front", "Mặt trận Tổ quốc"),
    ("youth_union", "Đoàn Thanh niên"),
    ("womens_union", "Hội Liên hiệp Phụ nữ"),
    ("farmers_union", "Hội Nông dân"),
    ("veterans", "Hội Cựu chiến binh"),
    ("party_board", "Ban của cấp ủy Đảng"),
    ("border_guard", "Bộ đội Biên phòng"),
    ("department", "Sở, ngành"),
    ("people_committee", "Ủy ban nhân dân"),
    ("other", "Khác"),
)
