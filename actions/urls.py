"""The ``actions`` namespace. The dashboard and a priority's page are in ``home_urls`` and ``priority_urls``."""

from django.urls import path

from actions import views

app_name = "actions"

urlpatterns = [
    path("priorities/<int:pk>/new/", views.ActionCreateView.as_view(), name="create"),
    path("", views.ActionListView.as_view(), name="list"),
    path("mine/", views.MyActionsView.as_view(), name="mine"),
    path("<int:pk>/", views.ActionDetailView.as_view(), name="detail"),
    path("<int:pk>/change/", views.ActionUpdateView.as_view(), name="update"),
    path("<int:pk>/updates/new/", views.ProgressUpdateAddView.as_view(), name="add_update"),
]
