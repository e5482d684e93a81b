from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, ProgressUpdate
from neglect_portal.admin import NeverDeletedAdmin


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    fields = ["update_date", "author", "status", "narrative", "evidence_url"]
    readonly_fields = fields
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(NeverDeletedAdmin, SimpleHistoryAdmin):
    list_display = ["reference", "title", "priority", "lead_agency", "lead", "due_date", "status"]
    list_filter = ["status", "priority__strategy__partnership", "lead_agency"]
    search_fields = ["reference", "title", "description", "success_measure"]
    date_hierarchy = "due_date"
    autocomplete_fields = ["priority", "lead_agency", "lead"]
    list_select_related = ["priority", "lead_agency", "lead"]
    inlines = [ProgressUpdateInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["action", "update_date", "author", "status"]
    list_filter = ["status", "action__priority__strategy__partnership"]
    search_fields = ["narrative", "action__reference", "action__title"]
    list_select_related = ["action", "author"]
    autocomplete_fields = ["action", "author"]

    # Append-only: updates are added, never changed or removed.
    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
