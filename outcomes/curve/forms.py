"""The form of a turn-the-curve plan; it hands its cleaned data to ``outcomes.curve.services``."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from accounts.models import Agency
from actions.models import Action
from neglect_portal.forms import PortalFormMixin

TEXT_LIMIT = 10_000


def _text(label, help_text="", rows=5):
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": f"{label} must be {TEXT_LIMIT:,} characters or fewer"},
    )


class CurvePlanForm(PortalFormMixin, forms.Form):
    """Start or change an indicator's turn-the-curve plan. ``choose_for_report``: the person may choose
    whether the plan goes in the board report (steering group and business manager)."""

    story = _text(
        "The story behind the curve",
        "Why the curve looks as it does: the causes and the forces at work, in the partnership's own words.",
        rows=6,
    )
    partner_agencies = forms.ModelMultipleChoiceField(
        label="Agencies of the partnership with a role to play",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose agencies from the list",
            "invalid_pk_value": "Choose agencies from the list",
        },
    )
    other_partners = _text(
        "Other partners with a role to play",
        "Partners who are not agencies of the partnership, one a line, with their role: "
        "for example “Parent carer forum: tell us what help reaches families”.",
        rows=3,
    )
    what_works = _text("What works", "What the evidence says would turn the curve.", rows=5)
    evidence_links = _text(
        "Evidence links",
        "One a line: a title, then the web address, for example "
        "“NSPCC: Graded Care Profile 2 evaluation https://learning.nspcc.org.uk/…”.",
        rows=3,
    )
    actions = forms.ModelMultipleChoiceField(
        label="Actions of the strategy that turn the curve",
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose actions from the list",
            "invalid_pk_value": "Choose actions from the list",
        },
    )
    in_board_report = forms.BooleanField(
        label="Include in the board report",
        required=False,
        help_text="A red indicator's plan is always included in the quarterly report.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, partnership, agencies, actions, choose_for_report, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["partner_agencies"].queryset = agencies
        self.fields["actions"].queryset = actions
        self.fields["actions"].label_from_instance = lambda a: f"{a.reference} {a.title}"
        if not choose_for_report:
            del self.fields["in_board_report"]
        self.helper = FormHelper()
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(
            Field.textarea("story"),
            Field.checkboxes("partner_agencies", legend_size=Size.SMALL, small=True),
            Field.textarea("other_partners"),
            Field.textarea("what_works"),
            Field.textarea("evidence_links"),
            Field.checkboxes("actions", legend_size=Size.SMALL, small=True),
            *([Field.checkbox("in_board_report", small=True)] if choose_for_report else []),
            Submit("submit", "Save the plan"),
        )

    def changes(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in ("story", "other_partners", "what_works", "evidence_links")}
        if "in_board_report" in self.fields:
            fields["in_board_report"] = data["in_board_report"]
        return fields
