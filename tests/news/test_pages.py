"""The editor's pages with every persona: who may list, write, edit, publish, withdraw;
errors at their fields; the list's query count does not grow with its rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from phoihop.news import services
from phoihop.news.models import Article
from tests.conftest import PERSONAS
from tests.news.conftest import article_input, photo, upload

pytestmark = pytest.mark.django_db

WRITERS = {"editor", "admin_user"}
AGENCY = {"lead_officer", "leader", "editor", "admin_user"}  # see the lead agency's drafts


def outcome(response):
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_editor_pages_by_persona(request, persona, client_as, draft):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    cases = [
        ("get", reverse("news:list"), {}, 200, "signed_in"),
        ("get", reverse("news:create"), {}, 200, WRITERS),
        ("get", reverse("news:edit", args=[draft.pk]), {}, 200, WRITERS),
        ("post", reverse("news:publish", args=[draft.pk]), {}, 302, WRITERS),
    ]
    for method, url, data, ok, allowed in cases:
        response = getattr(client, method)(url, data)
        if name == "anonymous":
            assert outcome(response) == "login", url
        elif allowed == "signed_in" or name in allowed:
            assert response.status_code == ok, (url, response.status_code)
        else:
            assert response.status_code in (403, 404), (url, response.status_code)
    draft.refresh_from_db()
    assert draft.status == ("published" if name in WRITERS else "draft")


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_the_list_shows_drafts_to_their_agency_only(request, persona, client_as, draft):
    name = request.node.callspec.params["persona"]
    response = client_as(persona).get(reverse("news:list"))
    if name == "anonymous":
        assert outcome(response) == "login"
    else:
        assert (draft.title in response.content.decode()) == (name in AGENCY)


def test_editor_writes_then_publishes_from_the_pages(client_as, editor, signed_program):
    client = client_as(editor)
    response = client.post(
        reverse("news:create"),
        {
            "title": "Trao học bổng cho học sinh Khmer",
            "summary": "Hai mươi suất học bổng.",
            "body": "<p>Sáng nay <img src=x onerror=alert(1)>, tại trường.</p>",
            "topic": "activity",
            "author_name": "Vũ Thị Hạnh",
            "author_division": "Văn phòng",
            "programs": [signed_program.pk],
        },
    )
    article = Article.objects.get()
    assert response["Location"] == reverse("news:edit", args=[article.pk])
    assert article.body == "<p>Sáng nay , tại trường.</p>"
    client.post(
        reverse("news:image_add", args=[article.pk]),
        {"file": upload(photo()), "caption": "Trao học bổng", "after_paragraph": 1},
    )
    assert article.images.get().caption == "Trao học bổng"

    client.post(reverse("news:publish", args=[article.pk]))

    article.refresh_from_db()
    assert article.status == "published"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_errors_are_shown_at_their_fields(client_as, editor, draft):
    client = client_as(editor)
    response = client.post(reverse("news:create"), {"title": "", "topic": "activity"})
    assert response.status_code == 400
    assert response.context["form"].errors["title"] == ["Trường này là bắt buộc."]

    past = timezone.localtime() - dt.timedelta(days=1)
    response = client.post(
        reverse("news:publish", args=[draft.pk]), {"date": past.strftime("%d/%m/%Y"), "time": "08:00"}
    )
    assert response.status_code == 400
    [message] = response.context["publish_form"].errors["date"]
    assert "đã qua" in message

    response = client.post(
        reverse("news:image_add", args=[draft.pk]),
        {"file": upload(b"GIF89a....", "a.jpg"), "after_paragraph": 1},
    )
    assert response.status_code == 400
    assert response.context["image_form"].errors["file"] == ["Nội dung tệp là GIF: chỉ chấp nhận JPEG, PNG."]


def test_scheduling_from_the_page(client_as, editor, draft):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    client_as(editor).post(
        reverse("news:publish", args=[draft.pk]), {"date": tomorrow.strftime("%d/%m/%Y"), "time": "07:30"}
    )
    draft.refresh_from_db()
    assert draft.status == "scheduled"
    assert timezone.localtime(draft.published_at).strftime("%d/%m/%Y %H:%M") == f"{tomorrow:%d/%m/%Y} 07:30"


def test_list_query_count_does_not_grow_with_rows(client_as, editor):
    client = client_as(editor)
    services.article_create(data=article_input(), by=editor)
    client.get(reverse("news:list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("news:list"))
    for n in range(9):
        services.article_create(data=article_input(title=f"Tin {n}"), by=editor)
    with CaptureQueriesContext(connection) as ten:
        client.get(reverse("news:list"))
    assert len(ten) == len(one)


def test_public_list_query_count_does_not_grow_with_rows(client, editor):
    from django.core.cache import cache

    def publish(title):
        article = services.article_create(data=article_input(title=title), by=editor)
        services.image_add(article=article, upload=upload(photo(300, 200)), by=editor)
        services.article_publish(article=article, by=editor)

    publish("Tin 0")
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("public:list"))
    for n in range(1, 10):
        publish(f"Tin {n}")
    cache.clear()
    with CaptureQueriesContext(connection) as ten:
        client.get(reverse("public:list"))
    assert len(ten) == len(one)


def test_draft_from_review_page_needs_a_concluded_review(client_as, editor, signed_program, lead_officer):
    from phoihop.reviews import services as review_services
    from tests.reviews.conftest import review_input

    review = review_services.review_create(program=signed_program, data=review_input(), by=lead_officer)
    response = client_as(editor).post(reverse("news:from_review", args=[review.pk]))
    assert response.status_code == 302 and not Article.objects.exists()


def test_editor_drafts_from_an_accepted_activity_page(
    client_as, editor, signed_program, partner_officer, lead_officer, activity_data
):
    from phoihop.activities import services as activity_services

    activity = activity_services.activity_create(
        program=signed_program, data=activity_data(), by=partner_officer
    )
    activity_services.activity_submit(activity=activity, by=partner_officer)
    activity_services.activity_accept(activity=activity, by=lead_officer)
    client = client_as(editor)
    assert (
        "Soạn tin từ hoạt động"
        in client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    )

    response = client.post(reverse("news:from_activity", args=[activity.pk]))

    article = Article.objects.get()
    assert response["Location"] == reverse("news:edit", args=[article.pk])
    assert list(article.activities.all()) == [activity]
    # An officer sees no such button and may not do it.
    assert (
        "Soạn tin từ hoạt động"
        not in client_as(lead_officer).get(reverse("activities:detail", args=[activity.pk])).content.decode()
    )
    assert client_as(lead_officer).post(reverse("news:from_activity", args=[activity.pk])).status_code == 403


def test_admin_lists_articles_deleted_ones_included(client_as, admin_user, editor, draft):
    services.article_delete(article=draft, by=editor)
    client = client_as(admin_user)
    assert draft.title in client.get("/admin/news/article/").content.decode()
    assert client.get(f"/admin/news/article/{draft.pk}/change/").status_code == 200


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_every_editor_action_by_persona(request, persona, client_as, editor, published, signed_program):
    """Withdraw, back to draft, photos, delete, drafts from records: only the agency's editors
    and administrators; the others get 404 (the article is not theirs to edit) or 403."""
    name = request.node.callspec.params["persona"]
    image = services.image_add(article=published, upload=upload(photo(300, 200)), by=editor)
    client = client_as(persona)
    actions = [
        (
            reverse("news:image_edit", args=[image.pk]),
            {f"img{image.pk}-caption": "Mới", f"img{image.pk}-after_paragraph": 1},
        ),
        (reverse("news:withdraw", args=[published.pk]), {}),
        (reverse("news:to_draft", args=[published.pk]), {}),
        (
            reverse("news:image_add", args=[published.pk]),
            {"file": upload(photo(300, 200)), "after_paragraph": 1},
        ),
        (reverse("news:image_delete", args=[image.pk]), {}),
        (reverse("news:delete", args=[published.pk]), {}),
    ]
    for url, data in actions:
        response = client.post(url, data)
        if name == "anonymous":
            assert outcome(response) == "login", url
        elif name in WRITERS:
            assert response.status_code == 302, (url, response.status_code)
        else:
            assert response.status_code == 404, (url, response.status_code)
    published.refresh_from_db()
    if name in WRITERS:
        assert published.deleted_at is not None and published.status == "draft"
        assert list(published.images.values_list("pk", flat=True)) != [image.pk]  # one added, one deleted
        assert published.images.count() == 1
    else:
        assert published.deleted_at is None and published.status == "published"
        assert published.images.get().caption == ""


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_drafts_from_records_by_persona(request, persona, client_as, signed_program, lead_officer):
    from phoihop.reviews import services as review_services
    from tests.reviews.conftest import review_input

    name = request.node.callspec.params["persona"]
    review = review_services.review_create(program=signed_program, data=review_input(), by=lead_officer)
    response = client_as(persona).post(reverse("news:from_review", args=[review.pk]))
    if name == "anonymous":
        assert outcome(response) == "login"
    elif name in {"editor", "admin_user"}:
        assert response.status_code == 302  # refused (not concluded), with a message
    elif name in {"lead_officer", "leader", "partner_officer"}:
        assert response.status_code == 403  # sees the review, may not write articles
    else:
        assert response.status_code == 404  # does not see the review
    assert not Article.objects.exists()
