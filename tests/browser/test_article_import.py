"""bdt.cantho pastes an old article about a signing, sees what the system proposes, corrects
the lead agency (the article names the Fatherland Front first), confirms, and the program
appears in the registry, signed, with the article linked."""

import re

import pytest
from playwright.sync_api import expect

from phoihop.news.models import Article
from phoihop.programs.models import Program

pytestmark = pytest.mark.browser

BDT = "Ban Dân tộc thành phố Cần Thơ"
MTTQ = "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ"
TEXT = """Cổng thông tin điện tử Ban Dân tộc thành phố Cần Thơ
Trang chủ | Tin tức - Sự kiện | Văn bản

Mặt trận và Ban Dân tộc thành phố ký kết phối hợp chăm lo đồng bào Khmer

Chiều ngày 9/10/2026, Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ và Ban Dân tộc thành phố ký kết Chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2026-2030. Đồng chí Huỳnh Thị Mỹ Lệ - Phó Chủ tịch Ủy ban MTTQ Việt Nam thành phố và đồng chí Trần Quốc Hùng - Trưởng Ban Dân tộc thành phố ký chương trình.

Theo chương trình, hai bên phối hợp tuyên truyền, vận động đồng bào Khmer giữ gìn bản sắc văn hóa, phát triển kinh tế và giảm nghèo bền vững.

Tin khác
- Khai giảng lớp tiếng Khmer hè 2026
"""
TITLE = "Mặt trận và Ban Dân tộc thành phố ký kết phối hợp chăm lo đồng bào Khmer"


def test_officer_imports_an_old_article_and_the_program_appears(demo, new_page, sign_in, screenshot):
    page = new_page()
    sign_in(page, "bdt.cantho")
    page.get_by_role("link", name="Soạn tin").click()
    page.get_by_role("link", name="Nhập tin bài cũ").click()
    page.get_by_label("Nội dung tin bài cũ").fill(TEXT)
    page.get_by_role("button", name="Đọc bài viết").click()

    proposal = page.locator("#proposal")
    expect(proposal).to_contain_text("Ký kết chương trình phối hợp")
    expect(proposal).to_contain_text("2026–2030")
    form = page.locator("#confirm-form")
    expect(form.get_by_label("Tiêu đề tin bài")).to_have_value(TITLE)
    expect(form.get_by_label("Ngày diễn ra")).to_have_value("09/10/2026")
    lead = form.get_by_label("Cơ quan chủ trì")
    expect(lead.locator("option:checked")).to_have_text(MTTQ)  # the first named: to correct
    screenshot(page, "import-proposal")

    lead.select_option(label=BDT)
    form.get_by_label("Cơ quan phối hợp").select_option(label=[MTTQ])
    form.get_by_role("button", name="Xác nhận và tạo").click()

    expect(page.get_by_text("Đã tạo: tin bài, chương trình.")).to_be_visible()
    program = Program.objects.get(phase_start=2026, parties__agency__name=BDT, parties__role="lead")
    expect(page).to_have_url(re.compile(rf"/programs/{program.pk}/$"))
    expect(page.locator("#articles")).to_contain_text(TITLE)
    assert program.status == "signed" and str(program.signed_on) == "2026-10-09"
    assert {(p.agency.name, p.role) for p in program.parties.all()} == {(BDT, "lead"), (MTTQ, "partner")}
    assert list(Article.objects.get(title=TITLE).programs.all()) == [program]

    page.goto("/programs/")
    expect(page.get_by_role("link", name=program.title)).to_be_visible()
