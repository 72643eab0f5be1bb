import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from phoihop.core.uploads import check_upload, safe_filename

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("chuong-trinh.pdf", PDF, "pdf"),
        ("anh.png", PNG, "png"),
        ("van-ban.docx", ooxml("word/document.xml"), "docx"),
        ("bang.xlsx", ooxml("xl/workbook.xml"), "xlsx"),
        ("ten-sai.jpg", PDF, "pdf"),  # judged by content: a PDF named .jpg is a PDF
    ],
)
def test_allowed_files_are_recognised_by_content(name, content, extension):
    assert check_upload(upload(name, content)).extension == extension


def test_an_executable_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as exc:
        check_upload(upload("bao-cao.pdf", ELF))
    assert "chương trình chạy được" in exc.value.messages[0]


def test_text_pretending_to_be_pdf_is_refused():
    with pytest.raises(ValidationError, match="Không nhận ra nội dung tệp"):
        check_upload(upload("bao-cao.pdf", b"hello, not a pdf"))


def test_a_zip_that_is_not_a_word_file_is_refused():
    with pytest.raises(ValidationError):
        check_upload(upload("van-ban.docx", ooxml("something/else.xml")))


def test_a_200_mb_file_is_refused_with_the_limit_in_the_message():
    big = upload("lon.pdf", PDF)
    big.size = 200 * 1024 * 1024
    with pytest.raises(ValidationError, match="tối đa 20 MB"):
        check_upload(big)


def test_empty_file_is_refused():
    with pytest.raises(ValidationError, match="Tệp rỗng"):
        check_upload(upload("rong.pdf", b""))


def test_safe_filename_keeps_vietnamese_and_uses_the_real_extension():
    kind = check_upload(upload("x.pdf", PDF))
    assert safe_filename("../../Quyết định số 5.exe", kind) == "Quyết định số 5.pdf"
    assert safe_filename("", kind) == "tep.pdf"
