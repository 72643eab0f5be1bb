from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.agencies.models import Agency


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "kind", "level", "province", "valid_from", "valid_to", "successor")
    list_filter = ("kind", "level")
    search_fields = ("name", "short_name", "search_text")
    list_select_related = ("kind", "province", "successor")
    raw_id_fields = ("parent", "successor", "province")
