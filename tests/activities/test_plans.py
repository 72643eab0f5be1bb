"""Annual plans: items next to what was done, permissions for every persona on the page
and the API, and refusals at their field."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.activities import services
from phoihop.activities.models import AnnualPlan
from phoihop.activities.selectors import plan_comparison
from phoihop.activities.services import PlanItemInput
from tests.activities.test_statistics import recorded  # noqa: F401 - fixture
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(recorded, signed_program, partner_officer, lead_officer, partner_agency, lead_agency):  # noqa: F811
    """2024: the partner plans 3 trainings (done: 1 accepted) and 2 propaganda sessions of
    area 1 (done: none); the lead plans 1 training (done: the co-organised one)."""
    a, b, c, area1, area2 = recorded
    services.plan_save(
        program=signed_program,
        year=2024,
        agency=partner_agency,
        items=[
            PlanItemInput(
                kind="training", planned_activities=3, planned_participants=120, planned_budget_vnd=90_000_000
            ),
            PlanItemInput(kind="propaganda", planned_activities=2, content_area=area1, quarter=2),
        ],
        note="Tập trung vào thanh niên dân tộc thiểu số.",
        by=partner_officer,
    )
    services.plan_save(
        program=signed_program,
        year=2024,
        agency=lead_agency,
        items=[PlanItemInput(kind="training", planned_activities=1)],
        by=lead_officer,
    )


def test_plans_next_to_what_was_done(plans, signed_program):
    rows = {r["agency"].short_name: r for r in plan_comparison(program=signed_program, year=2024)}
    partner = rows["MTTQ"]
    training, propaganda = partner["items"]
    assert (training["done_activities"], training["done_participants"], training["done_budget_vnd"]) == (
        1,
        45,
        35_000_000,
    )
    assert training["percent"] == 33.3
    assert (propaganda["done_activities"], propaganda["percent"]) == (0, 0.0)
    assert (partner["planned_activities"], partner["done_activities"]) == (5, 1)
    # The lead co-organised the training: credited to it too.
    assert rows["BDT"]["items"][0]["done_activities"] == 1
    # With the submitted ones (the third, a 10-person training of the partner).
    wide = plan_comparison(program=signed_program, year=2024, statuses=("submitted", "accepted"))
    assert wide[1]["items"][0]["done_activities"] == 2


def test_activities_outside_the_plan(plans, signed_program):
    rows = {r["agency"].short_name: r for r in plan_comparison(program=signed_program, year=2022)}
    # 2022: nobody planned; the lead's propaganda session of 60 people is unplanned.
    assert rows["BDT"]["plan"] is None
    assert rows["BDT"]["unplanned"] == {"activities": 1, "participants": 60, "budget_vnd": 5_000_000}


def test_saving_again_replaces_and_empty_deletes(plans, signed_program, partner_officer, partner_agency):
    services.plan_save(
        program=signed_program,
        year=2024,
        agency=partner_agency,
        items=[PlanItemInput(kind="exchange", planned_activities=1)],
        by=partner_officer,
    )
    plan = AnnualPlan.objects.get(program=signed_program, year=2024, agency=partner_agency)
    assert [i.kind for i in plan.items.all()] == ["exchange"] and plan.note == ""
    assert plan.history.count() == 2
    services.plan_save(program=signed_program, year=2024, agency=partner_agency, items=[], by=partner_officer)
    assert not AnnualPlan.objects.filter(program=signed_program, year=2024, agency=partner_agency).exists()


def test_refusals(signed_program, partner_officer, partner_agency, lead_agency, other_agency):
    with pytest.raises(ValidationError) as caught:
        services.plan_save(
            program=signed_program,
            year=2030,
            agency=partner_agency,
            items=[
                PlanItemInput(kind="guess", planned_activities=-1),
                PlanItemInput(kind="training", quarter=5),
            ],
            by=partner_officer,
        )
    assert caught.value.message_dict == {
        "year": ["Năm 2030 nằm ngoài giai đoạn 2021–2025."],
        "items": [
            "Dòng 1: chọn loại hoạt động.",
            "Dòng 1: số hoạt động không được âm.",
            "Dòng 2: quý phải từ 1 đến 4.",
        ],
    }
    # A partner plans for its own agency only.
    with pytest.raises(PermissionDenied):
        services.plan_save(
            program=signed_program, year=2024, agency=lead_agency, items=[], by=partner_officer
        )
    assert not AnnualPlan.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_pages_and_api_for_every_persona(request, persona, client_as, plans, signed_program, partner_agency):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    page = client.get(reverse("activities:plans", args=[signed_program.pk]), {"year": 2024})
    edit = client.get(reverse("activities:plan_edit", args=[signed_program.pk, 2024, partner_agency.pk]))
    api = client.get(f"/api/v1/programs/{signed_program.pk}/plans", {"year": 2024})
    put = client.put(
        f"/api/v1/programs/{signed_program.pk}/plans/2024/{partner_agency.pk}",
        {"items": [{"kind": "training", "planned_activities": 4}]},
        content_type="application/json",
    )
    writers = {"lead_officer", "leader", "partner_officer", "admin_user"}
    if name == "anonymous":
        assert (page.status_code, edit.status_code, api.status_code, put.status_code) == (302, 302, 401, 401)
    elif name == "other_officer":
        assert (page.status_code, edit.status_code) == (404, 404) and {api.status_code, put.status_code} == {
            403
        }
    else:
        assert page.status_code == 200 and api.status_code == 200
        assert edit.status_code == (200 if name in writers else 403)
        assert put.status_code == (200 if name in writers else 403)
        if name in writers:
            assert put.json()["items"][0]["planned_activities"] == 4
            assert put.json()["items"][0]["done_activities"] == 1


def test_plan_page_shows_the_comparison_and_saves_from_the_form(
    client_as, partner_officer, plans, signed_program, partner_agency
):
    client = client_as(partner_officer)
    html = client.get(reverse("activities:plans", args=[signed_program.pk]), {"year": 2024}).content.decode()
    assert "Tập trung vào thanh niên dân tộc thiểu số." in html and "33,3%" in html
    url = reverse("activities:plan_edit", args=[signed_program.pk, 2024, partner_agency.pk])
    form = {
        "note": "Kế hoạch điều chỉnh",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-kind": "training",
        "items-0-planned_activities": "5",
        "items-0-planned_budget_vnd": "120.000.000",
        "items-1-kind": "",
        "items-1-title": "Giao lưu văn hóa",
    }
    bad = client.post(url, form)
    assert bad.status_code == 400
    assert bad.context["items"].forms[1].errors == {"kind": ["Chọn loại hoạt động."]}
    form["items-1-kind"] = "exchange"
    form["items-1-planned_activities"] = "1"
    done = client.post(url, form)
    assert done.status_code == 302 and done["Location"].endswith("?year=2024")
    plan = AnnualPlan.objects.get(agency=partner_agency, year=2024)
    assert [(i.kind, i.planned_activities, i.planned_budget_vnd) for i in plan.items.all()] == [
        ("training", 5, 120_000_000),
        ("exchange", 1, None),
    ]
    assert dt.date.today()  # the page used today's year only as the default
