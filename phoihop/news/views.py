"""The editor's pages: the list of the agency's articles, writing and editing with photos,
publishing now or at a time, withdrawing, drafts from an activity or a review, and the
signed-in search over everything the user may see. Public pages are in news.public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from phoihop.activities import selectors as activity_selectors
from phoihop.core.forms import add_service_errors
from phoihop.core.history import entry
from phoihop.news import rules, selectors, services
from phoihop.news.forms import (
    ArticleFilterForm,
    ArticleForm,
    ImageEditForm,
    ImageForm,
    PublishForm,
    initial_from_article,
)
from phoihop.news.models import Article, ArticleImage
from phoihop.news.sitesearch import site_search
from phoihop.reviews import selectors as review_selectors

PAGE_SIZE = 25


@login_required
def article_list(request):
    form = ArticleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.article_list(
        user=request.user, status=filters.get("status") or None, q=filters.get("q"), mine=True
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_write": rules.can_write_articles(request.user),
        "can_import": rules.can_import_articles(request.user),
    }
    template = "news/list.html#results" if request.headers.get("HX-Request") else "news/list.html"
    return render(request, template, context)


@login_required
def article_create(request):
    if not rules.can_write_articles(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = ArticleForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                article = services.article_create(data=form.to_input(), by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Đã lưu bản nháp. Thêm ảnh rồi đăng khi sẵn sàng.")
                return redirect("news:edit", pk=article.pk)
        return render(request, "news/form.html", {"form": form}, status=400)
    initial = {
        "author_name": request.user.get_full_name(),
        "author_division": getattr(request.user.agency, "name", ""),
    }
    return render(request, "news/form.html", {"form": ArticleForm(initial=initial, user=request.user)})


def _editable(request, pk: int) -> Article:
    article = selectors.article_get(user=request.user, pk=pk)
    if not rules.can_edit_article(request.user, article):
        raise Http404
    return article


@login_required
def article_edit(request, pk: int):
    """The article's form, its photos, publishing and its history on one page."""
    article = _editable(request, pk)
    status = 200
    if request.method == "POST":
        form = ArticleForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.article_update(
                    article=article,
                    data=form.to_input(activities=article.activities.all(), reviews=article.reviews.all()),
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Đã lưu tin bài.")
                return redirect("news:edit", pk=article.pk)
        status = 400
    else:
        form = ArticleForm(initial=initial_from_article(article), user=request.user)
    return render(request, "news/edit.html", _edit_context(article, form=form), status=status)


def _edit_context(article: Article, **forms) -> dict:
    records = article.history.select_related("history_user").order_by("-history_date")[:30]
    context = {
        "article": article,
        "image_rows": [
            {"image": img, "form": ImageEditForm(instance=img, prefix=f"img{img.pk}")}
            for img in article.images.all()
        ],
        "image_form": ImageForm(),
        "publish_form": PublishForm(),
        "history": [entry(r) for r in records],
    }
    context.update(forms)
    return context


@login_required
@require_POST
def article_publish(request, pk: int):
    article = _editable(request, pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            article = services.article_publish(article=article, by=request.user, at=form.at())
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error("date" if field == "published_at" else None, errors)
        else:
            if article.status == "scheduled":
                messages.success(request, "Đã hẹn giờ đăng tin bài.")
            else:
                messages.success(request, "Đã đăng tin bài lên trang công khai.")
            return redirect("news:edit", pk=article.pk)
    context = _edit_context(
        article, form=ArticleForm(initial=initial_from_article(article), user=request.user)
    )
    context["publish_form"] = form
    return render(request, "news/edit.html", context, status=400)


def _action(request, pk: int, service, done: str):
    article = _editable(request, pk)
    try:
        service(article=article, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("news:edit", pk=article.pk)


@login_required
@require_POST
def article_withdraw(request, pk: int):
    return _action(request, pk, services.article_withdraw, "Đã gỡ tin bài khỏi trang công khai.")


@login_required
@require_POST
def article_to_draft(request, pk: int):
    return _action(request, pk, services.article_unpublish_to_draft, "Tin bài đã trở lại bản nháp.")


@login_required
@require_POST
def article_delete(request, pk: int):
    article = _editable(request, pk)
    services.article_delete(article=article, by=request.user)
    messages.success(request, "Đã xóa tin bài (quản trị hệ thống khôi phục được).")
    return redirect("news:list")


@login_required
@require_POST
def image_add(request, pk: int):
    article = _editable(request, pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.image_add(
                article=article,
                upload=d["file"],
                by=request.user,
                caption=d["caption"],
                after_paragraph=d["after_paragraph"],
                is_cover=d["is_cover"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã thêm ảnh.")
            return redirect(f"{article.get_edit_url()}#images")
    context = _edit_context(
        article, form=ArticleForm(initial=initial_from_article(article), user=request.user)
    )
    context["image_form"] = form
    return render(request, "news/edit.html", context, status=400)


def _image(request, pk: int) -> ArticleImage:
    image = get_object_or_404(ArticleImage.objects.select_related("article"), pk=pk)
    _editable(request, image.article_id)
    return image


@login_required
@require_POST
def image_edit(request, pk: int):
    image = _image(request, pk)
    form = ImageEditForm(request.POST, instance=image, prefix=f"img{image.pk}")
    if form.is_valid():
        d = form.cleaned_data
        services.image_update(
            image=image,
            by=request.user,
            caption=d["caption"],
            after_paragraph=d["after_paragraph"],
            is_cover=d["is_cover"],
        )
        messages.success(request, "Đã lưu ảnh.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{image.article.get_edit_url()}#images")


@login_required
@require_POST
def image_delete(request, pk: int):
    image = _image(request, pk)
    article = image.article
    services.image_delete(image=image, by=request.user)
    messages.success(request, "Đã xóa ảnh.")
    return redirect(f"{article.get_edit_url()}#images")


def image_file(request, pk: int, size: str):
    """A photo of an article the user may read (a public one: anybody)."""
    image = get_object_or_404(ArticleImage, pk=pk)
    if not Article.objects.visible_to(request.user).filter(pk=image.article_id).exists():
        raise Http404
    f = image.thumbnail if size == "nho" else image.file
    response = FileResponse(f.open("rb"), content_type=image.content_type)
    response["Cache-Control"] = "public, max-age=86400" if image.article.is_public else "private, max-age=0"
    return response


def _draft(request, record, service, back: str, done: str):
    """A draft article from a record (the service checks what the record must be)."""
    if not rules.can_write_articles(request.user):
        raise PermissionDenied
    try:
        article = service(record, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, done)
    return redirect("news:edit", pk=article.pk)


@login_required
@require_POST
def draft_from_activity(request, activity_pk: int):
    activity = activity_selectors.activity_get(user=request.user, pk=activity_pk)
    return _draft(
        request,
        activity,
        lambda a, by: services.article_draft_from_activity(activity=a, by=by),
        activity.get_absolute_url(),
        "Đã soạn bản nháp tin bài từ hoạt động: kiểm tra, sửa rồi đăng.",
    )


@login_required
@require_POST
def draft_from_review(request, review_pk: int):
    review = review_selectors.review_get(user=request.user, pk=review_pk)
    return _draft(
        request,
        review,
        lambda r, by: services.article_draft_from_review(review=r, by=by),
        review.get_absolute_url(),
        "Đã soạn bản nháp tin bài từ đợt sơ kết, tổng kết: kiểm tra, sửa rồi đăng.",
    )


@login_required
def import_page(request):
    """Importing an old article: paste it (or choose a file), see what the system proposes,
    correct it, confirm; the program, review or activity is created with the article."""
    if not rules.can_import_articles(request.user):
        raise PermissionDenied
    from phoihop.news.extraction import extract, match_agencies
    from phoihop.news.forms import ExtractForm, ImportConfirmForm, initial_from_extraction
    from phoihop.news.importing import EVENT_TYPES, article_import

    if request.method == "POST" and request.POST.get("step") == "confirm":
        form = ImportConfirmForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                result = article_import(proposal=form.to_proposal(), by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if result.duplicate:
                    messages.info(request, "Tin bài này đã được nhập trước đây: không tạo thêm gì.")
                else:
                    messages.success(request, f"Đã tạo: {', '.join(result.created)}.")
                if result.program is not None:
                    return redirect("programs:detail", pk=result.program.pk)
                if rules.can_edit_article(request.user, result.article):
                    return redirect("news:edit", pk=result.article.pk)
                return redirect("news:list")
        return render(request, "news/import.html", {"confirm": form}, status=400)
    if request.method == "POST":
        form = ExtractForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            result = extract(d["text"], published_on=d.get("published_on"))
            matches = match_agencies(result)
            initial = initial_from_extraction(
                text=d["text"],
                result=result,
                matches=matches,
                published_on=d.get("published_on"),
                source_name=d.get("source_name", ""),
            )
            context = {
                "confirm": ImportConfirmForm(initial=initial, user=request.user),
                "result": result,
                "event_label": EVENT_TYPES.get(result["event_type"], result["event_type"]),
                "matches": matches,
            }
            return render(request, "news/import.html", context)
        return render(request, "news/import.html", {"form": form}, status=400)
    return render(request, "news/import.html", {"form": ExtractForm()})


@login_required
def search(request):
    """One box over everything the user may see: articles, programs, activities, agencies,
    exemplars and follow-ups."""
    q = (request.GET.get("q") or "").strip()[:200]
    groups = site_search(user=request.user, q=q) if q else []
    return render(request, "news/search.html", {"q": q, "groups": groups})
