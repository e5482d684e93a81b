"""The dashboard of the action plan: ``accounts:dashboard`` (the root URL conf puts it in that namespace, beside
the home page of ``reminders.home_urls``)."""

from django.urls import path

from actions import views

urlpatterns = [path("dashboard/", views.DashboardView.as_view(), name="dashboard")]
