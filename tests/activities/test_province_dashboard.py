"""A province's dashboard: every signed program of the province (legacy-province ones too)
summed up, for the users of the province's agencies; the page, the CSV and the API agree."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.activities import services
from phoihop.activities.selectors import program_statistics, province_statistics
from tests import factories as f
from tests.activities.test_statistics import recorded  # noqa: F401 - fixture
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

URL = "/activities/province/92/dashboard/"


@pytest.fixture
def second(lead_agency, partner_agency, lead_officer, partner_officer, activity_data):
    """A second Cần Thơ program, recorded under the legacy province of Cần Thơ, with one
    accepted training of 45; and a draft program whose activity must not count."""
    legacy = f.province("92").__class__.objects.get(era="legacy", level="province", code="92")
    program = f.make_program(lead_agency, [partner_agency], status="active", province=legacy)
    activity = services.activity_create(
        program=program, data=activity_data(localities=[]), by=partner_officer
    )
    services.activity_submit(activity=activity, by=partner_officer)
    services.activity_accept(activity=activity, by=lead_officer)
    return program


def test_province_sums_its_programs(recorded, second, signed_program):  # noqa: F811
    province = f.province("92")
    stats = province_statistics(province=province)
    one = program_statistics(program=signed_program)["totals"]
    assert stats["totals"] == {
        "activities": one["activities"] + 1,
        "participants": one["participants"] + 45,
        "budget_vnd": one["budget_vnd"] + 35_000_000,
    }
    assert [(r["program_id"], r["activities"]) for r in stats["by_program"]] == sorted(
        [(signed_program.pk, 2), (second.pk, 1)]
    )
    assert province_statistics(province=province, program=second.pk)["totals"]["activities"] == 1
    # A province with none of these programs counts nothing.
    assert province_statistics(province=f.province("19"))["totals"]["activities"] == 0


def test_deleted_programs_do_not_count(second, lead_officer, recorded):  # noqa: F811
    from phoihop.programs.services import program_delete

    province = f.province("92")
    before = province_statistics(province=province)["totals"]["activities"]
    program_delete(program=second, by=lead_officer)
    assert province_statistics(province=province)["totals"]["activities"] == before - 1


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_province_dashboard_for_every_persona(request, persona, client_as, recorded):  # noqa: F811
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    page = client.get(URL)
    api = client.get("/api/v1/provinces/92/statistics")
    if name == "anonymous":
        assert page.status_code == 302 and api.status_code == 401
    elif name == "other_officer":  # an agency of Thái Nguyên
        assert page.status_code == 404 and api.status_code == 404
    else:
        assert page.status_code == 200 and api.status_code == 200
        assert page.context["totals"] == api.json()["totals"]


def test_page_csv_and_api_agree_with_filters(client_as, lead_officer, recorded, second, signed_program):  # noqa: F811
    client = client_as(lead_officer)
    params = {"kind": "training", "date_from": "01/01/2024", "date_to": "31/12/2024"}
    page = client.get(URL, params)
    api = client.get(
        "/api/v1/provinces/92/statistics", {"kind": "training", "from": "2024-01-01", "to": "2024-12-31"}
    )
    assert (
        page.context["totals"]
        == api.json()["totals"]
        == {"activities": 2, "participants": 90, "budget_vnd": 70_000_000}
    )
    html = page.content.decode()
    assert "Theo chương trình" in html and signed_program.title in html
    csv_body = client.get(URL, {**params, "format": "csv"}).content.decode("utf-8")
    assert "totals,,Tổng cộng,2,90" in csv_body
    assert client.get(URL.replace("92", "99")).status_code == 404


def test_program_dashboard_links_to_its_province(client_as, lead_officer, signed_program):
    html = (
        client_as(lead_officer)
        .get(reverse("activities:dashboard", args=[signed_program.pk]))
        .content.decode()
    )
    assert 'href="/activities/province/92/dashboard/"' in html


def test_province_filter_by_commune(client_as, lead_officer, recorded):  # noqa: F811
    a, *_ = recorded
    successor = a.localities.get().unit.successors.first()
    totals = client_as(lead_officer).get(URL, {"locality": successor.code}).context["totals"]
    assert totals["activities"] == 1 and dt.date(2024, 3, 12) == a.start_date
