"""A priority's page, the table of its actions: ``priorities:detail`` (the root URL conf puts it in that namespace)."""

from django.urls import path

from actions import views

urlpatterns = [path("<int:pk>/", views.PriorityActionListView.as_view(), name="detail")]
