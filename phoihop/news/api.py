"""Articles API, /api/v1/articles, and the search, /api/v1/search: the same selectors,
services and rules as the pages.

Reading needs no credential: an anonymous caller gets published articles only (a draft
answers 404, as if it did not exist) and searches published articles and public program
pages. Writing needs a token or a session (401 without) and the role of news editor of
the article's agency, or administrator (403 otherwise).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, PatchDict, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from phoihop.accounts.api_auth import optional, required
from phoihop.core.api_tools import check, field_names
from phoihop.news import rules, selectors, services
from phoihop.news.importing import EVENT_TYPES
from phoihop.news.models import Article, Topic
from phoihop.news.models import Status as ArticleStatus
from phoihop.news.sitesearch import TYPES, site_search
from phoihop.programs.models import Program

router = Router(tags=["articles"], auth=optional)
search_router = Router(tags=["search"], auth=optional)

API_FIELD_NAMES = {"programs": "program_ids", "published_at": "published_at"}


class ArticleOut(Schema):
    id: int
    title: str
    slug: str
    summary: str
    body: str = Field(description="HTML đã làm sạch.")
    status: str = Field(json_schema_extra={"enum": list(ArticleStatus.values)})
    topic: str = Field(json_schema_extra={"enum": list(Topic.values)})
    published_at: dt.datetime | None
    author_name: str
    author_division: str
    program_ids: list[int]
    url: str | None = Field(description="Địa chỉ trang công khai (khi tin đã đăng).")

    @staticmethod
    def resolve_program_ids(article: Article) -> list[int]:
        return [p.pk for p in article.programs.all()]

    @staticmethod
    def resolve_url(article: Article) -> str | None:
        return article.get_absolute_url() if article.is_public else None


class ArticleIn(Schema):
    title: str
    summary: str = ""
    body: str = Field(
        "", description="HTML; được làm sạch khi lưu (script, on…=, iframe, javascript:, style bị loại)."
    )
    topic: str = Field(Topic.ACTIVITY, json_schema_extra={"enum": list(Topic.values)})
    author_name: str = ""
    author_division: str = ""
    program_ids: list[int] = []
    status: str | None = Field(
        None,
        description="«published» đăng ngay, hoặc hẹn giờ khi có published_at sau bây giờ; «withdrawn» gỡ tin; «draft».",
        json_schema_extra={"enum": list(ArticleStatus.values)},
    )
    published_at: dt.datetime | None = Field(None, description="Thời điểm hẹn đăng (phải sau bây giờ).")


class SearchResult(Schema):
    type: str = Field(json_schema_extra={"enum": list(TYPES)})
    id: int
    title: str
    url: str
    snippet: str = Field(description="Đoạn trích, từ khớp đặt trong <mark>.")


def _input(values: dict, current: Article | None) -> services.ArticleInput:
    data = services.input_from_article(current) if current is not None else services.ArticleInput(title="")
    for key in ("title", "summary", "body", "topic", "author_name", "author_division"):
        if key in values and values[key] is not None:
            setattr(data, key, values[key])
    if "program_ids" in values:
        ids = set(values["program_ids"] or [])
        found = list(Program.objects.filter(pk__in=ids, deleted_at__isnull=True))
        missing = ids - {p.pk for p in found}
        if missing:
            raise ValidationError(
                {"program_ids": [f"Không có chương trình mã {', '.join(map(str, sorted(missing)))}."]}
            )
        data.programs = found
    return data


def _apply_status(article: Article, values: dict, by) -> Article:
    status, at = values.get("status"), values.get("published_at")
    if status in (None, article.status) and at is None:
        return article
    if status not in ArticleStatus.values and status is not None:
        raise ValidationError(
            {"status": [f"Trạng thái «{status}» không có: chọn draft, scheduled, published, withdrawn."]}
        )
    if status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED) or (status is None and at is not None):
        if status == ArticleStatus.SCHEDULED and at is None:
            raise ValidationError({"published_at": ["Cần thời điểm hẹn đăng."]})
        return services.article_publish(article=article, by=by, at=at)
    if status == ArticleStatus.WITHDRAWN:
        return services.article_withdraw(article=article, by=by)
    return services.article_unpublish_to_draft(article=article, by=by)


@router.get("", response=list[ArticleOut], summary="Danh sách tin bài")
@paginate(LimitOffsetPagination)
def article_list(
    request: HttpRequest, status: str | None = None, program: int | None = None, q: str | None = None
):
    """Articles the caller may read, the latest first: published ones for everybody, and
    for the users of an agency its own in every status. `q` ignores case and diacritics."""
    if status and status not in ArticleStatus.values:
        raise ValidationError({"status": [f"Trạng thái «{status}» không có."]})
    qs = selectors.article_list(user=request.auth, status=status, program=program)
    if q:
        page = selectors.article_search(user=request.auth, q=q, limit=None, within=qs)
        return selectors.in_order(qs, page.ids)
    return qs.order_by("-published_at", "-id")


@router.post("", response={201: ArticleOut}, auth=required, summary="Viết tin bài")
def article_create(request: HttpRequest, payload: ArticleIn):
    """A draft; with `status: published` it is published at once (or scheduled with a
    future `published_at`), in the same transaction: a refused publication saves nothing."""
    check(rules.can_write_articles(request.auth), services.DENIED)
    values = payload.model_dump()
    data = _input(values, None)
    from django.db import transaction

    with field_names(API_FIELD_NAMES), transaction.atomic():
        article = services.article_create(data=data, by=request.auth)
        _apply_status(article, values, request.auth)
    return Status(201, selectors.article_get(user=request.auth, pk=article.pk))


class ExtractIn(Schema):
    text: str = Field(description="Nội dung tin bài (tối đa 1 MB).")
    published_on: dt.date | None = Field(
        None, description="Ngày đăng, để suy ra năm khi bài chỉ ghi ngày, tháng."
    )


class AgencyMatch(Schema):
    name: str
    extracted_name: str
    agency_id: int | None
    is_new: bool


class ExtractOut(Schema):
    event_type: str = Field(json_schema_extra={"enum": list(EVENT_TYPES)})
    is_coordination_program_event: bool
    event_date: str | None = Field(description="YYYY-MM-DD, hoặc ????-MM-DD khi bài không ghi năm.")
    province: str | None
    lead_agency: str | None
    partner_agencies: list[str]
    phase_start: int | None
    phase_end: int | None
    people: list[dict]
    content_areas: list[str]
    matches: dict = Field(description="Cơ quan, tỉnh trong hệ thống ứng với tên đã đọc được.")


@router.post("/extract", response=ExtractOut, auth=required, summary="Đọc một tin bài cũ")
def article_extract(request: HttpRequest, payload: ExtractIn):
    """What the text describes, as the import page proposes it (the same code as
    `phoihop extract`): event, date, province, agencies (matched to the system's), phase,
    people, content areas. Nothing is written."""
    from phoihop.news.extraction import ExtractionInputError, extract, match_agencies

    check(
        rules.can_import_articles(request.auth), "Chỉ cán bộ, biên tập viên các cơ quan được nhập tin bài cũ."
    )
    try:
        result = extract(payload.text, published_on=payload.published_on)
    except ExtractionInputError as exc:
        raise ValidationError({"text": [str(exc)]}) from None
    return {**result, "matches": match_agencies(result)}


@router.get("/{article_id}", response=ArticleOut, summary="Một tin bài")
def article_detail(request: HttpRequest, article_id: int):
    return selectors.article_get(user=request.auth, pk=article_id)


@router.patch("/{article_id}", response=ArticleOut, auth=required, summary="Sửa, đăng, gỡ tin bài")
def article_update(request: HttpRequest, article_id: int, payload: PatchDict[ArticleIn]):
    article = selectors.article_get(user=request.auth, pk=article_id)
    check(rules.can_edit_article(request.auth, article), services.DENIED)
    from django.db import transaction

    with field_names(API_FIELD_NAMES), transaction.atomic():
        if set(payload) - {"status", "published_at"}:
            article = services.article_update(article=article, data=_input(payload, article), by=request.auth)
        _apply_status(article, payload, request.auth)
    return selectors.article_get(user=request.auth, pk=article_id)


@search_router.get("", response=list[SearchResult], summary="Tìm kiếm")
def search(request: HttpRequest, q: str = "", type: str | None = None, limit: int = 10):
    """Published articles and public program pages for everybody; signed-in users also
    their agency's articles, programs, activities, agencies, exemplars and follow-ups they
    may see. Case, diacritics (đ included) and tone placement are ignored; articles are
    ranked (title matches first), agencies and exemplars sorted by name in Vietnamese
    order. `type` limits to one kind; `limit` (1–50) results per kind."""
    if type and type not in TYPES:
        raise ValidationError({"type": [f"Loại «{type}» không có: chọn một trong {', '.join(TYPES)}."]})
    limit = max(1, min(limit, 50))
    groups = site_search(user=request.auth, q=q, per_group=limit, types={type} if type else None)
    return [
        {k: str(v) if k == "snippet" else v for k, v in r.items() if k != "title_html"}
        for g in groups
        for r in g.results
    ]
