"""*What changed* since a date: /changes/ (namespace "changes")."""

from django.urls import path

from changes import views

app_name = "changes"

urlpatterns = [
    path("", views.ChangesView.as_view(), name="list"),
    path("export/", views.ChangesExportView.as_view(), name="export"),
]
