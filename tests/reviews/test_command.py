"""`phoihop remind-followups`: one e-mail per agency with overdue follow-ups."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from phoihop.reviews.models import FollowUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(signed_program, partner_agency, partner_officer):
    partner_officer.email = "mttq@example.vn"
    partner_officer.save()
    return [
        FollowUp.objects.create(
            program=signed_program, text=text, assignee=partner_agency, due_date=dt.date(2022, 3, 31)
        )
        for text in ("Tập huấn chính sách cho thanh niên", "Giám sát chính sách người có uy tín")
    ]


def test_remind_followups_sends_one_mail_per_agency_listing_all_its_overdue_tasks(settings, overdue):
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend", "OPTIONS": {}}
    }
    out = StringIO()
    call_command("remind_followups", stdout=out)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mttq@example.vn"]
    assert "Tập huấn chính sách cho thanh niên" in mail.outbox[0].body
    assert "Giám sát chính sách người có uy tín" in mail.outbox[0].body
    assert "2 việc quá hạn" in out.getvalue()
    # Reminded just now: a second run sends nothing.
    call_command("remind_followups", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_remind_followups_for_one_program_needs_a_user(signed_program):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--user"):
        call_command("remind_followups", program=signed_program.pk, stdout=StringIO())
