"""Synthetic data at the sizes of DESIGN.md, reproducible from a seed, for benchmarks.

province: 50 agencies, 100 programs, 50,000 activities, ~500,000 participation rows;
national: 2,000 agencies, 4,000 programs, 1,000,000 activities, ~10,000,000 rows.
Everything generated is marked (agency names end in "[thử]", external keys start with
"gen-") so it can be told apart from real records. Written with bulk inserts in batches.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from phoihop.activities.models import Activity, AgeBand, Kind, Participation, Sex, Status
from phoihop.agencies.models import Agency
from phoihop.core.text import search_key
from phoihop.programs.models import ContentArea, Party, Program, Role
from phoihop.programs.models import Status as ProgramStatus
from phoihop.reference.models import AdministrativeUnit, AgencyKind, EthnicGroup

MARK = "[thử]"


def vn_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class Scale:
    agencies: int
    programs: int
    activities: int
    rows_per_activity: int


SCALES = {
    "tiny": Scale(agencies=12, programs=6, activities=600, rows_per_activity=10),
    "province": Scale(agencies=50, programs=100, activities=50_000, rows_per_activity=10),
    "national": Scale(agencies=2_000, programs=4_000, activities=1_000_000, rows_per_activity=10),
}
BATCH = 5_000
# A fixed "today", so that the same seed gives the same rows whatever day it runs.
AS_OF = dt.date(2026, 6, 30)
KIND_WORDS = {
    Kind.PROPAGANDA: "Tuyên truyền chính sách dân tộc",
    Kind.TRAINING: "Tập huấn kỹ năng",
    Kind.ECONOMIC_MODEL: "Hỗ trợ mô hình kinh tế",
    Kind.POVERTY_REDUCTION: "Hỗ trợ hộ nghèo",
    Kind.EMULATION: "Phát động phong trào thi đua",
    Kind.EXCHANGE: "Giao lưu văn hóa",
    Kind.COMMENDATION: "Biểu dương điển hình",
    Kind.MONITORING_VISIT: "Giám sát thực hiện chính sách",
    Kind.CADRE_TRAINING: "Bồi dưỡng cán bộ",
    Kind.CULTURAL_PRESERVATION: "Bảo tồn lễ hội truyền thống",
    Kind.CONFERENCE: "Hội nghị sơ kết",
    Kind.OTHER: "Hoạt động khác",
}
STATUS_WEIGHTS = [(Status.ACCEPTED, 70), (Status.SUBMITTED, 15), (Status.DRAFT, 10), (Status.RETURNED, 5)]


def generate(*, scale: str, seed: int = 1, say: Callable[[str], None] = lambda _: None) -> dict:
    """Fill the database with synthetic programs and activities. Refuses to run twice."""
    if Agency.objects.filter(name__endswith=MARK).exists():
        raise ValueError("Dữ liệu thử đã có trong cơ sở dữ liệu; xóa trước khi tạo lại.")
    size = SCALES[scale]
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    provinces = list(AdministrativeUnit.objects.filter(era="current", level="province").order_by("code"))
    if scale != "national":
        provinces = provinces[:1]
    kinds = list(AgencyKind.objects.order_by("order"))
    groups = list(EthnicGroup.objects.order_by("code"))
    weights = [30] + [10] * 8 + [1] * (len(groups) - 9)  # Kinh and the large groups most often
    today = AS_OF

    with transaction.atomic():
        agencies = Agency.objects.bulk_create(
            Agency(
                name=f"{kinds[i % len(kinds)].name} số {i + 1} {MARK}",
                short_name=f"CQ{i + 1}",
                kind=kinds[i % len(kinds)],
                level="province",
                province=provinces[i % len(provinces)],
                search_text=search_key(
                    f"{kinds[i % len(kinds)].name} số {i + 1}", provinces[i % len(provinces)].name
                ),
            )
            for i in range(size.agencies)
        )
        say(f"{len(agencies)} cơ quan")
        programs, parties, areas = [], [], []
        for i in range(size.programs):
            start = rng.randint(2011, 2026)
            province = provinces[i % len(provinces)]
            programs.append(
                Program(
                    title=f"Chương trình phối hợp thực hiện công tác dân tộc số {i + 1} giai đoạn {start}–{start + 4}",
                    document_number=f"{i + 1:04d}/CTr-GEN",
                    province=province,
                    phase_start=start,
                    phase_end=start + 4,
                    status=ProgramStatus.ACTIVE if start + 4 >= today.year else ProgramStatus.CLOSED,
                    signed_on=dt.date(start, 3, 1),
                    search_text=search_key(f"Chương trình phối hợp số {i + 1}", province.name),
                )
            )
        Program.objects.bulk_create(programs, batch_size=BATCH)
        program_parties: dict[int, list[int]] = {}
        program_areas: dict[int, list[int]] = {}
        for program in programs:
            chosen = rng.sample(agencies, rng.randint(2, 5))
            program_parties[program.pk] = [a.pk for a in chosen]
            for order, agency in enumerate(chosen):
                parties.append(
                    Party(
                        program=program,
                        agency=agency,
                        role=Role.LEAD if order == 0 else Role.PARTNER,
                        order=order,
                    )
                )
            for n in range(1, rng.randint(4, 6) + 1):
                areas.append(ContentArea(program=program, number=n, title=f"Nội dung phối hợp {n}"))
        Party.objects.bulk_create(parties, batch_size=BATCH)
        ContentArea.objects.bulk_create(areas, batch_size=BATCH)
        for area in areas:
            program_areas.setdefault(area.program_id, []).append(area.pk)
        say(f"{len(programs)} chương trình")

    group_ids = [g.pk for g in groups]
    kinds_list = list(Kind.values)
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    made = rows_made = 0
    while made < size.activities:
        batch = min(BATCH, size.activities - made)
        with transaction.atomic():
            activities, shapes = [], []
            for i in range(made, made + batch):
                program = programs[rng.randrange(len(programs))]
                first = dt.date(program.phase_start, 1, 1)
                last = min(dt.date(program.phase_end, 12, 31), today)
                start = first + dt.timedelta(days=rng.randrange(max(1, (last - first).days)))
                kind = kinds_list[rng.randrange(len(kinds_list))]
                total = rng.randint(10, 300)
                activities.append(
                    Activity(
                        program=program,
                        content_area_id=rng.choice(program_areas[program.pk]),
                        kind=kind,
                        title=f"{KIND_WORDS[kind]} đợt {i + 1}",
                        start_date=start,
                        end_date=start + dt.timedelta(days=rng.randint(0, 2)),
                        organiser_id=rng.choice(program_parties[program.pk]),
                        total_participants=total,
                        budget_vnd=rng.randrange(0, 200) * 1_000_000,
                        funding_source="ntp_1719" if rng.random() < 0.4 else "state_budget",
                        status=statuses[rng.randrange(len(statuses))],
                        external_key=f"gen-{i + 1}",
                        search_text=search_key(f"{KIND_WORDS[kind]} đợt {i + 1}"),
                    )
                )
                shapes.append(total)
            Activity.objects.bulk_create(activities)
            rows = []
            for activity, total in zip(activities, shapes, strict=True):
                seen: set[tuple[int, str, str]] = set()
                remaining = total
                while len(seen) < size.rows_per_activity:
                    cell = (
                        rng.choices(group_ids, weights)[0],
                        rng.choice(Sex.values),
                        rng.choice(AgeBand.values),
                    )
                    if cell in seen:
                        continue
                    seen.add(cell)
                    count = rng.randint(0, remaining // 3)
                    remaining -= count
                    rows.append(
                        Participation(
                            activity=activity,
                            ethnic_group_id=cell[0],
                            sex=cell[1],
                            age_band=cell[2],
                            count=count,
                        )
                    )
            Participation.objects.bulk_create(rows, batch_size=BATCH)
            rows_made += len(rows)
        made += batch
        if made % 100_000 == 0 or made == size.activities:
            say(f"{vn_number(made)} hoạt động, {vn_number(rows_made)} dòng người tham gia")
    return {
        "agencies": len(agencies),
        "programs": len(programs),
        "activities": made,
        "participation_rows": rows_made,
    }
