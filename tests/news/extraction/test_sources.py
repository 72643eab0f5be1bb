"""What the engine accepts: text within the limit, article files recognised by their bytes."""

import io
import unicodedata

import pytest
from PIL import Image

from phoihop.news.extraction import (
    MAX_TEXT_BYTES,
    ExtractionInputError,
    check_text,
    extract,
    read_article_file,
)

ARTICLE = (
    "Ký kết chương trình phối hợp giữa Ban Dân tộc và Hội Nông dân tỉnh Sơn La\n\n"
    "Ngày 10/1/2023, Ban Dân tộc tỉnh Sơn La và Hội Nông dân tỉnh ký kết Chương trình phối hợp "
    "giai đoạn 2023 - 2027. Dự lễ có ông Lò Văn Mừng - Trưởng Ban Dân tộc tỉnh.\n"
)


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: vowels with their circumflex, breve or horn
    precomposed, tone marks as combining characters after them."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = [m for m in decomposed[1:] if m in "\u0300\u0301\u0303\u0309\u0323"]
            letter = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
            out += (letter + "".join(tones)).encode("cp1258")
    return bytes(out)


def test_five_megabytes_of_text_are_refused_with_the_limit_in_the_message():
    with pytest.raises(ExtractionInputError, match=r"giới hạn là 1,0 MB \(1\.000\.000 byte\)") as caught:
        extract("Ban Dân tộc tỉnh. " * 50 + "a" * 4_998_900)
    assert isinstance(caught.value, ValueError)
    assert "(5,0 MB)" in str(caught.value)


def test_text_at_the_limit_is_accepted():
    check_text("a" * MAX_TEXT_BYTES)
    with pytest.raises(ExtractionInputError):
        check_text("a" * MAX_TEXT_BYTES + "ă")  # two bytes in UTF-8


@pytest.mark.parametrize("text", ["Ban Dân tộc\x00\x00", "\x01\x02\x03\x04\x05 abc\x06\x07\x08"])
def test_binary_text_is_refused(text):
    with pytest.raises(ExtractionInputError, match="không phải văn bản"):
        extract(text)


def test_a_utf8_txt_file(tmp_path):
    path = tmp_path / "bai.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert read_article_file(path) == ARTICLE
    assert extract(read_article_file(path))["province"] == "Sơn La"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
def test_txt_files_in_other_encodings(tmp_path, encoding):
    path = tmp_path / "bai.txt"
    path.write_bytes(cp1258(ARTICLE) if encoding == "cp1258" else ARTICLE.encode(encoding))
    assert extract(read_article_file(path)) == extract(ARTICLE)


def test_an_html_page_gives_its_visible_text_with_paragraph_breaks(tmp_path):
    path = tmp_path / "bai.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Ban Dân tộc</title>"
        "<style>p{color:red}</style><script>var tin = 'Ngày 1/1/2000';</script></head><body>"
        "<nav><a href='/'>Trang chủ</a> <a href='/tin'>Tin tức</a></nav>"
        "<h1>Ký kết chương trình phối hợp giữa Ban Dân tộc và Hội Nông dân tỉnh Sơn La</h1>"
        "<p>Ngày 10/1/2023, Ban Dân tộc tỉnh Sơn La và Hội Nông dân tỉnh ký kết Chương trình phối hợp "
        "giai đoạn 2023 - 2027. Dự lễ có ông Lò&nbsp;Văn Mừng - Trưởng Ban Dân tộc tỉnh.</p>"
        "<footer>© Ban Dân tộc tỉnh Sơn La</footer></body></html>",
        encoding="utf-8",
    )
    text = read_article_file(path)
    assert "Trang chủ" not in text and "var tin" not in text and "color" not in text and "©" not in text
    assert text.startswith("Ký kết chương trình phối hợp")
    assert "\n\nNgày 10/1/2023" in text
    result = extract(text)
    assert (result["event_date"], result["phase_start"]) == ("2023-01-10", 2023)
    assert result["people"] == [{"name": "Lò Văn Mừng", "title": "Trưởng Ban Dân tộc tỉnh"}]


def test_an_html_page_in_its_declared_charset(tmp_path):
    path = tmp_path / "bai.htm"
    path.write_bytes(
        cp1258(
            "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'></head>"
            f"<body><p>{ARTICLE}</p></body></html>"
        )
    )
    assert "Ban Dân tộc tỉnh Sơn La" in read_article_file(path)


def test_a_docx_file(tmp_path):
    import docx

    document = docx.Document()
    for paragraph in ARTICLE.strip().split("\n\n"):
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Nơi nhận"
    table.cell(0, 1).text = "Lưu: VT"
    path = tmp_path / "bai.docx"
    document.save(path)
    text = read_article_file(path)
    assert text.startswith("Ký kết chương trình phối hợp") and "Lưu: VT" in text
    assert extract(text)["lead_agency"] == "Ban Dân tộc"


def test_a_png_renamed_txt_is_refused(tmp_path):
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    path = tmp_path / "bai.txt"
    path.write_bytes(out.getvalue())
    with pytest.raises(ExtractionInputError, match="bai.txt.*ảnh PNG"):
        read_article_file(path)


def test_a_zip_renamed_txt_and_a_txt_renamed_docx_are_refused(tmp_path):
    import zipfile

    archive = tmp_path / "bai.txt"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "Ban Dân tộc")
    with pytest.raises(ExtractionInputError, match="ZIP"):
        read_article_file(archive)
    fake = tmp_path / "bai.docx"
    fake.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ExtractionInputError, match=r"không phải tệp Word \.docx"):
        read_article_file(fake)


def test_a_corrupt_docx_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "hong.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<không phải xml")
    with pytest.raises(ExtractionInputError, match="hong.docx"):
        read_article_file(path)


def test_other_types_missing_files_and_binary_text_are_refused(tmp_path):
    pdf = tmp_path / "bai.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(ExtractionInputError, match=r"chỉ nhận \.txt, \.html, \.htm, \.docx"):
        read_article_file(pdf)
    with pytest.raises(ExtractionInputError, match="Không tìm thấy tệp"):
        read_article_file(tmp_path / "khong-co.txt")
    binary = tmp_path / "nhi-phan.txt"
    binary.write_bytes(bytes(range(1, 32)) * 100)
    with pytest.raises(ExtractionInputError, match="nhi-phan.txt.*ký tự điều khiển"):
        read_article_file(binary)


def test_an_oversize_txt_file_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_text("Ban Dân tộc tỉnh. " * 300_000, encoding="utf-8")
    with pytest.raises(ExtractionInputError, match=r"lon.txt.*giới hạn là 1,0 MB"):
        read_article_file(path)


def test_a_text_near_the_limit_is_read_in_linear_time():
    import time

    paragraph = (
        "Ngày 4/10/2011, đồng chí Vàng Seo Dín - Phó Trưởng Ban Dân tộc tỉnh và Đại tá Phạm Văn Lực, Phó "
        "Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai chủ trì hội nghị sơ kết Chương trình "
        "phối hợp giữa Ban Dân tộc và Bộ Chỉ huy Bộ đội Biên phòng giai đoạn 2010 – 2014. "
    )
    text = paragraph * (MAX_TEXT_BYTES // len(paragraph.encode()) - 1)  # one 1 MB line
    started = time.perf_counter()
    result = extract(text)
    # About a second; a rule that rescans the text for every match takes minutes.
    assert time.perf_counter() - started < 30
    assert (result["event_date"], result["phase_start"]) == ("2011-10-04", 2010)


def test_a_large_html_page_with_a_short_article_is_read(tmp_path):
    path = tmp_path / "trang.html"
    script = "<script>" + "var x = 1;\n" * 200_000 + "</script>"  # 2.2 MB of script
    path.write_text(f"<html><body>{script}<p>{ARTICLE}</p></body></html>", encoding="utf-8")
    assert extract(read_article_file(path))["lead_agency"] == "Ban Dân tộc"
