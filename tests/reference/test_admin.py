import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/reference/administrativeunit/?q=can+tho", "Thành phố Cần Thơ"),
        ("/admin/reference/ethnicgroup/?q=mong", "HMông"),
        ("/admin/reference/agencykind/", "Mặt trận Tổ quốc"),
    ],
)
def test_admin_lists_and_searches_folded(client, admin_user, url, expected):
    client.force_login(admin_user)

    response = client.get(url)

    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.parametrize("model", ["administrativeunit", "ethnicgroup", "agencykind"])
def test_admin_cannot_add_reference_rows(client, admin_user, model):
    client.force_login(admin_user)

    assert client.get(f"/admin/reference/{model}/add/").status_code == 403


def test_admin_shows_a_unit_read_only(client, admin_user):
    from phoihop.reference.models import AdministrativeUnit

    unit = AdministrativeUnit.objects.get(era="legacy", level="province", code="06")
    client.force_login(admin_user)

    response = client.get(f"/admin/reference/administrativeunit/{unit.pk}/change/")

    assert response.status_code == 200
    assert "Tỉnh Thái Nguyên" in response.content.decode()
