"""The form that adds or corrects one comparator figure on the indicator page.

It only shapes what was typed: ``outcomes.comparator_services.comparator_errors`` checks it, so the
page, the CSV import and the API refuse the same things in the same words.
"""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Layout, Size, Submit
from django import forms
from django.utils import timezone

from neglect_portal.forms import PortalFormMixin, VersionedFormMixin, date_field, date_input
from outcomes.comparator_services import ComparatorInput, comparator_errors
from outcomes.models import ComparatorKind

DECIMAL = {"inputmode": "decimal", "spellcheck": "false", "autocomplete": "off"}


class ComparatorValueForm(VersionedFormMixin, PortalFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Comparator",
        choices=ComparatorKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the comparator", "invalid_choice": "Choose a comparator from the list"},
    )
    name = forms.CharField(
        label="Name of the region or neighbouring area",
        required=False,
        max_length=100,
        help_text="For a region, like West Midlands, or a named neighbour, like Sandwell. Leave it empty otherwise.",
        error_messages={"max_length": "The name must be 100 characters or fewer"},
    )
    period = forms.CharField(
        label="Period",
        max_length=40,
        help_text="The financial year or quarter the figure is for, like 2024/25 or 2024/25 Q2.",
        error_messages={"required": "Enter the period, like 2024/25 or 2024/25 Q2"},
    )
    value = forms.CharField(
        label="Value",
        max_length=40,
        widget=forms.TextInput(attrs=DECIMAL),
        error_messages={"required": "Enter the value"},
    )
    source = forms.CharField(
        label="Source",
        max_length=250,
        help_text="Who published the figure, and in what, like DfE Characteristics of children in need 2024/25.",
        error_messages={
            "required": "Enter the source, like DfE Children in need statistics",
            "max_length": "The source must be 250 characters or fewer",
        },
    )

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["published"] = date_field(
            "Publication date", "Enter the date the figure was published", example="31 10 2025"
        )
        self.fields["value"].help_text = f"In the indicator's unit: {indicator.get_unit_display().lower()}."
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("name", field_width=Fixed.TWENTY),
            Field.text("period", field_width=Fixed.TEN),
            Field.text("value", field_width=Fixed.TEN),
            Field.text("source"),
            date_input("published"),
            Submit("submit", "Save the comparator figure"),
        )

    def clean(self):
        """Every problem at once: the rules of ``comparator_errors`` for the fields typed well enough to check."""
        data = super().clean()
        entry = self.entry()
        for name, messages in comparator_errors(entry, timezone.localdate()).items():
            if name in self.fields and name not in self.errors and (name in data or name == "name"):
                for message in messages:
                    self.add_error(name, message)
        return data

    def entry(self) -> ComparatorInput:
        data = self.cleaned_data
        return ComparatorInput(
            indicator=self.indicator,
            kind=data.get("kind", ""),
            name=data.get("name", ""),
            period=data.get("period", ""),
            value=data.get("value"),
            source=data.get("source", ""),
            published=data.get("published"),
            version=data.get("version"),
        )


def comparator_initial(comparator) -> dict:
    return {
        "kind": comparator.kind,
        "name": comparator.name,
        "period": comparator.period,
        "value": f"{comparator.value.normalize():f}",
        "source": comparator.source,
        "published": comparator.published,
    }
