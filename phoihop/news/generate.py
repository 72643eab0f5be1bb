"""Synthetic published articles for the search benchmark (DESIGN.md, "Scale": 10,000 for a
province, 200,000 nationally), reproducible from a seed. Titles and bodies are put together
from the phrases of real provincial news (events, agencies, places, ethnic groups), so that
common words ("dân tộc", "chương trình") match most articles, as they do in a real archive,
and rare ones few. Rows go in by bulk_create with their folded search columns computed
here; the database's triggers or generated column index them (news migrations 0002, 0003)."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from phoihop.core.text import search_key
from phoihop.news.html import paragraphs_html, text_of
from phoihop.news.models import Article, Status, Topic

BATCH = 2000

EVENTS = [
    ("Ký kết chương trình phối hợp thực hiện công tác dân tộc", Topic.COORDINATION),
    ("Hội nghị sơ kết chương trình phối hợp", Topic.REVIEW),
    ("Hội nghị tổng kết chương trình phối hợp giai đoạn", Topic.REVIEW),
    ("Tập huấn kiến thức công tác dân tộc cho cán bộ cơ sở", Topic.ACTIVITY),
    ("Giám sát việc thực hiện chính sách dân tộc", Topic.POLICY),
    ("Biểu dương người có uy tín tiêu biểu trong đồng bào dân tộc thiểu số", Topic.EXEMPLAR),
    ("Tuyên truyền phòng, chống tảo hôn và hôn nhân cận huyết thống", Topic.ACTIVITY),
    ("Hỗ trợ mô hình phát triển kinh tế cho thanh niên dân tộc thiểu số", Topic.ACTIVITY),
    ("Trao nhà Đại đoàn kết cho hộ nghèo", Topic.ACTIVITY),
    ("Gặp mặt, tọa đàm với già làng, trưởng bản", Topic.ACTIVITY),
]
AGENCIES = [
    "Ban Dân tộc tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh",
    "Ban Dân vận Tỉnh ủy",
    "Hội Cựu chiến binh tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
]
PLACES = [
    "Cần Thơ",
    "Thái Nguyên",
    "Sóc Trăng",
    "Lào Cai",
    "Hà Giang",
    "Điện Biên",
    "Lai Châu",
    "Sơn La",
    "Gia Lai",
    "Kon Tum",
    "Đắk Lắk",
    "Đắk Nông",
    "Lâm Đồng",
    "Trà Vinh",
    "An Giang",
    "Bạc Liêu",
    "Cao Bằng",
    "Lạng Sơn",
    "Bắc Kạn",
    "Tuyên Quang",
    "Yên Bái",
    "Hòa Bình",
    "Thanh Hóa",
    "Nghệ An",
    "Quảng Trị",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Phước",
    "Ninh Thuận",
    "Kiên Giang",
]
GROUPS = [
    "Khmer",
    "Tày",
    "Nùng",
    "Thái",
    "Mường",
    "Mông",
    "Dao",
    "Hoa",
    "Ê Đê",
    "Gia Rai",
    "Ba Na",
    "Xơ Đăng",
    "Chăm",
]
SENTENCES = [
    "Dự hội nghị có lãnh đạo {agency} {place} cùng đại diện các sở, ngành và đồng bào {group}.",
    "Trong giai đoạn {start} - {end}, các bên đã phối hợp tổ chức {n} buổi tuyên truyền tại các xã vùng đồng bào dân tộc thiểu số.",
    "Đời sống vật chất, tinh thần của đồng bào {group} từng bước được nâng lên, tỷ lệ hộ nghèo giảm còn {pct}%.",
    "Nhiều mô hình phát triển kinh tế hiệu quả được nhân rộng, tạo việc làm cho {n} lao động là người dân tộc thiểu số.",
    "Hội nghị đã biểu dương {n} tập thể, cá nhân có thành tích tiêu biểu trong thực hiện chương trình.",
    "Phát biểu tại hội nghị, đồng chí lãnh đạo {agency} đề nghị các bên tiếp tục phối hợp chặt chẽ trong thời gian tới.",
    "Các lớp tập huấn giúp cán bộ cơ sở nắm vững chủ trương, chính sách của Đảng và Nhà nước về công tác dân tộc.",
    "Công tác giám sát tập trung vào việc thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi.",
    "Người có uy tín là cầu nối quan trọng giữa cấp ủy, chính quyền với đồng bào các dân tộc.",
    "Thời gian tới, các bên thống nhất đẩy mạnh chuyển đổi số, bảo tồn văn hóa truyền thống của đồng bào {group}.",
]


def generate_articles(*, count: int, seed: int = 2025, agency_ids: list[int] | None = None) -> int:
    """Add `count` published articles; returns how many were written."""
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    now = timezone.now()
    start = now - dt.timedelta(days=3650)
    offset = Article.objects.count()
    written = 0
    while written < count:
        rows = []
        for i in range(min(BATCH, count - written)):
            number = offset + written + i
            event, topic = rng.choice(EVENTS)
            place, group, agency = rng.choice(PLACES), rng.choice(GROUPS), rng.choice(AGENCIES)
            year = rng.randint(2013, 2026)
            title = f"{event} tại {place}" if rng.random() < 0.5 else f"{agency} {place}: {event.lower()}"
            fill = {
                "agency": agency,
                "place": place,
                "group": group,
                "start": year,
                "end": year + 4,
                "n": rng.randint(5, 300),
                "pct": rng.randint(2, 30),
            }
            sentences = [s.format(**fill) for s in rng.sample(SENTENCES, 5)]
            body = paragraphs_html("\n".join(sentences))
            summary = sentences[0]
            article = Article(
                title=title,
                slug=f"tin-{number}",
                summary=summary,
                body=body,
                topic=topic,
                author_name="Phóng viên",
                author_division=f"{agency} {place}",
                agency_id=rng.choice(agency_ids) if agency_ids else None,
                status=Status.PUBLISHED,
                published_at=start + dt.timedelta(seconds=rng.randint(0, 3650 * 86400)),
            )
            article.search_title = search_key(title)
            article.search_text = search_key(
                title, summary, text_of(body), article.author_name, article.author_division
            )
            rows.append(article)
        with transaction.atomic():
            Article.objects.bulk_create(rows)
        written += len(rows)
    # Fresh statistics, as after any bulk load: without them PostgreSQL plans the search for
    # an empty table until autovacuum gets round to it.
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Vacuumed too, as autovacuum leaves a settled table, so that the search reads the
            # narrow table's key index without visiting its rows; VACUUM cannot run inside a
            # transaction (a test's).
            vacuum = "" if connection.in_atomic_block else "VACUUM "
            cursor.execute(f"{vacuum}ANALYZE news_article, news_article_search")
        else:
            cursor.execute("ANALYZE news_article")
    return written
