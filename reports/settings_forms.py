"""The form of the board distribution list's settings page."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms

from accounts.models import User
from neglect_portal.forms import PortalFormMixin, set_required_messages


class RecipientForm(PortalFormMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    email = forms.EmailField(
        label="E-mail address",
        widget=forms.TextInput(attrs={"input_type": "email", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an e-mail address like name@example.org"},
    )
    organisation = forms.CharField(
        label="Organisation (optional)", max_length=200, required=False, help_text="For example, the ICB."
    )
    user = forms.ModelChoiceField(
        label="Their portal account (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="No account",
        help_text="Board members without an account still receive the e-mail with the PDF.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.for_partnership(self.partnership).order_by("first_name")
        self.fields["user"].label_from_instance = lambda user: f"{user} ({user.email})"
        self.scope_choices()
        set_required_messages(self, {"name": "Enter the person's name", "email": "Enter the person's e-mail address"})
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("organisation", field_width=Fluid.TWO_THIRDS),
            Field.select("user"),
            Submit("submit", "Add to the list"),
        )
