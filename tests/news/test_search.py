"""Search ignores case, diacritics (đ and Ð too) and tone placement, ranks title matches
first, highlights, sorts names in Vietnamese order, and shows each persona only what it
may see; the same through /api/v1/search."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from phoihop.core.text import vn_sort_key
from phoihop.news import selectors, services
from phoihop.news.models import Article
from phoihop.news.sitesearch import site_search
from tests import factories as f
from tests.conftest import PERSONAS
from tests.news.conftest import article_input

pytestmark = pytest.mark.django_db


def publish(editor, **fields):
    return services.article_publish(
        article=services.article_create(data=article_input(**fields), by=editor), by=editor
    )


@pytest.fixture
def signing(editor):
    return publish(
        editor,
        title="Ký kết chương trình phối hợp thực hiện công tác dân tộc",
        body="<p>Lễ ký tại Cần Thơ.</p>",
    )


@pytest.mark.parametrize(
    "q", ["ky ket dan toc", "KÝ KẾT DÂN TỘC", "Ký kết dân tộc", "ky ket DAN toc", "ÐAN TOC ky", "dân tộc ký"]
)
def test_public_search_ignores_case_diacritics_and_d(signing, q):
    assert selectors.public_search(q=q) == ([signing], 1, False)


def test_old_and_new_tone_placement_find_each_other(editor):
    old = publish(editor, title="Xã Hoà Bình và thuỷ lợi", body="<p>x</p>")
    for q in ("hòa bình", "hoà bình", "hoa binh", "thủy lợi", "thuỷ lợi"):
        assert selectors.public_search(q=q)[0] == [old], q


def test_the_last_word_matches_as_a_prefix(signing):
    assert selectors.public_search(q="chuong tr")[0] == [signing]
    assert selectors.public_search(q="chuongx")[0] == []


def test_title_matches_rank_before_body_matches(editor):
    in_body = publish(editor, title="Tin hoạt động", body="<p>Nói về người có uy tín ở ấp.</p>")
    in_title = publish(editor, title="Gặp mặt người có uy tín", body="<p>Buổi gặp mặt.</p>")
    assert selectors.public_search(q="nguoi co uy tin")[0] == [in_title, in_body]


def test_drafts_are_found_by_their_agency_only(editor, lead_officer, other_officer, draft):
    assert [
        r["id"] for g in site_search(user=lead_officer, q="ky ket") for r in g.results if g.type == "article"
    ] == [draft.pk]
    assert site_search(user=other_officer, q="ky ket") == []
    assert selectors.public_search(q="ky ket")[0] == []


def test_a_query_matching_more_than_the_window_ranks_the_newest(editor, monkeypatch):
    monkeypatch.setattr(selectors, "WINDOW", 3)
    old = [publish(editor, title=f"Người có uy tín số {n}", body="<p>x</p>") for n in range(3)]
    newer = [publish(editor, title=f"Tin số {n}", body="<p>người có uy tín</p>") for n in range(2)]
    articles, total, more = selectors.public_search(q="nguoi co uy tin")
    # The three newest matches are ranked: the title match among them first.
    assert (total, more) == (3, True)
    assert articles == [old[2], newer[1], newer[0]]


@pytest.mark.parametrize(("span", "walk", "window"), [(2, 4, 4), (2, 100, 4), (3, 3, 100), (100, 100, 4)])
def test_the_window_is_the_newest_matches_however_they_are_found(editor, monkeypatch, span, walk, window):
    """On PostgreSQL the newest SPAN rows are walked, then up to WALK, then the GIN index
    gives the rest: every way round, the newest matches that may be read, in full."""
    monkeypatch.setattr(selectors, "SPAN", span)
    monkeypatch.setattr(selectors, "WALK", walk)
    monkeypatch.setattr(selectors, "WINDOW", window)
    made = []
    for n in range(9):
        title = f"Người có uy tín số {n}" if n % 3 != 1 else f"Tin khác số {n}"
        made.append(publish(editor, title=title, body="<p>x</p>"))
    services.article_withdraw(article=made[8], by=editor)
    matching = [a.pk for a in made if a.title.startswith("Người") and a != made[8]]
    page = selectors.article_search(user=selectors.ANONYMOUS, q="nguoi co uy", limit=None)
    newest = sorted(matching, reverse=True)[:window]
    assert sorted(page.ids, reverse=True) == newest
    assert (page.total, page.more) == (len(newest), len(newest) >= window)


def test_the_search_table_follows_every_write_to_the_articles(editor, other_agency):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's narrow search table (SQLite's FTS5 table has its own triggers)")

    def table():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT article_id, status, published_at, deleted_at, agency_id FROM news_article_search"
            )
            return sorted(cursor.fetchall())

    def articles():
        return sorted(Article.objects.values_list("pk", "status", "published_at", "deleted_at", "agency_id"))

    kept = publish(editor, title="Giữ lại")
    gone = publish(editor, title="Sẽ xóa hẳn")
    services.article_withdraw(article=kept, by=editor)
    Article.objects.filter(pk=gone.pk).update(agency=other_agency, title="Đổi")
    assert table() == articles()
    Article.objects.filter(pk=gone.pk).delete()
    assert table() == articles() and len(table()) == 1
    with connection.cursor() as cursor:
        # As Django's flush between transactional tests does (the pending checks of the
        # deferred foreign keys are run first: TRUNCATE refuses to run with them pending).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE news_article CASCADE")
    assert table() == []


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_search_visibility_agrees_with_visible_to(persona, editor, other_agency, published, draft):
    from django.contrib.auth.models import AnonymousUser

    user = persona or AnonymousUser()
    withdrawn = services.article_withdraw(article=publish(editor, title="Gỡ"), by=editor)
    deleted = publish(editor, title="Xóa")
    services.article_delete(article=deleted, by=editor)
    later = services.article_publish(
        article=services.article_create(data=article_input(title="Hẹn"), by=editor),
        by=editor,
        at=timezone.now() + dt.timedelta(days=1),
    )
    # Every one of these articles has the word "chuong" in its text.
    found = set(selectors.article_search(user=user, q="chuong", limit=None).ids)
    assert found == set(Article.objects.visible_to(user).values_list("pk", flat=True))
    statuses = set(
        Article.objects.filter(pk__in=[withdrawn.pk, deleted.pk, later.pk]).values_list("status", flat=True)
    )
    assert statuses == {"withdrawn", "published", "scheduled"} and Article.objects.count() == 5


def test_highlight_marks_the_matching_words(client, signing):
    html = client.get(reverse("public:search") + "?q=dan+toc").content.decode()
    assert "<mark>dân</mark> <mark>tộc</mark>" in html


def test_agencies_are_sorted_in_vietnamese_order(lead_officer):
    for name in [
        "Ủy ban Đoàn kết",
        "Ban Ân Đoàn",
        "Ban Ăn Đoàn",
        "Ban An Đoàn",
        "Ban Dân Đoàn",
        "Ban Đạo Đoàn",
    ]:
        f.AgencyFactory(name=name)
    [group] = site_search(user=lead_officer, q="doan", types={"agency"})
    names = [r["title"] for r in group.results]
    assert names == [
        "Ban An Đoàn",
        "Ban Ăn Đoàn",
        "Ban Ân Đoàn",
        "Ban Dân Đoàn",
        "Ban Đạo Đoàn",
        "Ủy ban Đoàn kết",
    ]


def test_vietnamese_sort_key_orders_letters_then_tones():
    words = ["Đà", "Da", "Ăn", "An", "Ân", "Hạ", "Hà", "Há", "Ha", "Hả", "Hã", "Ưu", "Uy"]
    assert sorted(words, key=vn_sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Da",
        "Đà",
        "Ha",
        "Hà",
        "Hả",
        "Hã",
        "Há",
        "Hạ",
        "Uy",
        "Ưu",
    ]


def test_app_search_page_groups_what_the_user_may_see(client_as, lead_officer, signed_program, signing):
    html = client_as(lead_officer).get(reverse("search") + "?q=ky+ket").content.decode()
    assert 'id="group-article"' in html and signing.title.split()[0] in html


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_search_api_by_persona(request, persona, client_as, signing, draft):
    name = request.node.callspec.params["persona"]
    response = client_as(persona).get("/api/v1/search", {"q": "ky ket chuong trinh"})
    assert response.status_code == 200
    found = {(r["type"], r["id"]) for r in response.json()}
    assert ("article", signing.pk) in found
    assert (("article", draft.pk) in found) == (name in {"lead_officer", "leader", "editor", "admin_user"})
    first = response.json()[0]
    assert set(first) == {"type", "id", "title", "url", "snippet"}


def test_search_api_refuses_an_unknown_type(client):
    response = client.get("/api/v1/search", {"q": "x", "type": "secret"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["msg"].startswith("Loại «secret» không có")


def test_search_text_is_folded_on_save(editor):
    article = services.article_create(
        data=article_input(title="ĐOÀN Thanh niên", body="<p>Thuỷ</p>"), by=editor
    )
    article = Article.objects.get(pk=article.pk)
    assert article.search_title == " doan thanh nien "
    assert " thuy " in article.search_text
