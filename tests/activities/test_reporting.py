"""The reporting cockpit: each party's state per period, one batched reminder per late
agency (not twice within 20 hours, not without an address), for every persona, from the
page, the API and the command line."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from phoihop.activities import services
from phoihop.activities.models import Reminder
from phoihop.activities.selectors import reporting_grid
from tests import factories as f
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 8, 15)  # Q1 and Q2 of 2024 are due, Q3 is running, Q4 to come


@pytest.fixture
def reported(signed_program, partner_officer, lead_officer, activity_data, lead_agency):
    """The partner: an accepted training in Q1 2024 and a returned one in Q2. The lead:
    a draft in Q1."""
    q1 = services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    services.activity_submit(activity=q1, by=partner_officer)
    services.activity_accept(activity=q1, by=lead_officer)
    q2 = services.activity_create(
        program=signed_program,
        data=activity_data(start_date=dt.date(2024, 5, 2), end_date=dt.date(2024, 5, 2), localities=[]),
        by=partner_officer,
    )
    services.activity_submit(activity=q2, by=partner_officer)
    services.activity_return(activity=q2, by=lead_officer, comment="Thiếu danh sách học viên.")
    services.activity_create(
        program=signed_program, data=activity_data(organiser=lead_agency, localities=[]), by=lead_officer
    )
    partner_officer.email = "son.pham@mttq.cantho.gov.vn"
    partner_officer.save()
    lead_officer.email = "mai.le@bdt.cantho.gov.vn"
    lead_officer.save()


def states(grid) -> dict:
    return {row["agency"].short_name: [(c["state"], c["late"]) for c in row["cells"]] for row in grid["rows"]}


def test_grid_by_quarter(reported, signed_program):
    grid = reporting_grid(program=signed_program, year=2024, today=TODAY)
    assert [p["label"] for p in grid["periods"]] == ["Quý I", "Quý II", "Quý III", "Quý IV"]
    assert [p["due"] for p in grid["periods"]] == [True, True, False, False]
    assert states(grid) == {
        "BDT": [("draft", True), ("none", True), ("none", False), ("none", False)],
        "MTTQ": [("accepted", False), ("returned", True), ("none", False), ("none", False)],
    }
    mttq = grid["rows"][1]["cells"]
    assert mttq[0]["counts"] == {"accepted": 1} and mttq[1]["counts"] == {"returned": 1}


def test_grid_by_half_year_and_year(reported, signed_program):
    half = reporting_grid(program=signed_program, year=2024, period="half", today=TODAY)
    assert states(half)["MTTQ"] == [("returned", True), ("none", False)]
    year = reporting_grid(program=signed_program, year=2024, period="year", today=dt.date(2025, 1, 10))
    assert states(year) == {"BDT": [("draft", True)], "MTTQ": [("returned", True)]}


def test_one_reminder_per_late_agency_in_one_batch(reported, signed_program, lead_officer, lead_agency):
    result = services.reporting_remind(
        program=signed_program,
        year=2024,
        period="quarter",
        by=lead_officer,
        base_url="https://phoihop.example",
        today=TODAY,
    )
    assert sorted(r.agency.short_name for r in result["sent"]) == ["BDT", "MTTQ"]
    assert len(mail.outbox) == 2
    to_partner = next(m for m in mail.outbox if m.to == ["son.pham@mttq.cantho.gov.vn"])
    assert to_partner.subject.startswith("Nhắc báo cáo hoạt động năm 2024: ")
    assert "- Quý II năm 2024: bị trả lại" in to_partner.body
    assert "- Quý I năm" not in to_partner.body  # accepted: nothing to remind
    assert f"https://phoihop.example/activities/program/{signed_program.pk}/" in to_partner.body
    assert Reminder.objects.get(agency__short_name="MTTQ").periods == "Quý II"
    # Asked again within 20 hours: nobody is reminded twice.
    again = services.reporting_remind(
        program=signed_program, year=2024, period="quarter", by=lead_officer, today=TODAY
    )
    assert again["sent"] == [] and [r for _, r in again["skipped"]] == ["đã nhắc trong vòng 20 giờ qua"] * 2
    assert len(mail.outbox) == 2


def test_agency_without_address_is_skipped_with_the_reason(
    reported, signed_program, lead_officer, partner_officer
):
    partner_officer.email = ""
    partner_officer.save()
    result = services.reporting_remind(
        program=signed_program, year=2024, period="quarter", by=lead_officer, today=TODAY
    )
    assert [(a.short_name, reason) for a, reason in result["skipped"]] == [
        ("MTTQ", "cơ quan chưa có tài khoản nào có địa chỉ email")
    ]
    assert [m.to for m in mail.outbox] == [["mai.le@bdt.cantho.gov.vn"]]


def test_partner_cannot_send_reminders(reported, signed_program, partner_officer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.reporting_remind(program=signed_program, year=2024, period="quarter", by=partner_officer)
    assert not mail.outbox


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_cockpit_for_every_persona(request, persona, client_as, reported, signed_program):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    page = client.get(reverse("activities:reporting", args=[signed_program.pk]), {"year": 2024})
    remind = client.post(
        reverse("activities:remind", args=[signed_program.pk]), {"year": 2024, "period": "quarter"}
    )
    api = client.get(f"/api/v1/programs/{signed_program.pk}/reporting", {"year": 2024})
    api_remind = client.post(
        f"/api/v1/programs/{signed_program.pk}/reminders", {"year": 2024}, content_type="application/json"
    )
    if name == "anonymous":
        assert page.status_code == remind.status_code == 302
        assert api.status_code == api_remind.status_code == 401
    elif name == "other_officer":
        assert page.status_code == remind.status_code == 404
        assert api.status_code == api_remind.status_code == 403
    else:
        assert page.status_code == 200 and api.status_code == 200
        lead = name in ("lead_officer", "leader", "admin_user")
        assert remind.status_code == (302 if lead else 403)
        assert api_remind.status_code == (200 if lead else 403)
        assert ("Gửi nhắc" in page.content.decode()) == lead
    if name not in ("lead_officer", "leader", "admin_user"):
        assert not mail.outbox


def test_cockpit_page_and_api_agree(client_as, lead_officer, reported, signed_program):
    client = client_as(lead_officer)
    html = client.get(
        reverse("activities:reporting", args=[signed_program.pk]), {"year": 2024}
    ).content.decode()
    assert "Bị trả lại" in html and "Còn nháp" in html and "Đã xác nhận" in html
    body = client.get(
        f"/api/v1/programs/{signed_program.pk}/reporting", {"year": 2024, "period": "half"}
    ).json()
    assert [p["key"] for p in body["periods"]] == ["H1", "H2"]
    assert body["rows"][1]["cells"][0] == {
        "period": "H1",
        "state": "returned",
        "counts": {"accepted": 1, "returned": 1},
        "late": True,
    }
    bad = client.get(f"/api/v1/programs/{signed_program.pk}/reporting", {"year": 2024, "period": "month"})
    assert bad.status_code == 422


def test_reminders_page_reports_what_was_sent(client_as, lead_officer, reported, signed_program):
    response = client_as(lead_officer).post(
        reverse("activities:remind", args=[signed_program.pk]),
        {"year": 2024, "period": "quarter"},
        follow=True,
    )
    text = response.content.decode()
    assert "Đã gửi 2 thư nhắc" in text
    assert "son.pham@mttq.cantho.gov.vn" in text  # the list of reminders sent


def test_send_reminders_command(reported, signed_program, lead_officer):
    out = io.StringIO()
    call_command(
        "send_reminders",
        "--program",
        str(signed_program.pk),
        "--user",
        "lead_officer",
        "--year",
        "2024",
        stdout=out,
    )
    assert "Đã nhắc Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ" in out.getvalue()
    assert len(mail.outbox) == 2


def test_no_address_anywhere_means_nothing_sent(signed_program, lead_officer):
    f.UserFactory(agency=signed_program.parties.first().agency, email="")
    result = services.reporting_remind(program=signed_program, year=2022, period="year", by=lead_officer)
    assert result["sent"] == [] and not mail.outbox
