import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.agencies import services
from tests import factories as f
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_agency_list_and_detail_are_public(persona, client_as, lead_agency):
    client = client_as(persona)
    assert lead_agency.name in client.get(reverse("agencies:list")).content.decode()
    assert client.get(reverse("agencies:detail", args=[lead_agency.pk])).status_code == 200


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_only_administrators_edit_agencies(request, persona, client_as, lead_agency):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    for url in (reverse("agencies:create"), reverse("agencies:edit", args=[lead_agency.pk])):
        response = client.get(url)
        if name == "anonymous":
            assert response.status_code == 302
        else:
            assert response.status_code == (200 if name == "admin_user" else 403)


def test_agency_search_ignores_diacritics(client, lead_agency, partner_agency):
    page = client.get(reverse("agencies:list"), {"q": "mat tran to quoc"}).content.decode()
    assert partner_agency.name in page and lead_agency.name not in page


def test_renamed_agency_keeps_its_old_name_on_old_records(admin_user, lead_agency, program):
    new = services.agency_save(
        by=admin_user,
        name="Sở Dân tộc và Tôn giáo thành phố Cần Thơ",
        kind=lead_agency.kind,
        level="province",
        province=lead_agency.province,
        valid_from=dt.date(2025, 3, 1),
    )
    services.agency_succeed(old=lead_agency, new=new, on=dt.date(2025, 3, 1), by=admin_user)
    lead_agency.refresh_from_db()
    assert lead_agency.valid_to == dt.date(2025, 2, 28)
    assert lead_agency.current == new
    assert program.parties.get(role="lead").agency.name == "Ban Dân tộc thành phố Cần Thơ"
    change = lead_agency.history.first()
    assert change.history_user == admin_user and change.successor_id == new.pk


def test_agency_validity_dates_must_be_in_order(admin_user, lead_agency):
    with pytest.raises(ValidationError) as exc:
        services.agency_save(
            agency=lead_agency, by=admin_user, valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2024, 1, 1)
        )
    assert exc.value.message_dict["valid_to"] == ["Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."]


def test_an_officer_cannot_edit_agencies(lead_officer, lead_agency):
    with pytest.raises(PermissionDenied):
        services.agency_save(agency=lead_agency, by=lead_officer, name="Tên khác")


def test_agency_form_saves_with_history(client_as, admin_user, lead_agency):
    client = client_as(admin_user)
    response = client.post(
        reverse("agencies:edit", args=[lead_agency.pk]),
        {
            "name": "Ban Dân tộc TP. Cần Thơ",
            "short_name": "BDT",
            "kind": lead_agency.kind_id,
            "level": "province",
            "province": lead_agency.province_id,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("agencies:detail", args=[lead_agency.pk])).content.decode()
    assert "Ban Dân tộc TP. Cần Thơ" in page and "Lịch sử thay đổi" in page


def test_agency_list_query_count_does_not_grow(client):
    f.AgencyFactory()
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("agencies:list"))
    for _ in range(9):
        f.AgencyFactory()
    with CaptureQueriesContext(connection) as ten:
        client.get(reverse("agencies:list"))
    assert len(one) == len(ten)


def test_agencies_are_listed_in_vietnamese_order():
    for name in ("Ủy ban nhân dân xã A", "Đoàn Thanh niên", "Dân tộc Tôn giáo", "Ban Dân vận", "Zê"):
        f.AgencyFactory(name=name)
    from phoihop.agencies.models import Agency

    names = list(
        Agency.objects.filter(
            name__in=["Ủy ban nhân dân xã A", "Đoàn Thanh niên", "Dân tộc Tôn giáo", "Ban Dân vận", "Zê"]
        ).values_list("name", flat=True)
    )
    assert names == ["Ban Dân vận", "Dân tộc Tôn giáo", "Đoàn Thanh niên", "Ủy ban nhân dân xã A", "Zê"]
