"""Reference data is loaded by `phoihop refdata load`, never edited by hand: the admin
shows it read-only, with a search that ignores case and diacritics."""

from django.contrib import admin

from phoihop.core.search import search
from phoihop.reference.models import AdministrativeUnit, AgencyKind, EthnicGroup


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FoldedSearchMixin:
    """Search the folded `search_text` column: SQLite's LIKE is ASCII-only, so `icontains`
    would miss "Cần Thơ" for "cần thơ"."""

    search_fields = ("search_text",)  # turns the search box on; the lookup is below

    def get_search_results(self, request, queryset, search_term):
        return search(queryset, search_term), False


@admin.register(EthnicGroup)
class EthnicGroupAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    list_display = ("code", "name", "aliases_text", "is_minority", "code_system")
    list_filter = ("code_system", "is_minority")
    fields = ("code_system", "code", "name", "aliases", "is_minority")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    list_display = ("code", "name", "division_type", "level", "era", "parent")
    list_filter = ("era", "level", "division_type")
    list_select_related = ("parent",)
    fields = ("era", "level", "code", "name", "division_type", "parent", "successors")
    show_full_result_count = False


@admin.register(AgencyKind)
class AgencyKindAdmin(ReadOnlyAdmin):
    list_display = ("order", "code", "name")
    search_fields = ("code", "name")
