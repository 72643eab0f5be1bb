import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum

from phoihop.activities.generate import AS_OF, MARK, REFORM_DATE, generate
from phoihop.activities.models import Activity, Locality, Output, Participation
from phoihop.activities.services import REFORM_DATE as SERVICES_REFORM_DATE
from phoihop.agencies.models import Agency
from phoihop.programs.models import Program
from phoihop.reference.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def fingerprint() -> tuple:
    """What a seed decides, independent of the ids the database assigns."""
    return (
        Activity.objects.count(),
        Participation.objects.count(),
        Activity.objects.aggregate(s=Sum("total_participants"))["s"],
        Participation.objects.aggregate(s=Sum("count"))["s"],
        tuple(Activity.objects.order_by("external_key").values_list("status", flat=True)[:50]),
        tuple(
            Activity.objects.order_by("external_key").values_list("title", "start_date", "organiser__name")[
                :50
            ]
        ),
        Activity.co_organisers.through.objects.filter(activity__external_key__startswith="gen-").count(),
        tuple(
            Locality.objects.order_by("activity__external_key", "unit__code").values_list("unit__code")[:50]
        ),
        tuple(Output.objects.order_by("activity__external_key").values_list("name", "value")[:20]),
    )


def wipe() -> None:
    Participation.objects.all().delete()
    Locality.objects.all().delete()
    Output.objects.all().delete()
    Activity.co_organisers.through.objects.all().delete()
    Activity.objects.all().delete()
    Program.objects.all().delete()
    Agency.objects.filter(name__endswith=MARK).delete()


def test_generated_data_is_consistent_and_reproducible():
    counts = generate(scale="tiny", seed=7)
    assert counts == {"agencies": 12, "programs": 6, "activities": 600, "participation_rows": 6000}
    activities = Activity.objects.select_related("program", "organiser").prefetch_related(
        "participation", "program__parties", "co_organisers", "localities__unit__successors", "outputs"
    )
    for activity in activities:
        program = activity.program
        parties = {p.agency_id for p in program.parties.all()}
        rows = list(activity.participation.all())
        assert len(rows) == 10
        assert sum(p.count for p in rows) <= activity.total_participants
        assert len({(p.ethnic_group_id, p.sex, p.age_band) for p in rows}) == 10
        assert program.phase_start <= activity.start_date.year <= program.phase_end
        assert activity.start_date <= activity.end_date <= AS_OF
        assert activity.organiser_id in parties
        co = {a.pk for a in activity.co_organisers.all()}
        assert len(co) <= 2
        assert co <= parties - {activity.organiser_id}
        places = list(activity.localities.all())
        assert 1 <= len(places) <= 2
        for place in places:
            if activity.start_date >= REFORM_DATE:
                assert (place.unit.era, place.unit.level) == ("current", "commune")
                assert place.unit.parent_id == program.province_id
            else:
                assert (place.unit.era, place.unit.level) == ("legacy", "commune")
                assert program.province_id in {s.parent_id for s in place.unit.successors.all()}
        assert activity.search_text == activity.compute_search_text()
        assert activity.external_key.startswith("gen-")
    assert REFORM_DATE == SERVICES_REFORM_DATE

    co_organised = Activity.objects.annotate(n=Count("co_organisers")).filter(n__gt=0).count()
    assert 60 <= co_organised <= 180  # about one in five
    # Both eras appear: activities before and after the 1 July 2025 reform.
    eras = set(Locality.objects.values_list("unit__era", flat=True).distinct())
    assert eras == {"current", "legacy"}
    assert Output.objects.filter(name="Mô hình kinh tế", unit="mô hình").exists()
    assert all(
        a.province_id == AdministrativeUnit.objects.get(era="current", level="province", code="01").pk
        for a in Agency.objects.filter(name__endswith=MARK)
    )

    first = fingerprint()
    wipe()
    generate(scale="tiny", seed=7)
    assert fingerprint() == first
    wipe()
    generate(scale="tiny", seed=8)
    assert fingerprint() != first


def test_ids_continue_after_existing_activities(program, lead_agency):
    """Ids are assigned by the generator: they start after the largest existing one, and
    a row written afterwards through the ORM gets the next."""

    def record() -> Activity:
        day = dt.date(2024, 5, 2)
        return Activity.objects.create(
            program=program,
            kind="other",
            title="Hội nghị",
            start_date=day,
            end_date=day,
            organiser=lead_agency,
        )

    existing = record()
    generate(scale="tiny", seed=1)
    generated = Activity.objects.filter(external_key__startswith="gen-").order_by("id")
    assert generated.first().pk == existing.pk + 1
    assert record().pk == generated.last().pk + 1


def test_generate_refuses_to_run_twice(capsys):
    call_command("generate", "--scale", "tiny")
    assert "600 hoạt động, 6.000 dòng người tham gia" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Dữ liệu thử đã có"):
        call_command("generate", "--scale", "tiny")
