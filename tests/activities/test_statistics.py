import datetime as dt

import pytest

from phoihop.activities import services
from phoihop.activities.selectors import program_statistics
from tests.activities.conftest import group

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(signed_program, partner_officer, lead_officer, lead_agency, partner_agency, activity_data):
    """Three activities: an accepted training co-organised by the lead, an accepted 2022
    propaganda session of the lead, and a submitted one (not counted by default)."""
    area1, area2 = signed_program.content_areas.all()
    a = services.activity_create(
        program=signed_program,
        data=activity_data(content_area=area2, co_organisers=[lead_agency]),
        by=partner_officer,
    )
    b = services.activity_create(
        program=signed_program,
        data=activity_data(
            kind="propaganda",
            title="Tuyên truyền pháp luật cho người có uy tín",
            organiser=lead_agency,
            content_area=area1,
            start_date=dt.date(2022, 9, 1),
            end_date=dt.date(2022, 9, 1),
            total_participants=60,
            participation=[
                services.ParticipationInput(
                    count=60, ethnic_group=group("05"), sex="male", age_band="adult_31_59"
                )
            ],
            budget_vnd=5_000_000,
            localities=[],
        ),
        by=lead_officer,
    )
    c = services.activity_create(
        program=signed_program,
        data=activity_data(total_participants=10, participation=[]),
        by=partner_officer,
    )
    for activity in (a, b, c):
        services.activity_submit(activity=activity, by=lead_officer)
    services.activity_accept(activity=a, by=lead_officer)
    services.activity_accept(activity=b, by=lead_officer)
    return a, b, c, area1, area2


def test_statistics_count_accepted_activities_once_and_credit_each_organiser(
    recorded, signed_program, lead_agency, partner_agency
):
    a, b, c, area1, area2 = recorded
    stats = program_statistics(program=signed_program)
    assert stats["totals"] == {"activities": 2, "participants": 105, "budget_vnd": 40_000_000}
    assert stats["by_content_area"] == [
        {"content_area_id": area1.pk, "activities": 1, "participants": 60},
        {"content_area_id": area2.pk, "activities": 1, "participants": 45},
    ]
    # The co-organised training is credited to both agencies; the totals still count it once.
    assert stats["by_agency"] == sorted(
        [
            {"agency_id": lead_agency.pk, "activities": 2, "participants": 105},
            {"agency_id": partner_agency.pk, "activities": 1, "participants": 45},
        ],
        key=lambda r: r["agency_id"],
    )
    assert stats["by_year"] == [
        {"year": 2022, "activities": 1, "participants": 60},
        {"year": 2024, "activities": 1, "participants": 45},
    ]
    assert stats["by_kind"] == [
        {"kind": "propaganda", "activities": 1, "participants": 60},
        {"kind": "training", "activities": 1, "participants": 45},
    ]
    assert stats["by_ethnic_group"] == [
        {"ethnic_group_code": "02", "participants": 20},
        {"ethnic_group_code": "05", "participants": 60},
        {"ethnic_group_code": "07", "participants": 15},
    ]
    assert stats["by_sex"] == [{"sex": "female", "participants": 20}, {"sex": "male", "participants": 75}]
    # Age bands in the order of their choices, youngest first.
    assert stats["by_age_band"] == [
        {"age_band": "youth_16_30", "participants": 35},
        {"age_band": "adult_31_59", "participants": 60},
    ]


def test_statistics_with_submitted_and_a_period(recorded, signed_program):
    stats = program_statistics(program=signed_program, statuses=("submitted", "accepted"))
    assert stats["totals"]["activities"] == 3 and stats["totals"]["participants"] == 115
    period = program_statistics(
        program=signed_program, date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31)
    )
    assert period["totals"] == {"activities": 1, "participants": 45, "budget_vnd": 35_000_000}


@pytest.mark.parametrize(
    "persona",
    ["anonymous", "lead_officer", "leader", "editor", "partner_officer", "other_officer", "admin_user"],
    indirect=True,
)
def test_statistics_endpoint_for_every_persona(request, persona, client_as, recorded, signed_program):
    name = request.node.callspec.params["persona"]
    response = client_as(persona).get(f"/api/v1/programs/{signed_program.pk}/statistics")
    expected = {"anonymous": 401, "other_officer": 403}.get(name, 200)
    assert response.status_code == expected
    if expected == 200:
        body = response.json()
        assert body == program_statistics(program=signed_program)
        assert body["totals"] == {"activities": 2, "participants": 105, "budget_vnd": 40_000_000}


def test_statistics_endpoint_filters(client_as, lead_officer, recorded, signed_program):
    client = client_as(lead_officer)
    url = f"/api/v1/programs/{signed_program.pk}/statistics"
    assert client.get(url, {"status": "submitted,accepted"}).json()["totals"]["activities"] == 3
    assert client.get(url, {"from": "2024-01-01", "to": "2024-12-31"}).json()["totals"]["activities"] == 1
    bad = client.get(url, {"status": "approved"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["msg"] == "Trạng thái không hợp lệ: approved."


def test_participation_rows_carry_their_activitys_program_and_status(
    signed_program, partner_officer, lead_officer, activity_data
):
    from phoihop.activities.models import Participation

    def copied(activity):
        return set(Participation.objects.filter(activity=activity).values_list("program_id", "status"))

    activity = services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    assert copied(activity) == {(signed_program.pk, "draft")}
    services.activity_submit(activity=activity, by=partner_officer)
    assert copied(activity) == {(signed_program.pk, "submitted")}
    services.activity_return(activity=activity, by=lead_officer, comment="Thiếu danh sách.")
    assert copied(activity) == {(signed_program.pk, "returned")}
    services.activity_update(activity=activity, data=activity_data(total_participants=50), by=partner_officer)
    assert copied(activity) == {(signed_program.pk, "returned")}
    services.activity_submit(activity=activity, by=partner_officer)
    services.activity_accept(activity=activity, by=lead_officer)
    assert copied(activity) == {(signed_program.pk, "accepted")}


def test_both_ways_of_counting_participants_agree(recorded, signed_program):
    # Unfiltered: the participation rows' own program and status; with a period that covers
    # everything: the activity-driven probe. Same rows, same figures.
    plain = program_statistics(program=signed_program, statuses=("submitted", "accepted"))
    wide = program_statistics(
        program=signed_program,
        statuses=("submitted", "accepted"),
        date_from=dt.date(2000, 1, 1),
        date_to=dt.date(2100, 1, 1),
    )
    for key in ("by_ethnic_group", "by_sex", "by_age_band"):
        assert plain[key] == wide[key]
    assert plain["by_sex"] == [
        {"sex": "female", "participants": 20},
        {"sex": "male", "participants": 75},
    ]
