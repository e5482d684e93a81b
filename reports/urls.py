from django.urls import path

from reports import reminder_views

app_name = "reports"

urlpatterns = []

urlpatterns += [path("reminders/", reminder_views.ReminderListView.as_view(), name="reminders")]
