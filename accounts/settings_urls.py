"""The business manager's settings pages of the current partnership, under /settings/ (namespace "settings")."""

from django.urls import path

from accounts import audit_views, security_views
from accounts import settings_views as views

urlpatterns = [
    path("audit/", audit_views.AccessAuditView.as_view(), name="audit"),
    path(
        "people/<int:pk>/second-factor/reset/",
        security_views.PersonSecondFactorResetView.as_view(),
        name="person_second_factor_reset",
    ),
    path("", views.SettingsHubView.as_view(), name="hub"),
    path("partnership/", views.PartnershipSettingsView.as_view(), name="partnership"),
    path("agencies/", views.AgencyListView.as_view(), name="agencies"),
    path("agencies/new/", views.AgencyFormView.as_view(), name="agency_create"),
    path("agencies/other-names/", views.AgencyAliasesView.as_view(), name="agency_aliases"),
    path("agencies/<int:pk>/change/", views.AgencyUpdateView.as_view(), name="agency_update"),
    path("agencies/<int:pk>/retire/", views.AgencyRetireView.as_view(), name="agency_retire"),
    path("people/", views.PeopleListView.as_view(), name="people"),
    path("people/invite/", views.InvitationCreateView.as_view(), name="invite"),
    path("people/<int:pk>/", views.PersonView.as_view(), name="person"),
    path("people/<int:pk>/deactivate/", views.PersonDeactivateView.as_view(), name="person_deactivate"),
    path(
        "invitations/<int:pk>/resend/",
        views.InvitationActionView.as_view(action="resend"),
        name="invitation_resend",
    ),
    path(
        "invitations/<int:pk>/revoke/",
        views.InvitationActionView.as_view(action="revoke"),
        name="invitation_revoke",
    ),
]
