"""Agencies API: public and read-only, the same for every persona."""

import datetime as dt

import pytest

from tests import factories as f
from tests.conftest import PERSONAS


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_agency_list_answers_every_persona(
    client, bearer, persona, lead_agency, partner_agency, other_agency
):
    response = client.get("/api/v1/agencies", headers=bearer(persona))

    assert response.status_code == 200
    assert response.json()["count"] == 3


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_agency_detail_answers_every_persona(client, bearer, persona, other_agency):
    response = client.get(f"/api/v1/agencies/{other_agency.pk}", headers=bearer(persona))

    assert response.status_code == 200
    assert response.json()["name"] == "Tỉnh đoàn Thái Nguyên"


def test_renamed_agency_keeps_its_name_and_points_to_its_successor(client, db):
    parent = f.AgencyFactory(name="Ủy ban nhân dân thành phố Cần Thơ")
    new = f.AgencyFactory(name="Sở Dân tộc và Tôn giáo thành phố Cần Thơ", valid_from=dt.date(2025, 3, 1))
    old = f.AgencyFactory(
        name="Ban Dân tộc thành phố Cần Thơ",
        short_name="BDT",
        parent=parent,
        valid_to=dt.date(2025, 2, 28),
        successor=new,
    )

    response = client.get(f"/api/v1/agencies/{old.pk}")

    assert response.status_code == 200
    assert response.json() == {
        "id": old.pk,
        "name": "Ban Dân tộc thành phố Cần Thơ",
        "short_name": "BDT",
        "kind": "ethnic_affairs",
        "level": "province",
        "province_code": "92",
        "parent_id": parent.pk,
        "valid_from": None,
        "valid_to": "2025-02-28",
        "successor_id": new.pk,
    }


def test_unknown_agency_is_404(client, db):
    response = client.get("/api/v1/agencies/987654")

    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_agencies_cannot_be_written_through_the_api(client, bearer, admin_user, other_agency, method):
    response = getattr(client, method)(
        f"/api/v1/agencies/{other_agency.pk}", {}, content_type="application/json", headers=bearer(admin_user)
    )

    assert response.status_code == 405
