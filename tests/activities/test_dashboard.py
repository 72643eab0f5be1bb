import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.activities import services
from phoihop.activities.selectors import program_statistics
from phoihop.reference.models import AdministrativeUnit
from tests.activities import test_statistics
from tests.activities.conftest import commune
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

# Three activities with exact figures (see tests/activities/test_statistics.py).
recorded = test_statistics.recorded


def url(program) -> str:
    return f"/activities/program/{program.pk}/dashboard/"


def csv_rows(response) -> list[dict]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_dashboard_for_every_persona(request, persona, client_as, signed_program):
    name = request.node.callspec.params["persona"]
    response = client_as(persona).get(url(signed_program))
    if name == "anonymous":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
        return
    assert response.status_code == {"other_officer": 403}.get(name, 200)


def test_dashboard_of_a_draft_program_is_hidden_from_an_unrelated_officer(client_as, other_officer, program):
    assert client_as(other_officer).get(url(program)).status_code == 404
    assert client_as(other_officer).get(url(program), {"format": "csv"}).status_code == 404


def test_page_csv_and_api_give_the_same_figures(client_as, lead_officer, recorded, signed_program):
    a, b, c, area1, area2 = recorded
    client = client_as(lead_officer)
    api = client.get(f"/api/v1/programs/{signed_program.pk}/statistics").json()
    page = client.get(url(signed_program))
    assert page.status_code == 200
    assert (
        page.context["totals"]
        == api["totals"]
        == {"activities": 2, "participants": 105, "budget_vnd": 40_000_000}
    )
    html = page.content.decode()
    assert '<strong id="total-participants">105</strong>' in html
    assert '<strong id="total-budget">40.000.000 đồng</strong>' in html
    assert f"1. {area1.title}" in html and "Tày" in html and "Tuyên truyền, phổ biến" in html
    assert '<script id="dashboard-data" type="application/json">' in html

    response = client.get(url(signed_program), {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"chuong-trinh-{signed_program.pk}" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == {
        "breakdown": "totals",
        "key": "",
        "label": "Tổng cộng",
        "activities": "2",
        "participants": "105",
    }

    def from_csv(breakdown):
        return [(r["key"], r["activities"], r["participants"]) for r in rows if r["breakdown"] == breakdown]

    def from_api(name, field, per_activity=True):
        return [
            (str(r[field]), str(r["activities"]) if per_activity else "", str(r["participants"]))
            for r in api[name]
        ]

    assert from_csv("content_area") == from_api("by_content_area", "content_area_id")
    assert from_csv("agency") == from_api("by_agency", "agency_id")
    assert from_csv("year") == from_api("by_year", "year") == [("2022", "1", "60"), ("2024", "1", "45")]
    assert from_csv("kind") == from_api("by_kind", "kind")
    assert from_csv("ethnic_group") == from_api("by_ethnic_group", "ethnic_group_code", False)
    assert from_csv("sex") == from_api("by_sex", "sex", False) == [("female", "", "20"), ("male", "", "75")]
    assert from_csv("age_band") == from_api("by_age_band", "age_band", False)
    assert [r["label"] for r in rows if r["breakdown"] == "ethnic_group"] == [
        "Tày",
        test_statistics.group("05").name,
        "Nùng",
    ]
    # The tables show the same rows as the CSV.
    tables = {item["key"]: item["rows"] for item in page.context["breakdowns"]}
    assert [(r["key"], r["participants"]) for r in tables["sex"]] == [("female", 20), ("male", 75)]


def test_dashboard_filters_narrow_the_figures(
    client_as, lead_officer, recorded, signed_program, lead_agency, partner_agency
):
    a, b, c, area1, area2 = recorded
    client = client_as(lead_officer)

    def totals(**params):
        page = client.get(url(signed_program), params)
        assert page.status_code == 200
        return page.context["totals"]["activities"], page.context["totals"]["participants"]

    assert totals() == (2, 105)
    assert totals(status=["submitted", "accepted"]) == (3, 115)
    assert totals(status="submitted") == (1, 10)
    assert totals(date_from="01/01/2024", date_to="31/12/2024") == (1, 45)
    assert totals(agency=partner_agency.pk) == (1, 45)
    assert totals(agency=lead_agency.pk) == (2, 105)  # co-organiser of the training
    assert totals(content_area=area1.pk) == (1, 60)
    assert totals(kind="propaganda") == (1, 60)
    assert totals(kind="commendation") == (0, 0)
    # The training took place in a legacy commune: it counts under its current successor.
    successor = a.localities.get().unit.successors.select_related("parent").first()
    assert successor.parent.code == "92"
    assert totals(locality=successor.code) == (1, 45)
    other = (
        AdministrativeUnit.objects.filter(era="current", level="commune", parent__code="92")
        .exclude(pk=successor.pk)
        .first()
    )
    assert totals(locality=other.code) == (0, 0)
    # A provincial program offers its province's communes only.
    bad = client.get(url(signed_program), {"locality": commune("current", province_code="01").code})
    assert "Không có xã, phường này trong địa bàn." in bad.content.decode()
    # The CSV follows the same filters.
    rows = csv_rows(client.get(url(signed_program), {"kind": "propaganda", "format": "csv"}))
    assert rows[0]["activities"] == "1" and rows[0]["participants"] == "60"


def test_statistics_locality_filter_in_the_selector(recorded, signed_program):
    a, *_ = recorded
    successor = a.localities.get().unit.successors.select_related("parent").first()
    stats = program_statistics(program=signed_program, locality=successor.parent.code)
    assert stats["totals"] == {"activities": 1, "participants": 45, "budget_vnd": 35_000_000}
    assert stats["by_agency"][0]["activities"] == 1


def test_dashboard_query_count_does_not_grow_with_activities(
    client_as, lead_officer, signed_program, activity_data
):
    client = client_as(lead_officer)

    def record(n):
        for _ in range(n):
            activity = services.activity_create(program=signed_program, data=activity_data(), by=lead_officer)
            services.activity_submit(activity=activity, by=lead_officer)
            services.activity_accept(activity=activity, by=lead_officer)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(signed_program)).status_code == 200
        return len(ctx.captured_queries)

    record(1)
    one = queries()
    record(9)
    assert queries() == one
    assert client.get(url(signed_program)).context["totals"]["participants"] == 450
