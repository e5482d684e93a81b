"""Forms of the action pages; each hands its cleaned data to ``actions.services``."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from accounts.models import Agency
from actions.models import Action, ProgressUpdate, Status
from actions.services import EDITABLE_FIELDS
from neglect_portal.forms import PortalFormMixin, VersionedFormMixin, date_field, date_input, set_required_messages

MESSAGES = {
    "reference": "Enter the reference, for example P2.3",
    "title": "Enter what will be done",
    "success_measure": "Enter how success will be measured",
    "lead_agency": "Choose the lead agency",
    "start_date": "Enter the start date",
    "due_date": "Enter the due date",
    "status": "Choose the status",
    "narrative": "Enter what has happened since the last update",
}


class ActionForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    """Add or change an action. On change, a new due date needs a reason."""

    start_date = date_field("Start date", MESSAGES["start_date"])
    due_date = date_field("Due date", MESSAGES["due_date"])
    due_date_reason = forms.CharField(
        label="Why is the due date changing?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only needed when you change the due date.",
    )

    class Meta:
        model = Action
        fields = ["reference", *EDITABLE_FIELDS]

    def __init__(self, *args, partnership, creating=False, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.creating = creating
        if creating:
            del self.fields["due_date_reason"]
            self.fields["status"].initial = Status.NOT_STARTED
        else:
            del self.fields["reference"]
        self.fields["lead_agency"].queryset = Agency.objects.offered(partnership, keep=self.instance.lead_agency_id)
        self.fields["lead"].queryset = self.fields["lead"].queryset.order_by("first_name", "last_name")
        self.fields["lead"].label_from_instance = lambda user: user.get_full_name() or user.email
        set_required_messages(self, MESSAGES)
        self.helper = FormHelper()
        self.helper.layout = Layout(*self._layout_fields(), Submit("submit", "Save the action"))

    def _layout_fields(self):
        fields = [Field.text("reference", field_width=Fluid.ONE_QUARTER)] if self.creating else []
        fields += [
            Field.text("title"),
            Field.textarea("description", rows=3),
            Field.textarea("success_measure", rows=3),
            Field.select("lead_agency"),
            Field.select("lead"),
            date_input("start_date"),
            date_input("due_date"),
        ]
        if not self.creating:
            fields.append(Field.textarea("due_date_reason", rows=3))
        fields.append(Field.select("status"))
        return fields

    def clean(self):
        cleaned = super().clean()
        due = cleaned.get("due_date")
        changing = not self.creating and due is not None and due != self.initial.get("due_date")
        if changing and not cleaned.get("due_date_reason", "").strip():
            self.add_error("due_date_reason", "Enter why the due date is changing")
        return cleaned

    def _post_clean(self):
        # The service validates and saves the action; the instance stays untouched here.
        pass

    def changes(self):
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class ProgressUpdateForm(PortalFormMixin, forms.ModelForm):
    evidence_url = forms.URLField(
        label="Link to evidence",
        required=False,
        max_length=500,
        assume_scheme="https",
        # A TextInput gets the GOV.UK input and error styles; input_type keeps type="url".
        widget=forms.TextInput(attrs={"input_type": "url", "spellcheck": "false"}),
        help_text="Optional. For example, a link to a report or minutes.",
    )

    class Meta:
        model = ProgressUpdate
        fields = ["status", "narrative", "evidence_url"]
        labels = {"status": "Status now", "narrative": "What has happened"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].error_messages["required"] = MESSAGES["status"]
        self.fields["narrative"].error_messages["required"] = MESSAGES["narrative"]
        self.fields["evidence_url"].error_messages["invalid"] = (
            "Enter the evidence link as a web address, like https://example.org/report"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.SMALL),
            Field.textarea("narrative", rows=6),
            Field.text("evidence_url"),
            Submit("submit", "Add the update"),
        )

    def _post_clean(self):
        pass
