"""The consent rule, decided in the query (Exemplar.objects.visible_to) and by the
predicates alike, for every persona."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from phoihop.people import rules, services
from phoihop.people.models import Exemplar
from phoihop.programs.models import Program
from tests.conftest import PERSONAS
from tests.people.conftest import person

pytestmark = pytest.mark.django_db

PARTY_STAFF = {"lead_officer", "leader", "partner_officer", "admin_user"}


def _user(persona):
    return persona or AnonymousUser()


def _visible(user) -> set[str]:
    return set(Exemplar.objects.visible_to(user).values_list("name", flat=True))


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_public_program_consented_for_all_private_for_party_staff(request, persona, consented, private):
    name = request.node.callspec.params["persona"]
    user = _user(persona)
    expected = {consented.name, private.name} if name in PARTY_STAFF else {consented.name}
    assert _visible(user) == expected
    for exemplar in (consented, private):
        exemplar = Exemplar.objects.select_related("program").get(pk=exemplar.pk)
        assert rules.can_view_exemplar(user, exemplar) == (exemplar.name in expected)
        assert rules.can_edit_exemplar(user, exemplar) == (name in PARTY_STAFF)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_draft_program_exemplars_only_for_party_staff(request, persona, program, lead_officer):
    name = request.node.callspec.params["persona"]
    services.exemplar_create(program=program, data=person(), by=lead_officer)
    services.exemplar_create(
        program=program,
        data=person(name="Kim Thị Sô Phia", consent_to_publish=False, consent_date=None),
        by=lead_officer,
    )
    user = _user(persona)
    # Even consented records stay hidden while the program itself is not public.
    expected = {"Thạch Thị Sa Ry", "Kim Thị Sô Phia"} if name in PARTY_STAFF else set()
    assert _visible(user) == expected


def test_deleted_program_hides_its_exemplars_from_everyone(consented, private, admin_user, lead_officer):
    Program.objects.filter(pk=consented.program_id).update(deleted_at=timezone.now())
    assert _visible(admin_user) == _visible(lead_officer) == _visible(AnonymousUser()) == set()
