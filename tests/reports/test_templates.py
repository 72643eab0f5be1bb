"""Replacing a template: every refusal keeps the current one; a good file replaces it and the
old one is kept inactive; reset goes back to the default."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.reports import services
from phoihop.reports.docx import check_template, default_template
from phoihop.reports.models import DocumentTemplate, active_template
from tests.reports.conftest import docx_text, template_with, upload

pytestmark = pytest.mark.django_db

KIND = "review_report"


@pytest.fixture
def current(admin_user):
    """An uploaded template is active: the one every refusal must leave in place."""
    data = template_with(KIND, add=("Mẫu riêng của tỉnh",))
    return services.template_upload(kind=KIND, upload=upload(data, "mau-tinh.docx"), by=admin_user)


def refused(admin_user, data: bytes, name: str = "mau-moi.docx") -> list[str]:
    with pytest.raises(ValidationError) as caught:
        services.template_upload(kind=KIND, upload=upload(data, name), by=admin_user)
    return caught.value.message_dict["file"]


def assert_unchanged(current):
    active = DocumentTemplate.objects.get(kind=KIND, is_active=True)
    assert active.pk == current.pk
    assert "Mẫu riêng của tỉnh" in docx_text(active_template(KIND))
    assert DocumentTemplate.objects.count() == 1


def test_a_file_that_is_not_word_is_refused(admin_user, current):
    assert refused(admin_user, b"%PDF-1.7\n" + b"x" * 100, "mau.docx") == [
        "Tệp không phải văn bản Word (.docx)."
    ]
    assert_unchanged(current)


def test_a_spreadsheet_renamed_docx_is_refused(admin_user, current):
    import io

    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    assert refused(admin_user, out.getvalue()) == ["Tệp không phải văn bản Word (.docx)."]
    assert_unchanged(current)


def test_an_unclosed_placeholder_is_refused_with_its_paragraph(admin_user, current):
    data = template_with(KIND, replace={"{{ nguoi_ky }}": "{{ nguoi_ky"})

    assert refused(admin_user, data) == ["Chỗ điền bị hỏng: «{{ nguoi_ky»."]
    assert_unchanged(current)


def test_a_placeholder_with_bad_syntax_is_refused(admin_user, current):
    data = template_with(KIND, add=("Người ký: {{ nguoi ky }}",))

    assert refused(admin_user, data) == ["Chỗ điền bị hỏng: «Người ký: {{ nguoi ky }}» (sai cú pháp)."]
    assert_unchanged(current)


def test_an_unclosed_loop_is_refused(admin_user, current):
    data = template_with(KIND, add=("{%p for x in ket_qua %}", "{{ x }}"))

    assert refused(admin_user, data) == [
        "Chỗ điền bị hỏng: một thẻ mở ({%p for …%}, {%p if …%}, {%tr for …%}) thiếu thẻ đóng."
    ]
    assert_unchanged(current)


def test_unknown_placeholders_are_refused_and_named(admin_user, current):
    data = template_with(KIND, add=("Điện thoại: {{ so_dien_thoai }}, thư: {{ email }}",))

    assert refused(admin_user, data) == [
        "Chỗ điền không có trong danh mục: {{ email }}, {{ so_dien_thoai }}."
    ]
    assert_unchanged(current)


def test_missing_required_placeholders_are_refused_and_named(admin_user, current):
    data = template_with(
        KIND, replace={"{{ nguoi_ky }}": "Nguyễn Văn An", "Số: {{ so_ky_hieu }}": "Số: 01/BC"}
    )

    assert refused(admin_user, data) == ["Thiếu chỗ điền bắt buộc: {{ so_ky_hieu }}, {{ nguoi_ky }}."]
    assert_unchanged(current)


def test_unknown_and_missing_are_reported_together(admin_user, current):
    data = template_with(KIND, add=("{{ ten_tinh }}",), replace={"{{ nguoi_ky }}": "Nguyễn Văn An"})

    assert refused(admin_user, data) == [
        "Chỗ điền không có trong danh mục: {{ ten_tinh }}.",
        "Thiếu chỗ điền bắt buộc: {{ nguoi_ky }}.",
    ]
    assert_unchanged(current)


def test_a_placeholder_of_another_kind_is_unknown_here():
    data = template_with("annual_report", add=("{{ hoi_nghi_ngay }}",))

    assert check_template("annual_report", data) == ["Chỗ điền không có trong danh mục: {{ hoi_nghi_ngay }}."]


@pytest.mark.parametrize("kind", ["review_report", "program_document", "annual_report"])
def test_every_default_template_passes_its_own_check(kind):
    assert check_template(kind, default_template(kind)) == []


def test_a_good_template_replaces_the_current_one_which_is_kept(admin_user, current):
    data = template_with(KIND, add=("Mẫu mới năm 2025",))

    new = services.template_upload(kind=KIND, upload=upload(data, "mau-2025.docx"), by=admin_user)

    current.refresh_from_db()
    assert (current.is_active, current.replaced_by, new.is_active, new.original_name) == (
        False,
        admin_user,
        True,
        "mau-2025.docx",
    )
    assert "Mẫu mới năm 2025" in docx_text(active_template(KIND))


def test_reset_goes_back_to_the_default(admin_user, current):
    services.template_reset(kind=KIND, by=admin_user)

    assert active_template(KIND) == default_template(KIND)
    assert DocumentTemplate.objects.filter(is_active=True).count() == 0
    assert DocumentTemplate.objects.count() == 1


@pytest.mark.parametrize("name", ["lead_officer", "leader", "editor", "partner_officer", "other_officer"])
def test_only_administrators_replace_templates(request, name):
    user = request.getfixturevalue(name)
    with pytest.raises(PermissionDenied):
        services.template_upload(kind=KIND, upload=upload(default_template(KIND)), by=user)
    with pytest.raises(PermissionDenied):
        services.template_reset(kind=KIND, by=user)
    assert not DocumentTemplate.objects.exists()
