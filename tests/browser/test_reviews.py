"""bdt.cantho opens an interim review of the Cần Thơ program, records the conference, adds a
conclusion that becomes a follow-up for the Fatherland Front, concludes and downloads the Word
report; mttq.cantho then finds the follow-up under «Việc cần thực hiện» and starts it. And the
review form refuses, at the field, a period outside the program's phase."""

import datetime as dt
import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from phoihop.activities.selectors import program_statistics
from phoihop.reviews.models import FollowUp, Review

pytestmark = pytest.mark.browser

MTTQ = "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ"
CONCLUSION = "Ủy ban MTTQ thành phố chủ trì tổ chức tuyên truyền chính sách dân tộc tại các ấp có đông đồng bào Khmer trong quý I năm 2024."
NOTE = "Đã xây dựng kế hoạch, dự kiến tổ chức tại quận Ô Môn và huyện Thới Lai."


def _cantho(demo):
    """The Cần Thơ program of the demo (its title does not name the city: found by province)."""
    program = next(p for p in demo["programs"] if p.province.code == "92")
    assert "Cần Thơ" in program.province.name
    return program


def _vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _docx_text(data: bytes) -> str:
    """The text of the body's paragraphs and of the tables' cells (nested too), headers and footers."""
    document = Document(io.BytesIO(data))

    def cells(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
                    yield from cells(cell.tables)

    paragraphs = [*document.paragraphs, *cells(document.tables)]
    for section in document.sections:
        for part in (section.header, section.footer):
            paragraphs += [*part.paragraphs, *cells(part.tables)]
    return "\n".join(p.text for p in paragraphs)


def _open_review_form(page, program) -> None:
    page.goto("/programs/")
    page.get_by_role("link", name=program.title).click()
    page.get_by_role("link", name="Sơ kết, tổng kết", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/reviews/program/{program.pk}/$"))
    page.get_by_role("link", name="Mở kỳ sơ kết, tổng kết").click()
    expect(page.get_by_role("heading", name="Mở kỳ sơ kết, tổng kết")).to_be_visible()


def test_lead_reviews_concludes_downloads_report_partner_follows_up(
    demo, new_page, sign_in, screenshot, tmp_path
):
    program = _cantho(demo)
    expected = program_statistics(
        program=program, date_from=dt.date(2021, 1, 1), date_to=dt.date(2023, 12, 31)
    )["totals"]
    assert expected["activities"] > 0  # the demo has accepted activities in the period

    lead = _review_form(new_page, sign_in, program, "01/01/2021", "31/12/2023")
    lead.get_by_label("Ngày hội nghị").fill("15/01/2024")
    lead.get_by_label("Địa điểm").fill("Hội trường Ban Dân tộc thành phố Cần Thơ")
    lead.get_by_label("Người chủ trì", exact=True).fill("Trần Quốc Hùng")
    lead.get_by_label("Chức vụ người chủ trì").fill("Trưởng Ban Dân tộc thành phố Cần Thơ")
    lead.get_by_label("Thành phần dự hội nghị").fill(f"Nguyễn Văn Bình - Phó Chủ tịch - {MTTQ}")
    lead.get_by_label("Kết quả đạt được").fill(
        "Các bên đã phối hợp tổ chức nhiều hoạt động tuyên truyền, tập huấn cho đồng bào dân tộc thiểu số.\n"
        "Đời sống vật chất, tinh thần của đồng bào Khmer và Hoa được nâng lên."
    )
    screenshot(lead, "review-form")
    lead.get_by_role("button", name="Lưu").click()

    expect(lead.get_by_text("Đã mở kỳ sơ kết, tổng kết; số liệu của kỳ được điền tự động.")).to_be_visible()
    expect(lead.get_by_role("heading", name="Sơ kết giai đoạn", exact=False).first).to_be_visible()
    review = Review.objects.get(program=program)
    expect(lead).to_have_url(re.compile(rf"/reviews/{review.pk}/$"))
    figures = lead.locator("#figures")
    expect(figures.get_by_role("heading", name="Số liệu của kỳ")).to_be_visible()
    expect(figures.locator(".stat").nth(0)).to_contain_text(f"{_vn(expected['activities'])} hoạt động")
    expect(figures.locator(".stat").nth(1)).to_contain_text(
        f"{_vn(expected['participants'])} lượt người tham gia"
    )
    expect(figures.locator(".stat").nth(2)).to_contain_text(f"{_vn(expected['budget_vnd'])} đồng kinh phí")
    conference = lead.locator("#conference")
    expect(conference).to_contain_text("15/01/2024 · Hội trường Ban Dân tộc thành phố Cần Thơ")
    expect(conference).to_contain_text("Nguyễn Văn Bình – Phó Chủ tịch")
    expect(lead.get_by_text("Đang chuẩn bị", exact=True)).to_be_visible()

    lead.get_by_role("button", name="Đã tổ chức hội nghị").click()
    expect(lead.get_by_text("Đã ghi nhận hội nghị đã tổ chức.")).to_be_visible()

    conclusions = lead.locator("#conclusions")
    conclusions.get_by_label("Nội dung kết luận").fill(CONCLUSION)
    conclusions.get_by_label("Giao cho cơ quan").select_option(label=MTTQ)
    conclusions.get_by_label("Thời hạn").fill("31/03/2024")
    conclusions.get_by_role("button", name="Thêm kết luận").click()
    expect(lead.get_by_text("Đã thêm kết luận.")).to_be_visible()
    item = lead.locator("ol.conclusions > li").filter(has_text=CONCLUSION)
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"Giao {MTTQ}, hạn 31/03/2024")
    expect(item.get_by_role("link", name="Chưa thực hiện")).to_be_visible()
    screenshot(lead, "review-detail-held")

    lead.get_by_role("button", name="Kết luận và chốt số liệu").click()
    expect(lead.get_by_text("Đã kết luận; số liệu của kỳ đã được chốt.")).to_be_visible()
    expect(lead.locator(".page-head .badge")).to_have_text("Đã kết luận")
    expect(lead.get_by_role("button", name="Kết luận và chốt số liệu")).to_have_count(0)
    expect(lead.locator("#conclusions form.conclusion-form")).to_have_count(0)
    screenshot(lead, "review-detail")

    lead.get_by_role("button", name="Tải báo cáo (.docx)").click()
    expect(lead).to_have_url(re.compile(r"/reports/builds/\d+/$"))
    link = lead.get_by_role("link", name=re.compile(r"^Tải .+\.docx$"))
    expect(link).to_be_visible()
    screenshot(lead, "review-report-build")
    with lead.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = _docx_text(path.read_bytes())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Nơi nhận:" in text
    assert CONCLUSION in text  # the report is this review's
    assert "Trần Quốc Hùng" in text

    followup = FollowUp.objects.get(conclusion__review=review)
    partner = new_page()
    sign_in(partner, "mttq.cantho")
    partner.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Việc cần thực hiện"
    ).click()
    expect(partner).to_have_url(re.compile(r"/reviews/followups/$"))
    row = partner.locator("tbody tr").filter(has_text=CONCLUSION[:60])
    expect(row).to_have_count(1)
    expect(row).to_contain_text(MTTQ)
    expect(row).to_contain_text("31/03/2024")
    expect(row).to_contain_text("Chưa thực hiện")
    screenshot(partner, "followups")
    row.get_by_role("link", name=re.compile("^Ủy ban MTTQ thành phố chủ trì")).click()
    expect(partner).to_have_url(re.compile(rf"/reviews/followups/{followup.pk}/$"))
    partner.get_by_label("Trạng thái mới").select_option(label="Đang thực hiện")
    partner.get_by_label("Kết quả, ghi chú").fill(NOTE)
    partner.get_by_role("button", name="Lưu").click()
    expect(partner.get_by_text("Đã chuyển sang «Đang thực hiện».")).to_be_visible()
    facts = partner.locator("dl.facts")
    expect(facts.get_by_text("Đang thực hiện", exact=True)).to_be_visible()
    expect(facts).to_contain_text(NOTE)
    screenshot(partner, "followup-detail")
    followup.refresh_from_db()
    assert followup.status == "in_progress"
    assert followup.closing_note == NOTE


def _review_form(new_page, sign_in, program, start: str, end: str):
    """bdt.cantho on a new interim review's form, its period typed in."""
    page = new_page()
    sign_in(page, "bdt.cantho")
    _open_review_form(page, program)
    page.get_by_label("Loại").select_option(label="Sơ kết giai đoạn")
    page.get_by_label("Từ ngày").fill(start)
    page.get_by_label("Đến ngày").fill(end)
    return page


def test_review_period_outside_phase_is_refused_at_the_field(
    demo, new_page, sign_in, screenshot, page_problems
):
    page_problems.expect(r"status of 400 \(Bad Request\).*/reviews/program/\d+/new/")
    program = _cantho(demo)
    page = _review_form(new_page, sign_in, program, "01/01/2019", "31/12/2019")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("alert").first).to_have_text(
        "Chưa lưu được: xin sửa các ô được đánh dấu bên dưới."
    )
    field = page.locator(".field.field-error").filter(has=page.get_by_label("Từ ngày"))
    expect(field).to_contain_text(
        "Kỳ sơ kết, tổng kết phải nằm trong giai đoạn của chương trình (01/01/2021 – 31/12/2025)."
    )
    expect(page.get_by_label("Từ ngày")).to_have_value("01/01/2019")
    expect(page.get_by_label("Loại")).to_have_value("interim")
    screenshot(page, "review-form-error")
    assert not Review.objects.filter(program=program).exists()
