"""mttq.cantho downloads the template, fills it, uploads it, sees the preview and confirms;
bdt.cantho walks the reporting cockpit, the annual plans, the indicators and the province
dashboard (no console or CSP errors on any page)."""

import datetime as dt

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from phoihop.activities.importer import HEADER
from phoihop.activities.models import Activity
from phoihop.programs.models import Program

pytestmark = pytest.mark.browser

CANTHO_DEMO = "Chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2021–2025"


def test_partner_imports_a_filled_template(demo, page, sign_in, screenshot, tmp_path, page_problems):
    page_problems.expect(
        r"status of 400 \(Bad Request\).*/activities/program/\d+/import/"
    )  # the file with an error
    program = Program.objects.get(title=CANTHO_DEMO)
    sign_in(page, "mttq.cantho")
    page.goto(f"/activities/program/{program.pk}/")
    page.get_by_role("link", name="Nhập từ tệp").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu Excel").click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    sheet = book["Hoạt động"]
    assert [c.value for c in sheet[1]] == HEADER
    col = {name: i for i, name in enumerate(HEADER)}
    for n in range(1, 11):
        row = [None] * len(HEADER)
        row[col["Mã dòng"]] = f"MTTQ-2024-{n:02d}"
        row[col["Loại hoạt động"]] = "Tuyên truyền, phổ biến"
        row[col["Tên hoạt động"]] = f"Tuyên truyền pháp luật ở ấp, đợt {n}"
        row[col["Ngày bắt đầu"]] = dt.date(2024, 4, n)
        row[col["Tổng số người tham gia"]] = 50
        row[col["Dân tộc"]] = "Khơ-me"
        row[col["Số người"]] = 40
        sheet.append(row)
    filled = tmp_path / "da-dien.xlsx"
    book.save(filled)

    page.set_input_files("#id_file", str(filled))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("10 hoạt động mới")).to_be_visible()
    screenshot(page, "import-preview")
    assert not Activity.objects.filter(external_key__startswith="MTTQ-2024-").exists()
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.get_by_text("10 hoạt động mới, 0 cập nhật, 0 không đổi")).to_be_visible()
    assert Activity.objects.filter(external_key__startswith="MTTQ-2024-", status="draft").count() == 10

    # The same file again: nothing new.
    page.get_by_role("link", name="Nhập từ tệp").click()
    page.set_input_files("#id_file", str(filled))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("10 không đổi")).to_be_visible()

    # A wrong cell: the row, the column and the reason; nothing written.
    sheet.cell(row=2, column=col["Dân tộc"] + 1, value="khome")
    book.save(filled)
    page.goto(f"/activities/program/{program.pk}/import/")
    page.set_input_files("#id_file", str(filled))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("Không có dân tộc «khome». Có phải «Khơ-me»?")).to_be_visible()
    screenshot(page, "import-errors")


def test_lead_walks_cockpit_plans_indicators_and_province(demo, page, sign_in, screenshot):
    program = Program.objects.get(title=CANTHO_DEMO)
    sign_in(page, "bdt.cantho")
    page.goto(f"/programs/{program.pk}/")
    page.get_by_role("link", name="Tình hình báo cáo").click()
    page.get_by_label("Năm").select_option("2025")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#grid")).to_contain_text("Bị trả lại")
    screenshot(page, "reporting-cockpit")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Gửi nhắc").click()
    expect(page.locator(".messages")).to_be_visible()

    page.goto(f"/activities/program/{program.pk}/plans/?year=2024")
    expect(page.locator("#plans, main")).to_contain_text("Kế hoạch năm 2024")
    screenshot(page, "annual-plans")

    page.goto(f"/indicators/program/{program.pk}/")
    expect(page.get_by_text("Mô hình kinh tế được hỗ trợ")).to_be_visible()
    screenshot(page, "indicators")

    page.goto(f"/activities/program/{program.pk}/dashboard/")
    page.get_by_role("link", name="Số liệu toàn Thành phố Cần Thơ").click()
    expect(
        page.get_by_role("heading", name="Số liệu thực hiện công tác dân tộc: Thành phố Cần Thơ")
    ).to_be_visible()
    drawn = page.locator('canvas[data-chart="program"]')
    expect(drawn).to_be_visible()
    screenshot(page, "province-dashboard")
