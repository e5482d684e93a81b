"""The home page and *To do*: ``accounts:home`` and ``accounts:todo`` (the root URL conf puts them in that
namespace, beside the dashboard, ``accounts:dashboard``)."""

from django.urls import path

from reminders import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("todo/", views.TodoView.as_view(), name="todo"),
]
