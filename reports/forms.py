"""Forms of the report pages; each hands its cleaned data to ``reports.services``."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from neglect_portal.forms import PortalFormMixin
from neglect_portal.periods import Period


class ReportStartForm(PortalFormMixin, forms.Form):
    """Choose the quarter of a new report: the strategy's quarters so far that have no report."""

    period = forms.ChoiceField(
        label="Which quarter is the report for?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the quarter the report is for",
            "invalid_choice": "Choose one of the quarters listed",
        },
    )

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(q.label, _quarter_label(q)) for q in quarters]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("period", legend_size=Size.MEDIUM), Submit("submit", "Start the report")
        )

    def clean_period(self):
        return Period.parse(self.cleaned_data["period"])


def _quarter_label(quarter: Period) -> str:
    return f"{quarter.label} ({quarter.start.day} {quarter.start:%B %Y} to {quarter.end.day} {quarter.end:%B %Y})"


COMMENTARY_HINTS = {
    "going_well": "Progress the board should hear about: actions completed, indicators improving, good practice.",
    "worrying": "What is off track or getting worse, and what the steering group is doing about it.",
    "decisions": "What the steering group asks the board to decide or do. Say who should do it and by when.",
    "issues_and_risks": "Issues and risks the board should know about, for example capacity, data or funding.",
}


MAX_COMMENTARY = 5000


def _commentary_field(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_COMMENTARY,
        widget=forms.Textarea,
        error_messages={
            "max_length": f"{label} must be {MAX_COMMENTARY:,} characters or fewer: "
            "shorten it, or put the detail in a paper for the board"
        },
    )


class ReportCommentaryForm(PortalFormMixin, forms.Form):
    """What the steering group tells the board. Any part may be left empty while drafting."""

    going_well = _commentary_field("What is going well")
    worrying = _commentary_field("What is worrying")
    decisions = _commentary_field("Decisions asked of the board")
    issues_and_risks = _commentary_field("Issues and risks")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.help_text = COMMENTARY_HINTS[name]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *(Field.textarea(name, rows=6) for name in self.fields),
            Submit("submit", "Save the commentary"),
        )


class ReportSignOffForm(PortalFormMixin, forms.Form):
    """Sign off a quarter's data; a reason is needed only when something is missing (the service decides)."""

    reason = forms.CharField(
        label="Why are you signing off with data missing?",
        help_text="The report prints this beside what is missing, for example why an agency could not supply a figure.",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, missing=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not missing:
            self.fields["reason"].widget = forms.HiddenInput()
        self.helper = FormHelper()
        parts = [Field.textarea("reason", rows=4)] if missing else []
        self.helper.layout = Layout(*parts, Submit("submit", "Sign off the quarter"))
