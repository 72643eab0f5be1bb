"""`phoihop build-report`."""

import pytest
from django.core.management import CommandError, call_command

from tests.reports.conftest import docx_text

pytestmark = pytest.mark.django_db


def test_build_report_writes_the_document(tmp_path, fake_context, review, lead_officer, capsys):
    target = tmp_path / "bao-cao.docx"

    call_command(
        "build_report", kind="review_report", target=review.pk, output=str(target), user="lead_officer"
    )

    assert "Hoàng Thị Thu Hà" in docx_text(target.read_bytes())
    assert f"Đã ghi {target}" in capsys.readouterr().err


def test_build_report_names_the_file_itself(
    tmp_path, monkeypatch, fake_context, signed_program, lead_officer
):
    monkeypatch.chdir(tmp_path)

    call_command(
        "build_report", kind="annual_report", target=signed_program.pk, year=2024, user="lead_officer"
    )

    assert (tmp_path / f"bao-cao-nam-2024-chuong-trinh-{signed_program.pk}.docx").exists()


def test_build_report_pdf(tmp_path, fake_context, signed_program, admin_user, libreoffice):
    target = tmp_path / "ct.pdf"

    call_command(
        "build_report", "--kind", "program_document", "--target", str(signed_program.pk), "--format", "pdf",
        "-o", str(target), "--user", "admin",
    )  # fmt: skip

    assert target.read_bytes().startswith(b"%PDF-")


def test_build_report_refuses_a_program_the_user_may_not_see(tmp_path, fake_context, program, other_officer):
    with pytest.raises(
        CommandError,
        match=f"Không có chương trình mã {program.pk}, hoặc tài khoản «other_officer» không được xem.",
    ):
        call_command(
            "build_report",
            kind="program_document",
            target=program.pk,
            output=str(tmp_path / "x.docx"),
            user="other_officer",
        )


def test_build_report_needs_a_year_for_an_annual_report(tmp_path, fake_context, signed_program, lead_officer):
    with pytest.raises(CommandError, match="Chọn năm báo cáo."):
        call_command("build_report", kind="annual_report", target=signed_program.pk, user="lead_officer")


def test_build_report_pdf_without_libreoffice(fake_context, signed_program, lead_officer, no_libreoffice):
    with pytest.raises(CommandError, match="Máy chủ chưa cài LibreOffice nên không tạo được PDF."):
        call_command(
            "build_report",
            kind="program_document",
            target=signed_program.pk,
            format="pdf",
            user="lead_officer",
        )
