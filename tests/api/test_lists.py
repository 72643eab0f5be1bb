"""List endpoints: search ignoring case and diacritics, filters, pagination, and a number
of queries that does not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.programs.models import Status
from tests import factories as f

PROGRAMS = "/api/v1/programs"
AGENCIES = "/api/v1/agencies"


@pytest.fixture
def thai_nguyen_programs(other_agency):
    """Three public programs outside Cần Thơ, so that only titles decide what "can tho" finds."""
    province = f.province("19")
    return {
        "can_tho": f.make_program(
            other_agency,
            title="Trao đổi kinh nghiệm công tác thanh niên với Cần Thơ",
            province=province,
            status=Status.SIGNED,
        ),
        "dan_toc": f.make_program(
            other_agency,
            title="Chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2013–2017",
            province=province,
            status=Status.ACTIVE,
        ),
        "other": f.make_program(
            other_agency, title="Phát triển kinh tế vùng đồng bào", province=province, status=Status.SIGNED
        ),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("can tho", {"can_tho"}),
        ("CẦN THƠ", {"can_tho"}),
        ("dân tộc", {"dan_toc"}),
        ("DÂN TỘC", {"dan_toc"}),
        ("dan toc", {"dan_toc"}),
        ("Ðan toc", {"dan_toc"}),  # U+00D0, the Icelandic lookalike of Đ
        ("thanh nien", {"can_tho"}),
        ("xyz", set()),
    ],
)
def test_program_search_ignores_case_and_diacritics(client, thai_nguyen_programs, q, expected):
    response = client.get(PROGRAMS, {"q": q})

    assert response.status_code == 200
    names = {
        name
        for name, p in thai_nguyen_programs.items()
        if p.pk in {i["id"] for i in response.json()["items"]}
    }
    assert names == expected


def test_program_filters(client, thai_nguyen_programs, signed_program, other_agency, lead_agency):
    def ids(**params) -> set[int]:
        return {item["id"] for item in client.get(PROGRAMS, params).json()["items"]}

    everything = {p.pk for p in thai_nguyen_programs.values()} | {signed_program.pk}
    assert ids() == everything
    assert ids(province="92") == {signed_program.pk}
    assert ids(status="active") == {thai_nguyen_programs["dan_toc"].pk}
    assert ids(agency=lead_agency.pk) == {signed_program.pk}
    assert ids(agency=other_agency.pk) == {p.pk for p in thai_nguyen_programs.values()}
    assert ids(year=2021) == everything
    assert ids(year=2030) == set()


def test_program_list_is_paginated(client, thai_nguyen_programs):
    first = client.get(PROGRAMS, {"limit": 2}).json()
    rest = client.get(PROGRAMS, {"limit": 2, "offset": 2}).json()

    assert (first["count"], len(first["items"]), rest["count"], len(rest["items"])) == (3, 2, 3, 1)
    assert {i["id"] for i in first["items"] + rest["items"]} == {p.pk for p in thai_nguyen_programs.values()}


def test_agency_search_and_filters(client, lead_agency, partner_agency, other_agency):
    def names(**params) -> list[str]:
        return [item["name"] for item in client.get(AGENCIES, params).json()["items"]]

    assert names(q="ban dan toc") == ["Ban Dân tộc thành phố Cần Thơ"]
    assert names(q="TỈNH ĐOÀN") == ["Tỉnh đoàn Thái Nguyên"]
    assert names(q="tinh doan") == ["Tỉnh đoàn Thái Nguyên"]
    assert names(kind="fatherland_front") == ["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ"]
    assert names(province="19") == ["Tỉnh đoàn Thái Nguyên"]
    assert sorted(names(province="92")) == sorted([lead_agency.name, partner_agency.name])


def _count_queries(client, url, headers) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()["count"]


@pytest.mark.parametrize("persona", ["anonymous", "lead_officer", "admin_user"], indirect=True)
def test_program_list_queries_do_not_grow_with_rows(client, bearer, persona, lead_agency, partner_agency):
    headers = bearer(persona)
    lead = f.AgencyFactory(name="Sở Dân tộc và Tôn giáo tỉnh Thái Nguyên")

    def add_program(i: int) -> None:
        program = f.make_program(lead, [partner_agency], status=Status.SIGNED, title=f"Chương trình {i}")
        f.make_program(lead_agency, [lead], status=Status.DRAFT, title=f"Dự thảo {i}")  # seen by lead_officer
        area = program.content_areas.first()
        area.responsible_agency = lead
        area.save()

    add_program(0)
    client.get(PROGRAMS, headers=headers)  # the token's first use also records last_used_at
    one, count_one = _count_queries(client, PROGRAMS, headers)
    for i in range(1, 10):
        add_program(i)
    ten, count_ten = _count_queries(client, PROGRAMS, headers)

    assert (count_one, count_ten) == ((1, 10) if persona is None else (2, 20))
    # count, programs, parties with their agencies, content areas; plus the token with a token.
    assert one == ten == (4 if persona is None else 5)


def test_agency_list_queries_do_not_grow_with_rows(client, db):
    parent = f.AgencyFactory(name="Ủy ban Dân tộc")

    def add_agency(i: int) -> None:
        old = f.AgencyFactory(name=f"Ban Dân tộc cũ {i}", parent=parent)
        new = f.AgencyFactory(name=f"Sở Dân tộc và Tôn giáo {i}", parent=parent)
        old.successor = new
        old.save()

    add_agency(0)
    one, count_one = _count_queries(client, AGENCIES, {})
    for i in range(1, 10):
        add_agency(i)
    ten, count_ten = _count_queries(client, AGENCIES, {})

    assert (count_one, count_ten) == (3, 21)
    assert one == ten == 2  # count, agencies with kind, province, parent and successor joined
