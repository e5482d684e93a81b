"""Forms of the report pages; each hands its cleaned data to ``reports.services``."""

import datetime

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from neglect_portal.forms import PortalFormMixin
from neglect_portal.periods import Period
from reports.models import QuarterlyReport
from reports.services import NOT_SEEN


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
    "voice": "What children, families and practitioners have told the partnership this quarter, for example "
    "from surveys, feedback or audits, and what has changed because of it.",
    "learning": "What the partnership has learned from audits, reviews and inspections this quarter. "
    "The audits, reviews and inspections dated in the quarter are listed under it.",
}

RECOMMENDATION_HINTS = {
    "information": "The board is told; nothing is asked of it.",
    "note": "The board is asked to note the report and the assurance it gives.",
    "decide": "The board is asked to make the decisions set out in the report.",
}
ASSURANCE_HINTS = {
    "substantial": "The strategy is working: the plan is on track and the figures show children better off.",
    "reasonable": "Mostly working: some actions or indicators need attention, and the steering group has it in hand.",
    "limited": "Significant gaps: several actions are off track or figures are getting worse.",
    "none": "The steering group cannot assure the board that the strategy is working.",
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


def _choice_field(label, choices, hints, message):
    return forms.ChoiceField(
        label=label,
        required=False,
        widget=forms.RadioSelect,
        choices=[Choice(value, text, hint=hints[value]) for value, text in choices],
        error_messages={"invalid_choice": message},
    )


class ReportCommentaryForm(PortalFormMixin, forms.Form):
    """What the steering group tells the board, and the chair's recommendation and level of assurance.

    Any part may be left empty while drafting.
    """

    board_recommendation = _choice_field(
        "Recommendation to the board",
        QuarterlyReport.Recommendation.choices,
        RECOMMENDATION_HINTS,
        "Choose for information, to note or to decide",
    )
    assurance_level = _choice_field(
        "Level of assurance the steering group gives the board",
        QuarterlyReport.Assurance.choices,
        ASSURANCE_HINTS,
        "Choose substantial, reasonable, limited or no assurance",
    )
    going_well = _commentary_field("What is going well")
    worrying = _commentary_field("What is worrying")
    decisions = _commentary_field("Decisions asked of the board")
    issues_and_risks = _commentary_field("Issues and risks")
    voice = _commentary_field("The voice of children, families and practitioners")
    learning = _commentary_field("Learning from reviews and inspections")

    # When the commentary had last been saved as the form was opened ("" if never): a save since is not overwritten.
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, hint in COMMENTARY_HINTS.items():
            self.fields[name].help_text = hint
        self.helper = FormHelper()
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(
            Fieldset(
                Field.radios("board_recommendation", legend_size=Size.SMALL),
                Field.radios("assurance_level", legend_size=Size.SMALL),
                legend="For the top of the report",
                legend_size=Size.MEDIUM,
            ),
            *(Field.textarea(name, rows=6) for name in COMMENTARY_HINTS),
            Submit("submit", "Save the commentary"),
        )

    def clean_seen(self):
        """The time as written in the form, back as a time; None for a commentary never saved. A post without
        the field at all (not from this form) is not checked, as an API write without If-Match."""
        if self.add_prefix("seen") not in self.data:
            return NOT_SEEN
        text = (self.cleaned_data.get("seen") or "").strip()
        if not text:
            return None
        try:
            return datetime.datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError("The form was changed: open the commentary again") from None


def seen_text(report) -> str:
    return report.commentary_at.isoformat() if report.commentary_at else ""


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


class ReportSignOffWithdrawForm(PortalFormMixin, forms.Form):
    """Withdraw a quarter's sign-off before its report is issued: a reason is required."""

    reason = forms.CharField(
        label="Why are you withdrawing the sign-off?",
        help_text="Kept with the quarter's history, for example “The council has sent corrected figures for CP-01”.",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter why the sign-off is being withdrawn",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        submit = Submit("submit", "Withdraw the sign-off", css_class="govuk-button--warning")
        self.helper.layout = Layout(Field.textarea("reason", rows=4), submit)


class ReportCorrectionForm(PortalFormMixin, forms.Form):
    """Issue a correction of a sent report: a note of what changed is required (the service checks it too)."""

    note = forms.CharField(
        label="What has changed in this version?",
        help_text="The board reads this at the top of the corrected report and in its e-mail, for example "
        "“CP-01 for 2026/27 Q2 was 120; the council has corrected it to 118 (two children were counted twice)”.",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter what has changed in this version of the report",
            "max_length": "What has changed must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.textarea("note", rows=5), Submit("submit", "Issue and send the correction"))
