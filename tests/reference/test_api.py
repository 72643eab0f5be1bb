"""/api/v1/reference/: public, paginated, folded search."""

import pytest

from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

BASE = "/api/v1/reference"


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_ethnic_groups_returns_all_54_without_a_limit_to_everyone(client_as, persona):
    response = client_as(persona).get(f"{BASE}/ethnic-groups")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 54
    assert len(body["items"]) == 54
    assert [item["code"] for item in body["items"]] == [f"{n:02d}" for n in range(1, 55)]


def test_ethnic_group_item_shape(client):
    body = client.get(f"{BASE}/ethnic-groups").json()

    assert body["items"][0] == {
        "code": "01",
        "name": "Kinh",
        "aliases": ["Việt"],
        "code_system": "121-TCTK/PPCĐ",
        "is_minority": False,
    }
    hmong = next(item for item in body["items"] if item["code"] == "08")
    assert hmong["name"] == "HMông"
    assert hmong["is_minority"] is True
    assert "Mông" in hmong["aliases"]


def test_ethnic_groups_limit_and_offset(client):
    body = client.get(f"{BASE}/ethnic-groups", {"limit": 5, "offset": 50}).json()

    assert body["count"] == 54
    assert [item["code"] for item in body["items"]] == ["51", "52", "53", "54"]


@pytest.mark.parametrize(
    ("q", "first"), [("tay", "Tày"), ("hmong", "HMông"), ("mong", "HMông"), ("khmer", "Khơ-me")]
)
def test_ethnic_groups_q_searches_folded_names_and_aliases(client, q, first):
    body = client.get(f"{BASE}/ethnic-groups", {"q": q}).json()

    assert body["items"][0]["name"] == first
    assert body["count"] == len(body["items"])


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_provinces_current_by_default(client_as, persona):
    body = client_as(persona).get(f"{BASE}/provinces").json()

    assert body["count"] == 34
    assert len(body["items"]) == 34
    assert body["items"][0] == {
        "code": "01",
        "name": "Thành phố Hà Nội",
        "short_name": "Hà Nội",
        "division_type": "thành phố trung ương",
    }


def test_provinces_legacy_returns_all_63_without_a_limit(client):
    body = client.get(f"{BASE}/provinces", {"era": "legacy"}).json()

    assert body["count"] == 63
    assert len(body["items"]) == 63
    assert {"code": "06", "name": "Tỉnh Bắc Kạn", "short_name": "Bắc Kạn", "division_type": "tỉnh"} in body[
        "items"
    ]


def test_provinces_q(client):
    body = client.get(f"{BASE}/provinces", {"q": "can tho"}).json()

    assert body == {
        "items": [
            {
                "code": "92",
                "name": "Thành phố Cần Thơ",
                "short_name": "Cần Thơ",
                "division_type": "thành phố trung ương",
            }
        ],
        "count": 1,
    }


@pytest.mark.parametrize("path", ["provinces", "communes"])
def test_unknown_era_is_422_with_a_vietnamese_message(client, path):
    response = client.get(f"{BASE}/{path}", {"era": "ancient"})

    assert response.status_code == 422
    assert response.json()["detail"].startswith("Thời kỳ «ancient» không hợp lệ")


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_communes_of_a_current_province(client_as, persona):
    body = client_as(persona).get(f"{BASE}/communes", {"province": "92", "q": "soc trang"}).json()

    assert {
        "code": "31507",
        "name": "Phường Sóc Trăng",
        "division_type": "phường",
        "province_code": "92",
        "district_code": None,
    } in body["items"]
    assert all(item["province_code"] == "92" for item in body["items"])


def test_communes_default_page_is_50_of_all_current_communes(client):
    body = client.get(f"{BASE}/communes").json()

    assert body["count"] == 3321
    assert len(body["items"]) == 50


def test_communes_of_a_legacy_province_carry_their_district(client):
    body = client.get(f"{BASE}/communes", {"province": "94", "era": "legacy", "limit": 500}).json()

    assert body["count"] > 0
    assert all(item["province_code"] == "94" for item in body["items"])
    assert {
        "code": "31498",
        "name": "Phường 5",
        "division_type": "phường",
        "province_code": "94",
        "district_code": "941",
    } in body["items"]


def test_communes_of_an_unknown_province_is_422(client):
    response = client.get(f"{BASE}/communes", {"province": "06"})  # Bắc Kạn is legacy only

    assert response.status_code == 422
    assert response.json()["detail"] == "Không có tỉnh/thành phố mã «06» trong thời kỳ «current»."


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("ethnic-groups", {}),
        ("provinces", {"era": "legacy"}),
        ("communes", {"province": "92"}),
        ("communes", {"province": "19", "era": "legacy"}),
    ],
)
def test_list_query_count_does_not_grow_with_rows(client, path, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for limit in (1, 10):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{BASE}/{path}", {**params, "limit": limit})
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 4  # (province lookup), count, page
