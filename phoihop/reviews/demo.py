"""Demo reviews: the Thái Nguyên interim review of 1 December 2016 (with the few
activities it sums up), and findings of the Cần Thơ monitoring visit. Our own wording,
in the style of the agencies' reports. Idempotent."""

import datetime as dt

from phoihop.activities import services as activity_services
from phoihop.activities.models import Activity, Kind
from phoihop.activities.services.activities import ActivityInput, ParticipationInput
from phoihop.reference.models import CODE_SYSTEM_121, EthnicGroup
from phoihop.reviews import services
from phoihop.reviews.models import Finding, Review
from phoihop.reviews.models import Kind as ReviewKind

TAY, NUNG, DAO, SAN_DIU = "02", "07", "09", "18"

# (organiser key, area, kind, title, start, participants [(group, sex, band, n)])
THAINGUYEN_ACTIVITIES = [
    (
        "td_tn",
        1,
        "training",
        "Tập huấn chính sách dân tộc cho cán bộ Đoàn cơ sở các huyện vùng cao",
        (2014, 6, 12),
        [
            (TAY, "female", "youth_16_30", 38),
            (NUNG, "male", "youth_16_30", 27),
            (DAO, "female", "youth_16_30", 15),
        ],
    ),
    (
        "bdt_tn",
        2,
        "economic_model",
        "Hỗ trợ giống chè và kỹ thuật cho tổ hợp tác thanh niên người Tày xã Phú Đình",
        (2015, 3, 20),
        [(TAY, "male", "youth_16_30", 12), (TAY, "female", "youth_16_30", 9)],
    ),
    (
        "td_tn",
        3,
        "cultural_preservation",
        "Ngày hội văn hóa thanh thiếu nhi các dân tộc huyện Võ Nhai",
        (2015, 11, 8),
        [
            (DAO, "unspecified", "under_16", 120),
            (NUNG, "unspecified", "under_16", 95),
            (TAY, "unspecified", "youth_16_30", 60),
        ],
    ),
    (
        "bdt_tn",
        4,
        "commendation",
        "Biểu dương thanh niên dân tộc thiểu số tiêu biểu lần thứ nhất",
        (2016, 9, 23),
        [
            (TAY, "female", "youth_16_30", 14),
            (SAN_DIU, "male", "youth_16_30", 10),
            (DAO, "male", "youth_16_30", 6),
        ],
    ),
]

ACHIEVEMENTS = """Tuyên truyền, giáo dục: các lớp tập huấn và buổi sinh hoạt chuyên đề đã giúp cán bộ, đoàn viên ở cơ sở nắm rõ hơn chủ trương của Đảng, chính sách của Nhà nước về công tác dân tộc.
Hỗ trợ phát triển kinh tế: hai cơ quan cùng hỗ trợ thanh niên người dân tộc thiểu số lập tổ hợp tác trồng chè, chăn nuôi; nhiều mô hình đã có thu nhập ổn định.
Văn hóa, tinh thần: ngày hội văn hóa, trại hè cho thanh thiếu nhi vùng dân tộc góp phần giữ gìn bản sắc văn hóa các dân tộc.
Biểu dương điển hình: lần đầu tổ chức biểu dương thanh niên dân tộc thiểu số tiêu biểu, tạo sức lan tỏa trong đoàn viên, thanh niên.
Xây dựng tổ chức và đào tạo cán bộ: tổ chức Đoàn, Hội, Đội ở vùng đồng bào dân tộc được củng cố; một số cán bộ Đoàn người dân tộc thiểu số được bồi dưỡng, giới thiệu làm nguồn cán bộ ở cơ sở."""

LIMITATIONS = """Sự phối hợp giữa các phòng chuyên môn của hai cơ quan có lúc chưa chặt chẽ, thông tin trao đổi chưa thường xuyên.
Việc theo dõi, đánh giá hiệu quả các mô hình kinh tế của thanh niên sau khi hỗ trợ còn hạn chế."""

RECOMMENDATIONS_2017 = [
    (
        "bdt_tn",
        "Năm 2017, hai cơ quan gắn kết chặt chẽ hơn trong phối hợp giữa các phòng chuyên môn, định kỳ trao đổi thông tin.",
        (2017, 3, 31),
    ),
    (
        "td_tn",
        "Đưa lực lượng thanh niên tham gia giám sát việc thực hiện chính sách dân tộc tại cơ sở.",
        (2017, 9, 30),
    ),
    (
        "td_tn",
        "Tập huấn cho thanh niên vùng dân tộc thiểu số về chính sách dân tộc, quyền lợi và nghĩa vụ của thanh niên trong công tác dân tộc.",
        (2017, 12, 31),
    ),
]


def thainguyen_demo(*, program, agencies: dict, users: dict) -> int:
    """The program's activities of 2014–2016 and its interim review, held on 1 Dec 2016 and
    concluded, with the chair's three recommendations for 2017 as follow-ups."""
    if Review.objects.filter(program=program).exists():
        return 0
    lead = users["admin"]
    groups = {
        g.code: g
        for g in EthnicGroup.objects.filter(code__in=[TAY, NUNG, DAO, SAN_DIU], code_system=CODE_SYSTEM_121)
    }
    areas = {a.number: a for a in program.content_areas.all()}
    for key, area, kind, title, start, rows in THAINGUYEN_ACTIVITIES:
        begin = dt.date(*start)
        activity = activity_services.activity_create(
            program=program,
            data=ActivityInput(
                kind=kind,
                title=title,
                start_date=begin,
                end_date=begin,
                organiser=agencies[key],
                co_organisers=[agencies["td_tn" if key == "bdt_tn" else "bdt_tn"]],
                content_area=areas.get(area),
                total_participants=sum(r[3] for r in rows),
                participation=[
                    ParticipationInput(count=n, ethnic_group=groups[g], sex=sex, age_band=band)
                    for g, sex, band, n in rows
                ],
            ),
            by=lead,
        )
        activity_services.activity_submit(activity=activity, by=lead)
        activity_services.activity_accept(activity=activity, by=lead)
    review = services.review_create(
        program=program,
        data=services.ReviewInput(
            kind=ReviewKind.INTERIM,
            period_start=dt.date(2013, 1, 1),
            period_end=dt.date(2016, 11, 30),
            document_number="",
            conference_date=dt.date(2016, 12, 1),
            place="Hội trường Ban Dân tộc tỉnh Thái Nguyên",
            chair_name="Nguyễn Thái Nam",
            chair_title="Ủy viên UBND tỉnh, Trưởng Ban Dân tộc",
            sections={
                "achievements": ACHIEVEMENTS,
                "limitations": LIMITATIONS,
                "directions": "Tiếp tục triển khai các nội dung phối hợp trong năm cuối của giai đoạn; chuẩn bị tổng kết chương trình năm 2017.",
                "recommendations": "\n".join(text for _, text, _ in RECOMMENDATIONS_2017),
            },
            attendees=[
                services.AttendeeInput(
                    "Nguyễn Thái Nam", "Ủy viên UBND tỉnh, Trưởng Ban Dân tộc", agencies["bdt_tn"]
                ),
                services.AttendeeInput("Lê Ngọc Linh", "Phó Bí thư Thường trực Tỉnh đoàn", agencies["td_tn"]),
                services.AttendeeInput("Lãnh đạo, chuyên viên Ban Dân tộc", "", agencies["bdt_tn"]),
                services.AttendeeInput("Lãnh đạo, chuyên viên Tỉnh đoàn", "", agencies["td_tn"]),
            ],
        ),
        by=lead,
    )
    services.conclusion_add(
        review=review,
        text="Ghi nhận kết quả phối hợp của hai cơ quan; công tác dân tộc không thể coi nhẹ vai trò của thanh niên vùng dân tộc thiểu số và miền núi.",
        by=lead,
    )
    for key, text, due in RECOMMENDATIONS_2017:
        services.conclusion_add(
            review=review, text=text, assignee=agencies[key], due_date=dt.date(*due), by=lead
        )
    services.review_hold(review=review, by=lead)
    services.review_conclude(review=review, by=lead)
    return 1


CANTHO_FINDINGS = [
    (
        "Chính sách đối với người có uy tín (Quyết định 12/2018/QĐ-TTg)",
        "Xã Thới Lai",
        "Một số người có uy tín chưa được cấp phát báo, tạp chí theo chế độ trong quý I.",
        "Ban Dân tộc thành phố đôn đốc đơn vị cung cấp; rà soát danh sách người có uy tín được hưởng chế độ.",
        "bdt_ct",
        "Rà soát danh sách và đôn đốc cấp phát báo, tạp chí cho người có uy tín xã Thới Lai.",
        (2023, 8, 31),
    ),
    (
        "Hỗ trợ nhà ở cho hộ nghèo đồng bào Khmer",
        "Phường Thốt Nốt",
        "Hai hộ được hỗ trợ chưa hoàn thiện nhà do thiếu vốn đối ứng.",
        "Mặt trận Tổ quốc vận động nguồn xã hội hóa hỗ trợ thêm.",
        "mttq_ct",
        None,
        None,
    ),
]


def cantho_findings_demo(*, program, agencies: dict, users: dict) -> int:
    """Findings of the Cần Thơ monitoring visit; the first made into a follow-up, done."""
    visit = (
        Activity.objects.filter(program=program, kind=Kind.MONITORING_VISIT).order_by("start_date").first()
    )
    if visit is None or Finding.objects.filter(activity=visit).exists():
        return 0
    lead = users["bdt.cantho"]
    for policy, place, issue, recommendation, key, task, due in CANTHO_FINDINGS:
        finding = services.finding_create(
            activity=visit,
            data=services.FindingInput(
                policy=policy,
                issue=issue,
                recommendation=recommendation,
                responsible_agency=agencies[key],
                place_as_written=place,
            ),
            by=users["admin"],
        )
        if task:
            followup = services.followup_create(
                program=program,
                finding=finding,
                text=task,
                assignee=agencies[key],
                due_date=dt.date(*due),
                by=lead,
            )
            services.followup_set_status(
                followup=followup, status="done", note="Đã cấp phát bổ sung trong tháng 7/2023.", by=lead
            )
    return len(CANTHO_FINDINGS)
