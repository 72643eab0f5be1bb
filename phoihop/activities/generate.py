"""Synthetic data at the sizes of DESIGN.md, reproducible from a seed, for benchmarks.

province: 50 agencies, 100 programs, 50,000 activities, 500,000 participation rows;
national: 2,000 agencies, 4,000 programs (over the 34 current provinces), 1,000,000
activities, 10,000,000 participation rows. Each activity also gets 1–2 localities in its
program's province (a current commune from 1 July 2025, a legacy commune before), about
one in five gets 1–2 co-organisers among the program's parties, and some get an output.
Everything generated is marked (agency names end in "[thử]", external keys start with
"gen-") so it can be told apart from real records.

Speed: the few thousand agencies, programs, parties and content areas go through the ORM;
activities and their parts (millions of rows) are written straight through the DB-API
cursor, `executemany` on SQLite and `COPY … FROM STDIN` on PostgreSQL, with activity ids
assigned here so that no row has to be read back. The random draws are plain
`random()` calls into precomputed tables. Run it on a database nobody else writes to
while it runs (a benchmark database, a fresh development database): it takes the
activity ids after the largest existing one.
"""

import datetime as dt
import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connection, models, transaction

from phoihop.activities.models import Activity, AgeBand, Kind, Locality, Output, Participation, Sex, Status
from phoihop.agencies.models import Agency
from phoihop.core.text import fold, search_key
from phoihop.programs.models import ContentArea, Party, Program, Role
from phoihop.programs.models import Status as ProgramStatus
from phoihop.reference.models import REFORM_DATE, AdministrativeUnit, AgencyKind, Era, EthnicGroup, UnitLevel

MARK = "[thử]"


def vn_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class Scale:
    agencies: int
    programs: int
    activities: int
    rows_per_activity: int
    # The first `heavy` programs share `heavy_share` of the activities: the big programs
    # that every district reports to, next to many small ones. The heaviest program of the
    # national set holds about 10,000 activities, a typical one 225.
    heavy: int = 0
    heavy_share: float = 0.0


SCALES = {
    "tiny": Scale(agencies=12, programs=6, activities=600, rows_per_activity=10),
    "province": Scale(
        agencies=50, programs=100, activities=50_000, rows_per_activity=10, heavy=2, heavy_share=0.1
    ),
    "national": Scale(
        agencies=2_000, programs=4_000, activities=1_000_000, rows_per_activity=10, heavy=10, heavy_share=0.1
    ),
}
# Bumped whenever the same seed would give different rows: benchmark databases generated
# by another version are made again (core.bench).
VERSION = 3
BATCH = 5_000  # ORM bulk inserts
CHUNK = 25_000  # activities per transaction
PROGRESS = 100_000
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
# Outputs (name, unit, smallest, largest) of the kinds that have a countable result; half
# of the activities of these kinds report one.
OUTPUTS = {
    Kind.ECONOMIC_MODEL: ("Mô hình kinh tế", "mô hình", 1, 12),
    Kind.POVERTY_REDUCTION: ("Hộ được hỗ trợ", "hộ", 5, 120),
    Kind.TRAINING: ("Học viên được tập huấn", "người", 10, 150),
    Kind.CADRE_TRAINING: ("Cán bộ được bồi dưỡng", "người", 5, 80),
    Kind.PROPAGANDA: ("Tài liệu tuyên truyền phát hành", "bản", 50, 2_000),
    Kind.CULTURAL_PRESERVATION: ("Lễ hội được phục dựng", "lễ hội", 1, 3),
    Kind.COMMENDATION: ("Điển hình được biểu dương", "người", 3, 60),
}
STATUS_WEIGHTS = [(Status.ACCEPTED, 70), (Status.SUBMITTED, 15), (Status.DRAFT, 10), (Status.RETURNED, 5)]
CO_ORGANISED = 0.2  # share of activities with co-organisers
SECOND_LOCALITY = 0.3  # share of activities held in two communes
RETURN_COMMENT = "Đề nghị bổ sung số liệu người tham gia theo dân tộc."


@dataclass(frozen=True)
class _Program:
    pk: int
    province: int  # index into the province list
    first: int  # ordinal of the first day an activity may start
    span: int  # number of possible start days
    last: int  # ordinal of the last day an activity may end
    areas: tuple[int, ...]
    parties: tuple[int, ...]  # agency ids, the lead first


def generate(*, scale: str, seed: int = 1, say: Callable[[str], None] = lambda _: None) -> dict:
    """Fill the database with synthetic programs and activities. Refuses to run twice.

    Writes agencies, programs with their parties and content areas (one transaction),
    then activities with participation, co-organisers, localities and outputs in
    transactions of CHUNK activities. No history records are written.
    """
    if Agency.objects.filter(name__endswith=MARK).exists():
        raise ValueError("Dữ liệu thử đã có trong cơ sở dữ liệu; xóa trước khi tạo lại.")
    size = SCALES[scale]
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    provinces = list(
        AdministrativeUnit.objects.filter(era=Era.CURRENT, level=UnitLevel.PROVINCE).order_by("code")
    )
    if not provinces:
        raise ValueError("Chưa có dữ liệu tham chiếu; chạy «phoihop refdata load» trước.")
    if scale != "national":
        provinces = provinces[:1]
    kinds = list(AgencyKind.objects.order_by("order", "code"))
    groups = list(EthnicGroup.objects.order_by("code"))

    with transaction.atomic():
        agencies = Agency.objects.bulk_create(
            (
                Agency(
                    name=f"{kinds[i % len(kinds)].name} số {i + 1} {MARK}",
                    short_name=f"CQ{i + 1}",
                    kind=kinds[i % len(kinds)],
                    level="province",
                    province=provinces[i % len(provinces)],
                    search_text=search_key(
                        f"{kinds[i % len(kinds)].name} số {i + 1} {MARK}",
                        f"CQ{i + 1}",
                        provinces[i % len(provinces)].name,
                    ),
                )
                for i in range(size.agencies)
            ),
            batch_size=BATCH,
        )
        say(f"{len(agencies)} cơ quan")
        plans = _programs(rng, size, provinces, agencies)
        say(f"{len(plans)} chương trình")

    places = _places(provinces)
    agency_words = {a.pk: fold(a.name) for a in agencies}
    writer = _Writer()
    made = rows_made = 0
    with writer.tuned():
        first_id = (Activity.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        draw = _Draw(rng, size, plans, places, groups, agency_words)
        while made < size.activities:
            n = min(CHUNK, size.activities - made)
            with transaction.atomic():
                batch = draw.activities(first_id + made, made, n)
                writer.insert(Activity, batch.activity_columns, batch.activities)
                writer.insert(
                    Activity.co_organisers.through, ("activity_id", "agency_id"), batch.co_organisers
                )
                writer.insert(Locality, ("activity_id", "unit_id", "written"), batch.localities)
                writer.insert(Output, ("activity_id", "name", "unit", "value"), batch.outputs)
                rows_made += writer.insert(
                    Participation,
                    ("activity_id", "program_id", "status", "ethnic_group_id", "sex", "age_band", "count"),
                    draw.participation(batch.shapes),
                )
            made += n
            if made % PROGRESS == 0 or made == size.activities:
                say(f"{vn_number(made)} hoạt động, {vn_number(rows_made)} dòng người tham gia")
        writer.reset_sequence(Activity)
        writer.finish(WRITTEN)
    return {
        "agencies": len(agencies),
        "programs": len(plans),
        "activities": made,
        "participation_rows": rows_made,
    }


def _programs(rng: random.Random, size: Scale, provinces: list, agencies: list) -> list[_Program]:
    """Programs with 2–5 parties (the first leads) and 4–6 content areas, through the ORM."""
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
                status=ProgramStatus.ACTIVE if start + 4 >= AS_OF.year else ProgramStatus.CLOSED,
                signed_on=dt.date(start, 3, 1),
                search_text=search_key(
                    f"Chương trình phối hợp thực hiện công tác dân tộc số {i + 1} giai đoạn {start}–{start + 4}",
                    f"{i + 1:04d}/CTr-GEN",
                    province.name,
                ),
            )
        )
    Program.objects.bulk_create(programs, batch_size=BATCH)
    chosen_parties: list[list[int]] = []
    area_counts: list[int] = []
    for program in programs:
        chosen = rng.sample(agencies, rng.randint(2, 5))
        chosen_parties.append([a.pk for a in chosen])
        for order, agency in enumerate(chosen):
            parties.append(
                Party(
                    program=program,
                    agency=agency,
                    role=Role.LEAD if order == 0 else Role.PARTNER,
                    order=order,
                )
            )
        area_counts.append(rng.randint(4, 6))
        for n in range(1, area_counts[-1] + 1):
            areas.append(ContentArea(program=program, number=n, title=f"Nội dung phối hợp {n}"))
    Party.objects.bulk_create(parties, batch_size=BATCH)
    ContentArea.objects.bulk_create(areas, batch_size=BATCH)
    area_ids: dict[int, list[int]] = {}
    for area in areas:
        area_ids.setdefault(area.program_id, []).append(area.pk)
    province_index = {p.pk: i for i, p in enumerate(provinces)}
    plans = []
    for program, party_ids in zip(programs, chosen_parties, strict=True):
        first = dt.date(program.phase_start, 1, 1).toordinal()
        last = min(dt.date(program.phase_end, 12, 31), AS_OF).toordinal()
        plans.append(
            _Program(
                pk=program.pk,
                province=province_index[program.province_id],
                first=first,
                span=max(1, last - first),
                last=last,
                areas=tuple(area_ids[program.pk]),
                parties=tuple(party_ids),
            )
        )
    return plans


@dataclass(frozen=True)
class _Places:
    """Per province (same order as the province list): communes an activity may be held in,
    as (id, name, folded name): current communes of the province, and legacy communes whose
    successors include one of them."""

    current: list[list[tuple[int, str, str]]]
    legacy: list[list[tuple[int, str, str]]]


def _places(provinces: list) -> _Places:
    index = {p.pk: i for i, p in enumerate(provinces)}
    current: list[list[tuple[int, str, str]]] = [[] for _ in provinces]
    legacy: list[list[tuple[int, str, str]]] = [[] for _ in provinces]
    communes = AdministrativeUnit.objects.filter(
        era=Era.CURRENT, level=UnitLevel.COMMUNE, parent__in=[p.pk for p in provinces]
    ).order_by("code")
    for pk, name, parent in communes.values_list("pk", "name", "parent_id"):
        current[index[parent]].append((pk, name, fold(name)))
    # Two plain queries joined here: the planner need not know the tables' sizes.
    names = {
        pk: (code, name)
        for pk, code, name in AdministrativeUnit.objects.filter(
            era=Era.LEGACY, level=UnitLevel.COMMUNE
        ).values_list("pk", "code", "name")
    }
    links = AdministrativeUnit.successors.through.objects.filter(
        to_administrativeunit__parent__in=[p.pk for p in provinces],
        to_administrativeunit__level=UnitLevel.COMMUNE,
    ).values_list("from_administrativeunit_id", "to_administrativeunit__parent_id")
    found = sorted({(names[pk][0], pk, parent) for pk, parent in links if pk in names})
    for _code, pk, parent in found:
        name = names[pk][1]
        legacy[index[parent]].append((pk, name, fold(name)))
    for i, province in enumerate(provinces):
        if not current[i] or not legacy[i]:
            raise ValueError(
                f"Thiếu xã của {province.name} trong dữ liệu tham chiếu; chạy «phoihop refdata load»."
            )
    return _Places(current=current, legacy=legacy)


@dataclass
class _Batch:
    activity_columns: tuple[str, ...]
    activities: list[tuple]
    co_organisers: list[tuple]
    localities: list[tuple]
    outputs: list[tuple]
    shapes: list[tuple[int, int, int, str]]  # (activity id, total participants, program id, status)


WRITTEN = [Activity, Activity.co_organisers.through, Locality, Output, Participation]
ACTIVITY_COLUMNS = (
    "id",
    "program_id",
    "content_area_id",
    "kind",
    "title",
    "start_date",
    "end_date",
    "organiser_id",
    "total_participants",
    "budget_vnd",
    "funding_source",
    "status",
    "submitted_at",
    "reviewed_at",
    "review_comment",
    "external_key",
    "created_at",
    "updated_at",
    "search_text",
)


class _Draw:
    """The random draws, in an order that depends only on the seed and the scale (never on
    the database), with every choice an index into a table built once."""

    def __init__(self, rng, size: Scale, plans, places: _Places, groups, agency_words: dict[int, str]):
        self.rng = rng
        self.size = size
        self.plans = plans
        self.places = places
        self.agency_words = agency_words
        self.kinds = list(Kind.values)
        self.kind_words = [KIND_WORDS[k] for k in self.kinds]
        self.kind_folded = [fold(KIND_WORDS[k]) for k in self.kinds]
        self.outputs = [OUTPUTS.get(k) for k in self.kinds]
        self.statuses = [s.value for s, w in STATUS_WEIGHTS for _ in range(w)]
        # Kinh and the large groups most often: a cell (group, sex, age band) appears in
        # the table as many times as its group's weight.
        weights = [30] + [10] * 8 + [1] * (len(groups) - 9)
        self.cells = [
            (g.pk, sex, band)
            for g, w in zip(groups, weights, strict=False)
            for sex in Sex.values
            for band in AgeBand.values
            for _ in range(w)
        ]
        if len(set(self.cells)) < size.rows_per_activity:
            raise ValueError("Không đủ dân tộc trong dữ liệu tham chiếu.")
        self.day = _DayText()

    def activities(self, first_id: int, offset: int, n: int) -> _Batch:
        rnd = self.rng.random
        plans, n_plans = self.plans, len(self.plans)
        heavy, heavy_share = self.size.heavy, self.size.heavy_share
        kinds, n_kinds = self.kinds, len(self.kinds)
        statuses, n_statuses = self.statuses, len(self.statuses)
        current, legacy = self.places.current, self.places.legacy
        reform = REFORM_DATE.toordinal()
        day = self.day
        activities, co, places, outputs, shapes = [], [], [], [], []
        for j in range(n):
            pk = first_id + j
            number = offset + j + 1
            share = heavy if heavy and rnd() < heavy_share else n_plans
            plan = plans[int(rnd() * share)]
            start = plan.first + int(rnd() * plan.span)
            end = min(start + int(rnd() * 3), plan.last)
            k = int(rnd() * n_kinds)
            total = 10 + int(rnd() * 291)
            parties = plan.parties
            organiser = parties[int(rnd() * len(parties))]
            area = plan.areas[int(rnd() * len(plan.areas))]
            budget = int(rnd() * 200) * 1_000_000
            funding = "ntp_1719" if rnd() < 0.4 else "state_budget"
            status = statuses[int(rnd() * n_statuses)]
            pool = current[plan.province] if start >= reform else legacy[plan.province]
            unit = pool[int(rnd() * len(pool))]
            places.append((pk, unit[0], ""))
            if rnd() < SECOND_LOCALITY:
                other = pool[int(rnd() * len(pool))]
                if other[0] != unit[0]:
                    places.append((pk, other[0], ""))
            if rnd() < CO_ORGANISED:
                others = [a for a in parties if a != organiser]
                for agency in self.rng.sample(others, min(len(others), 1 + (rnd() < 0.5))):
                    co.append((pk, agency))
            spec = self.outputs[k]
            if spec is not None and rnd() < 0.5:
                name, unit_name, low, high = spec
                outputs.append((pk, name, unit_name, low + int(rnd() * (high - low + 1))))
            title = f"{self.kind_words[k]} tại {unit[1]} đợt {number}"
            # search_key(title, description, organiser name), as full_clean() computes it.
            search_text = f" {self.kind_folded[k]} tai {unit[2]} dot {number} {self.agency_words[organiser]} "
            # Recorded the day the activity ended, submitted an hour later, reviewed that
            # afternoon (UTC hours: 09:00, 10:00 and 15:00 in Việt Nam).
            created = day.moment(end, 2)
            submitted = None if status == "draft" else day.moment(end, 3)
            reviewed = day.moment(end, 8) if status in ("accepted", "returned") else None
            activities.append(
                (
                    pk,
                    plan.pk,
                    area,
                    kinds[k],
                    title,
                    day.date(start),
                    day.date(end),
                    organiser,
                    total,
                    budget,
                    funding,
                    status,
                    submitted,
                    reviewed,
                    RETURN_COMMENT if status == "returned" else "",
                    f"gen-{number}",
                    created,
                    reviewed or submitted or created,
                    search_text,
                )
            )
            shapes.append((pk, total, plan.pk, status))
        return _Batch(ACTIVITY_COLUMNS, activities, co, places, outputs, shapes)

    def participation(self, shapes: list[tuple[int, int, int, str]]) -> Iterator[tuple]:
        """Distinct (ethnic group, sex, age band) cells per activity, counts summing to at
        most its total (each takes up to a third of what is left)."""
        rnd = self.rng.random
        cells, n_cells = self.cells, len(self.cells)
        wanted = self.size.rows_per_activity
        for pk, total, program, status in shapes:
            seen = set()
            remaining = total
            while len(seen) < wanted:
                cell = cells[int(rnd() * n_cells)]
                if cell in seen:
                    continue
                seen.add(cell)
                count = int(rnd() * (remaining // 3 + 1))
                remaining -= count
                yield (pk, program, status, cell[0], cell[1], cell[2], count)


class _DayText:
    """Dates and times as the database's text form, cached per day: SQLite stores dates as
    'YYYY-MM-DD' and datetimes as naive UTC; PostgreSQL parses both from text in COPY."""

    def __init__(self):
        self.suffix = "+00" if connection.vendor == "postgresql" else ""
        self.days: dict[int, str] = {}

    def date(self, ordinal: int) -> str:
        text = self.days.get(ordinal)
        if text is None:
            text = self.days[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def moment(self, ordinal: int, hour_utc: int) -> str:
        return f"{self.date(ordinal)} {hour_utc:02d}:00:00{self.suffix}"


class _Writer:
    """Inserts rows of one model's table through the DB-API cursor: `executemany` on
    SQLite, `COPY … FROM STDIN` on PostgreSQL. Columns the generator does not fill that
    are NOT NULL get the model field's default, so that a field added later with a
    default does not break the generator."""

    def __init__(self):
        self.vendor = connection.vendor
        self.qn = connection.ops.quote_name

    def insert(self, model, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
        table = model._meta.db_table
        fixed = _fixed_columns(model, columns)
        names = ", ".join(self.qn(c) for c in (*columns, *(c for c, _ in fixed)))
        if fixed:
            extra = tuple(v for _, v in fixed)
            rows = (row + extra for row in rows)
        written = 0
        if self.vendor == "postgresql":
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {self.qn(table)} ({names}) FROM STDIN") as copy,
            ):
                write = copy.write_row
                for row in rows:
                    write(row)
                    written += 1
            return written
        marks = ", ".join("?" * (len(columns) + len(fixed)))

        def counted(items):
            nonlocal written
            for row in items:
                written += 1
                yield row

        connection.ensure_connection()
        connection.connection.executemany(
            # Table and column names come from the models' metadata, values are parameters.
            f"INSERT INTO {self.qn(table)} ({names}) VALUES ({marks})",  # noqa: S608
            counted(rows),
        )
        return written

    def reset_sequence(self, model) -> None:
        """PostgreSQL: move the id sequence past the ids assigned here (SQLite's
        AUTOINCREMENT follows on its own)."""
        statements = connection.ops.sequence_reset_sql(no_style(), [model])
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    @contextmanager
    def tuned(self):
        """Session settings for a bulk load, restored afterwards.

        SQLite: a 512 MB page cache so that the indexes stay in memory; `synchronous`
        stays NORMAL (in WAL mode OFF saves under a tenth and risks the file on power loss).
        PostgreSQL: asynchronous commit (a crash loses the last chunks, never consistency)
        and, for a superuser, `session_replication_role = replica`, which skips the
        per-row foreign-key triggers (about 40 % of the time: a deferred check per
        reference, all run at commit); the references are then checked once, set-wise, by
        `finish`. Unique, check and not-null constraints are enforced as always.
        """
        connection.ensure_connection()
        self.skipped_triggers = False
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute("PRAGMA cache_size")
                saved = cursor.fetchone()[0]
                cursor.execute("PRAGMA cache_size = -524288")
            elif self.vendor == "postgresql":
                cursor.execute("SET synchronous_commit = off")
                cursor.execute("SELECT current_setting('is_superuser')")
                if cursor.fetchone()[0] == "on":
                    cursor.execute("SET session_replication_role = replica")
                    self.skipped_triggers = True
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                if self.vendor == "sqlite":
                    cursor.execute(f"PRAGMA cache_size = {int(saved)}")
                elif self.vendor == "postgresql":
                    cursor.execute("RESET session_replication_role")
                    cursor.execute("RESET synchronous_commit")

    def finish(self, tables: list) -> None:
        """After a load without foreign-key triggers, check that every reference of the
        written tables points at an existing row (one anti-join per foreign key).
        PostgreSQL: vacuum and analyse the written tables, as autovacuum would soon after a
        load this size (the visibility map lets the dashboards read from their indexes
        alone); outside a transaction, where VACUUM must run."""
        if self.vendor != "postgresql":
            return
        qn = self.qn
        with connection.cursor() as cursor:
            for model in tables if self.skipped_triggers else ():
                for field in model._meta.concrete_fields:
                    if not field.is_relation or not field.db_constraint:
                        continue
                    parent = field.related_model._meta
                    target = field.target_field.column
                    cursor.execute(
                        # Names from the models' metadata.
                        f"SELECT count(*) FROM {qn(model._meta.db_table)} c "  # noqa: S608
                        f"WHERE c.{qn(field.column)} IS NOT NULL AND NOT EXISTS "
                        f"(SELECT 1 FROM {qn(parent.db_table)} p WHERE p.{qn(target)} = c.{qn(field.column)})"
                    )
                    orphans = cursor.fetchone()[0]
                    if orphans:
                        raise RuntimeError(
                            f"{orphans} dòng của {model._meta.db_table}.{field.column} trỏ tới dòng không có."
                        )
            for model in tables:
                if connection.in_atomic_block:
                    cursor.execute(f"ANALYZE {qn(model._meta.db_table)}")
                else:
                    cursor.execute(f"VACUUM (ANALYZE) {qn(model._meta.db_table)}")


def _fixed_columns(model, columns: tuple[str, ...]) -> list[tuple[str, object]]:
    fixed = []
    for field in model._meta.concrete_fields:
        if field.column in columns or field.primary_key or field.null:
            continue
        if field.db_default is not models.NOT_PROVIDED:
            continue
        # The model default, or "" for a text field without one (what the ORM would write).
        default = field.get_default()
        if default is not None:
            fixed.append((field.column, field.get_db_prep_save(default, connection)))
    return fixed
