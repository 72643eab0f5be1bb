from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from phoihop.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "agency", "role", "is_active", "is_superuser")
    list_filter = ("role", "is_active", "is_superuser")
    list_select_related = ("agency",)
    fieldsets = (*BaseUserAdmin.fieldsets, ("Cơ quan", {"fields": ("agency", "role", "title")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("Cơ quan", {"fields": ("agency", "role")}))
    autocomplete_fields = ("agency",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
    list_select_related = ("user",)
