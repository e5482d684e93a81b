"""The reminders record keeps its address and name: /reports/reminders/, ``reports:reminders``.

``neglect_portal/urls.py`` includes these patterns in the ``reports`` namespace, beside the
report pages, so this module names no namespace of its own.
"""

from django.urls import path

from reminders import views

urlpatterns = [
    path("reminders/", views.ReminderListView.as_view(), name="reminders"),
]
