"""The home page, the action plan's dashboard: ``accounts:home`` (the root URL conf puts it in that namespace)."""

from django.urls import path

from actions import views

urlpatterns = [path("", views.DashboardView.as_view(), name="home")]
