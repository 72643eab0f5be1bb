"""Building documents: through the task (progress, stored file), at once (report_render),
failures recorded on the build, refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.tasks.signals import task_enqueued

from phoihop.reports import services
from phoihop.reports.docx import DOCX_TYPE, PDF_TYPE
from phoihop.reports.models import BuildStatus, ReportBuild
from tests.reports.conftest import docx_text

pytestmark = pytest.mark.django_db


def test_a_review_report_is_built_through_the_task(fake_context, review, lead_officer):
    enqueued = []

    def seen(sender, task_result, **kwargs):
        enqueued.append(task_result)

    task_enqueued.connect(seen)
    try:
        build = services.report_build(kind="review_report", target=review, fmt="docx", by=lead_officer)
    finally:
        task_enqueued.disconnect(seen)

    assert [r.task.name for r in enqueued] == ["build_report"] and enqueued[0].args == [build.pk]
    assert (build.status, build.progress, build.step, build.error) == (BuildStatus.DONE, 100, "Xong", "")
    assert build.filename == f"bao-cao-so-ket-chuong-trinh-{review.program_id}.docx"
    assert build.file.name.startswith("reports/") and build.file.name.endswith(build.filename)
    assert build.finished_at is not None
    with build.file.open("rb") as stored:
        assert "Hoàng Thị Thu Hà" in docx_text(stored.read())
    assert [c[0] for c in fake_context.calls] == ["review_report"] and fake_context.calls[0][
        1
    ].pk == review.pk


def test_progress_goes_through_each_step(
    fake_context, signed_program, lead_officer, monkeypatch, libreoffice
):
    seen = []
    step = services._step

    def recording(build, name, **fields):
        step(build, name, **fields)
        row = ReportBuild.objects.get(pk=build.pk)
        seen.append((row.status, row.progress, row.step))

    monkeypatch.setattr(services, "_step", recording)

    build = services.report_build(
        kind="annual_report", target=signed_program, fmt="pdf", by=lead_officer, year=2023
    )

    assert seen == [
        ("running", 10, "Đang tính số liệu"),
        ("running", 60, "Đang điền mẫu"),
        ("running", 85, "Đang chuyển sang PDF"),
    ]
    assert (build.status, build.progress, build.filename) == (
        "done",
        100,
        f"bao-cao-nam-2023-chuong-trinh-{signed_program.pk}.pdf",
    )
    with build.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    assert fake_context.calls[0][0] == "annual_report" and fake_context.calls[0][2] == 2023


def test_a_failure_is_recorded_on_the_build(fake_context, signed_program, partner_officer):
    fake_context.fail = ZeroDivisionError("division by zero")

    build = services.report_build(
        kind="program_document", target=signed_program, fmt="docx", by=partner_officer
    )

    assert (build.status, build.step, bool(build.file)) == ("failed", "Lỗi", False)
    assert build.error == (
        "Không tạo được văn bản (ZeroDivisionError: division by zero). Báo quản trị hệ thống để kiểm tra mẫu."
    )


def test_a_requester_who_lost_access_gets_a_failed_build(fake_context, signed_program, partner_officer):
    build = ReportBuild.objects.create(
        kind="program_document",
        program=signed_program,
        target_id=signed_program.pk,
        requested_by=partner_officer,
    )
    signed_program.parties.filter(agency=partner_officer.agency).delete()

    services.report_build_run(build_id=build.pk)

    build.refresh_from_db()
    assert build.status == "failed"
    assert build.error == "Không tìm thấy đối tượng của văn bản, hoặc người yêu cầu không còn quyền xem."
    assert fake_context.calls == []


def test_a_build_is_run_once(fake_context, signed_program, lead_officer):
    build = services.report_build(kind="program_document", target=signed_program, fmt="docx", by=lead_officer)

    services.report_build_run(build_id=build.pk)  # delivered a second time

    assert len(fake_context.calls) == 1


def test_pdf_without_libreoffice_is_refused_before_building(
    fake_context, signed_program, lead_officer, no_libreoffice
):
    with pytest.raises(ValidationError) as caught:
        services.report_build(kind="program_document", target=signed_program, fmt="pdf", by=lead_officer)

    assert caught.value.message_dict == {"fmt": ["Máy chủ chưa cài LibreOffice nên không tạo được PDF."]}
    assert not ReportBuild.objects.exists()


def test_annual_report_needs_a_year_of_the_phase(fake_context, signed_program, lead_officer):
    with pytest.raises(ValidationError) as caught:
        services.report_build(kind="annual_report", target=signed_program, fmt="docx", by=lead_officer)
    assert caught.value.message_dict == {"year": ["Chọn năm báo cáo."]}
    with pytest.raises(ValidationError) as caught:
        services.report_build(
            kind="annual_report", target=signed_program, fmt="docx", by=lead_officer, year=2030
        )
    assert caught.value.message_dict == {"year": ["Năm báo cáo phải trong giai đoạn 2021–2025."]}


def test_an_unrelated_officer_may_not_build(fake_context, signed_program, other_officer):
    with pytest.raises(PermissionDenied):
        services.report_build(kind="program_document", target=signed_program, fmt="docx", by=other_officer)
    assert not ReportBuild.objects.exists()


def test_report_render_gives_name_type_and_bytes(fake_context, signed_program):
    filename, content_type, content = services.report_render(
        kind="program_document", target=signed_program, fmt="docx"
    )

    assert (filename, content_type) == (f"chuong-trinh-phoi-hop-{signed_program.pk}.docx", DOCX_TYPE)
    assert "Nông Văn Khánh" in docx_text(content)


def test_report_render_pdf(fake_context, review, libreoffice):
    filename, content_type, content = services.report_render(kind="review_report", target=review, fmt="pdf")

    assert (filename, content_type) == (f"bao-cao-so-ket-chuong-trinh-{review.program_id}.pdf", PDF_TYPE)
    assert content.startswith(b"%PDF-")
