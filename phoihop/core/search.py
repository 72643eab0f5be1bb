"""Search that ignores case and diacritics, the same on SQLite and PostgreSQL.

Each searchable model keeps a folded copy of its text in `search_text` (see
core.models.Searchable). A query is folded the same way and every word must appear:
'ky ket dan toc' finds 'Ký kết chương trình phối hợp thực hiện công tác dân tộc'. The
folded column is plain ASCII, so `contains` behaves identically on both databases.
"""

from django.db.models import QuerySet

from phoihop.core.text import fold


def search(queryset: QuerySet, q: str | None, field: str = "search_text") -> QuerySet:
    for word in fold(q).split()[:10]:
        # search_text is stored as " word word ", so " w" matches the start of a word.
        queryset = queryset.filter(**{f"{field}__contains": f" {word}"})
    return queryset
