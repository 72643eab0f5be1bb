from django.contrib import admin

from phoihop.reports.models import DocumentTemplate, ReportBuild


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "original_name", "is_active", "uploaded_by", "uploaded_at", "replaced_at")
    list_filter = ("kind", "is_active")
    exclude = ("content",)
    # Changed only through the templates page (services.template_upload checks every file).
    readonly_fields = (
        "kind", "original_name", "size", "is_active", "uploaded_by", "uploaded_at", "replaced_by", "replaced_at",
    )  # fmt: skip

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ReportBuild)
class ReportBuildAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "program", "fmt", "status", "progress", "requested_by", "created_at")
    list_filter = ("kind", "status", "fmt")
    raw_id_fields = ("program", "requested_by")
