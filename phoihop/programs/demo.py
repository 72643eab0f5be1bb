"""`phoihop demo`: the two programs the project started from, with agencies and accounts.

The texts here are written for the demo (the seeds' facts, not their sentences). Running
it again changes nothing but resets the demo accounts' password.
"""

import datetime as dt

from django.db import transaction

from phoihop.accounts.models import User
from phoihop.agencies.models import Agency
from phoihop.agencies.services import agency_save
from phoihop.programs import services
from phoihop.programs.models import Program, Role, Scope
from phoihop.reference.models import AdministrativeUnit, AgencyKind

DEMO_PASSWORD = "demo-phoihop-2025"  # noqa: S105 - printed by `phoihop demo`, demo only

AGENCIES = {
    "bdt_ct": ("Ban Dân tộc thành phố Cần Thơ", "BDT", "ethnic_affairs", "92"),
    "mttq_ct": ("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ", "MTTQ", "fatherland_front", "92"),
    "bdv_ct": ("Ban Dân vận Thành ủy Cần Thơ", "BDV", "party_board", "92"),
    "hlhpn_ct": ("Hội Liên hiệp Phụ nữ thành phố Cần Thơ", "HLHPN", "womens_union", "92"),
    "bdt_tn": ("Ban Dân tộc tỉnh Thái Nguyên", "BDT", "ethnic_affairs", "19"),
    "td_tn": ("Tỉnh đoàn Thái Nguyên", "TĐ", "youth_union", "19"),
}

ACCOUNTS = [
    # username, first, last, agency key, role, title, superuser
    ("admin", "Quản trị", "Hệ thống", None, "", "", True),
    ("lanhdao", "Hùng", "Trần Quốc", "bdt_ct", "leader", "Trưởng ban", False),
    ("bdt.cantho", "Mai", "Lê Thị Thanh", "bdt_ct", "officer", "Chuyên viên", False),
    ("mttq.cantho", "Sơn", "Phạm Thị", "mttq_ct", "officer", "Chuyên viên Ban Dân tộc - Tôn giáo", False),
    ("tinhdoan.thainguyen", "Tuấn", "Hoàng Văn", "td_tn", "officer", "Chuyên viên Ban Phong trào", False),
    ("bientap", "Hạnh", "Vũ Thị", "bdt_ct", "editor", "Biên tập viên", False),
]


def _province(code: str, era: str = "current") -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(era=era, level="province", code=code)


def _agencies() -> dict[str, Agency]:
    out = {}
    for key, (name, short, kind, province) in AGENCIES.items():
        agency = Agency.objects.filter(name=name).first()
        if agency is None:
            agency = agency_save(
                by=None,
                name=name,
                short_name=short,
                kind=AgencyKind.objects.get(code=kind),
                level="province",
                province=_province(province),
            )
        out[key] = agency
    return out


def _accounts(agencies: dict[str, Agency]) -> list[User]:
    users = []
    for username, first, last, agency_key, role, title, superuser in ACCOUNTS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name, user.title = first, last, title
        user.agency = agencies[agency_key] if agency_key else None
        user.role = role
        user.is_superuser = user.is_staff = superuser
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        users.append(user)
    return users


CANTHO_AREAS = [
    "Tuyên truyền chủ trương của Đảng, chính sách, pháp luật của Nhà nước về công tác dân tộc",
    "Phát triển kinh tế - xã hội và giảm nghèo vùng đồng bào dân tộc thiểu số",
    "Phong trào thi đua yêu nước và các cuộc vận động trong đồng bào dân tộc thiểu số",
    "Nghiên cứu, tham mưu chủ trương, giải pháp về công tác dân tộc và công tác dân vận",
    "Xây dựng đội ngũ cán bộ người dân tộc thiểu số trong hệ thống chính trị",
    "Giao lưu, biểu dương, khen thưởng điển hình phụ nữ dân tộc thiểu số",
]

THAINGUYEN_AREAS = [
    "Tuyên truyền, giáo dục đoàn viên, thanh niên về chính sách dân tộc",
    "Hỗ trợ thanh niên dân tộc thiểu số xây dựng mô hình kinh tế, lập thân, lập nghiệp",
    "Chăm lo đời sống văn hóa, tinh thần thanh thiếu nhi vùng dân tộc; giữ gìn bản sắc văn hóa",
    "Biểu dương, nhân rộng điển hình thanh thiếu nhi người dân tộc thiểu số",
    "Xây dựng, củng cố tổ chức Đoàn, Hội, Đội vùng đồng bào dân tộc thiểu số",
    "Đào tạo, bồi dưỡng cán bộ Đoàn, Hội, Đội người dân tộc thiểu số",
]


def _program(
    *, by, number, title, province, phase, parties, areas, summary, objectives, signed_on
) -> Program:
    existing = Program.objects.filter(document_number=number).first()
    if existing is not None:
        return existing
    data = services.ProgramInput(
        title=title,
        phase_start=phase[0],
        phase_end=phase[1],
        scope=Scope.PROVINCE,
        province=province,
        document_number=number,
        document_date=signed_on,
        summary=summary,
        objectives=objectives,
        mechanism="Họp giao ban 6 tháng một lần; báo cáo kết quả hằng năm; sơ kết giữa giai đoạn, tổng kết cuối giai đoạn.",
        parties=[
            services.PartyInput(agency=a, role=r, signatory_name=n, signatory_title=t)
            for a, r, n, t in parties
        ],
        content_areas=[
            services.ContentAreaInput(number=i, title=text, responsible_agency=parties[0][0])
            for i, text in enumerate(areas, start=1)
        ],
    )
    program = services.program_create(data=data, by=by)
    services.program_sign(program=program, signed_on=signed_on, by=by)
    services.program_activate(program=program, by=by)
    return program


@transaction.atomic
def demo_load() -> dict:
    if not AgencyKind.objects.exists():
        # `phoihop demo` right after `phoihop migrate`: the demo needs the reference data.
        from phoihop.reference.services import refdata_load

        refdata_load()
    agencies = _agencies()
    users = _accounts(agencies)
    admin = users[0]
    cantho = _program(
        by=admin,
        number="01/CTr-BDT-MTTQ-BDV-HLHPN",
        title="Chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2021–2025",
        province=_province("92"),
        phase=(2021, 2025),
        parties=[
            (agencies["bdt_ct"], Role.LEAD, "Trần Quốc Hùng", "Trưởng Ban Dân tộc"),
            (agencies["mttq_ct"], Role.PARTNER, "", "Chủ tịch Ủy ban MTTQ Việt Nam thành phố"),
            (agencies["bdv_ct"], Role.PARTNER, "", "Trưởng Ban Dân vận Thành ủy"),
            (agencies["hlhpn_ct"], Role.PARTNER, "", "Chủ tịch Hội LHPN thành phố"),
        ],
        areas=CANTHO_AREAS,
        summary="Bốn cơ quan của thành phố Cần Thơ cùng triển khai công tác dân tộc trong vùng có đông đồng bào "
        "Khmer và Hoa sinh sống, giai đoạn 2021–2025.",
        objectives=[
            "Phát huy vai trò của Mặt trận, Ban Dân vận, Hội Phụ nữ và Ban Dân tộc các cấp trong triển khai chính sách dân tộc",
            "Nâng cao đời sống vật chất, tinh thần của đồng bào dân tộc thiểu số",
            "Củng cố khối đại đoàn kết các dân tộc",
        ],
        signed_on=dt.date(2021, 5, 13),
    )
    thainguyen = _program(
        by=admin,
        number="02/CTr-BDT-TĐ",
        title="Chương trình phối hợp giữa Ban Dân tộc tỉnh và Tỉnh đoàn Thái Nguyên giai đoạn 2013–2017",
        province=_province("19", era="legacy"),
        phase=(2013, 2017),
        parties=[
            (agencies["bdt_tn"], Role.LEAD, "", "Trưởng Ban Dân tộc"),
            (agencies["td_tn"], Role.PARTNER, "", "Bí thư Tỉnh đoàn"),
        ],
        areas=THAINGUYEN_AREAS,
        summary="Ban Dân tộc và Tỉnh đoàn Thái Nguyên phối hợp chăm lo, hỗ trợ thanh niên, thiếu nhi vùng đồng bào "
        "dân tộc thiểu số, giai đoạn 2013–2017.",
        objectives=[
            "Nâng cao nhận thức của đoàn viên, thanh niên về chính sách dân tộc",
            "Hỗ trợ thanh niên dân tộc thiểu số phát triển kinh tế, lập nghiệp",
        ],
        signed_on=dt.date(2013, 4, 15),
    )
    return {
        "agencies": len(agencies),
        "agencies_by_key": agencies,
        "users": users,
        "programs": [cantho, thainguyen],
    }
