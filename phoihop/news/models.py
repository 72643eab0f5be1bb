"""News articles (tin bài) of the public portal and their photos.

An article belongs to the agency of whoever wrote it; its editors (and administrators)
write and publish it. It is public when published, or scheduled and its time has come:
`Article.objects.public()` decides that in the query, so a scheduled article appears
without any job flipping its status. Body HTML is sanitised by news.html before it is
stored (services call it). Writes go through news.services."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from phoihop.core.models import NormalizedModel, SearchableModel


class Status(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    SCHEDULED = "scheduled", "Hẹn giờ đăng"
    PUBLISHED = "published", "Đã đăng"
    WITHDRAWN = "withdrawn", "Đã gỡ"


class Topic(models.TextChoices):
    """Sections of the public site (chuyên mục)."""

    COORDINATION = "coordination", "Chương trình phối hợp"
    REVIEW = "review", "Sơ kết, tổng kết"
    ACTIVITY = "activity", "Hoạt động ở cơ sở"
    POLICY = "policy", "Chính sách dân tộc"
    EXEMPLAR = "exemplar", "Gương điển hình"
    OTHER = "other", "Tin khác"


TOPIC_SLUGS = {
    Topic.COORDINATION: "chuong-trinh-phoi-hop",
    Topic.REVIEW: "so-ket-tong-ket",
    Topic.ACTIVITY: "hoat-dong-co-so",
    Topic.POLICY: "chinh-sach-dan-toc",
    Topic.EXEMPLAR: "guong-dien-hinh",
    Topic.OTHER: "tin-khac",
}


class ArticleQuerySet(models.QuerySet):
    def alive(self) -> "ArticleQuerySet":
        return self.filter(deleted_at__isnull=True)

    def public(self, now=None) -> "ArticleQuerySet":
        """What anonymous readers see: published, or scheduled and due."""
        now = now or timezone.now()
        return self.alive().filter(
            status__in=(Status.PUBLISHED, Status.SCHEDULED), published_at__isnull=False, published_at__lte=now
        )

    def visible_to(self, user) -> "ArticleQuerySet":
        """Administrators see every article; the editors and staff of an agency its own
        articles in every status; everybody the public ones."""
        if user.is_authenticated and user.is_superuser:
            return self.alive()
        public = Q(pk__in=self.public().values("pk"))
        if user.is_authenticated and user.agency_id:
            return self.alive().filter(public | Q(agency_id=user.agency_id))
        return self.public()


class Article(SearchableModel):
    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField("đường dẫn", max_length=220, unique=True, allow_unicode=False)
    summary = models.TextField("tóm tắt", blank=True)
    body = models.TextField("nội dung", blank=True)
    topic = models.CharField("chuyên mục", max_length=20, choices=Topic.choices, default=Topic.ACTIVITY)
    author_name = models.CharField("tác giả", max_length=120, blank=True)
    author_division = models.CharField("đơn vị, phòng", max_length=200, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name="cơ quan đăng",
    )
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("thời điểm đăng", null=True, blank=True)
    programs = models.ManyToManyField("programs.Program", blank=True, related_name="articles")
    activities = models.ManyToManyField("activities.Activity", blank=True, related_name="articles")
    reviews = models.ManyToManyField("reviews.Review", blank=True, related_name="articles")
    # Imported articles keep the text they came from and a key that makes re-importing
    # the same text a no-op.
    source_text = models.TextField("văn bản gốc", blank=True)
    source_name = models.CharField("tệp gốc", max_length=255, blank=True)
    source_key = models.CharField(max_length=64, blank=True, db_index=True)
    # Folded title, apart from search_text, so that search ranks title matches first.
    search_title = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["search_text", "search_title", "source_text", "updated_at"])
    objects = ArticleQuerySet.as_manager()

    search_fields = ("title", "summary", "body_text", "author_name", "author_division")

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "tin bài"
        verbose_name_plural = "tin bài"
        indexes = [
            models.Index(fields=["status", "published_at"], name="news_article_public"),
            models.Index(fields=["updated_at"], name="news_article_updated"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("public:article", args=[self.slug])

    def get_edit_url(self) -> str:
        from django.urls import reverse

        return reverse("news:edit", args=[self.pk])

    @property
    def body_text(self) -> str:
        from phoihop.news.html import text_of

        return text_of(self.body)

    def normalize(self) -> None:
        super().normalize()
        from phoihop.core.text import search_key

        self.search_title = search_key(self.title)

    @property
    def is_public(self) -> bool:
        return (
            self.deleted_at is None
            and self.status in (Status.PUBLISHED, Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def cover(self):
        images = list(self.images.all())
        return next((i for i in images if i.is_cover), images[0] if images else None)


def image_upload_to(instance: "ArticleImage", filename: str) -> str:
    return f"news/{timezone.now():%Y/%m}/{filename}"


class ArticleImage(NormalizedModel):
    """A photo of an article, resized for the web without metadata (core.images), with a
    caption; `after_paragraph` places it in the body (0: before the first paragraph)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    file = models.FileField("ảnh", upload_to=image_upload_to)
    thumbnail = models.FileField("ảnh thu nhỏ", upload_to=image_upload_to)
    caption = models.CharField("chú thích", max_length=300, blank=True)
    after_paragraph = models.PositiveSmallIntegerField("đặt sau đoạn", default=1)
    is_cover = models.BooleanField("ảnh đại diện", default=False)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["after_paragraph", "id"]
        verbose_name = "ảnh tin bài"
        verbose_name_plural = "ảnh tin bài"

    def __str__(self) -> str:
        return self.caption or f"Ảnh {self.pk}"
