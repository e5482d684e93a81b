"""The steering group's meeting dates, among the business manager's settings (namespace "settings")."""

from django.urls import path

from changes import views

urlpatterns = [
    path("meetings/", views.MeetingSettingsView.as_view(), name="meetings"),
]
