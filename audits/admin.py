from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audits.models import Audit, Finding, Recommendation


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    autocomplete_fields = ["owner_agency", "owner", "actions"]


@admin.register(Audit)
class AuditAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "partnership", "completed_on", "case_count"]
    list_filter = ["kind", "partnership"]
    search_fields = ["title", "scope", "summary"]
    date_hierarchy = "completed_on"
    inlines = [FindingInline, RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "audit", "owner_agency", "due_date", "status"]
    list_filter = ["status", "audit__partnership"]
    search_fields = ["reference", "text"]
    autocomplete_fields = ["owner_agency", "owner", "actions"]
    list_select_related = ["audit", "owner_agency"]


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ["audit", "kind", "text"]
    list_filter = ["kind", "audit__partnership"]
    search_fields = ["text"]
