"""The public search page over the articles of the scale (10,000 for a province, 200,000
nationally: DESIGN.md, "Scale"), queried as a reader types, without diacritics; against the
plain count of the text index's matches for the same query."""

from __future__ import annotations

import itertools
from urllib.parse import urlencode

from django.db import connection
from django.urls import reverse

from phoihop.bench.harness import Context, Measure, operation
from phoihop.news.generate import generate_articles
from phoihop.news.models import Article
from phoihop.news.selectors import _fts5, _tsquery, query_words

ARTICLES = {"tiny": 300, "province": 10_000, "national": 200_000}
# Common words that match most articles, rarer ones, a place, a prefix still being typed.
QUERIES = [
    "ky ket chuong trinh phoi hop",
    "dan toc",
    "so ket",
    "tong ket giai doan",
    "tap huan can bo co so",
    "nguoi co uy tin",
    "khmer can tho",
    "hoi nong dan gia lai",
    "giam ngheo",
    "tao hon",
    "bien phong lai chau",
    "nha dai doan ket tra vin",
]


def _ensure_articles(scale: str) -> int:
    wanted = ARTICLES.get(scale, ARTICLES["province"])
    have = Article.objects.public().count()
    if have < wanted:
        from phoihop.agencies.models import Agency

        agency_ids = list(Agency.objects.values_list("pk", flat=True)[:200])
        generate_articles(count=wanted - have, agency_ids=agency_ids)
    return Article.objects.public().count()


def _count_sql(q: str) -> int:
    words = query_words(q)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM news_article_fts WHERE news_article_fts MATCH %s", [_fts5(words)]
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM news_article_search WHERE words @@ to_tsquery('simple', %s)",
                [_tsquery(words)],
            )
        return cursor.fetchone()[0]


@operation("search")
def search(ctx: Context) -> Measure:
    """GET /tin-tuc/tim-kiem/?q=… as an anonymous reader (first page of 12, ranked, with the
    total and the highlighted snippets), cycling through QUERIES; the public page cache is
    not involved (search pages are not cached)."""
    n = _ensure_articles(ctx.scale)
    urls = [f"{reverse('public:search')}?{urlencode({'q': q})}" for q in QUERIES]
    for url in urls:
        ctx.get(url, anonymous=True)
    queries = itertools.cycle(urls)
    base_queries = itertools.cycle(QUERIES)

    def run():
        ctx.get(next(queries), anonymous=True)

    return Measure(
        n=n,
        run=run,
        baseline=lambda: _count_sql(next(base_queries)),
        extra={"queries": len(QUERIES), "target_p95_ms": 100},
    )
