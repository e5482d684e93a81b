"""Forms of the action pages; each hands its cleaned data to ``actions.services``."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.db.models import Q

from accounts.models import Agency
from actions.models import COMMENT_MAX_LENGTH, Action, ProgressUpdate, Status, status_words
from actions.services import COMMENT_EMPTY, COMMENT_TOO_LONG, EDITABLE_FIELDS, IMPACT_FIELDS, NO_CHANGE
from evidence.forms import clean_evidence_file, evidence_file_field
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


IMPACT_LEGEND = "If it is completed: what difference did it make?"
IMPACT_HINT = (
    '<p class="govuk-body govuk-hint">Needed to mark the action completed: say whether anyone is better off, '
    "and give at least one piece of evidence (an indicator, an audit finding, or a note with a link or file "
    "reference).</p>"
)
IMPACT_LABELS = {
    "impact_statement": "What difference did it make? Is anyone better off?",
    "impact_indicators": "Indicators that show it",
    "impact_findings": "Audit findings that show it",
    "impact_evidence": "Other evidence: a note with a link or a file reference",
}


def impact_fields(form, action):
    """Narrow and word the impact fields of ``form`` for ``action``: indicators of its strategy, current findings."""
    strategy_id = action.priority.strategy_id
    indicators = form.fields["impact_indicators"]
    indicators.queryset = (
        indicators.queryset.filter(withdrawn_at__isnull=True)
        .filter(Q(priority__isnull=True) | Q(priority__strategy_id=strategy_id))
        .order_by("code")
    )
    findings = form.fields["impact_findings"]
    findings.queryset = findings.queryset.filter(withdrawn_at__isnull=True).select_related("audit")
    findings.label_from_instance = lambda finding: f"{finding.audit.title}: {finding.text[:120]}"
    for name, label in IMPACT_LABELS.items():
        form.fields[name].label = label
        form.fields[name].required = False
    form.fields[
        "impact_evidence"
    ].help_text = "For example https://example.org/evaluation or Board-minutes-2026-09.pdf."
    form.fields[
        "impact_statement"
    ].help_text = "For example, what families, children or practitioners now do differently."


def impact_layout():
    return Fieldset(
        HTML(IMPACT_HINT),
        Field.textarea("impact_statement", rows=3),
        Field.checkboxes("impact_indicators", small=True),
        Field.checkboxes("impact_findings", small=True),
        Field.textarea("impact_evidence", rows=2),
        legend=IMPACT_LEGEND,
        legend_size=Size.MEDIUM,
    )


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
        fields = ["reference", *EDITABLE_FIELDS, *IMPACT_FIELDS]
        widgets = {"impact_indicators": forms.CheckboxSelectMultiple, "impact_findings": forms.CheckboxSelectMultiple}

    def __init__(self, *args, partnership, creating=False, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.creating = creating
        # The status is not here: it changes only with a progress update, which says why.
        self.with_impact = not creating and self.instance.status == Status.COMPLETED
        if creating:
            del self.fields["due_date_reason"]
        else:
            del self.fields["reference"]
        if self.with_impact:
            impact_fields(self, self.instance)
        else:
            for name in IMPACT_FIELDS:
                del self.fields[name]
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
        if self.with_impact:
            fields.append(impact_layout())
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
        return {name: self.cleaned_data[name] for name in (*EDITABLE_FIELDS, *IMPACT_FIELDS) if name in self.fields}


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

    impact_statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    impact_indicators = forms.ModelMultipleChoiceField(
        queryset=Action._meta.get_field("impact_indicators").related_model.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    impact_findings = forms.ModelMultipleChoiceField(
        queryset=Action._meta.get_field("impact_findings").related_model.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    impact_evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000)

    class Meta:
        model = ProgressUpdate
        fields = ["status", "narrative", "evidence_url"]
        labels = {"status": "Status now", "narrative": "What has happened"}
        help_texts = {"narrative": "If you are changing the status, say why."}

    def __init__(self, *args, action, locked_quarter=None, **kwargs):
        super().__init__(*args, partnership=action.priority.strategy.partnership, **kwargs)
        impact_fields(self, action)
        if locked_quarter:
            # Today's quarter has had its report issued: an update dated in it corrects what the board read.
            self.fields["correction_reason"] = forms.CharField(
                label="Why is this a correction?",
                help_text=f"{locked_quarter} is locked: its report has been issued to the board, so this update "
                "corrects it. Say why it was not given before; the next report lists it with your reason.",
                required=False,
                max_length=2000,
                widget=forms.Textarea,
                error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
            )
        for name in IMPACT_FIELDS:
            self.initial.setdefault(name, _initial_impact(action, name))
        self.fields["status"].error_messages["required"] = MESSAGES["status"]
        self.fields["status"].help_text = f"It is {status_words(action.status)} now. If you change it, say why below."
        self.fields["narrative"].error_messages["required"] = MESSAGES["narrative"]
        self.fields["evidence_url"].error_messages["invalid"] = (
            "Enter the evidence link as a web address, like https://example.org/report"
        )
        self.fields["evidence_file"] = evidence_file_field(required=False)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.SMALL),
            Field.textarea("narrative", rows=6),
            Field.text("evidence_url"),
            Field("evidence_file"),
            impact_layout(),
            *([Field.textarea("correction_reason", rows=3)] if locked_quarter else []),
            Submit("submit", "Add the update"),
        )

    def clean_evidence_file(self):
        return clean_evidence_file(self.cleaned_data.get("evidence_file"))

    def _post_clean(self):
        pass


def _initial_impact(action, name):
    value = getattr(action, name)
    return list(value.all()) if name in ("impact_indicators", "impact_findings") else value


class CommentForm(PortalFormMixin, forms.Form):
    """A comment on an action's discussion: plain text, kept as typed (line breaks too)."""

    # No max_length: it would add maxlength, and the GOV.UK character count says how much is left instead.
    text = forms.CharField(
        label="Add a comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ask or answer a question about this action. Everyone in the partnership can read it; "
        "its lead, the sponsors of its priority and earlier commenters are e-mailed.",
        error_messages={"required": COMMENT_EMPTY},
    )

    def __init__(self, *args, action_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        if action_url:
            self.helper.form_action = action_url
        self.helper.layout = Layout(
            Field.textarea("text", rows=4, max_characters=COMMENT_MAX_LENGTH),
            Submit("submit", "Add the comment"),
        )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > COMMENT_MAX_LENGTH:
            raise forms.ValidationError(COMMENT_TOO_LONG)
        return text


class ActionIdsField(forms.Field):
    """The actions ticked on *To do* or *My actions*, carried as hidden fields: their ids, in order, once each."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": "Choose actions from the list"}

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        try:
            return list(dict.fromkeys(int(pk) for pk in value))
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


NO_CHANGE_MOST = 200


class NoChangeForm(PortalFormMixin, forms.Form):
    """Confirm "no change this quarter" for the actions chosen, with an optional note shared by every update."""

    action = ActionIdsField(error_messages={"required": "Select the actions that have not changed this quarter"})
    note = forms.CharField(
        label="A note for every update (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Leave it empty to record “{NO_CHANGE}”.",
    )
    back = forms.ChoiceField(
        choices=[("mine", "My actions"), ("todo", "To do")], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(Field.textarea("note", rows=3, max_characters=2000))

    def confirming(self, count):
        """Name the number of actions on the button."""
        label = "Confirm no change for 1 action" if count == 1 else f"Confirm no change for {count} actions"
        self.helper.layout.append(Submit("confirm", label))

    def clean_action(self):
        chosen = self.cleaned_data["action"]
        if len(chosen) > NO_CHANGE_MOST:
            raise forms.ValidationError(f"Choose at most {NO_CHANGE_MOST} actions at a time")
        return chosen

    def clean_note(self):
        note = self.cleaned_data["note"]
        if len(note) > 2000:
            raise forms.ValidationError("The note must be 2,000 characters or fewer")
        return note
