"""The public portal: what every persona sees, photos, Open Graph, feed, sitemap, the
program page (exemplars with consent only), caching invalidated on publish."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from phoihop.news import cache as news_cache
from phoihop.news import services
from tests.conftest import PERSONAS
from tests.news.conftest import article_input, photo, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_public_pages_are_open_to_every_persona(persona, client_as, published, draft, signed_program):
    client = client_as(persona)
    for url in [
        reverse("home"),
        reverse("public:list"),
        reverse("public:topic", args=["chuong-trinh-phoi-hop"]),
        published.get_absolute_url(),
        reverse("public:program", args=[signed_program.pk]),
        reverse("public:search") + "?q=hoa+thuan",
        reverse("public:feed"),
        reverse("sitemap"),
    ]:
        assert client.get(url).status_code == 200, url
    # A draft has no public page, whoever asks.
    assert client.get(reverse("public:article", args=[draft.slug])).status_code == 404


def test_article_page_shows_photos_with_captions_after_their_paragraph_and_other_news(
    client, published, editor
):
    services.image_add(
        article=published, upload=upload(photo()), by=editor, caption="Quang cảnh hội nghị", after_paragraph=1
    )
    other = services.article_publish(
        article=services.article_create(data=article_input(title="Tin thứ hai"), by=editor), by=editor
    )

    html = client.get(published.get_absolute_url()).content.decode()

    first, second = html.index("Sáng ngày 5/3"), html.index("Đồng bào Khmer")
    figure = html.index("<figcaption>Quang cảnh hội nghị</figcaption>")
    assert first < figure < second
    assert 'loading="eager"' in html or 'loading="lazy"' in html
    assert f'<meta property="og:title" content="{published.title}">' in html
    assert 'property="og:image"' in html
    assert "Tin khác" in html and other.title in html
    assert "Vũ Thị Hạnh" in html and "Văn phòng Ban Dân tộc" in html


def test_photo_of_a_draft_is_not_public(client, client_as, draft, editor):
    image = services.image_add(article=draft, upload=upload(photo()), by=editor)
    url = reverse("public:image", args=[image.pk, "lon"])
    assert client.get(url).status_code == 404
    response = client_as(editor).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")  # a JPEG


def test_scheduled_article_appears_when_due(client, draft, editor, monkeypatch):
    at = timezone.now() + dt.timedelta(hours=1)
    services.article_publish(article=draft, by=editor, at=at)
    assert draft.title not in client.get(reverse("public:list")).content.decode()
    # The cached page lives no longer than until the article falls due.
    assert news_cache.timeout() == news_cache.TIMEOUT  # an hour away: the usual ten minutes
    assert news_cache.timeout(now=at - dt.timedelta(seconds=30)) == 31
    later = at + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    cache.clear()  # the cache's own clock does not follow the patched one
    assert draft.title in client.get(reverse("public:list")).content.decode()


def test_cached_list_changes_at_once_when_an_article_is_published_or_withdrawn(client, draft, editor):
    url = reverse("public:list")
    assert draft.title not in client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "hit"

    services.article_publish(article=draft, by=editor)
    assert draft.title in client.get(url).content.decode()

    services.article_withdraw(article=draft, by=editor)
    assert draft.title not in client.get(url).content.decode()


def test_feed_and_sitemap_list_public_articles_only(client, published, draft):
    feed = client.get(reverse("public:feed")).content.decode()
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert published.title in feed and draft.title not in feed
    assert published.slug in sitemap and draft.slug not in sitemap
    assert client.get(reverse("public:feed"))["Content-Type"].startswith("application/atom+xml")


def test_program_page_shows_parties_articles_and_consented_exemplars_only(
    client, published, signed_program, lead_officer
):
    from tests.people.conftest import ExemplarFactory

    ExemplarFactory(program=signed_program, name="Thạch Thị Đồng Ý", consent_to_publish=True)
    ExemplarFactory(
        program=signed_program, name="Lâm Văn Chưa Đồng Ý", consent_to_publish=False, consent_date=None
    )

    html = client.get(reverse("public:program", args=[signed_program.pk])).content.decode()

    assert published.title in html
    assert "Thạch Thị Đồng Ý" in html and "Lâm Văn Chưa Đồng Ý" not in html
    assert "Ban Dân tộc thành phố Cần Thơ" in html


def test_draft_program_has_no_public_page(client, program):
    assert client.get(reverse("public:program", args=[program.pk])).status_code == 404


def test_public_pages_hold_no_inline_script_or_style(client, published):
    for url in [reverse("home"), published.get_absolute_url(), reverse("public:search") + "?q=dan+toc"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_a_cached_page_gives_each_reader_a_working_language_switch(published):
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(reverse("home"))
    page = second.get(reverse("home"))
    assert page["X-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', page.content.decode()).group(1)
    response = second.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
