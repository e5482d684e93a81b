"""The filter of the reminders and escalations record."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from neglect_portal.forms import GovukChoicesMixin
from outbound.models import OutboundMessage
from reminders.models import Reminder


class ReminderFilterForm(GovukChoicesMixin, forms.Form):
    choice_hints = False

    period = forms.ChoiceField(
        label="Quarter", required=False, error_messages={"invalid_choice": "Choose a quarter from the list"}
    )
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Reminders and escalations"), *Reminder.Kind.choices],
        error_messages={"invalid_choice": "Choose reminders, escalations or both"},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *OutboundMessage.Status.choices],
        error_messages={"invalid_choice": "Choose a status from the list"},
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", "Every quarter"), *((label, label) for label in periods)]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "app-filter-row"
        self.helper.layout = Layout(
            Field.select("period"),
            Field.select("kind"),
            Field.select("status"),
            Submit("filter", "Filter", css_class="govuk-button--secondary"),
        )
