"""The reports endpoints against every persona: templates for administrators only (403 for
other users), builds for the parties (404 for anyone else); a refused template is a 422 with
every message at `file`."""

import pytest

from phoihop.reports import services
from phoihop.reports.models import DocumentTemplate
from tests.conftest import PERSONAS
from tests.reports.conftest import docx_text, template_with, upload

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports"


def expect(**codes: int) -> list:
    assert set(codes) == set(PERSONAS)
    return [pytest.param(name, codes[name], id=name) for name in PERSONAS]


ADMIN_ONLY = {"anonymous": 401, "admin_user": 0} | {
    name: 403 for name in ("lead_officer", "leader", "editor", "partner_officer", "other_officer")
}


@pytest.fixture
def build(fake_context, signed_program, lead_officer):
    return services.report_build(kind="program_document", target=signed_program, fmt="docx", by=lead_officer)


@pytest.mark.parametrize(
    ("persona", "expected"), expect(**(ADMIN_ONLY | {"admin_user": 200})), indirect=["persona"]
)
def test_template_list(client, bearer, persona, expected):
    response = client.get(f"{URL}/templates", headers=bearer(persona))

    assert response.status_code == expected
    if expected == 200:
        items = response.json()
        assert [i["kind"] for i in items] == ["review_report", "program_document", "annual_report"]
        assert items[0]["uploaded"] is False
        first = items[0]["placeholders"][0]
        assert first == {
            "name": "co_quan_chu_quan",
            "description": "Tên cơ quan chủ quản (dòng trên, in hoa, đứng), ví dụ «ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN»; có thể trống.",
            "required": False,
        }


@pytest.mark.parametrize(
    ("persona", "expected"), expect(**(ADMIN_ONLY | {"admin_user": 201})), indirect=["persona"]
)
def test_template_upload(client, bearer, persona, expected):
    data = template_with("annual_report", add=("Mẫu gửi qua API",))

    response = client.post(
        f"{URL}/templates/annual_report", {"file": upload(data, "mau-api.docx")}, headers=bearer(persona)
    )

    assert response.status_code == expected
    assert DocumentTemplate.objects.filter(is_active=True).count() == (1 if expected == 201 else 0)
    if expected == 201:
        assert (
            response.json()["original_name"] == "mau-api.docx" and response.json()["uploaded_by"] == "admin"
        )


@pytest.mark.parametrize(
    ("persona", "expected"), expect(**(ADMIN_ONLY | {"admin_user": 204})), indirect=["persona"]
)
def test_template_reset(client, bearer, persona, expected, admin_user):
    services.template_upload(
        kind="review_report", upload=upload(template_with("review_report")), by=admin_user
    )

    response = client.delete(f"{URL}/templates/review_report", headers=bearer(persona))

    assert response.status_code == expected
    assert DocumentTemplate.objects.filter(is_active=True).count() == (0 if expected == 204 else 1)


def test_a_refused_template_is_422_with_every_message(client, bearer, admin_user):
    data = template_with("review_report", add=("{{ fax }}",), replace={"{{ nguoi_ky }}": "An"})

    response = client.post(
        f"{URL}/templates/review_report", {"file": upload(data)}, headers=bearer(admin_user)
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "file"], "msg": "Chỗ điền không có trong danh mục: {{ fax }}."},
            {"loc": ["body", "file"], "msg": "Thiếu chỗ điền bắt buộc: {{ nguoi_ky }}."},
        ]
    }
    assert not DocumentTemplate.objects.exists()


def test_an_unknown_kind_is_404(client, bearer, admin_user):
    response = client.post(f"{URL}/templates/cong_van", {"file": upload(b"x")}, headers=bearer(admin_user))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("persona", "expected"),
    expect(
        anonymous=401,
        lead_officer=200,
        leader=200,
        editor=200,
        partner_officer=200,
        other_officer=404,
        admin_user=200,
    ),
    indirect=["persona"],
)
def test_build_status_and_file(client, bearer, persona, expected, build):
    headers = bearer(persona)

    response = client.get(f"{URL}/builds/{build.pk}", headers=headers)

    assert response.status_code == expected
    if expected != 200:
        assert client.get(f"{URL}/builds/{build.pk}/file", headers=headers).status_code == expected
        return
    out = response.json()
    assert (out["status"], out["progress"], out["step"], out["url"]) == (
        "done",
        100,
        "Xong",
        f"{URL}/builds/{build.pk}/file",
    )
    download = client.get(out["url"], headers=headers)
    content = b"".join(download.streaming_content)
    download.close()
    assert "Nông Văn Khánh" in docx_text(content)


def test_missing_build_is_404(client, bearer, admin_user):
    assert client.get(f"{URL}/builds/424242", headers=bearer(admin_user)).status_code == 404
