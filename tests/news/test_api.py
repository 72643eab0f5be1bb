"""/api/v1/articles with every persona: anonymous readers get published articles only;
editors write, publish and withdraw; bad input answers 422 at its field, nothing saved."""

import datetime as dt

import pytest
from django.utils import timezone

from phoihop.news.models import Article
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

AGENCY = {"lead_officer", "leader", "editor", "admin_user"}
WRITERS = {"editor", "admin_user"}


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_reading_by_persona(request, persona, client_as, published, draft):
    name = request.node.callspec.params["persona"]
    client = client_as(persona)
    ids = {a["id"] for a in client.get("/api/v1/articles").json()["items"]}
    assert published.pk in ids
    assert (draft.pk in ids) == (name in AGENCY)
    assert client.get(f"/api/v1/articles/{draft.pk}").status_code == (200 if name in AGENCY else 404)
    body = client.get(f"/api/v1/articles/{published.pk}").json()
    assert set(body) >= {
        "id",
        "title",
        "slug",
        "summary",
        "body",
        "status",
        "published_at",
        "author_name",
        "author_division",
        "program_ids",
    }


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_writing_by_persona(request, persona, client_as, signed_program):
    name = request.node.callspec.params["persona"]
    response = client_as(persona).post(
        "/api/v1/articles",
        {
            "title": "Tin mới",
            "body": "<p>Nội dung</p>",
            "program_ids": [signed_program.pk],
            "status": "published",
        },
        content_type="application/json",
    )
    expected = 201 if name in WRITERS else (401 if name == "anonymous" else 403)
    assert response.status_code == expected
    assert Article.objects.filter(status="published").count() == (1 if name in WRITERS else 0)


def test_patch_publishes_schedules_and_withdraws(client_as, editor, draft):
    client = client_as(editor)
    at = (timezone.now() + dt.timedelta(days=1)).replace(microsecond=0)
    body = client.patch(
        f"/api/v1/articles/{draft.pk}", {"published_at": at.isoformat()}, content_type="application/json"
    ).json()
    assert body["status"] == "scheduled"
    body = client.patch(
        f"/api/v1/articles/{draft.pk}", {"status": "draft"}, content_type="application/json"
    ).json()
    assert body["status"] == "draft"
    body = client.patch(
        f"/api/v1/articles/{draft.pk}",
        {"status": "published", "title": "Tiêu đề mới"},
        content_type="application/json",
    ).json()
    assert (body["status"], body["title"]) == ("published", "Tiêu đề mới")
    assert body["url"] == f"/tin-tuc/{draft.slug}/"
    body = client.patch(
        f"/api/v1/articles/{draft.pk}", {"status": "withdrawn"}, content_type="application/json"
    ).json()
    assert body["status"] == "withdrawn"


def test_bad_input_answers_at_its_field_and_saves_nothing(client_as, editor, other_agency):
    from tests import factories as f

    client = client_as(editor)
    hidden = f.make_program(other_agency, [])
    past = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    cases = [
        ({"title": "", "body": "<p>x</p>"}, "title"),
        ({"title": "A", "program_ids": [999999]}, "program_ids"),
        ({"title": "A", "program_ids": [hidden.pk], "status": "published"}, "program_ids"),
        ({"title": "A", "body": "<p>x</p>", "status": "published", "published_at": past}, "published_at"),
        ({"title": "A", "status": "nonsense"}, "status"),
    ]
    for payload, field in cases:
        response = client.post("/api/v1/articles", payload, content_type="application/json")
        assert response.status_code == 422, payload
        assert field in {e["loc"][-1] for e in response.json()["detail"]}, response.json()
    assert not Article.objects.exists()


def test_script_is_stripped_through_the_api(client_as, editor):
    response = client_as(editor).post(
        "/api/v1/articles",
        {"title": "A", "body": '<p>x<script>alert(1)</script><a href="javascript:x">y</a></p>'},
        content_type="application/json",
    )
    assert response.json()["body"] == '<p>x<a rel="noopener noreferrer">y</a></p>'
