import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from phoihop.activities.generate import MARK, generate
from phoihop.activities.models import Activity, Participation
from phoihop.agencies.models import Agency
from phoihop.programs.models import Program

pytestmark = pytest.mark.django_db


def fingerprint() -> tuple:
    return (
        Activity.objects.count(),
        Participation.objects.count(),
        Activity.objects.aggregate(s=Sum("total_participants"))["s"],
        Participation.objects.aggregate(s=Sum("count"))["s"],
        tuple(Activity.objects.order_by("external_key").values_list("status", flat=True)[:50]),
    )


def wipe() -> None:
    Participation.objects.all().delete()
    Activity.objects.all().delete()
    Program.objects.all().delete()
    Agency.objects.filter(name__endswith=MARK).delete()


def test_generated_data_is_consistent_and_reproducible():
    counts = generate(scale="tiny", seed=7)
    assert counts == {"agencies": 12, "programs": 6, "activities": 600, "participation_rows": 6000}
    for activity in Activity.objects.prefetch_related("participation", "program__parties")[:100]:
        assert sum(p.count for p in activity.participation.all()) <= activity.total_participants
        assert activity.program.phase_start <= activity.start_date.year <= activity.program.phase_end
        assert activity.organiser_id in {p.agency_id for p in activity.program.parties.all()}
    first = fingerprint()
    wipe()
    generate(scale="tiny", seed=7)
    assert fingerprint() == first
    wipe()
    generate(scale="tiny", seed=8)
    assert fingerprint() != first


def test_generate_refuses_to_run_twice(capsys):
    call_command("generate", "--scale", "tiny")
    assert "600 hoạt động, 6.000 dòng người tham gia" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Dữ liệu thử đã có"):
        call_command("generate", "--scale", "tiny")
