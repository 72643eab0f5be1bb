"""Exemplars around the shared signed program: one with consent to publication, one
without; a commendation activity of the program; factories for many rows."""

import datetime as dt

import factory
import pytest

from phoihop.activities import services as activity_services
from phoihop.people import services
from phoihop.people.models import Exemplar, Recognition
from phoihop.people.services import ExemplarInput, RecognitionInput
from phoihop.reference.models import AdministrativeUnit, EthnicGroup
from tests.activities.conftest import activity_data  # noqa: F401 - fixture re-exported
from tests.factories import ValidatedFactory


def group(code: str) -> EthnicGroup:
    return EthnicGroup.objects.get(code=code)


def commune(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(era="current", level="commune", code=code)


class ExemplarFactory(ValidatedFactory):
    class Meta:
        model = Exemplar

    kind = "person"
    name = factory.Sequence(lambda n: f"Thạch Thị Điển Hình {n}")
    field = "economy"
    achievements = "Dẫn đầu phong trào phát triển kinh tế hộ gia đình."
    consent_to_publish = True
    consent_date = dt.date(2024, 5, 1)


class RecognitionFactory(ValidatedFactory):
    class Meta:
        model = Recognition

    exemplar = factory.SubFactory(ExemplarFactory)
    form = "certificate"
    level = "province"
    issuer = "Chủ tịch UBND thành phố Cần Thơ"
    date = dt.date(2024, 12, 5)


def person(**overrides) -> ExemplarInput:
    """A Khmer woman leading a savings group, with consent to publication."""
    values = {
        "kind": "person",
        "name": "Thạch Thị Sa Ry",
        "field": "economy",
        "achievements": "Tổ trưởng tổ tiết kiệm của 32 phụ nữ Khmer, giúp 9 hộ thoát nghèo.",
        "ethnic_group": group("05"),
        "sex": "female",
        "birth_year": 1978,
        "locality": commune("31679"),
        "place_as_written": "ấp Bưng Sa, xã Lịch Hội Thượng",
        "consent_to_publish": True,
        "consent_date": dt.date(2024, 11, 20),
        "consent_note": "Phiếu đồng ý có chữ ký.",
    }
    values.update(overrides)
    return ExemplarInput(**values)


def recognition(**overrides) -> RecognitionInput:
    values = {
        "form": "certificate_of_merit",
        "level": "province",
        "issuer": "Chủ tịch UBND thành phố Cần Thơ",
        "decision_number": "2871/QĐ-UBND",
        "date": dt.date(2024, 12, 5),
    }
    values.update(overrides)
    return RecognitionInput(**values)


@pytest.fixture
def consented(signed_program, lead_officer) -> Exemplar:
    """With consent to publication, in a signed (public) program, one recognition."""
    exemplar = services.exemplar_create(program=signed_program, data=person(), by=lead_officer)
    services.recognition_add(exemplar=exemplar, data=recognition(), by=lead_officer)
    return exemplar


@pytest.fixture
def private(signed_program, partner_officer) -> Exemplar:
    """An achar, prestigious person 2023–2027, without consent to publication."""
    return services.exemplar_create(
        program=signed_program,
        data=person(
            name="Lâm Sô Phanh",
            sex="male",
            birth_year=1956,
            locality=commune("31795"),
            place_as_written="chùa Sê Rây Văn, xã Vĩnh Hải",
            field="unity",
            achievements="Hòa giải 14 vụ mâu thuẫn trong cộng đồng.",
            is_prestigious=True,
            prestige_term_start=2023,
            prestige_term_end=2027,
            consent_to_publish=False,
            consent_date=None,
            consent_note="Chưa hỏi được ý kiến.",
        ),
        by=partner_officer,
    )


@pytest.fixture
def commendation(signed_program, partner_officer, activity_data):  # noqa: F811
    """The program's commendation ceremony (an activity of kind «commendation»)."""
    return activity_services.activity_create(
        program=signed_program,
        data=activity_data(kind="commendation", title="Biểu dương người có uy tín tiêu biểu"),
        by=partner_officer,
    )
