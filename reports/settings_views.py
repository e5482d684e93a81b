"""The board distribution list's settings page: who receives the report e-mail, and a preview of it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView

from accounts.access import can_administer
from accounts.mixins import PartnershipMixin
from reports import distribution
from reports.models import Recipient
from reports.settings_forms import RecipientForm


class DistributionListView(PartnershipMixin, FormView):
    """The list, a form to add someone, and the next e-mail as the board will read it."""

    permission_rule = staticmethod(can_administer)
    template_name = "reports/distribution_list.html"
    form_class = RecipientForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        board = distribution.board_list(self.partnership)
        removed = list(board.recipients.filter(is_active=False).select_related("user").order_by("name"))
        return super().get_context_data(
            page_title="Board distribution list",
            preview=distribution.next_report_preview(self.partnership),
            removed=removed,
            breadcrumbs=[("Settings", reverse("settings:hub")), ("Board distribution list", None)],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            recipient = distribution.recipient_add(self.membership, **form.cleaned_data)
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else "email", message)
            return self.form_invalid(form)
        messages.success(self.request, f"{recipient.name} has been added to the board distribution list.")
        return redirect("settings:distribution_list")


class RecipientRemoveView(PartnershipMixin, View):
    permission_rule = staticmethod(can_administer)
    http_method_names = ["post"]

    def post(self, request, pk):
        recipient = get_object_or_404(
            Recipient.objects.select_related("distribution_list"),
            distribution_list__partnership=self.partnership,
            pk=pk,
        )
        distribution.recipient_remove(self.membership, recipient)
        messages.success(request, f"{recipient.name} has been removed from the board distribution list.")
        return redirect("settings:distribution_list")
