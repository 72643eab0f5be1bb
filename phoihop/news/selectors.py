"""Reads of articles for the public site, the editor's pages, the API and search.

Search (`article_search`) goes through the database's own text index over the folded
columns (migration 0002): FTS5 with bm25 on SQLite, a weighted tsvector with ts_rank on
PostgreSQL; the newest WINDOW matches are ranked. The query is folded by core.text.fold like the stored text, so case,
diacritics, đ and old or new tone placement make no difference; every word must match,
the last one as a prefix (the reader may still be typing)."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from phoihop.core.text import fold
from phoihop.news.models import Article, ArticleImage, Status
from phoihop.programs.models import Program

MAX_WORDS = 10


def _with_parts(qs: QuerySet) -> QuerySet:
    return qs.select_related("agency").prefetch_related(
        Prefetch("images", queryset=ArticleImage.objects.order_by("after_paragraph", "id")),
        Prefetch(
            "programs", queryset=Program.objects.only("pk", "title", "status", "phase_start", "phase_end")
        ),
    )


def public_articles(*, topic: str | None = None, program: int | None = None) -> QuerySet:
    qs = Article.objects.public()
    if topic:
        qs = qs.filter(topic=topic)
    if program:
        qs = qs.filter(programs=program)
    return _with_parts(qs).order_by("-published_at", "-id")


def public_article(*, slug: str) -> Article:
    return get_object_or_404(_with_parts(Article.objects.public()), slug=slug)


def other_news(*, article: Article, n: int = 6) -> QuerySet:
    """The latest public articles but this one (the "Tin khác" list of every article)."""
    return Article.objects.public().exclude(pk=article.pk).order_by("-published_at", "-id")[:n]


def article_list(
    *, user, status: str | None = None, q: str | None = None, program: int | None = None, mine: bool = False
) -> QuerySet:
    """Articles the user may see in the editor's list, newest first; drafts of the user's
    agency included."""
    qs = Article.objects.visible_to(user)
    if status:
        qs = qs.filter(status=status)
    if program:
        qs = qs.filter(programs=program)
    if mine and user.is_authenticated and user.agency_id:
        qs = qs.filter(agency_id=user.agency_id)
    if q:
        ids = article_search(user=user, q=q, limit=None, within=qs).ids
        return _with_parts(qs.filter(pk__in=ids)).order_by("-updated_at", "-id")
    return _with_parts(qs).order_by("-updated_at", "-id")


def article_get(*, user, pk: int) -> Article:
    return get_object_or_404(_with_parts(Article.objects.visible_to(user)), pk=pk)


# The public site's reader: what anonymous visitors see is what visible_to gives them.
ANONYMOUS = AnonymousUser()


def public_programs() -> QuerySet:
    """Signed, active and closed programs: those with a public page."""
    return Program.objects.visible_to(ANONYMOUS)


def public_program(*, pk: int) -> Program:
    """A signed (or active, closed) program for its public page."""
    return get_object_or_404(
        public_programs().select_related("province").prefetch_related("parties__agency", "content_areas"),
        pk=pk,
    )


# Search -------------------------------------------------------------------------------


def query_words(q: str | None) -> list[str]:
    return fold(q).split()[:MAX_WORDS]


# Whole words, but the last one, which may still be being typed, as a prefix: a prefix of
# a short common word ("co"*: có, con, công, cộng…) costs the index far more than the word.
def _fts5(words: list[str]) -> str:
    # Folded words are [0-9a-z]+ only, so quoting them is all the escaping FTS5 needs.
    return " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])


def _tsquery(words: list[str]) -> str:
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


# The most recent matches that are ranked. A word such as "dân tộc" matches nearly every
# article of an ethnic-affairs archive: ranking 200,000 matches costs hundreds of
# milliseconds on either database, so the newest WINDOW matches (by id: the order articles
# were added) are ranked, and a query that fills the window reports "more than WINDOW".
# docs/performance.md has the figures that chose 1,000.
WINDOW = 1000


@dataclass
class SearchPage:
    ids: list[int]
    total: int  # matches the user may see, or WINDOW when there are more (more is True)
    more: bool = False


def _visibility(user, now) -> tuple[str, list]:
    """ArticleQuerySet.visible_to as a WHERE fragment on the alias `a`, for the search
    query, which must walk the text index's matches newest first and look each row up by
    its key (tests check that both agree). On SQLite the unary + keeps the planner from
    walking the status index over every public article instead."""
    plus = "+" if connection.vendor == "sqlite" else ""
    alive = "a.deleted_at IS NULL"
    public = (
        f"({plus}a.status IN ('{Status.PUBLISHED}', '{Status.SCHEDULED}') AND {plus}a.published_at <= %s)"
    )
    if user.is_authenticated and user.is_superuser:
        return alive, []
    if user.is_authenticated and user.agency_id:
        return f"{alive} AND ({public} OR {plus}a.agency_id = %s)", [now, user.agency_id]
    return f"{alive} AND {public}", [now]


# PostgreSQL (the narrow search table of migration 0003): either plan alone depends on the
# planner's estimate of the matches, and a wrong one cost a walk over most of the table or
# a bitmap of 20,000 wide rows (docs/performance.md). So the newest SPAN rows are examined
# one by one, newest first; if the matches met so far would fill the window within WALK
# rows, the walk goes on that far; what is still missing comes from the GIN index.
SPAN = 20000
WALK = 60000


def _walk_pg(cursor, query: str, where: str, params: list, *, below: int | None, rows: int, want: int):
    """Matches among the `rows` newest rows under the id `below`, newest first, at most
    `want`; and the oldest id examined when fewer were found (None when no row was left)."""
    under, bound = ("WHERE article_id < %s", [below]) if below else ("", [])
    # The LIMIT inside bounds the walk whatever the planner estimates.
    cursor.execute(
        f"SELECT a.article_id FROM (SELECT * FROM news_article_search {under} ORDER BY article_id DESC LIMIT %s) AS a WHERE a.words @@ to_tsquery('simple', %s) AND {where} ORDER BY a.article_id DESC LIMIT %s",  # noqa: E501, S608
        [*bound, rows, query, *params, want],
    )
    found = [row[0] for row in cursor.fetchall()]
    if len(found) >= want:
        return found, None
    cursor.execute(
        f"SELECT article_id FROM news_article_search {under} ORDER BY article_id DESC OFFSET %s LIMIT 1",  # noqa: S608
        [*bound, rows - 1],
    )
    edge = cursor.fetchone()
    return found, edge[0] if edge else None


def _matches_pg(cursor, query: str, where: str, params: list) -> list[int]:
    ids, edge = _walk_pg(cursor, query, where, params, below=None, rows=SPAN, want=WINDOW)
    walked = SPAN
    if len(ids) < WINDOW and edge and ids and (WINDOW - len(ids)) * walked / len(ids) <= WALK - walked:
        more, edge = _walk_pg(
            cursor, query, where, params, below=edge, rows=WALK - walked, want=WINDOW - len(ids)
        )
        ids += more
    if len(ids) < WINDOW and edge:
        # Ordering by an expression leaves the primary key out: the GIN index's matches
        # are read as a bitmap and the newest kept.
        cursor.execute(
            f"SELECT a.article_id FROM news_article_search AS a WHERE a.words @@ to_tsquery('simple', %s) AND a.article_id < %s AND {where} ORDER BY a.article_id + 0 DESC LIMIT %s",  # noqa: E501, S608
            [query, edge, *params, WINDOW - len(ids)],
        )
        ids += [row[0] for row in cursor.fetchall()]
    return ids


def _candidates(words: list[str], user) -> list[tuple[int, float]]:
    """(id, score) of the newest WINDOW matches the user may read, lower score better."""
    where, params = _visibility(user, timezone.now())
    # `where` is made of constants; every value is a parameter.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # CROSS JOIN keeps the text index outside: its matches, newest first, each looked
            # up by key, until WINDOW readable ones are found.
            sql = f"SELECT f.rowid, bm25(news_article_fts, 5.0, 1.0) FROM news_article_fts AS f CROSS JOIN news_article AS a ON a.id = f.rowid WHERE news_article_fts MATCH %s AND {where} ORDER BY f.rowid DESC LIMIT %s"  # noqa: E501, S608
            cursor.execute(sql, [_fts5(words), *params, WINDOW])
            return cursor.fetchall()
        query = _tsquery(words)
        ids = _matches_pg(cursor, query, where, params)
        if not ids:
            return []
        # The rank, from the weighted vector, for the window's rows only.
        cursor.execute(
            "SELECT id, -ts_rank(search_vector, to_tsquery('simple', %s)) FROM news_article WHERE id = ANY(%s)",
            [query, ids],
        )
        return cursor.fetchall()


def article_search(
    *, user, q: str | None, limit: int | None = 20, offset: int = 0, within=None
) -> SearchPage:
    """Ids of the articles the user may read (published ones for everybody, an agency's
    own for its users, all for administrators: ArticleQuerySet.visible_to) matching `q`,
    best first (title matches weigh more, then the newer), and how many match. `within`,
    a queryset, narrows the results further (an editor's list filtered by status)."""
    words = query_words(q)
    if not words:
        return SearchPage([], 0)
    candidates = _candidates(words, user)
    score = dict(candidates)
    ids = list(score)
    if within is not None and ids:
        ids = list(within.filter(pk__in=ids).values_list("pk", flat=True))
    ids.sort(key=lambda pk: (score[pk], -pk))
    more = len(candidates) >= WINDOW
    page = ids[offset : offset + limit] if limit is not None else ids[offset:]
    return SearchPage(page, len(ids), more)


def in_order(qs: QuerySet, ids: list[int]) -> list:
    """The rows of `qs` with these ids, in the ids' order."""
    rows = {row.pk: row for row in qs.filter(pk__in=ids)}
    return [rows[i] for i in ids if i in rows]


def public_search(*, q: str | None, limit: int = 20, offset: int = 0) -> tuple[list[Article], int, bool]:
    """Published articles matching `q`, ranked; their number; whether there are more than
    WINDOW (then the number is WINDOW)."""
    page = article_search(user=ANONYMOUS, q=q, limit=limit, offset=offset)
    return in_order(_with_parts(Article.objects.all()), page.ids), page.total, page.more


STATUS_LABELS = dict(Status.choices)
