"""Search that ignores case and diacritics, the same on SQLite and PostgreSQL.

Each searchable model keeps a folded copy of its text in `search_text` (see
core.models.Searchable). A query is folded the same way and every word must appear:
'ky ket dan toc' finds 'Ký kết chương trình phối hợp thực hiện công tác dân tộc'. The
folded column is plain ASCII, so `contains` behaves identically on both databases.
"""

import re

from django.db.models import F, QuerySet

from phoihop.core.text import fold

_WORD = re.compile(r"\w+")


def search(queryset: QuerySet, q: str | None, field: str = "search_text") -> QuerySet:
    for word in fold(q).split()[:10]:
        # search_text is stored as " word word ", so " w" matches the start of a word.
        queryset = queryset.filter(**{f"{field}__contains": f" {word}"})
    return queryset


def vn_order(field: str, descending: bool = False):
    """An order_by() expression sorting a text field in Vietnamese alphabetical order:
    ICU's "vi-x-icu" collation on PostgreSQL, the "vi" collation core.apps gives SQLite."""
    from django.db import connection
    from django.db.models.functions import Collate

    expression = Collate(F(field), "vi-x-icu" if connection.vendor == "postgresql" else "vi")
    return expression.desc() if descending else expression.asc()


def highlight(text: str, q: str | None, width: int = 240) -> str:
    """An escaped snippet of `text` around the first word matching the query, every
    matching word wrapped in <mark> (words compared folded, so "dan" marks "dân")."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    words = fold(q).split()
    text = " ".join((text or "").split())
    if not text:
        return ""
    tokens = list(_WORD.finditer(text))
    hits = [m for m in tokens if any(fold(m.group()).startswith(w) for w in words)] if words else []
    start = 0
    if hits and hits[0].start() > width // 3:
        start = text.rfind(" ", 0, hits[0].start() - width // 3) + 1
    end = min(len(text), start + width)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + width // 2)
    out, pos = [], start
    for m in hits:
        if m.start() < start or m.end() > end:
            continue
        out.append(escape(text[pos : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        pos = m.end()
    out.append(escape(text[pos:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece of text is escaped above
