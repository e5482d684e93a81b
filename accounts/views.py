from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.generic import FormView

from accounts import audit, tasks, two_factor
from accounts.access import active_memberships
from accounts.forms import (
    AlertDeliveryForm,
    ChoosePartnershipForm,
    GDSPasswordChangeForm,
    GDSPasswordResetForm,
    GDSSetPasswordForm,
    SignInForm,
)
from accounts.middleware import choose_partnership
from accounts.ratelimit import limited, too_many_attempts
from accounts.reauth import RecentAuthenticationRequiredMixin
from accounts.services import alert_delivery_set


class SignInView(auth_views.LoginView):
    """The password step, then the second factor (``accounts:two_factor``). login() rotates the session id."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        wait = limited(
            request,
            "sign-in",
            request.POST.get("username", ""),
            settings.SIGN_IN_LIMIT_PER_ADDRESS,
            settings.SIGN_IN_LIMIT_PER_ACCOUNT,
        )
        if wait:
            return too_many_attempts(request, wait)
        return super().post(request, *args, **kwargs)

    def get_success_url(self):
        target = super().get_success_url()
        user = self.request.user
        if getattr(user, "is_verified", None) and user.is_verified():
            return target
        step = "accounts:two_factor" if two_factor.has_second_factor(user) else "accounts:two_factor_setup"
        return f"{reverse(step)}?{urlencode({'next': target})}"


class SignOutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    """Sends the link from a background job after the request, so every address answers alike."""

    form_class = GDSPasswordResetForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        wait = limited(
            request,
            "password-reset",
            request.POST.get("email", ""),
            settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT,
        )
        if wait:
            return too_many_attempts(request, wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        transaction.on_commit(lambda: tasks.send_password_reset.delay(email))
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = GDSSetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever was signed in as this person is signed out.
        two_factor.sessions_end(form.user)
        audit.record_request(audit.Kind.PASSWORD_RESET, request=self.request, user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(RecentAuthenticationRequiredMixin, auth_views.PasswordChangeView):
    form_class = GDSPasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session, with a new id
        two_factor.sessions_end(form.user, keep_session_key=self.request.session.session_key)
        audit.record_request(audit.Kind.PASSWORD_CHANGED, request=self.request)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


class ChoosePartnershipView(LoginRequiredMixin, FormView):
    form_class = ChoosePartnershipForm
    template_name = "accounts/choose_partnership.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "memberships": active_memberships(self.request.user)}

    def form_valid(self, form):
        membership = form.cleaned_data["membership"]
        choose_partnership(self.request, membership)
        messages.success(self.request, f"You are working in {membership.partnership.name}.")
        target = self.request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {self.request.get_host()}, self.request.is_secure()):
            target = "accounts:home"
        return redirect(target)


class NotificationsView(LoginRequiredMixin, FormView):
    """One's own choice of how to hear of alerts: a red indicator, an action overdue or changed to Red.

    The page is the signed-in person's only: there is no one else's to reach.
    """

    form_class = AlertDeliveryForm
    template_name = "accounts/notifications.html"

    def get_initial(self):
        return {"alert_delivery": self.request.user.alert_delivery}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Alerts by e-mail",
            breadcrumbs=[("Your account", reverse("accounts:account")), ("Alerts by e-mail", None)],
            **kwargs,
        )

    def form_valid(self, form):
        user = alert_delivery_set(self.request.user, form.cleaned_data["alert_delivery"])
        messages.success(self.request, f"Alerts by e-mail: {user.get_alert_delivery_display().lower()}.")
        return redirect("accounts:account")
