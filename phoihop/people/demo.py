"""Demo exemplars for the Cần Thơ program: Khmer and Hoa people and collectives in the
communes of the former Sóc Trăng province. Names, places of residence and wording are
invented for the demo. Loaded once: a program that already has exemplars is left alone."""

import datetime as dt

from phoihop.activities.models import Activity
from phoihop.activities.models import Kind as ActivityKind
from phoihop.people import services
from phoihop.people.models import Exemplar
from phoihop.people.services import ExemplarInput, RecognitionInput
from phoihop.reference.models import AdministrativeUnit, EthnicGroup

KHMER, HOA = "05", "04"

# (user, group, commune code, input fields, recognitions [(form, level, issuer, number, date, link)])
EXEMPLARS = [
    (
        "bdt.cantho",
        KHMER,
        "31679",
        {
            "kind": "person",
            "name": "Thạch Thị Sa Ry",
            "sex": "female",
            "birth_year": 1978,
            "place_as_written": "ấp Bưng Sa, xã Lịch Hội Thượng",
            "field": "economy",
            "achievements": (
                "Tổ trưởng tổ tiết kiệm và vay vốn của 32 phụ nữ Khmer trong ấp; vận động các thành viên "
                "chuyển sang trồng hành tím theo hướng an toàn, giúp 9 hộ thoát nghèo trong hai năm."
            ),
            "consent_to_publish": True,
            "consent_date": dt.date(2024, 11, 20),
            "consent_note": "Phiếu đồng ý có chữ ký, lưu tại Hội Liên hiệp Phụ nữ thành phố.",
        },
        [
            (
                "certificate_of_merit",
                "province",
                "Chủ tịch UBND thành phố Cần Thơ",
                "2871/QĐ-UBND",
                (2024, 12, 5),
                True,
            )
        ],
    ),
    (
        "mttq.cantho",
        KHMER,
        "31795",
        {
            "kind": "person",
            "name": "Lâm Sô Phanh",
            "sex": "male",
            "birth_year": 1956,
            "place_as_written": "Achar chùa Sê Rây Văn, xã Vĩnh Hải",
            "field": "unity",
            "achievements": (
                "Achar cả của chùa trong ấp; hòa giải thành 14 vụ mâu thuẫn trong cộng đồng, vận động bà "
                "con giữ gìn lễ hội Ok Om Bok và không nghe theo tin sai lệch về chính sách tôn giáo."
            ),
            "is_prestigious": True,
            "prestige_term_start": 2023,
            "prestige_term_end": 2027,
            "consent_note": "Chưa gặp được để hỏi ý kiến về việc công khai.",
        },
        [("letter", "province", "Trưởng Ban Dân tộc thành phố Cần Thơ", "", (2024, 12, 5), True)],
    ),
    (
        "bdt.cantho",
        KHMER,
        "31717",
        {
            "kind": "collective",
            "name": "Tổ hợp tác thanh niên nuôi tôm càng xanh xã Hòa Tú",
            "place_as_written": "ấp Prey Chóp, xã Hòa Tú",
            "field": "mass_organisations",
            "achievements": (
                "Mô hình kinh tế của 11 đoàn viên Khmer, vốn khởi nghiệp từ Quỹ hỗ trợ thanh niên; "
                "mỗi thành viên có thu nhập bình quân 8 triệu đồng một tháng, nhận 6 thanh niên trong ấp vào làm."
            ),
            "consent_to_publish": True,
            "consent_date": dt.date(2024, 3, 2),
            "consent_note": "Biên bản họp tổ hợp tác ngày 02/3/2024.",
        },
        [
            (
                "certificate_of_merit",
                "central",
                "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh",
                "215-QĐ/TWĐTN",
                (2024, 3, 26),
                False,
            )
        ],
    ),
    (
        "bdt.cantho",
        HOA,
        "31804",
        {
            "kind": "person",
            "name": "Tăng Chí Hùng",
            "sex": "male",
            "birth_year": 1969,
            "place_as_written": "cơ sở bánh pía gia đình, phường Vĩnh Phước",
            "field": "economy",
            "achievements": (
                "Giữ nghề làm bánh pía của gia đình người Hoa qua ba đời; tạo việc làm thường xuyên cho 25 "
                "lao động, trong đó 12 lao động người Khmer; mỗi năm ủng hộ Quỹ Vì người nghèo của phường."
            ),
            "consent_to_publish": True,
            "consent_date": dt.date(2025, 8, 15),
            "consent_note": "Phiếu đồng ý có chữ ký.",
        },
        [("certificate", "commune", "Chủ tịch UBND phường Vĩnh Phước", "112/QĐ-UBND", (2025, 8, 28), False)],
    ),
    (
        "mttq.cantho",
        KHMER,
        "31687",
        {
            "kind": "person",
            "name": "Kim Thị Sô Phia",
            "sex": "female",
            "birth_year": 1990,
            "place_as_written": "Trường Tiểu học Tài Văn 2, xã Tài Văn",
            "field": "education",
            "achievements": (
                "Giáo viên dạy song ngữ Việt – Khmer; vận động 23 học sinh bỏ học quay lại lớp, mở lớp "
                "chữ Khmer hè miễn phí tại chùa cho 60 em."
            ),
        },
        [
            (
                "certificate",
                "province",
                "Giám đốc Sở Giáo dục và Đào tạo thành phố Cần Thơ",
                "845/QĐ-SGDĐT",
                (2025, 5, 30),
                False,
            )
        ],
    ),
]


def exemplars_demo(*, program, agencies: dict, users: dict) -> int:
    """Record the demo exemplars and their recognitions as the demo officers would; the
    recognitions given at the program's commendation ceremony are linked to that activity,
    when the demo has one."""
    if Exemplar.objects.filter(program=program).exists():
        return 0
    groups = {g.code: g for g in EthnicGroup.objects.filter(code__in=[KHMER, HOA])}
    communes = {
        u.code: u
        for u in AdministrativeUnit.objects.filter(
            era="current", level="commune", code__in=[code for _, _, code, _, _ in EXEMPLARS]
        )
    }
    ceremony = (
        Activity.objects.filter(program=program, kind=ActivityKind.COMMENDATION)
        .order_by("start_date")
        .first()
    )
    made = 0
    for username, group, commune, fields, recognitions in EXEMPLARS:
        by = users[username]
        exemplar = services.exemplar_create(
            program=program,
            data=ExemplarInput(ethnic_group=groups.get(group), locality=communes.get(commune), **fields),
            by=by,
        )
        for form, level, issuer, number, date, linked in recognitions:
            services.recognition_add(
                exemplar=exemplar,
                data=RecognitionInput(
                    form=form,
                    level=level,
                    issuer=issuer,
                    decision_number=number,
                    date=dt.date(*date),
                    activity=ceremony if linked else None,
                ),
                by=by,
            )
        made += 1
    return made
