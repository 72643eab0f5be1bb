"""mttq.cantho records and submits a training with its participants; bdt.cantho accepts it and
the dashboard's total of participants rises by exactly those participants."""

import pytest
from playwright.sync_api import expect

from phoihop.activities.models import Activity
from phoihop.activities.selectors import program_statistics
from phoihop.programs.models import Program

pytestmark = pytest.mark.browser

CANTHO_DEMO = "Chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2021–2025"
TITLE = "Tập huấn chính sách dân tộc cho thanh niên Tày, Nùng"


def test_partner_records_and_submits_lead_accepts(demo, new_page, sign_in, screenshot, page_problems):
    page_problems.expect(
        r"status of 400 \(Bad Request\).*/activities/program/\d+/new/"
    )  # the form with an error
    program = Program.objects.get(title=CANTHO_DEMO)
    before = program_statistics(program=program)["totals"]
    lead = new_page()
    sign_in(lead, "bdt.cantho")
    lead.goto(f"/activities/program/{program.pk}/dashboard/")
    shown_before = int(lead.locator("#total-participants").inner_text().replace(".", ""))
    assert shown_before == before["participants"]
    page = new_page()
    sign_in(page, "mttq.cantho")
    page.goto("/programs/")
    page.get_by_role("link", name=CANTHO_DEMO).click()
    page.get_by_role("link", name="Xem hoạt động đã thực hiện").click()
    page.get_by_role("link", name="Ghi nhận hoạt động").click()
    page.get_by_label("Loại hoạt động").select_option(label="Tập huấn, bồi dưỡng")
    page.get_by_label("Tên hoạt động").fill(TITLE)
    page.get_by_label("Ngày bắt đầu").fill("12/03/2024")
    page.get_by_label("Ngày kết thúc").fill("13/03/2024")
    page.get_by_label("Tổng số người tham gia").fill("45")
    page.get_by_label("Kinh phí (đồng)").fill("35.000.000")
    rows = page.locator('[data-formset-body="participation"] > tr')
    rows.nth(0).get_by_label("Dân tộc").select_option(label="Tày")
    rows.nth(0).get_by_label("Giới tính").select_option(label="Nữ")
    rows.nth(0).get_by_label("Số người").fill("20")
    rows.nth(1).get_by_label("Dân tộc").select_option(label="Nùng")
    rows.nth(1).get_by_label("Số người").fill("25")
    page.get_by_role("button", name="+ Thêm dòng").click()
    expect(rows).to_have_count(4)
    places = page.locator('[data-formset-body="localities"] > tr')
    places.nth(0).get_by_label("Xã, phường").fill("phu huu")
    screenshot(page, "activity-form")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("trùng tên nhiều xã/phường")).to_be_visible()
    screenshot(page, "activity-form-error")
    page.locator('[data-formset-body="localities"] > tr').nth(0).get_by_label("Xã, phường").fill(
        "phu huu, chau thanh"
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("Đã gửi hoạt động cho cơ quan chủ trì xác nhận.")).to_be_visible()
    screenshot(page, "activity-detail-submitted")

    lead.get_by_role("link", name="Duyệt hoạt động").click()
    screenshot(lead, "activity-review-queue")
    lead.get_by_role("link", name=TITLE).click()
    screenshot(lead, "activity-detail-review")
    lead.get_by_role("button", name="Xác nhận", exact=True).click()
    expect(lead.get_by_text("Đã xác nhận hoạt động.")).to_be_visible()
    assert Activity.objects.get(title=TITLE).status == "accepted"
    after = program_statistics(program=program)["totals"]
    assert after["activities"] == before["activities"] + 1
    assert after["participants"] == before["participants"] + 45
    lead.goto("/programs/")
    lead.get_by_role("link", name=CANTHO_DEMO).click()
    lead.get_by_role("link", name="Xem số liệu, biểu đồ").click()
    expect(lead.locator("#total-participants")).to_have_text(f"{shown_before + 45:,}".replace(",", "."))
    screenshot(lead, "program-dashboard-after")
