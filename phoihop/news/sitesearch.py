"""One search box over everything a user may see, in groups by kind of record: articles
(ranked by the text index, news.selectors), programs, activities, agencies, exemplars
and follow-ups (every folded word must appear, core.search). Each group holds at most
`per_group` results and says how many there are; agencies and exemplars are sorted by
name in Vietnamese order, the others newest first. Results are
`{type, id, title, url, snippet}` for the API; pages add the group's label and count.
Each group reads through its app's own list selector, so visibility and matching are the
list pages' own.

Anonymous callers (the public site, the API without a token) get published articles and
public program pages only."""

from dataclasses import dataclass, field

from django.urls import reverse

from phoihop.core.search import highlight, vn_order
from phoihop.news import selectors
from phoihop.news.models import Article

TYPES = {
    "article": "Tin bài",
    "program": "Chương trình",
    "activity": "Hoạt động",
    "agency": "Cơ quan",
    "exemplar": "Điển hình tiêu biểu",
    "followup": "Việc cần thực hiện",
}


@dataclass
class Group:
    type: str
    label: str
    total: int
    results: list[dict] = field(default_factory=list)
    more: bool = False  # more matches than news.selectors.WINDOW (total is the window)


def _result(kind: str, pk: int, title: str, url: str, text: str, q: str) -> dict:
    return {
        "type": kind,
        "id": pk,
        "title": title,
        "title_html": highlight(title, q, width=400),
        "url": url,
        "snippet": highlight(text, q),
    }


def _articles(user, q: str, n: int, public: bool) -> Group:
    page = selectors.article_search(user=user, q=q, limit=n)
    rows = selectors.in_order(Article.objects.all(), page.ids)
    return Group(
        type="article",
        label=TYPES["article"],
        total=page.total,
        more=page.more,
        results=[
            _result(
                "article",
                a.pk,
                a.title,
                a.get_absolute_url() if public or a.is_public else a.get_edit_url(),
                a.summary or a.body_text,
                q,
            )
            for a in rows
        ],
    )


def _programs(user, q: str, n: int, public: bool) -> Group:
    from phoihop.programs.selectors import program_list

    qs = program_list(user=user, q=q).order_by("-phase_start", "-id")
    rows = list(qs[:n])
    name = "public:program" if public else "programs:detail"
    return Group(
        "program",
        TYPES["program"],
        qs.count(),
        [_result("program", p.pk, p.title, reverse(name, args=[p.pk]), p.summary, q) for p in rows],
    )


def _activities(user, q: str, n: int) -> Group:
    from phoihop.activities.selectors import activity_list

    qs = activity_list(user=user, q=q, parts=False).order_by("-start_date", "-id")
    rows = list(qs[:n])
    return Group(
        "activity",
        TYPES["activity"],
        qs.count(),
        [
            _result(
                "activity", a.pk, a.title, a.get_absolute_url(), f"{a.organiser.name}. {a.description}", q
            )
            for a in rows
        ],
    )


def _agencies(user, q: str, n: int) -> Group:
    from phoihop.agencies.selectors import agency_list

    qs = agency_list(q=q).order_by(vn_order("name"), "id")
    rows = list(qs[:n])
    return Group(
        "agency",
        TYPES["agency"],
        qs.count(),
        [
            _result("agency", a.pk, a.name, reverse("agencies:detail", args=[a.pk]), str(a.province or ""), q)
            for a in rows
        ],
    )


def _exemplars(user, q: str, n: int) -> Group:
    from phoihop.people.selectors import exemplar_list

    qs = exemplar_list(user=user, q=q).order_by(vn_order("name"), "id")
    rows = list(qs[:n])
    return Group(
        "exemplar",
        TYPES["exemplar"],
        qs.count(),
        [_result("exemplar", e.pk, e.name, e.get_absolute_url(), e.achievements, q) for e in rows],
    )


def _followups(user, q: str, n: int) -> Group:
    from phoihop.reviews.selectors import followup_list

    qs = followup_list(user=user, q=q).order_by("-due_date", "-id")
    rows = list(qs[:n])
    return Group(
        "followup",
        TYPES["followup"],
        qs.count(),
        [
            _result(
                "followup",
                f.pk,
                f.text[:200],
                f.get_absolute_url(),
                f"{f.assignee.name}. {f.closing_note}",
                q,
            )
            for f in rows
        ],
    )


def site_search(*, user, q: str, per_group: int = 10, types: set[str] | None = None) -> list[Group]:
    """The groups with at least one result, in TYPES order."""
    if not selectors.query_words(q):
        return []
    public = not user.is_authenticated
    wanted = types or set(TYPES)
    groups = []
    if "article" in wanted:
        groups.append(_articles(user, q, per_group, public))
    if "program" in wanted:
        groups.append(_programs(user, q, per_group, public))
    if not public:
        finders = {
            "activity": _activities,
            "agency": _agencies,
            "exemplar": _exemplars,
            "followup": _followups,
        }
        groups.extend(finder(user, q, per_group) for kind, finder in finders.items() if kind in wanted)
    return [g for g in groups if g.total]
