from django.urls import path

from audits import views

app_name = "audits"

urlpatterns = [
    path("", views.AuditListView.as_view(), name="list"),
    path("new/", views.AuditCreateView.as_view(), name="create"),
    path("tracker/", views.RecommendationTrackerView.as_view(), name="tracker"),
    path("tracker/export/", views.RecommendationTrackerExportView.as_view(), name="tracker_export"),
    path("<int:pk>/", views.AuditDetailView.as_view(), name="detail"),
    path("<int:pk>/change/", views.AuditUpdateView.as_view(), name="update"),
    path("<int:pk>/findings/new/", views.FindingCreateView.as_view(), name="finding_create"),
    path("<int:pk>/recommendations/new/", views.RecommendationCreateView.as_view(), name="recommendation_create"),
    path("findings/<int:pk>/change/", views.FindingUpdateView.as_view(), name="finding_update"),
    path("findings/<int:pk>/withdraw/", views.FindingWithdrawView.as_view(), name="finding_withdraw"),
    path(
        "recommendations/<int:pk>/withdraw/",
        views.RecommendationWithdrawView.as_view(),
        name="recommendation_withdraw",
    ),
    path("recommendations/<int:pk>/change/", views.RecommendationUpdateView.as_view(), name="recommendation_update"),
    path("recommendations/<int:pk>/status/", views.RecommendationStatusView.as_view(), name="recommendation_status"),
    path("recommendations/<int:pk>/actions/", views.RecommendationActionsView.as_view(), name="recommendation_actions"),
    path(
        "recommendations/<int:pk>/actions/new/",
        views.RecommendationActionCreateView.as_view(),
        name="recommendation_action_create",
    ),
]
