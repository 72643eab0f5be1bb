"""A complete, invented set of values for each kind of document, as the context builders
produce them: used to try an uploaded template, for the "Tải bản xem thử" download, by the
tests and by the benchmark."""

_COMMON_REVIEW = {
    "co_quan_chu_quan": "Ủy ban nhân dân tỉnh Thái Nguyên",
    "co_quan_ban_hanh": "Ban Dân tộc",
    "so_ky_hieu": "127/BC-BDT",
    "dia_danh_ngay": "Thái Nguyên, ngày 18 tháng 7 năm 2024",
    "tieu_de": "BÁO CÁO",
    "trich_yeu": (
        "Sơ kết 3 năm thực hiện Chương trình phối hợp tuyên truyền, phổ biến chính sách dân tộc "
        "giai đoạn 2021 - 2025"
    ),
    "quyen_han_ky": "KT. TRƯỞNG BAN",
    "chuc_vu_ky": "PHÓ TRƯỞNG BAN",
    "nguoi_ky": "Hoàng Thị Thu Hà",
    "noi_nhan": [
        "- Ủy ban Dân tộc (b/c);",
        "- Thường trực Tỉnh ủy, HĐND tỉnh (b/c);",
        "- UBND tỉnh (b/c);",
        "- Ủy ban MTTQ Việt Nam tỉnh;",
        "- Các cơ quan phối hợp;",
        "- Lãnh đạo Ban;",
        "- Lưu: VT, TTCS.",
    ],
    "can_cu": [
        "Căn cứ Chương trình phối hợp số 02/CTrPH-BDT-MTTQ ngày 13/5/2021 giữa Ban Dân tộc và Ủy ban "
        "Mặt trận Tổ quốc Việt Nam tỉnh về tuyên truyền, phổ biến chính sách dân tộc giai đoạn 2021 - 2025;",
        "Ban Dân tộc tỉnh báo cáo kết quả sơ kết 3 năm thực hiện Chương trình như sau:",
    ],
}

_FIGURES = {
    "tong_so_hoat_dong": "1.284",
    "tong_so_nguoi": "86.517",
    "tong_kinh_phi": "4.365.200.000",
    "theo_noi_dung": [
        {
            "stt": "1",
            "ten": "Tuyên truyền, phổ biến chính sách dân tộc",
            "hoat_dong": "642",
            "nguoi_tham_gia": "51.230",
        },
        {
            "stt": "2",
            "ten": "Phát triển kinh tế, giảm nghèo bền vững",
            "hoat_dong": "415",
            "nguoi_tham_gia": "24.908",
        },
        {
            "stt": "3",
            "ten": "Giữ gìn bản sắc văn hóa các dân tộc",
            "hoat_dong": "227",
            "nguoi_tham_gia": "10.379",
        },
    ],
    "theo_co_quan": [
        {"stt": "1", "ten": "Ban Dân tộc tỉnh", "hoat_dong": "531", "nguoi_tham_gia": "38.004"},
        {"stt": "2", "ten": "Ủy ban MTTQ Việt Nam tỉnh", "hoat_dong": "488", "nguoi_tham_gia": "31.662"},
        {"stt": "3", "ten": "Hội Liên hiệp Phụ nữ tỉnh", "hoat_dong": "265", "nguoi_tham_gia": "16.851"},
    ],
    "theo_dan_toc": [
        {"stt": "1", "ten": "Tày", "nguoi_tham_gia": "31.420"},
        {"stt": "2", "ten": "Nùng", "nguoi_tham_gia": "18.755"},
        {"stt": "3", "ten": "Dao", "nguoi_tham_gia": "9.806"},
        {"stt": "4", "ten": "Sán Chay", "nguoi_tham_gia": "6.112"},
        {"stt": "5", "ten": "Kinh", "nguoi_tham_gia": "20.424"},
    ],
    "theo_gioi_tinh": [
        {"stt": "1", "ten": "Nam", "nguoi_tham_gia": "40.118"},
        {"stt": "2", "ten": "Nữ", "nguoi_tham_gia": "46.399"},
    ],
    "theo_do_tuoi": [
        {"stt": "1", "ten": "Dưới 16 tuổi", "nguoi_tham_gia": "7.950"},
        {"stt": "2", "ten": "Từ 16 đến 30 tuổi", "nguoi_tham_gia": "21.336"},
        {"stt": "3", "ten": "Từ 31 đến 60 tuổi", "nguoi_tham_gia": "45.870"},
        {"stt": "4", "ten": "Trên 60 tuổi", "nguoi_tham_gia": "11.361"},
    ],
    "chi_tieu": [
        {
            "stt": "1",
            "ten": "Người có uy tín được bồi dưỡng, tập huấn",
            "don_vi": "người",
            "gia_tri": "1.120",
            "chi_tieu": "1.500",
            "ty_le": "74,7%",
        },
        {
            "stt": "2",
            "ten": "Mô hình sinh kế được hỗ trợ",
            "don_vi": "mô hình",
            "gia_tri": "38",
            "chi_tieu": "30",
            "ty_le": "126,7%",
        },
    ],
    "ket_qua": [
        "Các cơ quan phối hợp đã chủ động xây dựng kế hoạch hằng năm, phân công rõ nhiệm vụ; công tác "
        "tuyên truyền được đổi mới theo hướng đối thoại trực tiếp tại thôn, bản, kết hợp phát thanh "
        "song ngữ Kinh - Tày.",
        "Đội ngũ người có uy tín phát huy vai trò cầu nối, vận động đồng bào chấp hành chủ trương của "
        "Đảng, chính sách, pháp luật của Nhà nước & giữ gìn an ninh trật tự <ở cơ sở>.",
    ],
    "dien_hinh": [
        {
            "stt": "1",
            "ten": "Ma Văn Thắng",
            "dan_toc": "Tày",
            "dia_ban": "xã Phú Đình",
            "thanh_tich": "Vận động hiến 1.200 m² đất làm đường liên thôn",
        },
        {
            "stt": "2",
            "ten": "Triệu Thị Mai",
            "dan_toc": "Dao",
            "dia_ban": "xã Yên Trạch",
            "thanh_tich": "Duy trì câu lạc bộ hát Páo Dung với 45 thành viên",
        },
    ],
    "ket_qua_giam_sat": [
        {
            "stt": "1",
            "chinh_sach": "Hỗ trợ nước sinh hoạt phân tán",
            "dia_ban": "xã Linh Thông",
            "van_de": "Chậm cấp bồn chứa nước cho 12 hộ",
            "kien_nghi": "Hoàn thành cấp phát trong quý III",
            "co_quan": "UBND xã Linh Thông",
            "trang_thai": "Đang xử lý",
        },
    ],
    "phuong_huong": [
        "Tiếp tục đổi mới nội dung, hình thức tuyên truyền phù hợp với từng dân tộc, từng địa bàn; "
        "ưu tiên các xã đặc biệt khó khăn.",
        "Tăng cường kiểm tra, giám sát việc thực hiện chính sách tại cơ sở; kịp thời biểu dương, "
        "nhân rộng các mô hình hiệu quả.",
    ],
    "kien_nghi": [
        "Đề nghị Ủy ban Dân tộc tiếp tục hỗ trợ tài liệu tuyên truyền song ngữ cho tỉnh.",
    ],
}

REVIEW_REPORT = {
    **_COMMON_REVIEW,
    **_FIGURES,
    "ky_bao_cao": "từ ngày 13/5/2021 đến ngày 30/6/2024",
    "hoi_nghi_ngay": "15/7/2024",
    "hoi_nghi_dia_diem": "Hội trường Ban Dân tộc tỉnh, thành phố Thái Nguyên",
    "chu_tri": "ông Nông Văn Khánh, Trưởng Ban Dân tộc tỉnh",
    "thanh_phan": [
        {"stt": "1", "ten": "Nông Văn Khánh", "chuc_vu": "Trưởng ban", "co_quan": "Ban Dân tộc tỉnh"},
        {"stt": "2", "ten": "Lý Thị Hồng", "chuc_vu": "Phó Chủ tịch", "co_quan": "Ủy ban MTTQ Việt Nam tỉnh"},
        {
            "stt": "3",
            "ten": "Đặng Văn Sơn",
            "chuc_vu": "Trưởng phòng",
            "co_quan": "Hội Liên hiệp Phụ nữ tỉnh",
        },
    ],
    "han_che": [
        "Một số hoạt động chưa báo cáo đúng hạn; số liệu người tham gia ở vài địa bàn còn ước tính.",
    ],
    "nguyen_nhan": [
        "Địa bàn rộng, chia cắt; cán bộ làm công tác dân tộc ở cấp xã kiêm nhiệm nhiều việc.",
    ],
    "bai_hoc": [
        "Phải có sự thống nhất cao giữa các cơ quan từ khâu xây dựng kế hoạch đến kiểm tra, đánh giá.",
    ],
    "ket_luan": [
        {
            "stt": "1",
            "noi_dung": "Hoàn thiện bộ tài liệu tuyên truyền song ngữ Kinh - Tày",
            "co_quan": "Ban Dân tộc tỉnh",
            "han": "30/9/2024",
        },
        {
            "stt": "2",
            "noi_dung": "Tổ chức hội nghị biểu dương người có uy tín",
            "co_quan": "Ủy ban MTTQ Việt Nam tỉnh",
            "han": "15/11/2024",
        },
    ],
    "viec_ton_dong": [
        {
            "stt": "1",
            "noi_dung": "Cập nhật danh sách người có uy tín sau sắp xếp đơn vị hành chính",
            "co_quan": "Ban Dân tộc tỉnh",
            "han": "31/3/2024",
            "trang_thai": "Quá hạn",
        },
    ],
}

PROGRAM_DOCUMENT = {
    "co_quan_chu_quan": "",
    "co_quan_ban_hanh": "Ban Dân tộc - Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
    "so_ky_hieu": "02/CTrPH-BDT-MTTQ",
    "dia_danh_ngay": "Thái Nguyên, ngày 13 tháng 5 năm 2021",
    "tieu_de": "CHƯƠNG TRÌNH PHỐI HỢP",
    "trich_yeu": "Tuyên truyền, phổ biến chính sách dân tộc giai đoạn 2021 - 2025",
    "quyen_han_ky": "",
    "chuc_vu_ky": "",
    "nguoi_ky": "",
    "noi_nhan": [
        "- Ủy ban Dân tộc (b/c);",
        "- Thường trực Tỉnh ủy (b/c);",
        "- UBND tỉnh (b/c);",
        "- Lưu: VT (mỗi bên 01 bản).",
    ],
    "can_cu": [
        "Căn cứ Luật Mặt trận Tổ quốc Việt Nam năm 2015;",
        "Ban Dân tộc và Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh thống nhất ban hành Chương trình "
        "phối hợp với các nội dung sau:",
    ],
    "muc_tieu": [
        "Nâng cao nhận thức của đồng bào các dân tộc về chủ trương, chính sách dân tộc.",
        "Phát huy vai trò của người có uy tín trong vùng đồng bào dân tộc thiểu số.",
    ],
    "noi_dung": [
        {
            "stt": "1",
            "ten": "Tuyên truyền, phổ biến chính sách dân tộc",
            "mo_ta": "Tổ chức hội nghị, đối thoại tại thôn, bản; biên soạn tài liệu song ngữ.",
            "co_quan": "Ban Dân tộc tỉnh",
        },
        {
            "stt": "2",
            "ten": "Vận động xây dựng đời sống văn hóa ở khu dân cư",
            "mo_ta": "Lồng ghép với cuộc vận động «Toàn dân đoàn kết xây dựng nông thôn mới».",
            "co_quan": "Ủy ban MTTQ Việt Nam tỉnh",
        },
    ],
    "co_che": [
        "Hằng năm, hai bên thống nhất kế hoạch phối hợp; định kỳ 6 tháng trao đổi thông tin, kết quả.",
        "Sơ kết giữa giai đoạn và tổng kết khi kết thúc Chương trình.",
    ],
    "cac_ben": [
        {
            "co_quan": "TM. Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh",
            "vai_tro": "Phối hợp",
            "nguoi_ky": "Lý Thị Hồng",
            "chuc_vu": "Phó Chủ tịch",
        },
        {
            "co_quan": "Ban Dân tộc tỉnh",
            "vai_tro": "Chủ trì",
            "nguoi_ky": "Nông Văn Khánh",
            "chuc_vu": "Trưởng ban",
        },
    ],
}

ANNUAL_REPORT = {
    **_FIGURES,
    "co_quan_chu_quan": "Ủy ban nhân dân thành phố Cần Thơ",
    "co_quan_ban_hanh": "Ban Dân tộc",
    "so_ky_hieu": "     /BC-BDT",
    "dia_danh_ngay": "Cần Thơ, ngày 10 tháng 12 năm 2025",
    "tieu_de": "BÁO CÁO",
    "trich_yeu": "Kết quả thực hiện Chương trình phối hợp công tác dân tộc năm 2025",
    "quyen_han_ky": "",
    "chuc_vu_ky": "TRƯỞNG BAN",
    "nguoi_ky": "Thạch Sô Phol",
    "noi_nhan": [
        "- Ủy ban Dân tộc (b/c);",
        "- UBND thành phố (b/c);",
        "- Các cơ quan phối hợp;",
        "- Lưu: VT, NV.",
    ],
    "can_cu": ["Ban Dân tộc thành phố báo cáo kết quả thực hiện Chương trình phối hợp năm 2025 như sau:"],
    "nam": "2025",
    "ke_hoach": [
        {
            "stt": "1",
            "co_quan": "Ban Dân tộc thành phố",
            "loai": "Tuyên truyền",
            "ke_hoach": "24",
            "thuc_hien": "27",
        },
        {
            "stt": "2",
            "co_quan": "Hội Nông dân thành phố",
            "loai": "Tập huấn",
            "ke_hoach": "12",
            "thuc_hien": "9",
        },
    ],
    "viec_can_lam": [
        {
            "stt": "1",
            "noi_dung": "Bổ sung số liệu người tham gia theo dân tộc Khmer, Hoa",
            "co_quan": "Hội Nông dân thành phố",
            "han": "31/01/2026",
            "trang_thai": "Đang làm",
        },
    ],
}

SAMPLE_CONTEXT: dict[str, dict] = {
    "review_report": REVIEW_REPORT,
    "program_document": PROGRAM_DOCUMENT,
    "annual_report": ANNUAL_REPORT,
}
