from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import Delivery, DistributionList, QuarterlyReport, Recipient


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(DistributionList)
class DistributionListAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "kind"]
    list_filter = ["partnership", "kind"]
    search_fields = ["name", "recipients__email"]
    inlines = [RecipientInline]


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    readonly_fields = ["name", "email", "status", "attempts", "last_error", "sent_at"]
    can_delete = False


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(SimpleHistoryAdmin):
    """Reports are started, issued and sent in the portal; here they can be looked at and tidied."""

    list_display = ["strategy", "period", "status", "issued_at", "sent_at"]
    list_filter = ["status", "strategy__partnership"]
    search_fields = ["strategy__title", "period"]
    readonly_fields = ["status", "snapshot_at", "issued_at", "issued_by", "sent_at"]
    inlines = [DeliveryInline]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj)]
        if obj is not None:
            fields += ["strategy", "period", "period_start"]
            if obj.status != QuarterlyReport.Status.DRAFT:
                # An issued report is frozen: its commentary is part of what the board received.
                fields += ["going_well", "worrying", "decisions", "issues_and_risks"]
        return fields


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["report", "email", "status", "attempts", "sent_at"]
    list_filter = ["status", "report__strategy__partnership"]
    search_fields = ["email", "name"]
    list_select_related = ["report", "report__strategy"]
