"""Caching of the public pages. A cached page's key carries the latest `updated_at` of the
articles and of the programs (an indexed max each), which every write to an article, its
photos or a program moves on, so readers never see a stale list, whichever process or server made the
change; a page is also kept no longer than until the next scheduled article falls due."""

import datetime as dt

from django.db.models import Max
from django.utils import timezone

TIMEOUT = 600


def version() -> str:
    """The latest change to an article or a program (the home page lists programs too)."""
    from phoihop.news.models import Article
    from phoihop.programs.models import Program

    parts = []
    for model in (Article, Program):
        latest = model.objects.aggregate(latest=Max("updated_at"))["latest"]
        parts.append(latest.isoformat() if latest else "0")
    return "|".join(parts)


def touch(article_id: int) -> None:
    """Mark an article changed (its photos changed, which its own row does not show)."""
    from phoihop.news.models import Article

    Article.objects.filter(pk=article_id).update(updated_at=timezone.now())


def timeout(now: dt.datetime | None = None) -> int:
    """Seconds a public page may be cached: TIMEOUT, or less when a scheduled article
    becomes public sooner."""
    from phoihop.news.models import Article, Status

    now = now or timezone.now()
    due = (
        Article.objects.alive()
        .filter(status=Status.SCHEDULED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if due is None:
        return TIMEOUT
    return max(1, min(TIMEOUT, int((due - now).total_seconds()) + 1))
