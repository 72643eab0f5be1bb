"""ParticipantTally: the participants of a program's activities per status by ethnic group,
by sex and by age band, kept by triggers on activities_participation in the transaction of
every write (the ORM, core.bulk's multi-row INSERT or COPY, the cascade of a deletion, the
status copied by sync_status), filled here from the rows already there.

SQLite: row triggers (one upsert of the three margins per row). PostgreSQL: statement
triggers over the transition tables, so that a COPY of 50,000 rows makes one grouped
upsert, not 50,000. Sums that fall to zero are deleted. The participation_figures index,
which the province dashboard scanned instead, goes."""

from django.db import migrations, models

TALLY = "activities_participanttally"
COLUMNS = "program_id, status, dimension, key, count"


def margins(rows: str) -> str:
    """The three margins of the participation rows `rows` (a table), grouped."""
    return f"""SELECT program_id, status, d, k, sum(n) AS n FROM (
        SELECT program_id, status, 'g' AS d, coalesce(CAST(ethnic_group_id AS TEXT), '') AS k, count AS n FROM {rows}
        UNION ALL SELECT program_id, status, 's', sex, count FROM {rows}
        UNION ALL SELECT program_id, status, 'a', age_band, count FROM {rows}
    ) AS m GROUP BY program_id, status, d, k"""


def sqlite_add(row: str) -> str:
    return f"""INSERT INTO {TALLY} ({COLUMNS}) VALUES
        ({row}.program_id, {row}.status, 'g', coalesce(CAST({row}.ethnic_group_id AS TEXT), ''), {row}.count),
        ({row}.program_id, {row}.status, 's', {row}.sex, {row}.count),
        ({row}.program_id, {row}.status, 'a', {row}.age_band, {row}.count)
        ON CONFLICT (program_id, status, dimension, key) DO UPDATE SET count = count + excluded.count;"""


def sqlite_remove(row: str) -> str:
    return f"""UPDATE {TALLY} SET count = count - {row}.count
        WHERE program_id = {row}.program_id AND status = {row}.status AND (
            (dimension = 'g' AND key = coalesce(CAST({row}.ethnic_group_id AS TEXT), ''))
            OR (dimension = 's' AND key = {row}.sex) OR (dimension = 'a' AND key = {row}.age_band));
        DELETE FROM {TALLY} WHERE program_id = {row}.program_id AND status = {row}.status AND count = 0;"""


WATCHED = "program_id, status, ethnic_group_id, sex, age_band, count"
SQLITE = [
    f"CREATE TRIGGER participant_tally_ins AFTER INSERT ON activities_participation BEGIN {sqlite_add('new')} END",
    f"CREATE TRIGGER participant_tally_del AFTER DELETE ON activities_participation BEGIN {sqlite_remove('old')} END",
    f"""CREATE TRIGGER participant_tally_upd AFTER UPDATE OF {WATCHED} ON activities_participation
        BEGIN {sqlite_remove("old")} {sqlite_add("new")} END""",
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS participant_tally_{op}" for op in ("ins", "del", "upd")]

POSTGRES = [
    f"""CREATE FUNCTION participant_tally() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            DELETE FROM {TALLY};
            RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE {TALLY} AS t SET count = t.count - x.n FROM ({margins("removed")}) AS x
            WHERE t.program_id = x.program_id AND t.status = x.status AND t.dimension = x.d AND t.key = x.k;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            -- In key order, so that two writers take the sums' row locks in the same order.
            INSERT INTO {TALLY} AS t ({COLUMNS}) {margins("added")} ORDER BY 1, 2, 3, 4
            ON CONFLICT (program_id, status, dimension, key) DO UPDATE SET count = t.count + EXCLUDED.count;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM {TALLY} AS t USING (SELECT DISTINCT program_id, status FROM removed) AS x
            WHERE t.program_id = x.program_id AND t.status = x.status AND t.count = 0;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER participant_tally_ins AFTER INSERT ON activities_participation
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION participant_tally()""",
    """CREATE TRIGGER participant_tally_upd AFTER UPDATE ON activities_participation
        REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION participant_tally()""",
    """CREATE TRIGGER participant_tally_del AFTER DELETE ON activities_participation
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION participant_tally()""",
    """CREATE TRIGGER participant_tally_trunc AFTER TRUNCATE ON activities_participation
        FOR EACH STATEMENT EXECUTE FUNCTION participant_tally()""",
    # The sums of a province's programs read from the index alone: a program's rows are
    # written at different times and lie scattered over the table (4,435 pages for 7,316
    # rows of one province before this index).
    f"CREATE INDEX participant_tally_read ON {TALLY} (program_id, status) INCLUDE (dimension, key, count)",
    # Also under `session_replication_role = replica`, which the generator's bulk load
    # sets to skip the foreign-key checks.
    *(
        f"ALTER TABLE activities_participation ENABLE ALWAYS TRIGGER participant_tally_{op}"
        for op in ("ins", "upd", "del", "trunc")
    ),
]
POSTGRES_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS participant_tally_{op} ON activities_participation"
        for op in ("ins", "upd", "del", "trunc")
    ),
    "DROP FUNCTION IF EXISTS participant_tally()",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}[vendor]:
        schema_editor.execute(sql)
    schema_editor.execute(f"INSERT INTO {TALLY} ({COLUMNS}) {margins('activities_participation')}")
    schema_editor.execute(f"ANALYZE {TALLY}")


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}[vendor]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0007_figures_index_id"),
    ]

    operations = [
        migrations.CreateModel(
            name="ParticipantTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("program_id", models.IntegerField(editable=False)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Nháp"),
                            ("submitted", "Đã gửi"),
                            ("accepted", "Đã xác nhận"),
                            ("returned", "Trả lại"),
                        ],
                        editable=False,
                        max_length=10,
                    ),
                ),
                (
                    "dimension",
                    models.CharField(
                        choices=[("g", "dân tộc"), ("s", "giới tính"), ("a", "độ tuổi")],
                        editable=False,
                        max_length=1,
                    ),
                ),
                ("key", models.CharField(editable=False, max_length=16)),
                ("count", models.BigIntegerField(editable=False)),
            ],
            options={
                "verbose_name": "tổng người tham gia",
                "verbose_name_plural": "tổng người tham gia",
            },
        ),
        migrations.RemoveIndex(
            model_name="participation",
            name="participation_figures",
        ),
        migrations.AddConstraint(
            model_name="participanttally",
            constraint=models.UniqueConstraint(
                fields=("program_id", "status", "dimension", "key"), name="participant_tally_key"
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
