"""The public news portal: home, the list of news (all, by section, by program), the
article page with its photos and "Tin khác", the public page of a signed program, search,
the Atom feed and the sitemap. Nothing here needs signing in; what is shown is decided by
Article.objects.public() and Program.objects.visible_to(anonymous).

Pages for anonymous readers are cached (news.cache): the key carries the latest change
to any article, so a publish, withdrawal or edit shows at once."""

import functools
import hashlib
import re

from django.contrib.syndication.views import Feed
from django.core.cache import cache as django_cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from phoihop.core.search import highlight
from phoihop.news import cache, selectors
from phoihop.news.html import blocks
from phoihop.news.models import TOPIC_SLUGS, Article, Topic
from phoihop.news.sitesearch import site_search

PAGE_SIZE = 12
SLUG_TOPICS = {slug: topic for topic, slug in TOPIC_SLUGS.items()}


# Pages hold forms (the language switch) with the reader's CSRF token: the cached copy keeps
# a placeholder instead, and each reader gets their own token put back in.
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
_PLACEHOLDER = rb"\g<1>__csrf__\g<2>"


def cached_for_readers(view):
    """Cache the page for anonymous GET requests (signed-in users see their own menu)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        raw = f"{request.LANGUAGE_CODE}|{request.get_full_path()}".encode()
        key = f"news:page:{cache.version()}:{hashlib.sha256(raw).hexdigest()}"
        hit = django_cache.get(key)
        if hit is not None:
            content, content_type = hit
            token = get_token(request).encode()  # sets the reader's CSRF cookie if needed
            response = HttpResponse(content.replace(b"__csrf__", token), content_type=content_type)
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            stored = _TOKEN.sub(_PLACEHOLDER, response.content)
            django_cache.set(key, (stored, response["Content-Type"]), cache.timeout())
        return response

    return wrapper


def _topics() -> list[dict]:
    return [{"slug": slug, "label": Topic(topic).label} for topic, slug in TOPIC_SLUGS.items()]


@require_GET
@cached_for_readers
def home(request):

    latest = list(selectors.public_articles()[:7])
    programs = (
        selectors.public_programs()
        .select_related("province")
        .order_by("-phase_start", "-signed_on", "-id")[:6]
    )
    return render(
        request,
        "news/public/home.html",
        {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "programs": programs,
            "topics": _topics(),
        },
    )


@require_GET
@cached_for_readers
def article_list(request, topic_slug: str | None = None):
    topic = None
    if topic_slug is not None:
        topic = SLUG_TOPICS.get(topic_slug)
        if topic is None:
            raise Http404
    page = Paginator(selectors.public_articles(topic=topic), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "news/public/list.html",
        {"page": page, "topic": Topic(topic).label if topic else None, "topics": _topics()},
    )


@require_GET
@cached_for_readers
def article_detail(request, slug: str):
    article = selectors.public_article(slug=slug)
    images = list(article.images.all())
    # Photos go after the paragraph they were placed after; those past the end follow it.
    parts = blocks(article.body)
    sections = []
    for n in range(len(parts) + 1):
        sections.append(
            {"html": parts[n - 1] if n else "", "images": [i for i in images if i.after_paragraph == n]}
        )
    sections[-1]["images"] += [i for i in images if i.after_paragraph > len(parts)]
    return render(
        request,
        "news/public/article.html",
        {
            "article": article,
            "sections": sections,
            "cover": article.cover,
            "other": selectors.other_news(article=article),
            "topic_slug": TOPIC_SLUGS.get(article.topic),
            "programs": [p for p in article.programs.all() if p.is_public],
        },
    )


@require_GET
@cached_for_readers
def program_page(request, pk: int):
    from phoihop.people.models import Exemplar

    program = selectors.public_program(pk=pk)
    articles = selectors.public_articles(program=program.pk)[:20]
    exemplars = (
        Exemplar.objects.visible_to(selectors.ANONYMOUS)
        .filter(program=program)
        .select_related("ethnic_group")[:50]
    )
    return render(
        request,
        "news/public/program.html",
        {"program": program, "articles": articles, "exemplars": exemplars, "topics": _topics()},
    )


@require_GET
def search(request):
    """Published articles and public program pages; signed-in users are sent to the full
    search of the application."""
    q = (request.GET.get("q") or "").strip()[:200]
    raw_page = request.GET.get("page") or "1"
    page_number = max(1, min(int(raw_page), 1000)) if raw_page.isdigit() else 1
    groups = []
    articles, total, more = [], 0, False
    if q:
        articles, total, more = selectors.public_search(
            q=q, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE
        )
        groups = site_search(user=selectors.ANONYMOUS, q=q, types={"program"})

    results = [
        {
            "article": a,
            "title": highlight(a.title, q, width=400),
            "snippet": highlight(a.summary or a.body_text, q),
        }
        for a in articles
    ]
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    return render(
        request,
        "news/public/search.html",
        {
            "q": q,
            "results": results,
            "total": total,
            "more": more,
            "programs": groups[0].results if groups else [],
            "page_number": page_number,
            "has_next": page_number < pages,
            "topics": _topics(),
        },
    )


class LatestFeed(Feed):
    feed_type = Atom1Feed
    title = "Tin công tác dân tộc"
    subtitle = "Tin bài mới về các chương trình phối hợp thực hiện công tác dân tộc"

    def link(self):
        return reverse("public:list")

    def items(self):
        return selectors.public_articles()[:30]

    def item_title(self, item: Article):
        return item.title

    def item_description(self, item: Article):
        return item.summary

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article):
        return item.author_name or None


feed = cached_for_readers(LatestFeed())


@require_GET
@cached_for_readers
def sitemap(request):
    """Every public article and program page (the 50,000-URL limit of the protocol is
    far above a province's news; the national site would split it by year)."""

    articles = selectors.public_articles().values_list("slug", "updated_at")[:50000]
    programs = selectors.public_programs().values_list("pk", "updated_at")
    return render(
        request,
        "news/public/sitemap.xml",
        {"articles": articles, "programs": programs, "base": request.build_absolute_uri("/")[:-1]},
        content_type="application/xml",
    )
