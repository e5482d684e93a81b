"""Forms to set up a strategy and its priorities (business manager and steering group)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from accounts.models import Agency
from neglect_portal.forms import PortalFormMixin, VersionedFormMixin, date_field, date_input, set_required_messages
from priorities.models import Priority, Strategy


class StrategyForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    start_date = date_field("Start date", "Enter the start date", example="1 4 2024")
    end_date = date_field("End date", "Enter the end date", example="31 3 2027")

    class Meta:
        model = Strategy
        fields = ["title", "start_date", "end_date", "vision", "status"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.instance.partnership = partnership
        set_required_messages(self, {"title": "Enter the strategy's title", "status": "Choose the status"})
        self.fields["vision"].help_text = "The partnership's vision for children, in a sentence or two."
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("title"),
            date_input("start_date"),
            date_input("end_date"),
            Field.textarea("vision", rows=4),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Submit("submit", "Save the strategy"),
        )

    def clean(self):
        # That a strategy ends on or after its start is the model's rule (``Strategy.clean``), run by
        # the form after this and by the API's serializer alike.
        cleaned = super().clean()
        others = Strategy.objects.filter(partnership=self.partnership).exclude(pk=self.instance.pk)
        active = Strategy.objects.active_for(self.partnership)
        if cleaned.get("status") == Strategy.Status.ACTIVE and active is not None and active.pk != self.instance.pk:
            self.add_error("status", "Another strategy is active: archive it before making this one active")
        if cleaned.get("title") and others.filter(title=cleaned["title"]).exists():
            self.add_error("title", "The partnership already has a strategy with this title")
        return cleaned


class PriorityForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["number", "title", "description", "sponsor_agency", "sponsor_lead"]
        labels = {"sponsor_agency": "Sponsoring agency", "sponsor_lead": "Sponsor lead"}

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, partnership=strategy.partnership, **kwargs)
        self.strategy = strategy
        self.instance.strategy = strategy
        set_required_messages(
            self,
            {
                "number": "Enter the priority's number",
                "title": "Enter the priority's title",
                "sponsor_agency": "Choose the sponsoring agency",
            },
        )
        self.fields["number"].error_messages["min_value"] = "The number must be 1 or more"
        self.fields["sponsor_agency"].queryset = Agency.objects.offered(
            strategy.partnership, keep=self.instance.sponsor_agency_id
        )
        self.fields["sponsor_lead"].queryset = self.fields["sponsor_lead"].queryset.order_by("first_name", "last_name")
        self.fields["sponsor_lead"].label_from_instance = lambda user: user.get_full_name() or user.email
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("number", field_width=Fluid.ONE_QUARTER),
            Field.text("title"),
            Field.textarea("description", rows=4),
            Field.select("sponsor_agency"),
            Field.select("sponsor_lead"),
            Submit("submit", "Save the priority"),
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = Priority.objects.filter(strategy=self.strategy, number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"Priority {number} already exists in this strategy")
        return number
