"""Focused behaviour of the rules: dates, phases, boilerplate, main event, near misses,
other languages, people, normalisation."""

import datetime as dt
import unicodedata

import pytest

from phoihop.news.extraction import FIELDS, extract

SIGNING = (
    "Ban Dân tộc và Hội Nông dân tỉnh Lai Châu ký kết chương trình phối hợp\n\n"
    "{date}, Ban Dân tộc tỉnh Lai Châu và Hội Nông dân tỉnh tổ chức Lễ ký kết Chương trình phối hợp "
    "thực hiện công tác dân tộc {phase}. Dự lễ có ông Lò Văn Thưởng - Chủ tịch Hội Nông dân tỉnh.\n\n"
    "Theo chương trình, hai bên phối hợp tuyên truyền chính sách dân tộc cho hội viên nông dân người "
    "Thái, Mông, Dao; hỗ trợ hội viên phát triển kinh tế, giảm nghèo bền vững.\n"
)


def signing(date="Ngày 9/4/2019", phase="giai đoạn 2019 - 2023") -> str:
    return SIGNING.format(date=date, phase=phase)


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Chiều ngày 13/5/2021", "2021-05-13"),
        ("Ngày 04 tháng 10 năm 2011", "2011-10-04"),
        ("Ngày 01/12/2016", "2016-12-01"),
        ("Ngày 28-6-2022", "2022-06-28"),
        ("Sáng 29-12-2020", "2020-12-29"),
        ("Từ ngày 15/5 đến ngày 17/5/2024", "2024-05-15"),
        ("Từ ngày 12 đến 14/7/2022", "2022-07-12"),
    ],
)
def test_each_date_form_with_a_year(written, expected):
    assert extract(signing(date=written))["event_date"] == expected


@pytest.mark.parametrize("written", ["Chiều ngày 13/5", "Ngày 13-5", "Sáng 13/5", "Ngày 13 tháng 5"])
def test_a_date_without_a_year_takes_the_publication_year(written):
    result = extract(signing(date=written, phase=""), published_on=dt.date(2021, 5, 14))
    assert result["event_date"] == "2021-05-13"


def test_a_december_date_published_in_january_is_of_the_year_before():
    result = extract(signing(date="Ngày 28/12", phase=""), published_on=dt.date(2022, 1, 5))
    assert result["event_date"] == "2021-12-28"


def test_a_signing_without_a_year_falls_in_the_first_year_of_its_phase():
    assert extract(signing(date="Chiều ngày 9/4"))["event_date"] == "2019-04-09"


def test_a_final_review_early_in_the_year_falls_after_the_phase():
    text = (
        "Tổng kết Chương trình phối hợp giữa Ban Dân tộc và Tỉnh đoàn giai đoạn 2016-2020\n\n"
        "Ngày 12/1, Ban Dân tộc tỉnh Sơn La phối hợp với Tỉnh đoàn tổ chức hội nghị tổng kết Chương trình "
        "phối hợp giai đoạn 2016-2020 với sự tham dự của lãnh đạo hai cơ quan và đoàn viên các huyện.\n"
    )
    assert extract(text)["event_date"] == "2021-01-12"


def test_no_year_and_nothing_to_infer_it_from_gives_question_marks():
    text = (
        signing(date="Ngày 22/6", phase="giai đoạn 2021-2025")
        .replace("ký kết", "sơ kết")
        .replace("Lễ", "hội nghị")
    )
    result = extract(text)
    assert (result["event_type"], result["event_date"]) == ("interim_review", "????-06-22")
    assert extract(signing(date="Ngày 22/6", phase=""))["event_date"] == "????-06-22"


def test_the_page_s_publication_line_gives_the_year():
    text = "Thứ Tư, 14/06/2023, 10:05\n\n" + signing(date="Chiều 13/6", phase="")
    assert extract(text)["event_date"] == "2023-06-13"


def test_document_dates_and_deadlines_are_not_the_event_s():
    text = signing(date="Ngày 5/3/2022").replace(
        "Theo chương trình,",
        "Căn cứ Quyết định số 1719/QĐ-TTg ngày 14/10/2021, các bên gửi báo cáo trước ngày 15/12 hằng năm. "
        "Theo chương trình,",
    )
    assert extract(text)["event_date"] == "2022-03-05"
    no_event_day = (
        "Ban Dân tộc tỉnh Lai Châu ban hành kế hoạch\n\n"
        "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ, Ban Dân tộc tỉnh "
        "Lai Châu đề nghị các huyện gửi báo cáo trước ngày 15/12 hằng năm về tình hình thực hiện chính sách.\n"
    )
    assert extract(no_event_day)["event_date"] is None


# --- phases -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "giai đoạn 2021 – 2025",
        "giai đoạn 2021-2025",
        "giai đoạn 2021 - 2025",
        "giai đoạn 2021 đến 2025",
        "từ năm 2021 đến năm 2025",
        "(2021-2025)",
    ],
)
def test_each_phase_form(written):
    result = extract(signing(phase=written))
    assert (result["phase_start"], result["phase_end"]) == (2021, 2025)


def test_other_programs_phases_are_not_the_program_s():
    text = signing(phase="giai đoạn 2022 - 2026").replace(
        "Theo chương trình,",
        "Tỉnh đang triển khai Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào "
        "dân tộc thiểu số và miền núi giai đoạn 2021 - 2030, giai đoạn I: từ năm 2021 đến năm 2025, và "
        "Chiến lược công tác dân tộc giai đoạn 2021-2030. Theo chương trình,",
    )
    result = extract(text)
    assert (result["phase_start"], result["phase_end"]) == (2022, 2026)
    only_other = signing(phase="").replace(
        "Theo chương trình,", "Chương trình MTQG 1719 giai đoạn 2021 - 2030 hỗ trợ vốn. Theo chương trình,"
    )
    assert extract(only_other)["phase_start"] is None


def test_a_school_year_or_a_term_is_no_phase():
    text = signing(phase="năm học 2021-2022").replace(
        "Theo chương trình,", "Đại hội nhiệm kỳ 2022-2027. Theo,"
    )
    assert extract(text)["phase_start"] is None


# --- structure --------------------------------------------------------------------------------


def test_boilerplate_around_the_article_is_ignored():
    page = (
        "CỔNG THÔNG TIN ĐIỆN TỬ BAN DÂN TỘC TỈNH ĐIỆN BIÊN\n"
        "Trang chủ | Giới thiệu | Tin tức | Văn bản | Liên hệ\n"
        "Trang chủ > Tin tức > Hoạt động\n"
        "NHIỆT LIỆT CHÀO MỪNG ĐẠI HỘI ĐẢNG BỘ TỈNH ĐIỆN BIÊN LẦN THỨ XV!\n\n"
        + signing(date="Ngày 9/4/2019")
        + "\nLượt xem: 1.234\nIn bài | Gửi email | Chia sẻ\n\nTin khác\n"
        "Tổng kết Chương trình phối hợp với Tỉnh đoàn Điện Biên giai đoạn 2013-2017 (20/12/2017)\n"
        "Đồng chí Lường Văn Kiên - Phó Trưởng Ban Dân tộc tỉnh thăm bản Huổi Lếch (12/03/2019)\n"
    )
    assert extract(page) == extract(signing(date="Ngày 9/4/2019"))


def test_two_events_the_headline_s_first_is_the_main_one():
    text = (
        "Tổng kết Chương trình phối hợp giai đoạn 2016-2020 và ký kết Chương trình phối hợp giai đoạn "
        "2021-2025 giữa Ban Dân tộc và Hội Cựu chiến binh tỉnh\n\n"
        "Ngày 22/12/2020, Ban Dân tộc và Hội Cựu chiến binh tỉnh Kon Tum tổ chức hội nghị tổng kết Chương "
        "trình phối hợp giai đoạn 2016-2020, đồng thời ký kết Chương trình phối hợp giai đoạn 2021-2025.\n\n"
        "Trước đó, ngày 2/12/2020, hai cơ quan đã tổ chức tập huấn cho 80 hội viên cựu chiến binh là người "
        "có uy tín ở các huyện Đăk Glei, Tu Mơ Rông về kỹ năng hòa giải ở cơ sở.\n"
    )
    result = extract(text)
    assert (result["event_type"], result["event_date"]) == ("final_review", "2020-12-22")
    assert (result["phase_start"], result["phase_end"]) == (2016, 2020)
    assert (result["lead_agency"], result["partner_agencies"]) == ("Ban Dân tộc", ["Hội Cựu chiến binh"])


def test_an_ethnic_affairs_article_that_is_no_program_event():
    text = (
        "Ban Dân tộc tỉnh thăm, tặng quà người có uy tín\n\n"
        "Ngày 20/01/2023, đoàn công tác của Ban Dân tộc tỉnh Sơn La do ông Lò Văn Mừng - Trưởng Ban Dân tộc "
        "tỉnh làm trưởng đoàn đã đến thăm, chúc Tết và tặng quà người có uy tín tại huyện Mộc Châu.\n\n"
        "Dịp này, ông cho biết Ban đã ký kết chương trình phối hợp với Hội Nông dân tỉnh giai đoạn 2022-2026 "
        "và tổ chức tập huấn cho người có uy tín trong năm 2022.\n"
    )
    result = extract(text)
    assert (result["event_type"], result["is_coordination_program_event"]) == ("other", False)
    assert (result["phase_start"], result["content_areas"]) == (None, [])
    assert (result["event_date"], result["province"], result["lead_agency"]) == (
        "2023-01-20",
        "Sơn La",
        "Ban Dân tộc",
    )


def test_a_review_of_another_program_keeps_its_kind_but_is_not_a_coordination_event():
    text = (
        "Sơ kết 3 năm thực hiện Chương trình mục tiêu quốc gia 1719\n\n"
        "Ngày 8/11/2023, UBND tỉnh Điện Biên tổ chức Hội nghị sơ kết 3 năm thực hiện Chương trình mục tiêu "
        "quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021 - 2030.\n"
    )
    result = extract(text)
    assert (result["event_type"], result["is_coordination_program_event"]) == ("interim_review", False)
    assert result["phase_start"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Can Tho signs ethnic affairs coordination programme\n\nCAN THO - The Ethnic Affairs Committee of "
        "Can Tho city on Thursday (May 13) signed a programme for the 2021-2025 period with the Women's Union "
        "and the Fatherland Front. Mr Tran Van Minh said the programme would help policies reach people.",
        "Signature d'un programme de coordination à Lào Cai\n\nLe 12 mars 2022, le Comité des affaires "
        "ethniques de la province de Lào Cai et l'Union des femmes ont signé un programme de coordination "
        "pour la période 2022-2026, selon Mme Giàng Thị Dung.",
    ],
    ids=["english", "french"],
)
def test_a_text_in_another_language_gives_no_event(text):
    result = extract(text, published_on=dt.date(2021, 5, 14))
    assert list(result) == list(FIELDS)
    assert result == {
        "event_type": "other",
        "is_coordination_program_event": False,
        "event_date": None,
        "province": None,
        "lead_agency": None,
        "partner_agencies": [],
        "phase_start": None,
        "phase_end": None,
        "people": [],
        "content_areas": [],
    }


def test_decomposed_text_and_old_tone_placement_give_the_same_result():
    modern = signing().replace("Lai Châu", "Hòa Bình")
    old = unicodedata.normalize("NFD", modern.replace("Hòa Bình", "Hoà Bình"))
    assert extract(old) == extract(modern)
    assert extract(old)["province"] == "Hòa Bình"


# --- people -----------------------------------------------------------------------------------


def test_people_with_their_titles_in_every_form_deduplicated():
    text = (
        "Sơ kết Chương trình phối hợp giữa Ban Dân tộc và Tỉnh đoàn\n\n"
        "Ngày 01/12/2016, Ban Dân tộc tỉnh Bắc Kạn phối hợp với Tỉnh đoàn tổ chức hội nghị sơ kết Chương "
        "trình phối hợp. Dự hội nghị có đồng chí Nguyễn Văn Nam - Ủy viên UBND tỉnh, Trưởng Ban Dân tộc, "
        "đồng chí Ma Thị Linh - Phó Bí thư Thường trực Tỉnh đoàn cùng lãnh đạo, chuyên viên hai cơ quan. "
        "Phó Chủ tịch UBND tỉnh Đoàn Thu Hà và Đại tá Hoàng Văn Tâm, Phó Chỉ huy trưởng Bộ Chỉ huy Bộ đội "
        "Biên phòng tỉnh cũng đến dự.\n\n"
        "Đ/c Nguyễn Văn Nam, Ủy viên UBND tỉnh, Trưởng ban Dân tộc\n"
        "phát biểu tại hội nghị\n\n"
        "Phát biểu tại hội nghị, Phó Trưởng Ban Dân tộc tỉnh, bà Triệu Thị Hoa cho biết kết quả phối hợp "
        "trong năm qua đã được các huyện đánh giá cao, nhất là công tác tuyên truyền cho thanh niên.\n\n"
        "Bà con bản Nà Làng và ông Lý Văn Sáng phát biểu.\n\n"
        "Hà Thu Trang - Phòng Tuyên truyền\n"
    )
    assert extract(text)["people"] == [
        {"name": "Nguyễn Văn Nam", "title": "Ủy viên UBND tỉnh, Trưởng Ban Dân tộc"},
        {"name": "Ma Thị Linh", "title": "Phó Bí thư Thường trực Tỉnh đoàn"},
        {"name": "Đoàn Thu Hà", "title": "Phó Chủ tịch UBND tỉnh"},
        {"name": "Hoàng Văn Tâm", "title": "Phó Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh"},
        {"name": "Triệu Thị Hoa", "title": "Phó Trưởng Ban Dân tộc tỉnh"},
        {"name": "Lý Văn Sáng", "title": None},
    ]


def test_agencies_are_given_in_their_canonical_form():
    text = (
        "Ký kết chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2021 – 2025\n\n"
        "Chiều ngày 13/5/2021, tại Hội trường Ban Dân tộc thành phố, Ban Dân tộc thành phố Cần Thơ tổ chức "
        "Lễ ký kết Chương trình phối hợp giữa Ban Dân tộc với Ủy ban MTTQ Việt Nam thành phố, Ban Dân vận "
        "Thành ủy và Hội LHPN thành phố Cần Thơ, giai đoạn 2021-2025.\n"
    )
    result = extract(text)
    assert result["lead_agency"] == "Ban Dân tộc"
    assert result["partner_agencies"] == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Ban Dân vận Thành ủy",
        "Hội Liên hiệp Phụ nữ",
    ]
    assert result["province"] == "Cần Thơ"


def test_content_areas_leave_out_goals_and_other_programs_names():
    text = signing().replace(
        "Theo chương trình,",
        "Chương trình nhằm mục tiêu góp phần bảo tồn văn hóa và giữ vững an ninh trật tự. Các bên lồng ghép "
        "với Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025. Theo chương trình,",
    )
    assert extract(text)["content_areas"] == ["tuyên truyền", "phát triển kinh tế - xã hội", "giảm nghèo"]


def test_empty_or_blank_text_gives_the_empty_record():
    assert extract("")["event_type"] == "other"
    assert extract("   \n\n ")["people"] == []
