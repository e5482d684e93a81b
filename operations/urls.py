from django.urls import path

from operations import views

app_name = "operations"

urlpatterns = [
    path("", views.HealthView.as_view(), name="health"),
    path("web/", views.WebHealthView.as_view(), name="health-web"),
]
