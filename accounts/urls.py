"""The pages of the ``accounts`` namespace: signing in, passwords, choosing a partnership, one's own account.

The root URL conf gives the namespace and adds the home page (``accounts:home``), which is the actions app's.
"""

from django.urls import path

from accounts import invitation_views, security_views, views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/two-factor/", security_views.TwoFactorView.as_view(), name="two_factor"),
    path("sign-in/two-factor/set-up/", security_views.TwoFactorSetupView.as_view(), name="two_factor_setup"),
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
    path("account/", security_views.AccountView.as_view(), name="account"),
    path("account/confirm/", security_views.ReauthenticateView.as_view(), name="reauthenticate"),
    path("account/notifications/", views.NotificationsView.as_view(), name="notifications"),
    path("account/sessions/", security_views.SessionsView.as_view(), name="sessions"),
    path("account/tokens/", security_views.TokensView.as_view(), name="tokens"),
    path("account/tokens/<int:pk>/revoke/", security_views.TokenRevokeView.as_view(), name="token_revoke"),
    path(
        "account/two-factor/recovery-codes/",
        security_views.RecoveryCodesRenewView.as_view(),
        name="recovery_codes_renew",
    ),
    path("account/two-factor/replace/", security_views.SecondFactorReplaceView.as_view(), name="second_factor_replace"),
    path("invitations/<str:token>/", invitation_views.InvitationAcceptView.as_view(), name="invitation_accept"),
]
