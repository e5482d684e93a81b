"""The pages of the ``accounts`` namespace: signing in, passwords, choosing a partnership.

The root URL conf gives the namespace and adds the home page (``accounts:home``), which is the actions app's.
"""

from django.urls import path

from accounts import invitation_views, views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("partnership/", views.ChoosePartnershipView.as_view(), name="choose_partnership"),
    path("invitations/<str:token>/", invitation_views.InvitationAcceptView.as_view(), name="invitation_accept"),
]
