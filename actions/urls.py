"""The ``actions`` namespace. The dashboard and a priority's page are in ``home_urls`` and ``priority_urls``."""

from django.urls import path

from actions import views

app_name = "actions"

urlpatterns = [
    path("priorities/<int:pk>/new/", views.ActionCreateView.as_view(), name="create"),
    path("", views.ActionListView.as_view(), name="list"),
    path("mine/", views.MyActionsView.as_view(), name="mine"),
    path("<int:pk>/", views.ActionDetailView.as_view(), name="detail"),
    path("<int:pk>/change/", views.ActionUpdateView.as_view(), name="update"),
    path("<int:pk>/updates/new/", views.ProgressUpdateAddView.as_view(), name="add_update"),
    path("<int:pk>/withdraw/", views.ActionWithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/comments/new/", views.ActionCommentView.as_view(), name="comment"),
    path("comments/<int:pk>/withdraw/", views.CommentWithdrawView.as_view(), name="comment_withdraw"),
    path("no-change/", views.NoChangeView.as_view(), name="no_change"),
]
