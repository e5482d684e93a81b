from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("<int:pk>/", views.EvidenceDownloadView.as_view(), name="download"),
    path("<int:pk>/remove/", views.EvidenceRemoveView.as_view(), name="remove"),
    path("<slug:kind>/<int:pk>/new/", views.EvidenceAddView.as_view(), name="add"),
]
