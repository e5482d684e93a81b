from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from neglect_portal.admin import NeverDeletedAdmin
from priorities.models import Principle, Priority, Strategy


class PrincipleInline(admin.TabularInline):
    model = Principle
    extra = 0


class PriorityInline(NeverDeletedAdmin, admin.TabularInline):
    model = Priority
    extra = 0
    fields = ["number", "title", "sponsor_agency", "sponsor_lead"]
    autocomplete_fields = ["sponsor_agency", "sponsor_lead"]


@admin.register(Strategy)
class StrategyAdmin(NeverDeletedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "start_date", "end_date", "status"]
    list_filter = ["status", "partnership"]
    search_fields = ["title", "vision"]
    date_hierarchy = "start_date"
    inlines = [PrincipleInline, PriorityInline]


@admin.register(Priority)
class PriorityAdmin(NeverDeletedAdmin, SimpleHistoryAdmin):
    list_display = ["number", "title", "strategy", "sponsor_agency", "sponsor_lead"]
    list_filter = ["strategy__partnership", "strategy"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["sponsor_agency", "sponsor_lead"]
    list_select_related = ["strategy", "sponsor_agency", "sponsor_lead"]
