from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.news.models import Article, ArticleImage


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0
    fields = ("caption", "after_paragraph", "is_cover", "width", "height")
    readonly_fields = ("width", "height")


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    """For administrators: every article, deleted ones included (clear «deleted at» to
    restore one). Editors work in the application's pages, which sanitise the body."""

    list_display = ("title", "status", "published_at", "agency", "deleted_at")
    list_filter = ("status", "topic", ("deleted_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "search_text")
    list_select_related = ("agency",)
    raw_id_fields = ("agency", "created_by", "programs", "activities", "reviews")
    readonly_fields = ("body", "source_text", "source_key", "created_at", "updated_at")
    inlines = [ArticleImageInline]
