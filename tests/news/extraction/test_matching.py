"""match_agencies against the database: agencies by their names' key and province (either
era), new ones proposed with their full names."""

import pytest

from phoihop.news.extraction import match_agencies
from phoihop.news.extraction.matching import agency_key
from phoihop.reference.models import AdministrativeUnit
from tests import factories as f

pytestmark = pytest.mark.django_db


def result(**values) -> dict:
    base = {
        "event_type": "signing",
        "is_coordination_program_event": True,
        "event_date": "2021-05-13",
        "province": "Cần Thơ",
        "lead_agency": "Ban Dân tộc",
        "partner_agencies": [],
        "phase_start": 2021,
        "phase_end": 2025,
        "people": [],
        "content_areas": [],
    }
    return {**base, **values}


def unit(era: str, code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(era=era, level="province", code=code)


def test_agency_key_drops_the_place_and_the_level():
    assert agency_key("Ban Dân tộc thành phố Cần Thơ") == agency_key("Ban Dân tộc") == "ban dan toc"
    assert agency_key("Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên") == "uy ban mat tran to quoc viet nam"
    assert agency_key("Thành đoàn Cần Thơ") == agency_key("Tỉnh đoàn") == "tinh doan"
    assert agency_key("Văn phòng Ban Dân tộc tỉnh Sóc Trăng") == "van phong ban dan toc"


def test_existing_agencies_are_matched_and_an_unknown_one_is_proposed_as_new(
    lead_agency, partner_agency, django_assert_max_num_queries
):
    extracted = result(partner_agencies=["Ủy ban Mặt trận Tổ quốc Việt Nam", "Ban Dân vận Thành ủy"])
    with django_assert_max_num_queries(8):
        matched = match_agencies(extracted)
    cantho_2021 = unit("legacy", "92")  # a 2021 event: the province as it was then
    assert matched == {
        "lead_agency": {
            "name": "Ban Dân tộc thành phố Cần Thơ",
            "extracted_name": "Ban Dân tộc",
            "agency_id": lead_agency.pk,
            "is_new": False,
        },
        "partner_agencies": [
            {
                "name": "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ",
                "extracted_name": "Ủy ban Mặt trận Tổ quốc Việt Nam",
                "agency_id": partner_agency.pk,
                "is_new": False,
            },
            {
                "name": "Ban Dân vận Thành ủy Cần Thơ",
                "extracted_name": "Ban Dân vận Thành ủy",
                "agency_id": None,
                "is_new": True,
            },
        ],
        "province_code": "92",
        "province_id": cantho_2021.pk,
    }


def test_a_2016_thai_nguyen_article_matches_the_legacy_province_and_its_agencies(other_agency):
    # other_agency: "Tỉnh đoàn Thái Nguyên", filed under the current province.
    matched = match_agencies(
        result(event_date="2016-12-01", province="Thái Nguyên", partner_agencies=["Tỉnh đoàn"])
    )
    assert matched["province_id"] == unit("legacy", "19").pk
    assert matched["province_code"] == "19"
    assert matched["partner_agencies"][0]["agency_id"] == other_agency.pk
    assert matched["lead_agency"] == {
        "name": "Ban Dân tộc tỉnh Thái Nguyên",
        "extracted_name": "Ban Dân tộc",
        "agency_id": None,
        "is_new": True,
    }


def test_an_agency_of_another_province_is_not_matched(lead_agency):
    matched = match_agencies(result(province="Sóc Trăng"))
    assert matched["lead_agency"]["is_new"] is True
    assert matched["lead_agency"]["name"] == "Ban Dân tộc tỉnh Sóc Trăng"
    assert matched["province_id"] == unit("legacy", "94").pk  # Sóc Trăng exists only before 2025


def test_without_a_known_year_the_current_province_comes_first(lead_agency):
    matched = match_agencies(result(event_date="????-05-13"))
    assert matched["province_id"] == unit("current", "92").pk
    assert matched["lead_agency"]["agency_id"] == lead_agency.pk


def test_a_province_given_by_the_caller_wins(lead_agency):
    matched = match_agencies(result(province="Sóc Trăng"), province=unit("current", "92"))
    assert (matched["province_code"], matched["lead_agency"]["agency_id"]) == ("92", lead_agency.pk)
    assert match_agencies(result(province=None), province="92")["province_id"] == unit("current", "92").pk


def test_central_agencies_without_a_province():
    central = f.AgencyFactory(name="Ủy ban Dân tộc", level="central", province=None)
    matched = match_agencies(
        result(
            province=None,
            lead_agency="Ủy ban Dân tộc",
            partner_agencies=["Trung ương Hội Liên hiệp Phụ nữ Việt Nam"],
        )
    )
    assert matched["lead_agency"]["agency_id"] == central.pk
    assert matched["partner_agencies"][0] == {
        "name": "Trung ương Hội Liên hiệp Phụ nữ Việt Nam",
        "extracted_name": "Trung ương Hội Liên hiệp Phụ nữ Việt Nam",
        "agency_id": None,
        "is_new": True,
    }
    assert (matched["province_code"], matched["province_id"]) == (None, None)


def test_the_agency_valid_on_the_event_date_is_preferred():
    import datetime as dt

    old = f.AgencyFactory(name="Thành đoàn Cần Thơ", valid_to=dt.date(2020, 12, 31))
    new = f.AgencyFactory(name="Thành đoàn thành phố Cần Thơ", valid_from=dt.date(2021, 1, 1))
    assert match_agencies(result(lead_agency="Thành đoàn"))["lead_agency"]["agency_id"] == new.pk
    assert (
        match_agencies(result(lead_agency="Tỉnh đoàn", event_date="2019-03-01"))["lead_agency"]["agency_id"]
        == old.pk
    )


def test_no_lead_agency_gives_none():
    assert match_agencies(result(lead_agency=None, province=None)) == {
        "lead_agency": None,
        "partner_agencies": [],
        "province_code": None,
        "province_id": None,
    }


def test_a_province_that_changed_its_type_is_the_same_name():
    agency = f.AgencyFactory(name="Tỉnh đoàn Quảng Ninh", province=unit("current", "22"))
    matched = match_agencies(result(province="Quảng Ninh", event_date="2019-04-09", lead_agency="Tỉnh đoàn"))
    assert matched["province_id"] == unit("legacy", "22").pk
    assert matched["lead_agency"]["agency_id"] == agency.pk
