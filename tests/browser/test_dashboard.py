"""The program dashboard: once bdt.cantho accepts a submitted training of 45 people, the
total participants shown rise by 45 and the charts are drawn (no console or CSP errors)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from phoihop.accounts.models import User
from phoihop.activities import services
from phoihop.programs.models import Program

pytestmark = pytest.mark.browser

CANTHO_DEMO = "Chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2021–2025"
TITLE = "Tập huấn chính sách dân tộc cho thanh niên Tày, Nùng"


def test_dashboard_rises_when_the_lead_accepts(demo, page, sign_in, screenshot):
    program = Program.objects.get(title=CANTHO_DEMO)
    partner = User.objects.get(username="mttq.cantho")
    activity = services.activity_create(
        program=program,
        data=services.ActivityInput(
            kind="training",
            title=TITLE,
            start_date=dt.date(2024, 3, 12),
            end_date=dt.date(2024, 3, 13),
            organiser=partner.agency,
            total_participants=45,
        ),
        by=partner,
    )
    services.activity_submit(activity=activity, by=partner)

    sign_in(page, "bdt.cantho")
    page.goto(f"/activities/program/{program.pk}/dashboard/")
    total = page.locator("#total-participants")
    before = int(total.inner_text().replace(".", ""))
    page.goto(f"/activities/{activity.pk}/")
    page.get_by_role("button", name="Xác nhận", exact=True).click()
    expect(page.get_by_text("Đã xác nhận hoạt động.")).to_be_visible()
    page.goto("/programs/")
    page.get_by_role("link", name=CANTHO_DEMO).click()
    page.get_by_role("link", name="Xem số liệu, biểu đồ").click()
    expect(total).to_have_text(f"{before + 45:,}".replace(",", "."))
    drawn = page.locator('canvas[data-chart="year"]')
    expect(drawn).to_be_visible()
    assert page.evaluate("() => !!Chart.getChart(document.querySelector('canvas[data-chart=\"year\"]'))")
    assert drawn.bounding_box()["height"] > 100
    screenshot(page, "program-dashboard")
