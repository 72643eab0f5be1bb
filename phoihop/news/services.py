"""Writes to articles and their photos. Each function checks the permission (the agency's
news editors, administrators), validates everything before writing (every field error
together, in Vietnamese, at its field), writes in one transaction, records the acting user
in the history. Every write moves the article's updated_at, which the public pages'
cache keys carry (news.cache)."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone

from phoihop.activities.models import Status as ActivityStatus
from phoihop.activities.selectors import visible_activities
from phoihop.core import history
from phoihop.core.images import web_image
from phoihop.core.text import fold
from phoihop.core.uploads import DOCUMENT_KINDS, check_upload
from phoihop.news import cache, rules
from phoihop.news.html import paragraphs_html, sanitise
from phoihop.news.models import Article, ArticleImage, Status, Topic
from phoihop.programs.models import Program
from phoihop.reviews.models import Review
from phoihop.reviews.models import Status as ReviewStatus

DENIED = "Chỉ biên tập viên của cơ quan đăng tin và quản trị hệ thống được viết, sửa, đăng tin bài."
PHOTO_KINDS = {k: DOCUMENT_KINDS[k] for k in ("jpg", "png")}
PHOTO_MAX_BYTES = 20 * 1024 * 1024
SLUG_WORDS = 20


@dataclass
class ArticleInput:
    title: str
    summary: str = ""
    body: str = ""
    topic: str = Topic.ACTIVITY
    author_name: str = ""
    author_division: str = ""
    programs: list[Program] = field(default_factory=list)
    activities: list = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)


FIELDS = tuple(ArticleInput.__dataclass_fields__)


def input_from_article(article: Article) -> ArticleInput:
    """The article as an input, to change a few fields of it (the API's PATCH)."""
    values = {
        name: getattr(article, name) for name in FIELDS if name not in ("programs", "activities", "reviews")
    }
    return ArticleInput(
        **values,
        programs=list(article.programs.all()),
        activities=list(article.activities.all()),
        reviews=list(article.reviews.all()),
    )


def _check_links(data: ArticleInput, by, errors: dict) -> None:
    """An article may link only to records its writer may see: a program, activity or
    review of another agency that is not public would otherwise leak through the link."""
    programs = {p.pk for p in data.programs}
    if programs - set(Program.objects.visible_to(by).filter(pk__in=programs).values_list("pk", flat=True)):
        errors.setdefault("programs", []).append(
            "Có chương trình bạn không được xem: không thể gắn vào tin bài."
        )
    activities = {a.pk for a in data.activities}
    if activities - set(visible_activities(by).filter(pk__in=activities).values_list("pk", flat=True)):
        errors.setdefault("activities", []).append(
            "Có hoạt động bạn không được xem: không thể gắn vào tin bài."
        )
    reviews = {r.pk for r in data.reviews}
    if reviews - set(Review.objects.visible_to(by).filter(pk__in=reviews).values_list("pk", flat=True)):
        errors.setdefault("reviews", []).append(
            "Có đợt sơ kết, tổng kết bạn không được xem: không thể gắn vào tin bài."
        )


def _fill(article: Article, data: ArticleInput) -> None:
    article.title = data.title
    article.summary = data.summary or ""
    article.body = sanitise(data.body)
    article.topic = data.topic
    article.author_name = data.author_name or ""
    article.author_division = data.author_division or ""


def _validate(article: Article, data: ArticleInput, by) -> None:
    errors: dict[str, list[str]] = {}
    if not (data.title or "").strip():
        errors["title"] = ["Nhập tiêu đề tin bài."]
    if data.topic not in Topic.values:
        errors["topic"] = ["Chọn một chuyên mục trong danh sách."]
    _check_links(data, by, errors)
    try:
        article.full_clean(exclude=["slug", "agency", "created_by"])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            # Our own message says it better than the model's generic one for these.
            if key not in errors:
                errors[key] = messages
    if errors:
        raise ValidationError(errors)


def _slug(title: str, pk: int | None = None) -> str:
    base = "-".join(fold(title).split()[:SLUG_WORDS])[:150].strip("-") or "tin-bai"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exclude(pk=pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _links(article: Article, data: ArticleInput) -> None:
    article.programs.set(data.programs)
    article.activities.set(data.activities)
    article.reviews.set(data.reviews)


@transaction.atomic
def article_create(*, data: ArticleInput, by) -> Article:
    """A draft article of the writer's agency. Raises PermissionDenied unless the user may
    write articles, ValidationError (by field) for bad input; nothing is written then."""
    if not rules.can_write_articles(by):
        raise PermissionDenied(DENIED)
    return article_new(data=data, by=by)


@transaction.atomic
def article_new(
    *, data: ArticleInput, by, source_text: str = "", source_name: str = "", source_key: str = ""
) -> Article:
    """A draft article of the user's agency, without the writers' permission check: for
    article_create and for an import (news.importing), which check their own. The links
    are still checked against what the user may see."""
    article = Article(agency_id=by.agency_id, created_by=by, status=Status.DRAFT)
    article.source_text, article.source_name, article.source_key = source_text, source_name, source_key
    _fill(article, data)
    _validate(article, data, by)
    article.slug = _slug(article.title)
    history.save(article, by=by, reason="Tạo tin bài" if not source_key else "Nhập tin bài cũ")
    _links(article, data)
    return article


@transaction.atomic
def article_update(*, article: Article, data: ArticleInput, by) -> Article:
    """Change an article's text, section, author and links. A public article stays public
    and the public pages are refreshed."""
    if not rules.can_edit_article(by, article):
        raise PermissionDenied(DENIED)
    article = Article.objects.select_for_update().get(pk=article.pk)
    _fill(article, data)
    _validate(article, data, by)
    history.save(article, by=by, reason="Sửa tin bài")
    _links(article, data)
    return article


@transaction.atomic
def article_publish(
    *, article: Article, by, at: dt.datetime | None = None, now: dt.datetime | None = None
) -> Article:
    """Publish now (`at` None) or at a set time (`at` in the future: status scheduled; the
    article becomes public by itself when the time comes, see ArticleQuerySet.public).
    Raises ValidationError at "published_at" for a time that has passed and at the link
    fields for a record the user may not see; the public pages are refreshed."""
    if not rules.can_edit_article(by, article):
        raise PermissionDenied(DENIED)
    now = now or timezone.now()
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not article.title or not article.body:
        raise ValidationError({"body": ["Tin bài cần có tiêu đề và nội dung trước khi đăng."]})
    if at is not None and at <= now:
        raise ValidationError(
            {
                "published_at": [
                    f"Thời điểm hẹn đăng ({formats.date_format(timezone.localtime(at), 'd/m/Y H:i')}) đã qua: chọn một thời điểm sau bây giờ, hoặc đăng ngay."
                ]
            }
        )
    _check_links_of(article, by)
    if at is None:
        article.status, article.published_at = Status.PUBLISHED, now
        reason = "Đăng tin bài"
    else:
        article.status, article.published_at = Status.SCHEDULED, at
        reason = f"Hẹn giờ đăng {formats.date_format(timezone.localtime(at), 'd/m/Y H:i')}"
    history.save(article, by=by, reason=reason)
    return article


@transaction.atomic
def article_publish_as_of(*, article: Article, by, published_at: dt.datetime) -> Article:
    """Publish an imported old article with the date it first appeared (in the past)."""
    if not rules.can_edit_article(by, article):
        raise PermissionDenied(DENIED)
    article = Article.objects.select_for_update().get(pk=article.pk)
    _check_links_of(article, by)
    article.status, article.published_at = Status.PUBLISHED, published_at
    history.save(article, by=by, reason="Đăng tin bài cũ theo ngày gốc")
    return article


def _check_links_of(article: Article, by) -> None:
    errors: dict[str, list[str]] = {}
    _check_links(
        ArticleInput(
            title=article.title,
            programs=list(article.programs.all()),
            activities=list(article.activities.all()),
            reviews=list(article.reviews.all()),
        ),
        by,
        errors,
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def article_withdraw(*, article: Article, by, reason: str = "") -> Article:
    """Take a published or scheduled article off the public site (it stays, withdrawn)."""
    if not rules.can_edit_article(by, article):
        raise PermissionDenied(DENIED)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status not in (Status.PUBLISHED, Status.SCHEDULED):
        raise ValidationError({"status": ["Chỉ gỡ được tin đã đăng hoặc đang hẹn giờ đăng."]})
    article.status = Status.WITHDRAWN
    history.save(article, by=by, reason=f"Gỡ tin bài{': ' + reason if reason else ''}")
    return article


@transaction.atomic
def article_unpublish_to_draft(*, article: Article, by) -> Article:
    """A withdrawn or scheduled article back to draft, to be edited and published again."""
    if not rules.can_edit_article(by, article):
        raise PermissionDenied(DENIED)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status not in (Status.WITHDRAWN, Status.SCHEDULED):
        raise ValidationError({"status": ["Chỉ tin đã gỡ hoặc đang hẹn giờ mới trở lại bản nháp."]})
    article.status = Status.DRAFT
    if article.published_at and article.published_at > timezone.now():
        article.published_at = None
    history.save(article, by=by, reason="Trở lại bản nháp")
    return article


@transaction.atomic
def article_delete(*, article: Article, by) -> None:
    """Move an article to the bin (recoverable by an administrator)."""
    if not rules.can_edit_article(by, article):
        raise PermissionDenied(DENIED)
    article.deleted_at = timezone.now()
    history.save(article, by=by, reason="Xóa tin bài")


def image_check(upload) -> None:
    """A photo is a JPEG or PNG by its content, at most PHOTO_MAX_BYTES (ValidationError)."""
    check_upload(upload, PHOTO_KINDS, max_bytes=PHOTO_MAX_BYTES)


@transaction.atomic
def image_add(
    *, article: Article, upload, by, caption: str = "", after_paragraph: int = 1, is_cover: bool = False
) -> ArticleImage:
    """Store a photo resized for the web without its metadata (GPS position included), with
    a thumbnail. The first photo of an article is its cover unless another one is."""
    if not rules.can_edit_article(by, article):
        raise PermissionDenied(DENIED)
    try:
        image_check(upload)
        web = web_image(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    image = ArticleImage(
        article=article,
        caption=caption,
        after_paragraph=after_paragraph,
        is_cover=is_cover or not article.images.exists(),
        content_type=web.content_type,
        width=web.width,
        height=web.height,
        uploaded_by=by,
    )
    image.full_clean(exclude=["file", "thumbnail", "article"])
    from django.core.files.base import ContentFile

    stem = f"{article.slug[:60]}-{timezone.now():%H%M%S%f}"
    image.file.save(f"{stem}.{web.extension}", ContentFile(web.content), save=False)
    image.thumbnail.save(f"{stem}-nho.{web.extension}", ContentFile(web.thumbnail), save=False)
    image.save()
    if image.is_cover:
        article.images.exclude(pk=image.pk).update(is_cover=False)
    cache.touch(article.pk)
    return image


@transaction.atomic
def image_update(
    *, image: ArticleImage, by, caption: str, after_paragraph: int, is_cover: bool
) -> ArticleImage:
    if not rules.can_edit_article(by, image.article):
        raise PermissionDenied(DENIED)
    image.caption, image.after_paragraph, image.is_cover = caption, after_paragraph, is_cover
    image.full_clean(exclude=["file", "thumbnail", "article"])
    image.save()
    if is_cover:
        image.article.images.exclude(pk=image.pk).update(is_cover=False)
    cache.touch(image.article_id)
    return image


@transaction.atomic
def image_delete(*, image: ArticleImage, by) -> None:
    if not rules.can_edit_article(by, image.article):
        raise PermissionDenied(DENIED)
    for f in (image.file, image.thumbnail):
        if f:
            f.delete(save=False)
    image.delete()
    cache.touch(image.article_id)


# Drafts from records -------------------------------------------------------------------


def _copy_photos(article: Article, evidence, by) -> None:
    for n, item in enumerate(e for e in evidence if e.is_photo):
        with item.file.open("rb") as fh:
            from django.core.files.uploadedfile import SimpleUploadedFile

            upload = SimpleUploadedFile(
                item.file.name.rsplit("/", 1)[-1], fh.read(), content_type=item.content_type
            )
        image_add(article=article, upload=upload, by=by, caption=item.caption, after_paragraph=1 + n)


def _date(value: dt.date | None) -> str:
    return formats.date_format(value, "d/m/Y") if value else ""


@transaction.atomic
def article_draft_from_activity(*, activity, by) -> Article:
    """A draft article with an accepted activity's facts (what, when, where, who, how many)
    and its photos with their captions, linked to the activity and its program."""
    if not rules.can_write_articles(by):
        raise PermissionDenied(DENIED)
    if activity.status != ActivityStatus.ACCEPTED:
        raise ValidationError({"activity": ["Chỉ soạn tin từ hoạt động đã được xác nhận."]})
    places = ", ".join(loc.written or str(loc.unit) for loc in activity.localities.all())
    organisers = ", ".join([activity.organiser.name, *(a.name for a in activity.co_organisers.all())])
    when = _date(activity.start_date)
    if activity.end_date and activity.end_date != activity.start_date:
        when = f"từ {when} đến {_date(activity.end_date)}"
    else:
        when = f"ngày {when}"
    lead = f"{when.capitalize()}, {organisers} tổ chức {activity.title[0].lower() + activity.title[1:]}"
    if places:
        lead += f" tại {places}"
    lead += "."
    if activity.total_participants:
        lead += (
            f" Có {formats.number_format(activity.total_participants, force_grouping=True)} người tham gia."
        )
    body = paragraphs_html("\n".join([lead, activity.description or ""]))
    article = article_create(
        data=ArticleInput(
            title=activity.title,
            summary=lead,
            body=body,
            topic=Topic.ACTIVITY,
            author_name=by.get_full_name(),
            author_division=by.agency.name if by.agency_id else "",
            programs=[activity.program],
            activities=[activity],
        ),
        by=by,
    )
    _copy_photos(article, activity.evidence.all(), by)
    return article


@transaction.atomic
def article_draft_from_review(*, review: Review, by) -> Article:
    """A draft article of a concluded review: the conference (date, place, chair), the
    results and the directions, linked to the review and its program."""
    if not rules.can_write_articles(by):
        raise PermissionDenied(DENIED)
    if review.status != ReviewStatus.CONCLUDED:
        raise ValidationError({"review": ["Chỉ soạn tin từ đợt sơ kết, tổng kết đã kết luận."]})
    program = review.program
    date = _date(review.conference_date)
    lead = f"Ngày {date}, " if date else ""
    lead += f"các bên tham gia {program.title} tổ chức hội nghị {review.get_kind_display().lower()}"
    lead += f" ({review.period_label})"
    if review.place:
        lead += f" tại {review.place}"
    lead += "."
    if review.chair_name:
        lead += f" Chủ trì hội nghị: {review.chair_name}{', ' + review.chair_title if review.chair_title else ''}."
    parts = [lead]
    for name in ("achievements", "limitations", "directions"):
        text = getattr(review, name)
        if text:
            parts.append(text)
    return article_create(
        data=ArticleInput(
            title=f"Hội nghị {review.get_kind_display().lower()} {program.title}",
            summary=lead,
            body=paragraphs_html("\n".join(parts)),
            topic=Topic.REVIEW,
            author_name=by.get_full_name(),
            author_division=by.agency.name if by.agency_id else "",
            programs=[program],
            reviews=[review],
        ),
        by=by,
    )
