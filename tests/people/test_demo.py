"""The demo exemplars of the Cần Thơ program: loaded once, some public and one not, one
recognition given at the program's commendation ceremony."""

import pytest
from django.contrib.auth.models import AnonymousUser

from phoihop.demo import load
from phoihop.people.demo import exemplars_demo
from phoihop.people.models import Exemplar

pytestmark = pytest.mark.django_db


def test_demo_exemplars_are_loaded_once():
    result = load()
    cantho = result["programs"][0]
    users = {u.username: u for u in result["users"]}
    # `phoihop demo` loads them (5); loading again adds nothing.
    assert result["exemplars"] == 5
    assert exemplars_demo(program=cantho, agencies=result["agencies_by_key"], users=users) == 0

    exemplars = {e.name: e for e in Exemplar.objects.filter(program=cantho).select_related("ethnic_group")}
    assert len(exemplars) == 5
    assert {e.ethnic_group.code for e in exemplars.values()} == {"04", "05"}
    achar = exemplars["Lâm Sô Phanh"]
    assert (achar.is_prestigious, achar.prestige_term, achar.consent_to_publish) == (True, "2023–2027", False)
    assert exemplars["Tổ hợp tác thanh niên nuôi tôm càng xanh xã Hòa Tú"].kind == "collective"
    linked = [r for e in exemplars.values() for r in e.recognitions.all() if r.activity_id]
    assert linked and {r.activity.kind for r in linked} == {"commendation"}
    assert {r.activity.program_id for r in linked} == {cantho.pk}

    public = set(Exemplar.objects.visible_to(AnonymousUser()).values_list("name", flat=True))
    assert public == {name for name, e in exemplars.items() if e.consent_to_publish}
    assert 0 < len(public) < 5
    assert Exemplar.objects.visible_to(users["bientap"]).count() == len(public)
    assert Exemplar.objects.visible_to(users["mttq.cantho"]).count() == 5
