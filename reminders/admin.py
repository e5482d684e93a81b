from django.contrib import admin

from reminders.models import Alert, AlertEmail, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "period", "kind", "status", "sent_at"]
    list_filter = ["kind", "status", "partnership", "period"]
    search_fields = ["user__email"]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["kind", "indicator", "action", "occasion", "partnership", "happened_at"]
    list_filter = ["kind", "partnership"]
    raw_id_fields = ["indicator", "action"]


@admin.register(AlertEmail)
class AlertEmailAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "digest_day", "status", "sent_at"]
    list_filter = ["status", "partnership"]
    search_fields = ["user__email"]
