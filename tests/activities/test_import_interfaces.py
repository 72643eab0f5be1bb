"""The import, template and export through every interface and for every persona: the
pages, /api/v1/activities/import (dry_run), and `phoihop import-activities`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from phoihop.activities.models import Activity
from tests.activities.test_import import training, upload, xlsx
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

RECORDERS = {"lead_officer", "leader", "partner_officer", "admin_user"}


def outcome(response):
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_pages_for_every_persona(request, persona, client_as, signed_program, partner_agency):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    content = xlsx(training("HD-1", partner_agency))

    def expect(allowed):
        if name == "anonymous":
            return "login"
        if name == "other_officer":
            return 404
        return 200 if allowed is None or name in allowed else 403

    pk = signed_program.pk
    assert outcome(client.get(reverse("activities:import", args=[pk]))) == expect(RECORDERS)
    assert outcome(client.get(reverse("activities:import_template", args=[pk, "xlsx"]))) == expect(None)
    assert outcome(client.get(reverse("activities:import_template", args=[pk, "csv"]))) == expect(None)
    for fmt in ("csv", "xlsx"):
        exported = client.get(reverse("activities:list", args=[pk]), {"format": fmt})
        if exported.streaming:
            # Read to the end: the file response closes its temporary file then (an explicit
            # close() would also end the request and, on PostgreSQL, the test's connection).
            b"".join(exported.streaming_content)
        assert outcome(exported) == expect(None)
    posted = client.post(reverse("activities:import", args=[pk]), {"file": upload(content)})
    # The lead's staff and administrators import for any party; the partner for her agency.
    assert outcome(posted) == expect(RECORDERS)
    bogus = client.post(reverse("activities:import_confirm", args=[pk, "not-a-token"]))
    assert outcome(bogus) == {"login": "login", 404: 404, 403: 403, 200: 404}[expect(RECORDERS)]
    assert not Activity.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_api_for_every_persona(request, persona, client_as, signed_program, partner_agency):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    content = xlsx(training("HD-1", partner_agency))
    response = client.post(
        "/api/v1/activities/import",
        {"file": upload(content), "program_id": signed_program.pk, "dry_run": "true"},
    )
    expected = {"anonymous": 401, "other_officer": 403}.get(name, 200 if name in RECORDERS else 403)
    if name == "other_officer":
        assert response.status_code in (403, 404)
    else:
        assert response.status_code == expected, response.content
    template = client.get("/api/v1/activities/import-template.xlsx", {"program": signed_program.pk})
    assert template.status_code in ({"anonymous": (401,), "other_officer": (403, 404)}.get(name, (200,)))
    assert not Activity.objects.exists()


def test_api_dry_run_then_import(client_as, partner_officer, signed_program, partner_agency):
    client = client_as(partner_officer)
    content = xlsx(training("HD-1", partner_agency) + training("HD-2", partner_agency))
    dry = client.post(
        "/api/v1/activities/import",
        {"file": upload(content), "program_id": signed_program.pk, "dry_run": "true"},
    )
    assert dry.json() == {
        "dry_run": True,
        "rows": 4,
        "activities": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "submitted": 0,
        "ignored_columns": [],
    }
    assert not Activity.objects.exists()
    done = client.post(
        "/api/v1/activities/import",
        {"file": upload(content), "program_id": signed_program.pk, "submit": "true"},
    )
    assert done.json()["created"] == 2 and done.json()["submitted"] == 2
    assert set(Activity.objects.values_list("status", flat=True)) == {"submitted"}


def test_api_reports_each_problem_at_its_cell(client_as, partner_officer, signed_program, partner_agency):
    rows = training("HD-1", partner_agency, **{"Tổng số người tham gia": 30, "Dân tộc": "tay"})
    response = client_as(partner_officer).post(
        "/api/v1/activities/import", {"file": upload(xlsx(rows)), "program_id": signed_program.pk}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["file", 2, "P"],
            "msg": "Không có dân tộc «tay». Có phải «Tày»?",
            "header": "Dân tộc",
            "value": "tay",
        }
    ]
    assert not Activity.objects.exists()


def test_command_line_import(tmp_path, partner_officer, signed_program, partner_agency):
    path = tmp_path / "hd.xlsx"
    path.write_bytes(xlsx(training("HD-1", partner_agency)))
    out = io.StringIO()
    call_command(
        "import_activities",
        str(path),
        "--program",
        str(signed_program.pk),
        "--user",
        "partner_officer",
        stdout=out,
    )
    assert out.getvalue().startswith(
        "Đã nhập: 2 dòng, 1 hoạt động — 1 mới, 0 cập nhật, 0 không đổi, 0 đã gửi"
    )
    out = io.StringIO()
    call_command(
        "import_activities",
        str(path),
        "--program",
        str(signed_program.pk),
        "--user",
        "partner_officer",
        stdout=out,
    )
    assert "0 mới, 0 cập nhật, 1 không đổi" in out.getvalue()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx(training("HD-9", partner_agency, **{"Ngày bắt đầu": "31/02/2024"})))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Tệp có 1 lỗi; không ghi hoạt động nào."):
        call_command(
            "import_activities",
            str(bad),
            "--program",
            str(signed_program.pk),
            "--user",
            "partner_officer",
            stderr=err,
        )
    assert "Dòng 2, cột E (Ngày bắt đầu): Ngày «31/02/2024» không có thật." in err.getvalue()
    assert Activity.objects.count() == 1


def test_command_line_export(tmp_path, capsysbinary, partner_officer, signed_program, partner_agency):
    """CSV on standard output; on standard error how many rows and the peak memory."""
    path = tmp_path / "hd.xlsx"
    path.write_bytes(xlsx(training("HD-1", partner_agency)))
    call_command(
        "import_activities",
        str(path),
        "--program",
        str(signed_program.pk),
        "--user",
        "partner_officer",
        stdout=io.StringIO(),
    )
    call_command("export_activities", "--program", str(signed_program.pk), "--user", "partner_officer")
    captured = capsysbinary.readouterr()
    text = captured.out.decode("utf-8")
    err = captured.err.decode("utf-8")
    assert "Đã xuất 2 dòng (1 hoạt động); bộ nhớ dùng tối đa " in err
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Mã dòng,Nội dung phối hợp,Loại hoạt động")
    assert lines[1].startswith('HD-1,1. Tuyên truyền chính sách dân tộc,"Tập huấn, bồi dưỡng"')
    assert lines[2].startswith("HD-1,,,,") and len(lines) == 3


def test_template_without_a_program(client_as, partner_officer):
    from openpyxl import load_workbook

    from phoihop.activities.importer import HEADER, SHEET

    response = client_as(partner_officer).get("/api/v1/activities/import-template.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book[SHEET][1]] == HEADER
    assert book["Danh mục"]["E2"].value == "Kinh"  # ethnic groups listed; no program's agencies
