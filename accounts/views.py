from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView

from accounts.access import active_memberships
from accounts.forms import ChoosePartnershipForm, SignInForm
from accounts.middleware import choose_partnership
from accounts.mixins import PartnershipMixin
from actions import selectors as action_selectors


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


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


class HomeView(PartnershipMixin, TemplateView):
    template_name = "accounts/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dashboard"] = action_selectors.dashboard(self.partnership, timezone.localdate())
        return context
