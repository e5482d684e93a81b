"""The report pages. ``neglect_portal/urls.py`` puts them in the ``reports`` namespace, with the reminders record."""

from django.urls import path

from reports import views

urlpatterns = [
    path("", views.ReportArchiveView.as_view(), name="archive"),
    path("new/", views.ReportStartView.as_view(), name="start"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/pdf/", views.ReportPdfView.as_view(), name="pdf"),
    path("<int:pk>/commentary/", views.ReportCommentaryView.as_view(), name="commentary"),
    path("<int:pk>/refresh/", views.ReportRefreshView.as_view(), name="refresh"),
    path("<int:pk>/sign-off/", views.ReportSignOffView.as_view(), name="sign_off"),
    path("<int:pk>/sign-off/withdraw/", views.ReportSignOffWithdrawView.as_view(), name="sign_off_withdraw"),
    path("<int:pk>/issue/", views.ReportIssueView.as_view(), name="issue"),
    path("<int:pk>/issue-and-send/", views.ReportIssueAndSendView.as_view(), name="issue_send"),
    path("<int:pk>/send/", views.ReportSendView.as_view(), name="send"),
    path("<int:pk>/correct/", views.ReportCorrectView.as_view(), name="correct"),
    path("<int:pk>/deliveries/<int:delivery_pk>/retry/", views.DeliveryRetryView.as_view(), name="retry"),
]
