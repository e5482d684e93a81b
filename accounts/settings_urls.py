"""The business manager's settings pages of the current partnership, under /settings/ (namespace "settings")."""

from django.urls import path

from accounts import audit_views, security_views

urlpatterns = [
    path("audit/", audit_views.AccessAuditView.as_view(), name="access_audit"),
    path(
        "people/<int:pk>/second-factor/reset/",
        security_views.PersonSecondFactorResetView.as_view(),
        name="person_second_factor_reset",
    ),
]
