from django.contrib import admin

from reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "period", "kind", "status", "sent_at"]
    list_filter = ["kind", "status", "partnership", "period"]
    search_fields = ["user__email"]
