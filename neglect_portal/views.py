"""What the portal's pages share: the withdraw page every withdrawable kind uses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import FormView

from neglect_portal.forms import WithdrawForm


class WithdrawView(FormView):
    """Ask why, then withdraw one object through its service; the subclass says which and where to go after.

    Subclasses (which also mix in ``PartnershipMixin``) define ``load()`` (find the object, 404 outside
    the partnership, 403 when the member may not withdraw it), ``withdraw(reason)`` (call the service),
    ``describe()`` (``what``, ``summary``) and ``done_url()``.
    """

    template_name = "layouts/withdraw.html"
    form_class = WithdrawForm
    noun = "item"

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": f"Withdraw the {self.noun}"}

    def get_context_data(self, **kwargs):
        what, summary = self.describe()
        return super().get_context_data(
            page_title=f"Withdraw this {self.noun}",
            what=what,
            summary=summary,
            cancel_url=self.done_url(),
            breadcrumbs=self.breadcrumbs(),
            **kwargs,
        )

    def breadcrumbs(self):
        return []

    def form_valid(self, form):
        try:
            self.withdraw(form.cleaned_data["reason"])
        except ValidationError as error:
            for messages_ in error.message_dict.values():
                form.add_error("reason", messages_)
            return self.form_invalid(form)
        messages.success(self.request, f"The {self.noun} has been withdrawn.")
        return redirect(self.done_url())
