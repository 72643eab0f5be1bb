"""The reports pages with every persona; uploading from the page; the build page and its
htmx fragment; the build form."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.reports import services
from phoihop.reports.models import DocumentTemplate, ReportBuild
from tests.conftest import PERSONAS
from tests.reports.conftest import docx_text, template_with, upload

pytestmark = pytest.mark.django_db

PARTIES = {"lead_officer", "leader", "editor", "partner_officer", "admin_user"}


def outcome(response):
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return "login"
    return response.status_code


def expected(name: str, allowed: set[str], ok=200):
    if name == "anonymous":
        return "login"
    return ok if name in allowed else 404


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def version(admin_user):
    services.template_upload(
        kind="annual_report", upload=upload(template_with("annual_report")), by=admin_user
    )
    return services.template_upload(
        kind="annual_report", upload=upload(template_with("annual_report"), "mau-2.docx"), by=admin_user
    )


@pytest.fixture
def build(fake_context, signed_program, lead_officer):
    return services.report_build(kind="program_document", target=signed_program, fmt="docx", by=lead_officer)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_template_pages_are_for_administrators_only(request, persona, client_as, version):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    admin = {"admin_user"}
    pages = [
        ("get", reverse("reports:templates"), 200),
        ("get", reverse("reports:template_download", args=["review_report"]), 200),
        ("get", reverse("reports:template_default", args=["program_document"]), 200),
        ("get", reverse("reports:template_sample", args=["annual_report", "docx"]), 200),
        ("get", reverse("reports:template_version", args=[version.pk]), 200),
        ("post", reverse("reports:template_upload", args=["review_report"]), 400),
        ("post", reverse("reports:template_reset", args=["annual_report"]), 302),
    ]
    for method, url, ok in pages:
        response = getattr(client, method)(url)
        assert outcome(response) == expected(name, admin, ok), (url, response.status_code)
    # A refused reset changed nothing.
    assert DocumentTemplate.objects.filter(is_active=True).exists() == (name != "admin_user")


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_build_pages_are_for_the_parties_and_administrators(
    request, persona, client_as, build, signed_program
):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    pages = [
        ("get", reverse("reports:build", args=[build.pk]), {}, 200),
        ("get", reverse("reports:build_file", args=[build.pk]), {}, 200),
        (
            "post",
            reverse("reports:build_create"),
            {"kind": "annual_report", "target": signed_program.pk, "year": "2022", "fmt": "docx"},
            302,
        ),
    ]
    for method, url, data, ok in pages:
        response = getattr(client, method)(url, data)
        # Reading a file answer to the end closes it (the test client's wrapper); calling
        # close() here would send request_finished, which closes a PostgreSQL test connection.
        body(response)
        assert outcome(response) == expected(name, PARTIES, ok), (url, response.status_code)
    assert ReportBuild.objects.count() == (2 if name in PARTIES else 1)


def test_downloads_are_word_files_with_ascii_names(client_as, admin_user):
    client = client_as(admin_user)

    current = client.get(reverse("reports:template_download", args=["review_report"]))
    sample = client.get(reverse("reports:template_sample", args=["review_report", "docx"]))

    assert current["Content-Disposition"] == 'attachment; filename="mau-bao-cao-so-ket-tong-ket.docx"'
    assert "{{ nguoi_ky }}" in docx_text(current.content)
    assert sample["Content-Disposition"] == 'attachment; filename="xem-thu-bao-cao-so-ket-tong-ket.docx"'
    assert "Hoàng Thị Thu Hà" in docx_text(sample.content)


def test_sample_pdf(client_as, admin_user, libreoffice):
    response = client_as(admin_user).get(reverse("reports:template_sample", args=["program_document", "pdf"]))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_upload_errors_are_shown_at_the_file_field_and_the_old_template_stays(client_as, admin_user):
    client = client_as(admin_user)
    url = reverse("reports:template_upload", args=["review_report"])
    good = template_with("review_report", add=("Mẫu của tỉnh",))
    assert client.post(url, {"review_report-file": upload(good)}).status_code == 302
    bad = template_with("review_report", add=("{{ so_dien_thoai }}",), replace={"{{ nguoi_ky }}": "An"})

    response = client.post(url, {"review_report-file": upload(bad)})

    assert response.status_code == 400
    form = next(item["form"] for item in response.context["catalogue"] if item["kind"] == "review_report")
    assert form.errors["file"] == [
        "Chỗ điền không có trong danh mục: {{ so_dien_thoai }}.",
        "Thiếu chỗ điền bắt buộc: {{ nguoi_ky }}.",
    ]
    page = response.content.decode()
    assert "Chỗ điền không có trong danh mục: {{ so_dien_thoai }}." in page
    assert "Mẫu của tỉnh" in docx_text(
        client.get(reverse("reports:template_download", args=["review_report"])).content
    )


def test_templates_page_lists_placeholders_and_has_no_inline_script_or_style(client_as, admin_user):
    page = client_as(admin_user).get(reverse("reports:templates")).content.decode()

    assert "<code>trich_yeu</code>" in page
    assert "Tải bản xem thử" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", page)
    assert " style=" not in page and "<style" not in page


@pytest.mark.parametrize("versions", [1, 10])
def test_templates_page_query_count_does_not_grow(client_as, admin_user, versions):
    for i in range(versions):
        DocumentTemplate.objects.create(
            kind="review_report", content=b"x", original_name=f"{i}.docx", is_active=False
        )
    client = client_as(admin_user)
    client.get(reverse("reports:templates"))  # session, user: warmed up
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reports:templates")).status_code == 200
    assert len(queries) == 3  # session, user, templates


def test_build_page_shows_the_download_when_done(client_as, lead_officer, build):
    page = client_as(lead_officer).get(reverse("reports:build", args=[build.pk])).content.decode()

    assert "Xong" in page and 'value="100"' in page
    assert reverse("reports:build_file", args=[build.pk]) in page
    assert "hx-trigger" not in page


def test_pending_build_fragment_polls_every_two_seconds(client_as, lead_officer, signed_program):
    build = ReportBuild.objects.create(
        kind="program_document",
        program=signed_program,
        target_id=signed_program.pk,
        requested_by=lead_officer,
        status="running",
        progress=60,
        step="Đang điền mẫu",
    )

    response = client_as(lead_officer).get(
        reverse("reports:build", args=[build.pk]), headers={"HX-Request": "true"}
    )

    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section class="card" id="status"')
    assert 'hx-trigger="every 2s"' in fragment and "Đang điền mẫu" in fragment and 'value="60"' in fragment
    assert "<html" not in fragment
    assert client_as(lead_officer).get(reverse("reports:build_file", args=[build.pk])).status_code == 404


def test_failed_build_shows_its_error(client_as, lead_officer, signed_program, no_libreoffice):
    build = ReportBuild.objects.create(
        kind="program_document",
        program=signed_program,
        target_id=signed_program.pk,
        requested_by=lead_officer,
        status="failed",
        error="Không tạo được văn bản (lỗi thử).",
    )

    page = client_as(lead_officer).get(reverse("reports:build", args=[build.pk])).content.decode()

    assert "Không tạo được văn bản (lỗi thử)." in page
    assert "Máy chủ chưa cài LibreOffice nên không tạo được PDF" in page


def test_build_form_redirects_to_the_build_and_the_file_downloads(
    client_as, partner_officer, review, fake_context
):
    client = client_as(partner_officer)

    response = client.post(
        reverse("reports:build_create"), {"kind": "review_report", "target": review.pk, "fmt": "docx"}
    )

    build = ReportBuild.objects.get()
    assert response["Location"] == reverse("reports:build", args=[build.pk])
    download = client.get(reverse("reports:build_file", args=[build.pk]))
    content = body(download)
    download.close()
    assert download["Content-Disposition"] == (
        f'attachment; filename="bao-cao-so-ket-chuong-trinh-{review.program_id}.docx"'
    )
    assert "Hoàng Thị Thu Hà" in docx_text(content)


def test_build_form_errors_go_back_with_a_message(client_as, lead_officer, signed_program, fake_context):
    client = client_as(lead_officer)
    back = reverse("programs:detail", args=[signed_program.pk])

    response = client.post(
        reverse("reports:build_create"),
        {"kind": "annual_report", "target": signed_program.pk, "year": "2030", "next": back},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == back
    assert "Chưa tạo được văn bản: Năm báo cáo phải trong giai đoạn 2021–2025." in response.content.decode()
    assert not ReportBuild.objects.exists()


def test_build_form_for_a_hidden_or_missing_target_is_404(client_as, other_officer, program, lead_officer):
    # `program` is a draft: hidden from other_officer; 999999 does not exist.
    for user, target in ((other_officer, program.pk), (lead_officer, 999999)):
        response = client_as(user).post(
            reverse("reports:build_create"), {"kind": "program_document", "target": target}
        )
        assert response.status_code == 404
