from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audits.models import Audit, Finding, Recommendation
from neglect_portal.admin import NeverDeletedAdmin


class FindingInline(NeverDeletedAdmin, admin.TabularInline):
    model = Finding
    extra = 0


class RecommendationInline(NeverDeletedAdmin, admin.StackedInline):
    model = Recommendation
    extra = 0
    autocomplete_fields = ["owner_agency", "owner", "actions"]


@admin.register(Audit)
class AuditAdmin(NeverDeletedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "partnership", "completed_on", "case_count"]
    list_filter = ["kind", "partnership"]
    search_fields = ["title", "scope", "summary"]
    date_hierarchy = "completed_on"
    inlines = [FindingInline, RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(NeverDeletedAdmin, SimpleHistoryAdmin):
    list_display = ["reference", "audit", "owner_agency", "due_date", "status"]
    list_filter = ["status", "audit__partnership"]
    search_fields = ["reference", "text"]
    autocomplete_fields = ["owner_agency", "owner", "actions"]
    list_select_related = ["audit", "owner_agency"]


@admin.register(Finding)
class FindingAdmin(NeverDeletedAdmin, SimpleHistoryAdmin):
    list_display = ["audit", "kind", "text"]
    list_filter = ["kind", "audit__partnership"]
    search_fields = ["text"]
