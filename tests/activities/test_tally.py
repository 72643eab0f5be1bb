"""ParticipantTally, the sums the database's triggers keep per program and status, equals
the participation rows' margins after every kind of write: the generator's bulk load
(executemany on SQLite, COPY on PostgreSQL, as the importer's core.bulk), each status
change, an edit that replaces the rows, deleting an activity, a raw UPDATE and deleting the
rows themselves; and the dashboard figures read from it equal those counted from the rows."""

import datetime as dt

import pytest
from django.db.models import Sum

from phoihop.activities import services
from phoihop.activities.generate import generate
from phoihop.activities.models import Activity, ParticipantTally, Participation, Status
from phoihop.activities.selectors import program_statistics, province_statistics
from phoihop.programs.models import Program
from tests.activities.conftest import group

pytestmark = pytest.mark.django_db


def from_rows() -> dict:
    """(program, status, dimension, key) → participants, summed from the rows."""
    sums: dict = {}
    cells = Participation.objects.values_list("program_id", "status", "ethnic_group_id", "sex", "age_band")
    for program, status, group_id, sex, band, n in cells.annotate(n=Sum("count")).order_by():
        for key in (("g", "" if group_id is None else str(group_id)), ("s", sex), ("a", band)):
            sums[(program, status, *key)] = sums.get((program, status, *key), 0) + n
    return {k: n for k, n in sums.items() if n}


def tallies() -> dict:
    rows = ParticipantTally.objects.values_list("program_id", "status", "dimension", "key", "count")
    # A row of 0 participants leaves a sum of 0 (until a deletion tidies it away).
    return {(p, s, d, k): n for p, s, d, k, n in rows if n}


def test_the_generator_bulk_writes_are_tallied():
    generate(scale="tiny", seed=5)
    assert Participation.objects.count() > 1000
    assert tallies() == from_rows()
    assert {status for _, status, _, _ in tallies()} >= {Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED}


def test_every_status_change_edit_and_deletion_is_tallied(
    signed_program, partner_officer, lead_officer, activity_data
):
    data = activity_data()
    a = services.activity_create(program=signed_program, data=data, by=partner_officer)
    b = services.activity_create(program=signed_program, data=data, by=partner_officer)
    assert tallies() == from_rows() and tallies()
    services.activity_submit(activity=a, by=partner_officer)
    services.activity_submit(activity=b, by=partner_officer)
    services.activity_accept(activity=a, by=lead_officer)
    services.activity_return(activity=b, by=lead_officer, comment="Thiếu danh sách")
    assert tallies() == from_rows()
    # An edit replaces the rows: one group fewer, another more.
    fewer = services.ParticipationInput(
        count=30, ethnic_group=group("05"), sex="female", age_band="youth_16_30"
    )
    services.activity_update(
        activity=b,
        data=activity_data(total_participants=30, participation=[fewer], localities=[]),
        by=partner_officer,
    )
    assert tallies() == from_rows()
    Activity.objects.filter(pk=b.pk).delete()
    assert tallies() == from_rows()
    Participation.objects.filter(activity=a).update(count=1)
    assert tallies() == from_rows() and sum(tallies().values()) == 3 * Participation.objects.count()
    Participation.objects.all().delete()
    assert tallies() == {}


def test_the_figures_from_the_sums_equal_the_figures_from_the_rows():
    generate(scale="tiny", seed=5)
    program = Program.objects.filter(pk__in=Participation.objects.values("program_id")).first()
    statuses = (Status.SUBMITTED, Status.ACCEPTED)
    keys = ("by_ethnic_group", "by_sex", "by_age_band")
    from_tally = program_statistics(program=program, statuses=statuses)
    # A period that holds every activity makes the selector count the rows instead.
    from_scan = program_statistics(program=program, statuses=statuses, date_from=dt.date(1990, 1, 1))
    assert [from_tally[k] for k in keys] == [from_scan[k] for k in keys] and from_tally["by_ethnic_group"]
    whole = province_statistics(province=program.province)
    scanned = province_statistics(province=program.province, date_from=dt.date(1990, 1, 1))
    assert [whole[k] for k in keys] == [scanned[k] for k in keys] and whole["by_sex"]
