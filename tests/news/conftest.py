"""Articles of the lead agency (whose editor writes them) around the shared signed program."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from phoihop.news import services
from phoihop.news.services import ArticleInput
from tests.activities.conftest import activity_data  # noqa: F401 - fixture re-exported

GPS_IFD = 0x8825


def photo(width=2400, height=1600, *, gps=True) -> bytes:
    image = Image.new("RGB", (width, height), (30, 90, 160))
    exif = Image.Exif()
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (10.0, 2.0, 1.0), 3: "E", 4: (105.0, 46.0, 2.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=85)
    return out.getvalue()


def upload(content: bytes, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def article_input(**overrides) -> ArticleInput:
    values = {
        "title": "Ký kết chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2026 – 2030",
        "summary": "Bốn cơ quan thống nhất phối hợp tuyên truyền và hỗ trợ sinh kế.",
        "body": "<p>Sáng ngày 5/3, Ban Dân tộc và Ủy ban Mặt trận Tổ quốc ký kết chương trình.</p>"
        "<p>Đồng bào Khmer ở các ấp được tuyên truyền bằng hai thứ tiếng.</p>",
        "topic": "coordination",
        "author_name": "Vũ Thị Hạnh",
        "author_division": "Văn phòng Ban Dân tộc",
    }
    values.update(overrides)
    return ArticleInput(**values)


@pytest.fixture
def draft(editor, signed_program):
    return services.article_create(data=article_input(programs=[signed_program]), by=editor)


@pytest.fixture
def published(editor, signed_program):
    article = services.article_create(
        data=article_input(
            title="Hội nghị tuyên truyền chính sách dân tộc tại ấp Hòa Thuận", programs=[signed_program]
        ),
        by=editor,
    )
    return services.article_publish(article=article, by=editor)
