"""Pages of two-factor sign-in, re-authentication and one's own security: sessions, tokens, second factor."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts import access, audit, two_factor
from accounts.mixins import PartnershipMixin
from accounts.models import Membership
from accounts.models_security import APIToken, PersonSession
from accounts.reauth import RecentAuthenticationRequiredMixin, mark_reauthenticated
from accounts.security_forms import ConfirmPasswordForm, SecondFactorForm, TokenForm
from accounts.tokens import token_create, token_revoke

WRONG_CODE = "The code is wrong or has expired. Wait a few seconds, then enter the newest code from your app"


def next_url(request, default="accounts:home"):
    """The page to go on to: ``next`` when it is on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


class TwoFactorView(LoginRequiredMixin, FormView):
    """The second step of signing in: a code from the authenticator app or a recovery code."""

    form_class = SecondFactorForm
    template_name = "accounts/two_factor.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if request.user.is_verified():
                return redirect(next_url(request))
            if not two_factor.has_second_factor(request.user):
                return redirect(f"{reverse('accounts:two_factor_setup')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if two_factor.second_factor_verify(self.request, form.cleaned_data["code"]) is None:
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        return redirect(next_url(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title="Enter your sign-in code", **kwargs)


class TwoFactorSetupView(LoginRequiredMixin, FormView):
    """First sign-in (or after a reset): add the portal to an authenticator app, then get recovery codes."""

    form_class = SecondFactorForm
    template_name = "accounts/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and two_factor.has_second_factor(request.user):
            # Replacing a second factor starts from the account page, after the current one.
            return redirect(f"{reverse('accounts:two_factor')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": "Confirm the code"}

    def get_context_data(self, **kwargs):
        device = two_factor.setup_device(self.request.user)
        return super().get_context_data(
            page_title="Set up two-factor sign-in",
            qr=two_factor.setup_qr_data_uri(device),
            key=two_factor.setup_key(device),
            **kwargs,
        )

    def form_valid(self, form):
        device = two_factor.setup_device(self.request.user)
        codes = two_factor.second_factor_confirm(self.request, device, form.cleaned_data["code"])
        if codes is None:
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        return recovery_codes_page(self.request, codes, next_url(self.request))


def recovery_codes_page(request, codes, continue_url):
    """The recovery codes, shown once: the response is not stored anywhere (no-store)."""
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "continue_url": continue_url, "page_title": "Your recovery codes"},
    )


class ReauthenticateView(LoginRequiredMixin, FormView):
    form_class = ConfirmPasswordForm
    template_name = "accounts/reauthenticate.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        mark_reauthenticated(self.request.session)
        return redirect(next_url(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title="Confirm it is you", next=next_url(self.request), **kwargs)


class AccountView(LoginRequiredMixin, TemplateView):
    """One's own sign-in security: password, second factor, sessions, tokens."""

    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            page_title="Your account",
            recovery_codes_left=two_factor.remaining_recovery_codes(user),
            sessions=PersonSession.objects.filter(user=user, expire_date__gt=timezone.now()).count(),
            tokens=APIToken.objects.filter(user=user).usable().count(),
            **kwargs,
        )


class RecoveryCodesRenewView(RecentAuthenticationRequiredMixin, LoginRequiredMixin, View):
    def post(self, request):
        return recovery_codes_page(request, two_factor.recovery_codes_renew(request), reverse("accounts:account"))


class SecondFactorReplaceView(RecentAuthenticationRequiredMixin, LoginRequiredMixin, View):
    """A new phone: remove the current app and codes, then set up the new app at once."""

    def post(self, request):
        two_factor.second_factor_reset(request.user, request)
        return redirect("accounts:two_factor_setup")


class SessionsView(LoginRequiredMixin, TemplateView):
    """One's active sessions, and signing out of the others or of all of them."""

    template_name = "accounts/sessions.html"

    def get_context_data(self, **kwargs):
        current = self.request.session.session_key
        sessions = PersonSession.objects.filter(user=self.request.user, expire_date__gt=timezone.now())
        rows = [
            {"session": session, "current": session.session_key == current}
            for session in sessions.order_by("-last_seen_at")[:50]
        ]
        return super().get_context_data(
            page_title="Where you are signed in",
            rows=rows,
            idle_minutes=settings.SESSION_IDLE_TIMEOUT // 60,
            absolute_hours=settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
            **kwargs,
        )

    def post(self, request):
        keep = None if request.POST.get("which") == "all" else request.session.session_key
        count = two_factor.sessions_end(request.user, keep_session_key=keep)
        audit.record_request(
            audit.Kind.SESSIONS_ENDED, request=request, detail=f"{count} session{'s' if count != 1 else ''}"
        )
        if keep is None:
            logout(request)
            messages.success(request, "You have been signed out everywhere.")
            return redirect("accounts:login")
        messages.success(request, "You have been signed out of every other session.")
        return redirect("accounts:sessions")


class TokensView(RecentAuthenticationRequiredMixin, LoginRequiredMixin, FormView):
    """Personal API tokens: made here (shown once) and revoked here."""

    form_class = TokenForm
    template_name = "accounts/tokens.html"
    reauthenticate_methods = ("POST",)

    def get_context_data(self, **kwargs):
        tokens = APIToken.objects.filter(user=self.request.user)[:100]
        return super().get_context_data(page_title="API tokens", tokens=tokens, now=timezone.now(), **kwargs)

    def form_valid(self, form):
        token, raw = token_create(
            self.request.user, form.cleaned_data["name"], form.cleaned_data["days"], request=self.request
        )
        form = self.form_class()
        return self.render_to_response(self.get_context_data(form=form, made=token, raw=raw))


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk):
        token = token_revoke(request.user, pk, request=request)
        if token is None:
            raise Http404("No such token.")
        messages.success(request, f"The token “{token.name}” has been revoked. It no longer works.")
        return redirect("accounts:tokens")


class PersonSecondFactorResetView(RecentAuthenticationRequiredMixin, PartnershipMixin, TemplateView):
    """The business manager resets a member's second factor (a lost phone); recorded in the access audit."""

    permission_rule = staticmethod(access.can_administer)
    template_name = "accounts/person_second_factor_reset.html"

    def get_person(self):
        """The person of one of the partnership's memberships (the pk of the people pages)."""
        membership = get_object_or_404(
            Membership.objects.select_related("user"), partnership=self.partnership, pk=self.kwargs["pk"]
        )
        return membership.user

    def get_context_data(self, **kwargs):
        person = self.get_person()
        return super().get_context_data(page_title=f"Reset the second factor of {person}", person=person, **kwargs)

    def post(self, request, pk):
        person = self.get_person()
        two_factor.second_factor_reset(person, request, partnership=self.partnership)
        messages.success(request, f"{person}'s second factor has been reset. They set up a new one at next sign-in.")
        return redirect("settings:person", pk=self.kwargs["pk"])
