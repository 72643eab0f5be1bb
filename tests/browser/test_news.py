"""bientap writes an article in the rich-text editor, adds a photo with a caption and
publishes it; an anonymous reader on a phone finds it by a query typed without diacritics
and opens it, photo and caption included. Every page is watched for CSP violations."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from phoihop.news.models import Article

pytestmark = pytest.mark.browser

TITLE = "Trao tặng xe đạp cho học sinh dân tộc Khmer vượt khó ở Thới Lai"


def test_editor_publishes_with_a_photo_and_a_reader_finds_it_without_diacritics(
    demo, new_page, sign_in, screenshot, tmp_path
):
    photo = tmp_path / "trao-xe.jpg"
    Image.new("RGB", (1800, 1200), (180, 40, 40)).save(photo, "JPEG")

    editor = new_page()
    sign_in(editor, "bientap")
    editor.get_by_role("link", name="Soạn tin").click()
    editor.get_by_role("link", name="Viết tin bài").click()
    editor.get_by_label("Tiêu đề").fill(TITLE)
    editor.get_by_label("Tóm tắt (sa-pô)").fill("Ba mươi chiếc xe đạp đến với học sinh nghèo hiếu học.")
    body = editor.locator(".ql-editor")
    body.click()
    body.type("Sáng ngày 20/11, Ban Dân tộc phối hợp với Hội Liên hiệp Phụ nữ trao xe đạp.")
    editor.keyboard.press("Enter")
    body.type("Các em hứa sẽ cố gắng học tập tốt.")
    screenshot(editor, "news-editor")
    editor.get_by_role("button", name="Lưu").click()
    expect(editor.get_by_text("Đã lưu bản nháp.", exact=False)).to_be_visible()

    article = Article.objects.get(title=TITLE)
    assert article.body == (
        "<p>Sáng ngày 20/11, Ban Dân tộc phối hợp với Hội Liên hiệp Phụ nữ trao xe đạp.</p>"
        "<p>Các em hứa sẽ cố gắng học tập tốt.</p>"
    )
    images = editor.locator("#images")
    images.get_by_label("Ảnh (JPEG hoặc PNG)").set_input_files(str(photo))
    images.get_by_label("Chú thích ảnh").fill("Các em học sinh nhận xe đạp")
    images.get_by_role("button", name="Tải ảnh lên").click()
    expect(editor.get_by_text("Đã thêm ảnh.")).to_be_visible()
    editor.locator("#publish").get_by_role("button", name="Đăng").click()
    expect(editor.get_by_text("Đã đăng tin bài lên trang công khai.")).to_be_visible()
    expect(editor.locator("#article-status")).to_have_text("Đã đăng")

    reader = new_page(viewport={"width": 390, "height": 844})
    reader.goto("/")
    reader.get_by_label("Tìm tin bài, chương trình").fill("trao tang xe dap khmer")
    reader.get_by_label("Tìm tin bài, chương trình").press("Enter")
    expect(reader).to_have_url(re.compile(r"/tin-tuc/tim-kiem/\?q=trao\+tang\+xe\+dap\+khmer"))
    result = reader.get_by_role("link", name=TITLE)
    expect(result).to_be_visible()
    expect(reader.locator("mark", has_text="Khmer").first).to_be_visible()
    result.click()
    expect(reader.get_by_role("heading", name=TITLE)).to_be_visible()
    figure = reader.locator("figure")
    expect(figure.locator("figcaption")).to_have_text("Các em học sinh nhận xe đạp")
    expect(figure.locator("img")).to_have_js_property("complete", True)
    # On a phone the 400-pixel copy is the one downloaded.
    assert figure.locator("img").evaluate("img => img.currentSrc").endswith("/nho/")
    src = figure.locator("img").get_attribute("src")
    data = reader.request.get(src).body()
    assert Image.open(io.BytesIO(data)).size == (1600, 1067)
    screenshot(reader, "news-article-phone")
