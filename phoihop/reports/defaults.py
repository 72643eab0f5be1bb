"""The default templates, built in code (no binary in the repository): the usual structure of a
review report, a joint program and an annual report, with the placeholders of
`docx.PLACEHOLDERS`. An administrator downloads one, edits it in Word and uploads it back."""

from phoihop.reports.layout import Builder

NO_DATA = "Không có số liệu."


def _people(b: Builder, name: str, what: str) -> None:
    columns = [
        ("STT", "stt", 14, "c"),
        (what, "ten", 101, "l"),
        ("Số người tham gia", "nguoi_tham_gia", 50, "r"),
    ]
    b.data_table(name, columns, NO_DATA)


def _figures(b: Builder, first: int) -> int:
    """The numbered result tables shared by the review and the annual report; returns the
    next number."""
    n = first
    b.heading(f"{n}. Kết quả theo nội dung phối hợp")
    b.data_table(
        "theo_noi_dung",
        [
            ("STT", "stt", 14, "c"),
            ("Nội dung phối hợp", "ten", 81, "l"),
            ("Số hoạt động", "hoat_dong", 30, "r"),
            ("Số người tham gia", "nguoi_tham_gia", 40, "r"),
        ],
        NO_DATA,
    )
    n += 1
    b.heading(f"{n}. Kết quả theo cơ quan thực hiện")
    b.data_table(
        "theo_co_quan",
        [
            ("STT", "stt", 14, "c"),
            ("Cơ quan", "ten", 81, "l"),
            ("Số hoạt động", "hoat_dong", 30, "r"),
            ("Số người tham gia", "nguoi_tham_gia", 40, "r"),
        ],
        NO_DATA,
    )
    n += 1
    b.heading(f"{n}. Người tham gia theo dân tộc, giới tính, độ tuổi")
    b.para("a) Theo dân tộc:")
    _people(b, "theo_dan_toc", "Dân tộc")
    b.para("b) Theo giới tính:")
    _people(b, "theo_gioi_tinh", "Giới tính")
    b.para("c) Theo độ tuổi:")
    _people(b, "theo_do_tuoi", "Độ tuổi")
    n += 1
    b.heading(f"{n}. Kết quả thực hiện các chỉ tiêu")
    b.data_table(
        "chi_tieu",
        [
            ("STT", "stt", 12, "c"),
            ("Chỉ tiêu", "ten", 58, "l"),
            ("Đơn vị tính", "don_vi", 22, "c"),
            ("Kết quả", "gia_tri", 25, "r"),
            ("Chỉ tiêu giao", "chi_tieu", 25, "r"),
            ("Tỷ lệ", "ty_le", 23, "r"),
        ],
        "Chương trình chưa đặt chỉ tiêu.",
    )
    n += 1
    b.heading(f"{n}. Gương điển hình, mô hình hiệu quả")
    b.data_table(
        "dien_hinh",
        [
            ("STT", "stt", 12, "c"),
            ("Họ và tên", "ten", 38, "l"),
            ("Dân tộc", "dan_toc", 22, "l"),
            ("Địa bàn", "dia_ban", 35, "l"),
            ("Thành tích", "thanh_tich", 58, "l"),
        ],
        "Không có.",
    )
    n += 1
    b.heading(f"{n}. Kết quả kiểm tra, giám sát")
    b.data_table(
        "ket_qua_giam_sat",
        [
            ("STT", "stt", 12, "c"),
            ("Chính sách", "chinh_sach", 26, "l"),
            ("Địa bàn", "dia_ban", 22, "l"),
            ("Vấn đề phát hiện", "van_de", 29, "l"),
            ("Kiến nghị", "kien_nghi", 30, "l"),
            ("Cơ quan xử lý", "co_quan", 24, "l"),
            ("Tình trạng", "trang_thai", 22, "l"),
        ],
        "Trong kỳ không có cuộc kiểm tra, giám sát.",
    )
    return n + 1


def _totals(b: Builder, when: str) -> None:
    b.para(
        f"{when}, các cơ quan phối hợp đã tổ chức {{{{ tong_so_hoat_dong }}}} hoạt động với "
        "{{ tong_so_nguoi }} lượt người tham gia; tổng kinh phí thực hiện {{ tong_kinh_phi }} đồng."
    )


def _follow_ups(b: Builder, name: str, empty: str) -> None:
    b.data_table(
        name,
        [
            ("STT", "stt", 12, "c"),
            ("Nội dung", "noi_dung", 63, "l"),
            ("Cơ quan thực hiện", "co_quan", 40, "l"),
            ("Thời hạn", "han", 24, "c"),
            ("Tình trạng", "trang_thai", 26, "l"),
        ],
        empty,
    )


def review_report() -> bytes:
    b = Builder()
    b.header()
    b.title()
    b.paragraphs("can_cu", empty="")
    b.para("Thời gian báo cáo: {{ ky_bao_cao }}.")
    b.heading("I. CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN")
    b.para(
        "Hội nghị được tổ chức{% if hoi_nghi_ngay %} ngày {{ hoi_nghi_ngay }}{% endif %}"
        "{% if hoi_nghi_dia_diem %} tại {{ hoi_nghi_dia_diem }}{% endif %}"
        "{% if chu_tri %}, do {{ chu_tri }} chủ trì{% endif %}. Thành phần tham dự gồm:"
    )
    b.data_table(
        "thanh_phan",
        [
            ("STT", "stt", 12, "c"),
            ("Họ và tên", "ten", 45, "l"),
            ("Chức vụ", "chuc_vu", 45, "l"),
            ("Cơ quan", "co_quan", 63, "l"),
        ],
        "Chưa có danh sách đại biểu.",
    )
    b.heading("II. KẾT QUẢ THỰC HIỆN")
    b.heading("1. Kết quả chung")
    _totals(b, "Trong kỳ báo cáo")
    b.paragraphs("ket_qua")
    _figures(b, 2)
    b.heading("III. ĐÁNH GIÁ CHUNG")
    b.heading("1. Hạn chế")
    b.paragraphs("han_che")
    b.heading("2. Nguyên nhân")
    b.paragraphs("nguyen_nhan")
    b.heading("3. Bài học kinh nghiệm")
    b.paragraphs("bai_hoc")
    b.heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    b.heading("1. Phương hướng, nhiệm vụ")
    b.paragraphs("phuong_huong")
    b.heading("2. Kết luận của người chủ trì hội nghị")
    b.data_table(
        "ket_luan",
        [
            ("STT", "stt", 12, "c"),
            ("Nội dung kết luận", "noi_dung", 89, "l"),
            ("Cơ quan thực hiện", "co_quan", 40, "l"),
            ("Thời hạn", "han", 24, "c"),
        ],
        "Không có.",
    )
    b.heading("3. Việc còn tồn đọng chuyển sang kỳ sau")
    _follow_ups(b, "viec_ton_dong", "Không có việc tồn đọng.")
    b.heading("V. KIẾN NGHỊ, ĐỀ XUẤT")
    b.paragraphs("kien_nghi")
    b.signature()
    return b.content()


def annual_report() -> bytes:
    b = Builder()
    b.header()
    b.title()
    b.paragraphs("can_cu", empty="")
    b.heading("I. KẾT QUẢ THỰC HIỆN NĂM {{ nam }}")
    b.heading("1. Kết quả chung")
    _totals(b, "Năm {{ nam }}")
    b.paragraphs("ket_qua")
    b.heading("2. Thực hiện kế hoạch năm của các cơ quan")
    b.data_table(
        "ke_hoach",
        [
            ("STT", "stt", 12, "c"),
            ("Cơ quan", "co_quan", 55, "l"),
            ("Loại hoạt động", "loai", 48, "l"),
            ("Kế hoạch", "ke_hoach", 25, "r"),
            ("Thực hiện", "thuc_hien", 25, "r"),
        ],
        "Các cơ quan chưa lập kế hoạch năm.",
    )
    _figures(b, 3)
    b.heading("II. VIỆC CẦN LÀM TIẾP")
    _follow_ups(b, "viec_can_lam", "Không có việc còn mở.")
    b.heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    b.paragraphs("phuong_huong")
    b.heading("IV. KIẾN NGHỊ, ĐỀ XUẤT")
    b.paragraphs("kien_nghi")
    b.signature()
    return b.content()


def program_document() -> bytes:
    b = Builder()
    b.header()
    b.title()
    b.paragraphs("can_cu", empty="")
    b.heading("I. MỤC TIÊU")
    b.paragraphs("muc_tieu")
    b.heading("II. NỘI DUNG PHỐI HỢP")
    b.tag("{%p for nd in noi_dung %}")
    b.para("{{ nd.stt }}. {{ nd.ten }}", bold=True)
    b.para("{{ nd.mo_ta }}")
    b.para("Cơ quan chủ trì: {{ nd.co_quan }}.", italic=True)
    b.tag("{%p else %}")
    b.para("Không có.")
    b.tag("{%p endfor %}")
    b.heading("III. CƠ CHẾ PHỐI HỢP")
    b.paragraphs("co_che")
    b.heading("IV. TỔ CHỨC THỰC HIỆN")
    b.para("Các cơ quan tham gia chương trình:")
    b.data_table(
        "cac_ben",
        [
            ("STT", "=loop.index", 12, "c"),
            ("Cơ quan", "co_quan", 63, "l"),
            ("Vai trò", "vai_tro", 25, "l"),
            ("Người ký", "nguoi_ky", 35, "l"),
            ("Chức vụ", "chuc_vu", 30, "l"),
        ],
        "Không có.",
    )
    b.party_signatures()
    return b.content()


BUILDERS = {
    "review_report": review_report,
    "program_document": program_document,
    "annual_report": annual_report,
}
