"""The board distribution list's settings pages, under /settings/ (namespace "settings")."""

from django.urls import path

from reports import settings_views

urlpatterns = [
    path("distribution-list/", settings_views.DistributionListView.as_view(), name="distribution_list"),
    path(
        "distribution-list/<int:pk>/remove/",
        settings_views.RecipientRemoveView.as_view(),
        name="recipient_remove",
    ),
]
