"""The main flows of the programs, walked in Chromium as a person would: by labels and
visible texts. Fixtures (demo data, pages watched for console/CSP errors, screenshots) are in
conftest.py."""

import re

import pytest
from playwright.sync_api import expect

from phoihop.programs.models import Program

pytestmark = pytest.mark.browser

NEW_TITLE = "Chương trình phối hợp tuyên truyền chính sách dân tộc tại Cần Thơ 2026–2030"
CANTHO_DEMO = "Chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2021–2025"
THAINGUYEN_DEMO = "Chương trình phối hợp giữa Ban Dân tộc tỉnh và Tỉnh đoàn Thái Nguyên giai đoạn 2013–2017"
BDT = "Ban Dân tộc thành phố Cần Thơ"
MTTQ = "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ"
HLHPN = "Hội Liên hiệp Phụ nữ thành phố Cần Thơ"
AREAS = [
    "Tuyên truyền chính sách dân tộc trên báo chí, mạng xã hội",
    "Bồi dưỡng kiến thức công tác dân tộc cho cán bộ Mặt trận, Hội Phụ nữ cơ sở",
]


def section(page, heading: str):
    """The card whose heading is `heading`."""
    return page.locator("section").filter(has=page.get_by_role("heading", name=heading, exact=True))


def open_main_nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name=name, exact=True).click()


def test_lead_officer_creates_signs_and_finds_a_program(demo, page, sign_in, screenshot):
    sign_in(page, "bdt.cantho")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()

    open_main_nav(page, "Chương trình")
    page.get_by_role("link", name="Tạo chương trình").click()
    expect(page.get_by_role("heading", name="Tạo chương trình phối hợp")).to_be_visible()

    page.get_by_label("Tên chương trình").fill(NEW_TITLE)
    page.get_by_label("Giai đoạn từ năm").fill("2026")
    page.get_by_label("Đến năm").fill("2030")
    province = page.get_by_label("Tỉnh/thành phố")
    expect(province.locator("option:checked")).to_have_text("Thành phố Cần Thơ")  # the user's own province
    province.select_option(label="Thành phố Cần Thơ")

    parties = page.locator('[data-formset-body="parties"] > tr')
    expect(parties).to_have_count(3)
    expect(parties.nth(0).get_by_label("Cơ quan").locator("option:checked")).to_have_text(
        BDT
    )  # preselected lead
    expect(parties.nth(0).get_by_role("combobox").nth(1).locator("option:checked")).to_have_text("Chủ trì")
    parties.nth(1).get_by_label("Cơ quan").select_option(label=MTTQ)
    parties.nth(2).get_by_label("Cơ quan").select_option(label=HLHPN)
    page.get_by_role("button", name="+ Thêm bên ký kết").click()
    expect(parties).to_have_count(4)  # a blank row, left out when saving
    expect(parties.nth(3).get_by_label("Cơ quan")).to_be_focused()

    areas = page.locator('[data-formset-body="areas"] > tr')
    for row, title in zip((areas.nth(0), areas.nth(1)), AREAS, strict=True):
        row.get_by_role("textbox").fill(title)
    screenshot(page, "program-form")

    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(page.get_by_role("status")).to_contain_text("Đã tạo chương trình (dự thảo).")
    head = page.locator(".page-head")
    expect(head.get_by_text("Dự thảo", exact=True)).to_be_visible()
    expect(section(page, "Các bên ký kết").get_by_role("listitem")).to_have_count(3)
    expect(section(page, "Các bên ký kết").get_by_role("link")).to_have_text([BDT, MTTQ, HLHPN])
    expect(section(page, "Nội dung phối hợp").get_by_role("listitem")).to_have_text(AREAS)
    screenshot(page, "program-detail-lead-draft")

    page.get_by_label("Ngày ký").fill("2026-03-16")
    page.get_by_role("button", name="Ký kết", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận ký kết chương trình.")
    expect(head.get_by_text("Đã ký kết", exact=True)).to_be_visible()
    expect(head).to_contain_text("ký ngày 16/03/2026")
    screenshot(page, "program-detail-lead")

    open_main_nav(page, "Chương trình")
    results = page.locator("#results")
    expect(results.get_by_role("link", name=THAINGUYEN_DEMO)).to_be_visible()
    with page.expect_response(re.compile(r"/programs/\?(.*&)?q=can(\+|%20)tho")) as response:
        page.get_by_label("Tìm kiếm").press_sequentially("can tho")
    assert response.value.request.headers.get("hx-request") == "true"  # filtered live, no reload
    expect(results.get_by_role("link", name=NEW_TITLE)).to_be_visible()
    expect(results.get_by_role("link", name=CANTHO_DEMO)).to_be_visible()
    expect(results.get_by_role("link", name=THAINGUYEN_DEMO)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/programs/\?(.*&)?q=can(\+|%20)tho"))  # the address can be shared
    screenshot(page, "program-list")


def test_partner_officer_sees_no_edit_or_delete_but_can_comment(demo, page, sign_in, screenshot):
    sign_in(page, "mttq.cantho")

    open_main_nav(page, "Chương trình")
    page.get_by_role("link", name=CANTHO_DEMO).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(CANTHO_DEMO)
    expect(page.get_by_role("link", name="Sửa", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Sửa", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Xóa", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Ký kết", exact=True)).to_have_count(0)
    comments = section(page, "Góp ý của các bên")
    expect(comments.get_by_label("Góp ý")).to_be_visible()
    screenshot(page, "program-detail-partner")

    comments.get_by_label("Góp ý").fill("Đề nghị bổ sung chỉ tiêu tập huấn cho cán bộ Mặt trận cơ sở.")
    comments.get_by_role("button", name="Gửi góp ý").click()

    expect(page.get_by_role("status")).to_contain_text("Đã gửi góp ý.")
    expect(section(page, "Góp ý của các bên")).to_contain_text(
        "Đề nghị bổ sung chỉ tiêu tập huấn cho cán bộ Mặt trận cơ sở."
    )


def test_phase_ending_before_it_starts_shows_the_error_at_the_field(
    demo, page, page_problems, sign_in, screenshot
):
    page_problems.expect(r"status of 400 \(Bad Request\).*/programs/new/")  # the form answers 400
    sign_in(page, "bdt.cantho")
    page.goto("/programs/new/")

    page.get_by_label("Tên chương trình").fill(NEW_TITLE)
    page.get_by_label("Giai đoạn từ năm").fill("2030")
    page.get_by_label("Đến năm").fill("2026")
    page.locator('[data-formset-body="parties"] > tr').nth(1).get_by_label("Cơ quan").select_option(
        label=MTTQ
    )
    page.locator('[data-formset-body="areas"] > tr').nth(0).get_by_role("textbox").fill(AREAS[0])
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_role("alert").first).to_have_text(
        "Chưa lưu được: xin sửa các ô được đánh dấu bên dưới."
    )
    phase_end = page.locator(".field").filter(has=page.get_by_label("Đến năm"))
    expect(phase_end.locator(".errorlist")).to_have_text(
        "Năm kết thúc giai đoạn không được trước năm bắt đầu."
    )
    expect(page.get_by_label("Tên chương trình")).to_have_value(NEW_TITLE)  # nothing typed is lost
    assert not Program.objects.filter(title=NEW_TITLE).exists()
    assert Program.objects.count() == 2  # the two demo programs
    screenshot(page, "program-form-errors")


def test_anonymous_visitor_sees_public_programs_without_documents_or_history(demo, new_page, screenshot):
    page = new_page()
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("link", name="Đăng nhập").first).to_be_visible()
    programs = page.get_by_role("complementary", name="Chương trình đã ký kết").locator("article")
    expect(programs.get_by_role("link")).to_have_text([CANTHO_DEMO, THAINGUYEN_DEMO], ignore_case=False)
    screenshot(page, "home")
    # The home page leads to the portal's page of the program; the registry has its own.
    expect(programs.get_by_role("link", name=CANTHO_DEMO)).to_have_attribute(
        "href", re.compile(r"^/tin-tuc/chuong-trinh/\d+/$")
    )

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Chương trình").click()
    page.get_by_role("link", name=CANTHO_DEMO).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(CANTHO_DEMO)
    expect(
        page.get_by_text("Bốn cơ quan của thành phố Cần Thơ cùng triển khai công tác dân tộc")
    ).to_be_visible()
    expect(section(page, "Các bên ký kết").get_by_role("listitem")).to_have_count(4)
    for hidden in ("Văn bản", "Tiến trình", "Góp ý của các bên", "Lịch sử thay đổi"):
        expect(page.get_by_role("heading", name=hidden, exact=True)).to_have_count(0)
    expect(page.get_by_text("Đây là thông tin công khai của chương trình.")).to_be_visible()
    screenshot(page, "program-detail-public")

    # Without JavaScript, the search form is an ordinary form.
    plain = new_page(java_script_enabled=False)
    plain.goto("/programs/")
    plain.get_by_label("Tìm kiếm").fill("thai nguyen")
    plain.get_by_role("button", name="Lọc").click()
    expect(plain).to_have_url(re.compile(r"/programs/\?q=thai\+nguyen"))
    expect(plain.locator("#results").get_by_role("link")).to_have_text([THAINGUYEN_DEMO])


def test_sign_in_is_locked_after_five_wrong_passwords(demo, page, page_problems, sign_in, screenshot):
    page_problems.expect(r"status of 429 \(Too Many Requests\).*/accounts/login/")  # the lockout page
    page.goto("/accounts/login/")
    screenshot(page, "login")

    for _ in range(4):
        sign_in(page, "tinhdoan.thainguyen", "mat-khau-sai-1234")
        expect(page.get_by_role("alert")).to_have_text(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường."
        )
    sign_in(page, "tinhdoan.thainguyen", "mat-khau-sai-1234")
    sign_in(page, "tinhdoan.thainguyen")  # the right password, too late

    expect(page.get_by_role("heading", name="Tạm khóa đăng nhập")).to_be_visible()
    expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)
    screenshot(page, "login-locked")
