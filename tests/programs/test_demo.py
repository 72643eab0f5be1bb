import pytest
from django.core.management import call_command

from phoihop.accounts.models import User
from phoihop.agencies.models import Agency
from phoihop.programs.demo import DEMO_PASSWORD
from phoihop.programs.models import Program

pytestmark = pytest.mark.django_db


def test_demo_loads_the_two_seed_programs_and_accounts_and_is_idempotent(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    for username in ("admin", "lanhdao", "bdt.cantho", "mttq.cantho", "tinhdoan.thainguyen", "bientap"):
        assert username in out
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    counts = (Program.objects.count(), Agency.objects.count(), User.objects.count())
    call_command("demo")
    assert (Program.objects.count(), Agency.objects.count(), User.objects.count()) == counts == (2, 6, 6)

    cantho = Program.objects.get(province__code="92")
    assert (cantho.phase_start, cantho.phase_end, cantho.status) == (2021, 2025, "active")
    assert cantho.content_areas.count() == 6
    assert sorted(p.role for p in cantho.parties.all()) == ["lead", "partner", "partner", "partner"]
    thainguyen = Program.objects.get(phase_start=2013)
    assert thainguyen.phase_end == 2017 and thainguyen.parties.count() == 2
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="lanhdao").role == "leader"
    assert User.objects.get(username="bientap").role == "editor"
