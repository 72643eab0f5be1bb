from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.people.models import Exemplar, Recognition


class RecognitionInline(admin.TabularInline):
    model = Recognition
    extra = 0
    raw_id_fields = ("activity", "created_by")


@admin.register(Exemplar)
class ExemplarAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "kind",
        "program",
        "ethnic_group",
        "field",
        "is_prestigious",
        "consent_to_publish",
    )
    list_filter = ("kind", "field", "is_prestigious", "consent_to_publish")
    search_fields = ("name", "search_text")
    list_select_related = ("program", "ethnic_group")
    raw_id_fields = ("program", "locality", "created_by")
    inlines = [RecognitionInline]


@admin.register(Recognition)
class RecognitionAdmin(SimpleHistoryAdmin):
    list_display = ("exemplar", "form", "level", "issuer", "decision_number", "date")
    list_filter = ("form", "level")
    list_select_related = ("exemplar",)
    raw_id_fields = ("exemplar", "activity", "created_by")
