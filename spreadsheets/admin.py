from django.contrib import admin

from spreadsheets.models import Upload


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    """Uploads are a record of imports: read here, made only through the import pages."""

    list_display = ["original_name", "kind", "partnership", "uploaded_by", "status", "created_at", "imported_at"]
    list_filter = ["kind", "status", "partnership"]
    search_fields = ["original_name", "uploaded_by__email"]
    list_select_related = ["partnership", "uploaded_by"]
    readonly_fields = ["partnership", "uploaded_by", "kind", "original_name", "size", "status", "created_at"]
    readonly_fields += ["imported_at", "result"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
