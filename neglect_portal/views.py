"""What the portal's pages share: the withdraw page every withdrawable kind uses, the conflict page, and
putting a service's refusal on a form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import FormView

from neglect_portal.forms import WithdrawForm
from neglect_portal.versioning import Conflict, StaleVersion, changes_since, history_since, reapplied


def add_service_errors(form, error):
    """Put a service's ``ValidationError`` on the form fields it names (the others on the form as a whole)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


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


class ConflictMixin:
    """A form page that changes a versioned object through a service.

    When the service refuses the change (:class:`StaleVersion`: someone saved another since
    the form was opened), :meth:`conflict` answers 409 with the same page: what the other person
    changed, field by field, and the form again, holding the object as it is now with the
    person's own changes put back in, so that saving again applies them.
    """

    def conflict(self, form, error: StaleVersion):
        instance = error.instance
        instance.refresh_from_db()
        base, later = history_since(instance, error.expected)
        initial, yours, both = reapplied(form, instance, base, later)
        kwargs = self.get_form_kwargs()
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        kwargs["initial"] = {**kwargs.get("initial", {}), **initial}
        entries = changes_since(instance, error.expected, base, later)
        conflict = Conflict(entries, yours, both, noun=str(instance._meta.verbose_name))
        context = self.get_context_data(form=self.get_form_class()(**kwargs), conflict=conflict)
        return self.render_to_response(context, status=409)
