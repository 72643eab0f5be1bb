"""Demo articles of the Cần Thơ Ban Dân tộc, written for the demo (dates, names and wording
invented in the style of a provincial news page): a published signing article linked to
the Cần Thơ program, a published article drafted from an accepted activity, and a draft.
Loaded once: an agency that already has articles is left alone."""

import datetime as dt

from django.utils import timezone

from phoihop.activities.models import Status as ActivityStatus
from phoihop.news import services
from phoihop.news.models import Article, Topic
from phoihop.news.services import ArticleInput

SIGNING_BODY = """
<p>Sáng ngày 20/4, tại hội trường Ban Dân tộc thành phố, bốn cơ quan ký kết chương trình phối hợp thực hiện công tác dân tộc cho những năm tới. Chương trình đặt trọng tâm vào tuyên truyền chính sách ở các ấp có đông đồng bào Khmer và Hoa, hỗ trợ sinh kế cho hộ nghèo và phát hiện, nhân rộng các gương điển hình.</p>
<p>Theo nội dung đã ký, mỗi năm các bên thống nhất kế hoạch chung, giao một đầu mối theo dõi, và cùng sơ kết vào tháng 12. Các hội nghị tuyên truyền được tổ chức song ngữ Việt – Khmer tại chùa và nhà văn hóa ấp.</p>
<h3>Phân công cụ thể</h3>
<ul><li>Ban Dân tộc chủ trì, tổng hợp kết quả, báo cáo Ủy ban nhân dân thành phố.</li><li>Mặt trận và các đoàn thể vận động hội viên, đoàn viên tham gia.</li></ul>
<p>Phát biểu tại buổi lễ, lãnh đạo Ban Dân tộc đề nghị các bên cụ thể hóa chương trình bằng kế hoạch hằng năm có chỉ tiêu rõ ràng.</p>
"""


def _demo_photo(name: str, colour: tuple[int, int, int]):
    """A drawn stand-in for a press photo (a hall, a banner, a table), as an upload."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (236, 232, 224))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1200, 260), fill=colour)
    draw.rectangle((150, 60, 1050, 200), fill=(250, 214, 90))
    draw.rectangle((100, 480, 1100, 560), fill=(120, 84, 60))
    for x in range(170, 1060, 150):
        draw.ellipse((x, 380, x + 70, 450), fill=(60, 50, 45))
        draw.rectangle((x - 5, 450, x + 75, 560), fill=(40, 60, 110))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def news_demo(*, program, users) -> list[Article]:
    editor = users["bientap"]
    if Article.objects.filter(agency_id=editor.agency_id).exists():
        return list(Article.objects.filter(agency_id=editor.agency_id))
    signing = services.article_create(
        data=ArticleInput(
            title="Ký kết chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2021 – 2025",
            summary="Bốn cơ quan của thành phố cùng ký chương trình phối hợp, tập trung vào tuyên truyền, sinh kế và điển hình tiên tiến trong đồng bào dân tộc thiểu số.",
            body=SIGNING_BODY,
            topic=Topic.COORDINATION,
            author_name="Vũ Thị Hạnh",
            author_division="Văn phòng Ban Dân tộc",
            programs=[program],
        ),
        by=editor,
    )
    services.image_add(
        article=signing,
        upload=_demo_photo("le-ky-ket.jpg", (155, 28, 28)),
        by=editor,
        caption="Đại diện bốn cơ quan ký chương trình phối hợp (ảnh minh họa)",
        after_paragraph=1,
    )
    services.article_publish_as_of(
        article=signing, by=editor, published_at=timezone.make_aware(dt.datetime(2021, 4, 20, 16, 30))
    )
    articles = [signing]
    accepted = program.activities.filter(status=ActivityStatus.ACCEPTED).order_by("start_date").first()
    if accepted is not None:
        drafted = services.article_draft_from_activity(activity=accepted, by=editor)
        services.article_publish(article=drafted, by=editor)
        articles.append(drafted)
    articles.append(
        services.article_create(
            data=ArticleInput(
                title="Chuẩn bị hội nghị sơ kết chương trình phối hợp năm 2026",
                summary="Bản nháp: các bên gửi số liệu trước ngày 05/12.",
                body="<p>Ban Dân tộc đề nghị các cơ quan phối hợp gửi báo cáo kết quả năm trước ngày 05/12.</p>",
                topic=Topic.REVIEW,
                author_name="Vũ Thị Hạnh",
                author_division="Văn phòng Ban Dân tộc",
                programs=[program],
            ),
            by=editor,
        )
    )
    return articles
