"""Fixtures for the reviews tests: accepted activities, a monitoring visit, reviews made
through the services, and the API tokens of tests/api."""

import datetime as dt

import pytest

from phoihop.activities import services as activity_services
from phoihop.reviews import services
from tests.activities.conftest import activity_data, group  # noqa: F401 - fixture re-exported
from tests.api.conftest import bearer  # noqa: F401 - fixture re-exported


def accepted(program, data, *, organiser_user, lead_user):
    """An activity recorded by `organiser_user`, submitted and accepted by the lead."""
    activity = activity_services.activity_create(program=program, data=data, by=organiser_user)
    activity_services.activity_submit(activity=activity, by=organiser_user)
    activity_services.activity_accept(activity=activity, by=lead_user)
    return activity


def review_input(**overrides) -> services.ReviewInput:
    """An interim review of 13/05/2021 – 30/06/2024 whose conference (01/07/2024, chaired by
    Trần Văn Minh) is written down, so that it can be held at once."""
    values = {
        "kind": "interim",
        "period_start": dt.date(2021, 5, 13),
        "period_end": dt.date(2024, 6, 30),
        "document_number": "",
        "conference_date": dt.date(2024, 7, 1),
        "place": "Hội trường Ban Dân tộc thành phố Cần Thơ",
        "chair_name": "Trần Văn Minh",
        "chair_title": "Trưởng Ban Dân tộc",
        "sections": {"achievements": "Các bên phối hợp chặt chẽ.", "limitations": "Kinh phí còn hạn chế."},
        "attendees": [
            services.AttendeeInput(name="Trần Văn Minh", title="Trưởng Ban Dân tộc"),
            services.AttendeeInput(name="Phạm Văn Sơn", title="Phó Chủ tịch", agency_name="Ủy ban MTTQ"),
        ],
    }
    values.update(overrides)
    return services.ReviewInput(**values)


@pytest.fixture
def review(signed_program, lead_officer):
    """A draft interim review of the signed program (see review_input)."""
    return services.review_create(program=signed_program, data=review_input(), by=lead_officer)


@pytest.fixture
def held_review(signed_program, lead_officer):
    """An annual review of 2022, its conference held on 20/12/2022."""
    item = services.review_create(
        program=signed_program,
        data=review_input(
            kind="annual",
            period_start=dt.date(2022, 1, 1),
            period_end=dt.date(2022, 12, 31),
            conference_date=dt.date(2022, 12, 20),
        ),
        by=lead_officer,
    )
    return services.review_hold(review=item, by=lead_officer)


@pytest.fixture
def visit(signed_program, lead_officer, lead_agency, activity_data):  # noqa: F811
    """A monitoring visit of the lead agency on 05/04/2022 (recorded, not accepted)."""
    return activity_services.activity_create(
        program=signed_program,
        data=activity_data(
            kind="monitoring_visit",
            title="Kiểm tra thực hiện chính sách đối với người có uy tín",
            start_date=dt.date(2022, 4, 5),
            end_date=dt.date(2022, 4, 6),
            organiser=lead_agency,
            total_participants=0,
            participation=[],
            localities=[],
            outputs=[],
            budget_vnd=None,
            funding_source="",
            funding_detail="",
        ),
        by=lead_officer,
    )


@pytest.fixture
def finding(visit, lead_officer, partner_agency):
    return services.finding_create(
        activity=visit,
        data=services.FindingInput(
            policy="Chính sách đối với người có uy tín",
            issue="Một số người có uy tín chưa được cấp báo, tạp chí.",
            recommendation="Rà soát danh sách và cấp bổ sung.",
            responsible_agency=partner_agency,
            place_as_written="Xã Thới Lai",
        ),
        by=lead_officer,
    )
