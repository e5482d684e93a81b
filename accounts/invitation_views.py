"""Accepting an invitation: a new person sets their own password; someone with an account signs in to accept."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.views import View

from accounts.invitations import InvitationRefused, existing_account, invitation_accept, invitation_from_token
from accounts.middleware import choose_partnership
from accounts.settings_forms import AcceptInvitationForm, ConfirmForm

TEMPLATE = "accounts/invitation_accept.html"


def after_joining_url():
    """Where a new member goes next: setting up two-factor sign-in where the portal has it, else the dashboard."""
    for name in ("accounts:two_factor_setup", "accounts:otp_setup"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("accounts:home")


class InvitationAcceptView(View):
    def dispatch(self, request, token):
        try:
            self.invitation = invitation_from_token(token)
        except InvitationRefused as refusal:
            return render(request, "accounts/invitation_refused.html", {"reason": str(refusal)}, status=410)
        self.account = existing_account(self.invitation)
        return super().dispatch(request, token)

    def context(self, **kwargs):
        return {
            "invitation": self.invitation,
            "partnership": self.invitation.partnership,
            "account": self.account,
            "page_title": f"Join {self.invitation.partnership.name}",
            **kwargs,
        }

    def form(self, data=None):
        if self.account is None:
            return AcceptInvitationForm(data, email=self.invitation.email)
        return ConfirmForm(data, submit_label="Accept the invitation", warning=False)

    def get(self, request, token):
        if self.account is not None and request.user != self.account:
            return self.sign_in_first(request)
        return render(request, TEMPLATE, self.context(form=self.form()))

    def sign_in_first(self, request):
        signed_in_as = request.user if request.user.is_authenticated else None
        login_url = f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}"
        return render(request, TEMPLATE, self.context(sign_in_url=login_url, signed_in_as=signed_in_as))

    def post(self, request, token):
        if self.account is not None and request.user != self.account:
            return self.sign_in_first(request)
        form = self.form(request.POST)
        if not form.is_valid():
            return render(request, TEMPLATE, self.context(form=form))
        try:
            membership = invitation_accept(self.invitation, user=self.account, **self.new_account_fields(form))
        except InvitationRefused as refusal:
            return render(request, "accounts/invitation_refused.html", {"reason": str(refusal)}, status=410)
        if self.account is None:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        choose_partnership(request, membership)
        messages.success(request, f"Welcome to {membership.partnership.name}.")
        return redirect(after_joining_url())

    def new_account_fields(self, form):
        if self.account is not None:
            return {}
        data = form.cleaned_data
        return {"first_name": data["first_name"], "last_name": data["last_name"], "password": data["password1"]}
