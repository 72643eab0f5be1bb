"""Demo activities for the Cần Thơ program, so that a first look at the dashboard, the
indicators and the reporting cockpit shows figures. Written for the demo; nothing here
comes from a real report. Loaded once: a program that already has activities is left alone."""

import datetime as dt

from phoihop.activities import services
from phoihop.activities.models import Activity
from phoihop.activities.services import (
    ActivityInput,
    LocalityInput,
    OutputInput,
    ParticipationInput,
    PlanItemInput,
)
from phoihop.reference.models import AdministrativeUnit, EthnicGroup

KHMER, HOA, KINH = "05", "04", "01"

# (organiser key, co-organiser keys, area number, kind, title, start, days, total,
#  participation [(group, sex, band, n)], communes (legacy before 1/7/2025), budget, outputs, status)
ACTIVITIES = [
    (
        "bdt_ct",
        ["mttq_ct"],
        1,
        "propaganda",
        "Hội nghị tuyên truyền chính sách dân tộc cho người có uy tín",
        (2021, 9, 14),
        1,
        120,
        [
            (KHMER, "male", "adult_31_59", 70),
            (KHMER, "female", "adult_31_59", 30),
            (HOA, "male", "elderly_60_plus", 12),
        ],
        ["31294", "31288"],
        45_000_000,
        [("Tài liệu phát hành", "bộ", 150)],
        "accepted",
    ),
    (
        "hlhpn_ct",
        [],
        6,
        "exchange",
        "Giao lưu phụ nữ Khmer tiêu biểu trong phát triển kinh tế gia đình",
        (2022, 3, 8),
        1,
        85,
        [(KHMER, "female", "adult_31_59", 60), (KHMER, "female", "youth_16_30", 20)],
        ["31261"],
        30_000_000,
        [],
        "accepted",
    ),
    (
        "mttq_ct",
        ["bdt_ct"],
        2,
        "poverty_reduction",
        "Trao nhà Đại đoàn kết cho hộ nghèo đồng bào Khmer",
        (2022, 10, 20),
        1,
        40,
        [(KHMER, "unspecified", "unspecified", 40)],
        ["31294"],
        400_000_000,
        [("Nhà Đại đoàn kết", "căn", 8)],
        "accepted",
    ),
    (
        "bdv_ct",
        [],
        4,
        "monitoring_visit",
        "Khảo sát việc thực hiện chính sách đối với người có uy tín",
        (2023, 5, 16),
        3,
        25,
        [(KINH, "male", "adult_31_59", 15), (KHMER, "male", "adult_31_59", 10)],
        ["31273", "31282"],
        12_000_000,
        [],
        "accepted",
    ),
    (
        "bdt_ct",
        [],
        5,
        "cadre_training",
        "Bồi dưỡng kiến thức dân tộc cho cán bộ, công chức cấp xã",
        (2023, 8, 9),
        2,
        60,
        [
            (KHMER, "male", "adult_31_59", 22),
            (KHMER, "female", "adult_31_59", 18),
            (KINH, "female", "youth_16_30", 20),
        ],
        ["31258"],
        80_000_000,
        [("Học viên được cấp giấy chứng nhận", "người", 60)],
        "accepted",
    ),
    (
        "hlhpn_ct",
        ["bdt_ct"],
        2,
        "economic_model",
        "Hỗ trợ mô hình nuôi bò sinh sản cho phụ nữ Khmer",
        (2023, 11, 2),
        1,
        30,
        [(KHMER, "female", "youth_16_30", 12), (KHMER, "female", "adult_31_59", 18)],
        ["31297", "31298"],
        150_000_000,
        [("Mô hình kinh tế", "mô hình", 3), ("Hộ được hỗ trợ", "hộ", 30)],
        "accepted",
    ),
    (
        "mttq_ct",
        [],
        3,
        "emulation",
        "Phát động thi đua xây dựng ấp văn hóa vùng đồng bào Khmer",
        (2024, 4, 10),
        1,
        150,
        [(KHMER, "unspecified", "unspecified", 110), (HOA, "unspecified", "unspecified", 15)],
        ["31264"],
        20_000_000,
        [],
        "accepted",
    ),
    (
        "bdt_ct",
        ["hlhpn_ct", "mttq_ct"],
        6,
        "commendation",
        "Biểu dương người có uy tín và phụ nữ dân tộc thiểu số tiêu biểu",
        (2024, 12, 5),
        1,
        95,
        [
            (KHMER, "female", "adult_31_59", 35),
            (KHMER, "male", "elderly_60_plus", 40),
            (HOA, "male", "elderly_60_plus", 10),
        ],
        [],
        60_000_000,
        [("Cá nhân được khen thưởng", "người", 45)],
        "accepted",
    ),
    (
        "hlhpn_ct",
        [],
        1,
        "training",
        "Tập huấn phòng, chống tảo hôn cho phụ nữ và thiếu nữ Khmer",
        (2025, 3, 18),
        1,
        70,
        [(KHMER, "female", "youth_16_30", 45), (KHMER, "female", "under_16", 15)],
        ["31309"],
        25_000_000,
        [("Học viên", "người", 70)],
        "submitted",
    ),
    (
        "mttq_ct",
        [],
        2,
        "poverty_reduction",
        "Trao học bổng cho học sinh dân tộc thiểu số vượt khó",
        (2025, 9, 5),
        1,
        50,
        [(KHMER, "unspecified", "under_16", 42), (HOA, "unspecified", "under_16", 8)],
        ["31294"],
        50_000_000,
        [("Suất học bổng", "suất", 50)],
        "submitted",
    ),
    (
        "bdv_ct",
        [],
        1,
        "propaganda",
        "Tuyên truyền bảo vệ an ninh trật tự tại các chùa Khmer",
        (2025, 10, 22),
        1,
        90,
        [(KHMER, "male", "adult_31_59", 50)],
        ["31261"],
        15_000_000,
        [],
        "returned",
    ),
    (
        "bdt_ct",
        [],
        2,
        "economic_model",
        "Khảo sát nhu cầu hỗ trợ sinh kế năm 2026",
        (2025, 11, 12),
        1,
        0,
        [],
        [],
        None,
        [],
        "draft",
    ),
]


def _commune(code: str, on: dt.date) -> AdministrativeUnit | None:
    era = "legacy" if on < services.REFORM_DATE else "current"
    unit = AdministrativeUnit.objects.filter(era=era, level="commune", code=code).first()
    if unit is None and era == "current":
        legacy = AdministrativeUnit.objects.filter(era="legacy", level="commune", code=code).first()
        unit = legacy.successors.filter(era="current").first() if legacy else None
    return unit


def activities_demo(*, program, agencies: dict, users: dict) -> int:
    """Record, submit and review the demo activities as the demo officers would."""
    if Activity.objects.filter(program=program).exists():
        return 0
    groups = {g.code: g for g in EthnicGroup.objects.filter(code__in=[KHMER, HOA, KINH])}
    areas = {a.number: a for a in program.content_areas.all()}
    lead = users["bdt.cantho"]
    made = 0
    for key, co, area, kind, title, start, days, total, rows, communes, budget, outputs, status in ACTIVITIES:
        begin = dt.date(*start)
        activity = services.activity_create(
            program=program,
            data=ActivityInput(
                kind=kind,
                title=title,
                start_date=begin,
                end_date=begin + dt.timedelta(days=days - 1),
                organiser=agencies[key],
                co_organisers=[agencies[k] for k in co],
                content_area=areas.get(area),
                total_participants=total,
                participation=[
                    ParticipationInput(count=n, ethnic_group=groups[g], sex=sex, age_band=band)
                    for g, sex, band, n in rows
                ],
                localities=[LocalityInput(unit=u) for u in (_commune(c, begin) for c in communes) if u],
                budget_vnd=budget,
                funding_source="ntp_1719"
                if budget and budget >= 100_000_000
                else ("state_budget" if budget else ""),
                funding_detail="Dự án 5" if budget and budget >= 100_000_000 else "",
                outputs=[OutputInput(name=n, unit=u, value=v) for n, u, v in outputs],
            ),
            by=lead,
        )
        if status != "draft":
            services.activity_submit(activity=activity, by=lead)
        if status == "accepted":
            services.activity_accept(activity=activity, by=lead)
        elif status == "returned":
            services.activity_return(
                activity=activity, by=lead, comment="Bổ sung số người tham gia theo giới tính và độ tuổi."
            )
        made += 1
    for key, user, items in (
        ("mttq_ct", "mttq.cantho", [("emulation", 2, 3), ("poverty_reduction", 3, 2), ("propaganda", 4, 1)]),
        ("hlhpn_ct", "bdt.cantho", [("economic_model", 2, 2), ("training", 2, 1), ("exchange", 1, 6)]),
    ):
        services.plan_save(
            program=program,
            year=2024,
            agency=agencies[key],
            items=[
                PlanItemInput(kind=k, planned_activities=n, content_area=areas.get(a)) for k, n, a in items
            ],
            note="Kế hoạch phối hợp năm 2024, theo kết luận hội nghị giao ban cuối năm 2023.",
            by=users[user],
        )
    return made
