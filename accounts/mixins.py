"""View mixins that give every page its partnership and check the role."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.access import refusal
from accounts.middleware import current_membership


class PartnershipMixin(LoginRequiredMixin):
    """Requires a signed-in member of a chosen partnership.

    Sets ``self.membership`` and ``self.partnership``. Querysets must be scoped
    to ``self.partnership`` (objects of other partnerships answer 404).
    Subclasses may set ``permission_rule``: a function of the membership that
    must be true, or the request is refused with 403 (saying why: ``access.refusal``) and changes nothing.
    """

    permission_rule = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.membership = current_membership(request)
        if self.membership is None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:choose_partnership')}?{query}")
        self.partnership = self.membership.partnership
        rule = type(self).permission_rule
        if rule is not None and not rule(self.membership):
            raise PermissionDenied(refusal(rule))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("membership", self.membership)
        context.setdefault("partnership", self.partnership)
        return context
