"""Writing, publishing, scheduling, withdrawing articles; photos; drafts from records.
Bad input is refused at its field and nothing is saved."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from phoihop.activities import services as activity_services
from phoihop.news import services
from phoihop.news.models import Article, ArticleImage
from tests import factories as f
from tests.news.conftest import GPS_IFD, article_input, photo, upload

pytestmark = pytest.mark.django_db


def test_editor_creates_a_sanitised_draft_of_her_agency(editor, signed_program):
    article = services.article_create(
        data=article_input(
            body='<p onclick="x()">Tin</p><script>alert(1)</script>', programs=[signed_program]
        ),
        by=editor,
    )
    assert article.status == "draft"
    assert article.agency_id == editor.agency_id
    assert article.body == "<p>Tin</p>"
    assert article.slug == "ky-ket-chuong-trinh-phoi-hop-thuc-hien-cong-tac-dan-toc-giai-doan-2026-2030"
    assert list(article.programs.all()) == [signed_program]
    assert article.history.count() == 1


def test_a_second_article_with_the_same_title_gets_its_own_slug(editor):
    first = services.article_create(data=article_input(), by=editor)
    second = services.article_create(data=article_input(), by=editor)
    assert second.slug == f"{first.slug}-2"


@pytest.mark.parametrize("name", ["lead_officer", "partner_officer", "other_officer"])
def test_officers_may_not_write_articles(request, name):
    with pytest.raises(PermissionDenied):
        services.article_create(data=article_input(), by=request.getfixturevalue(name))
    assert not Article.objects.exists()


def test_missing_title_is_refused_at_its_field(editor):
    with pytest.raises(ValidationError) as exc:
        services.article_create(data=article_input(title="  "), by=editor)
    assert exc.value.message_dict["title"] == ["Nhập tiêu đề tin bài."]
    assert not Article.objects.exists()


def test_linking_a_program_the_editor_may_not_see_is_refused(editor, other_agency):
    hidden = f.make_program(other_agency, [])  # a draft of another agency
    with pytest.raises(ValidationError) as exc:
        services.article_create(data=article_input(programs=[hidden]), by=editor)
    assert exc.value.message_dict["programs"] == [
        "Có chương trình bạn không được xem: không thể gắn vào tin bài."
    ]
    assert not Article.objects.exists()


def test_publishing_an_article_linked_to_a_program_the_editor_no_longer_sees_is_refused(
    admin_user, editor, other_agency
):
    hidden = f.make_program(other_agency, [])
    article = services.article_create(data=article_input(), by=editor)
    article.programs.add(hidden)  # linked by an administrator, say
    with pytest.raises(ValidationError) as exc:
        services.article_publish(article=article, by=editor)
    assert "programs" in exc.value.message_dict
    article.refresh_from_db()
    assert article.status == "draft" and article.published_at is None


def test_publish_now(draft, editor):
    now = timezone.now()
    article = services.article_publish(article=draft, by=editor, now=now)
    assert (article.status, article.published_at) == ("published", now)
    assert Article.objects.public().filter(pk=draft.pk).exists()


def test_scheduled_article_becomes_public_when_its_time_comes(draft, editor):
    at = timezone.now() + dt.timedelta(hours=2)
    article = services.article_publish(article=draft, by=editor, at=at)
    assert article.status == "scheduled"
    assert not Article.objects.public().filter(pk=draft.pk).exists()
    assert Article.objects.public(now=at + dt.timedelta(seconds=1)).filter(pk=draft.pk).exists()


def test_a_scheduled_time_in_the_past_is_refused(draft, editor):
    at = timezone.now() - dt.timedelta(minutes=5)
    with pytest.raises(ValidationError) as exc:
        services.article_publish(article=draft, by=editor, at=at)
    [message] = exc.value.message_dict["published_at"]
    assert message.startswith("Thời điểm hẹn đăng (") and "đã qua" in message
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_withdraw_takes_the_article_off_the_public_site(published, editor):
    services.article_withdraw(article=published, by=editor)
    assert not Article.objects.public().filter(pk=published.pk).exists()
    with pytest.raises(ValidationError):
        services.article_withdraw(article=Article.objects.get(pk=published.pk), by=editor)


def test_editor_of_another_agency_may_not_publish(draft, other_agency):
    other_editor = f.UserFactory(username="other_editor", agency=other_agency, role="editor")
    with pytest.raises(PermissionDenied):
        services.article_publish(article=draft, by=other_editor)


def test_photo_is_resized_and_its_location_removed(draft, editor):
    image = services.image_add(article=draft, upload=upload(photo()), by=editor, caption="Lễ ký kết")
    with image.file.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        stored.load()
    assert max(stored.size) == 1600
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert image.is_cover and image.caption == "Lễ ký kết"


def test_a_file_that_is_not_an_image_is_refused_by_its_content(draft, editor):
    with pytest.raises(ValidationError) as exc:
        services.image_add(article=draft, upload=upload(b"%PDF-1.4 not a photo", "anh.jpg"), by=editor)
    assert exc.value.message_dict["file"] == ["Nội dung tệp là PDF: chỉ chấp nhận JPEG, PNG."]
    assert not ArticleImage.objects.exists()


def test_a_50_mb_image_is_refused_with_the_limit(draft, editor):
    big = upload(photo(100, 100) + b"\0" * (50 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        services.image_add(article=draft, upload=big, by=editor)
    assert exc.value.message_dict["file"] == ["Tệp quá lớn (50 MB): tối đa 20 MB."]
    assert not ArticleImage.objects.exists()


@pytest.fixture
def accepted_activity(signed_program, partner_officer, lead_officer, activity_data):
    activity = activity_services.activity_create(
        program=signed_program, data=activity_data(), by=partner_officer
    )
    activity_services.evidence_add(
        activity=activity, upload=upload(photo(800, 600)), caption="Lớp tập huấn", by=partner_officer
    )
    activity_services.activity_submit(activity=activity, by=partner_officer)
    return activity_services.activity_accept(activity=activity, by=lead_officer)


def test_draft_from_an_accepted_activity_carries_its_facts_and_photos(accepted_activity, editor):
    article = services.article_draft_from_activity(activity=accepted_activity, by=editor)
    assert article.status == "draft"
    assert article.title == accepted_activity.title
    assert "12/03/2024" in article.summary and "45 người tham gia" in article.summary
    assert "xã Phú Thượng" in article.summary
    assert list(article.activities.all()) == [accepted_activity]
    assert list(article.programs.all()) == [accepted_activity.program]
    assert [i.caption for i in article.images.all()] == ["Lớp tập huấn"]


def test_draft_from_an_activity_not_accepted_is_refused(
    signed_program, partner_officer, activity_data, editor
):
    activity = activity_services.activity_create(
        program=signed_program, data=activity_data(), by=partner_officer
    )
    with pytest.raises(ValidationError) as exc:
        services.article_draft_from_activity(activity=activity, by=editor)
    assert exc.value.message_dict["activity"] == ["Chỉ soạn tin từ hoạt động đã được xác nhận."]
    assert not Article.objects.exists()
