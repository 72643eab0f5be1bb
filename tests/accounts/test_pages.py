import pytest
from django.urls import reverse

from tests import factories as f
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_vietnamese(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Tên đăng nhập" in page and "Mật khẩu" in page and "Đăng nhập" in page


def test_sign_in_and_out(client, lead_officer):
    response = client.post(reverse("accounts:login"), {"username": "lead_officer", "password": f.PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == lead_officer
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_password_message_is_vietnamese(client, lead_officer):
    response = client.post(
        reverse("accounts:login"), {"username": "lead_officer", "password": "sai-mat-khau"}
    )
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(client, lead_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "lead_officer", "password": "sai-mat-khau"})
    response = client.post(reverse("accounts:login"), {"username": "lead_officer", "password": f.PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_and_address(client, lead_officer, partner_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "lead_officer", "password": "sai"})
    response = client.post(reverse("accounts:login"), {"username": "partner_officer", "password": f.PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_password_change_page_needs_sign_in(persona, client_as):
    response = client_as(persona).get(reverse("accounts:password_change"))
    if persona is None:
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    else:
        assert response.status_code == 200
        assert "Đổi mật khẩu" in response.content.decode()


def test_password_change_runs_the_validators(client, lead_officer):
    client.force_login(lead_officer)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": f.PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mật khẩu này quá ngắn" in page or "quá phổ biến" in page
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": f.PASSWORD,
            "new_password1": "Rung-tram-Ca-Mau-2031",
            "new_password2": "Rung-tram-Ca-Mau-2031",
        },
    )
    assert response.status_code == 302
    lead_officer.refresh_from_db()
    assert lead_officer.check_password("Rung-tram-Ca-Mau-2031")


def test_user_create_service_validates_password(lead_agency):
    from django.core.exceptions import ValidationError

    from phoihop.accounts.services import user_create

    with pytest.raises(ValidationError) as exc:
        user_create(username="moi", password="123", agency=lead_agency, role="officer")
    assert "password" in exc.value.message_dict
    user = user_create(username="moi", password="Rung-tram-Ca-Mau-2031", agency=lead_agency, role="officer")
    assert user.check_password("Rung-tram-Ca-Mau-2031")


def test_names_are_shown_in_vietnamese_order(client, lead_officer):
    lead_officer.first_name, lead_officer.last_name = "Sơn", "Phạm Thị"
    lead_officer.save()
    client.force_login(lead_officer)
    assert "Phạm Thị Sơn" in client.get("/").content.decode()
    assert str(lead_officer) == "Phạm Thị Sơn"
