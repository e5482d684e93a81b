from django.urls import path

from priorities import views

app_name = "priorities"

urlpatterns = [
    path("", views.PriorityListView.as_view(), name="list"),
    path("<int:pk>/", views.PriorityDetailView.as_view(), name="detail"),
]
