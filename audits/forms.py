"""Forms of the audit pages; each hands its cleaned data to ``audits.services``."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fixed, Layout, Size, Submit
from django import forms
from django.utils import timezone

from accounts.models import Agency
from actions.forms import ActionForm
from actions.models import Action
from audits.models import Audit, Finding, Recommendation
from audits.services import AUDIT_FIELDS, RECOMMENDATION_FIELDS
from neglect_portal.forms import PortalFormMixin, VersionedFormMixin, date_field, date_input, set_required_messages
from priorities.models import Priority, Strategy
from priorities.selectors import priorities_of

GRADE_LABELS = {
    "grade_outstanding": "Outstanding",
    "grade_good": "Good",
    "grade_requires_improvement": "Requires improvement",
    "grade_inadequate": "Inadequate",
}


class ServiceForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    """A model form whose instance is validated and saved by a service, not by the form."""

    def _post_clean(self):
        pass

    def changes(self, names):
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


def _person(user):
    return user.get_full_name() or user.email


GRADES_HINT = (
    '<p class="govuk-hint">How many cases were graded at each grade. '
    "Leave these blank if the cases were not graded.</p>"
)


def count_field(label, what, hint=""):
    """A whole number of cases, typed (GOV.UK asks for text inputs with a numeric keyboard, not spinners)."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        help_text=hint,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": f"Enter {what} as a whole number, like 12",
            "min_value": f"Enter {what} as 0 or more",
        },
    )


class AuditForm(ServiceForm):
    completed_on = date_field("Date of the audit", "Enter the date of the audit", example="15 10 2025")
    case_count = count_field(
        "Number of cases", "the number of cases", "How many children's cases or families were looked at."
    )
    grade_outstanding = count_field("Outstanding", "the number of cases graded outstanding")
    grade_good = count_field("Good", "the number of cases graded good")
    grade_requires_improvement = count_field("Requires improvement", "the number of cases graded requires improvement")
    grade_inadequate = count_field("Inadequate", "the number of cases graded inadequate")

    class Meta:
        model = Audit
        fields = list(AUDIT_FIELDS)
        labels = {"kind": "What kind of audit is it?", "lead_agency": "Lead agency"}
        widgets = {"kind": forms.RadioSelect}
        help_texts = {
            "scope": "Which children and agencies, what period, and what the audit looked at.",
            "summary": "What the audit concluded, in a few sentences.",
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields[
            "completed_on"
        ].help_text = "When the audit was completed or the review published. For example, 15 10 2025"
        self.fields["kind"].choices = Audit.Kind.choices
        self.fields["lead_agency"].queryset = Agency.objects.offered(partnership, keep=self.instance.lead_agency_id)
        self.fields["lead_agency"].empty_label = "No single lead agency"
        set_required_messages(
            self,
            {"kind": "Choose what kind of audit it is", "title": "Enter the title of the audit"},
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("title"),
            date_input("completed_on"),
            Field.textarea("scope", rows=4),
            Field.select("lead_agency"),
            Field.text("case_count", field_width=Fixed.FIVE),
            Fieldset(
                HTML(GRADES_HINT),
                *[Field.text(name, field_width=Fixed.FIVE) for name in GRADE_LABELS],
                legend="How the cases were graded",
                legend_size=Size.SMALL,
            ),
            Field.textarea("summary", rows=5),
            Submit("submit", "Save the audit"),
        )


class FindingForm(ServiceForm):
    class Meta:
        model = Finding
        fields = ["kind", "text"]
        labels = {"kind": "Is this a strength or an area for improvement?", "text": "What the audit found"}
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Finding.Kind.choices
        set_required_messages(
            self,
            {"kind": "Choose strength or area for improvement", "text": "Enter what the audit found"},
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL),
            Field.textarea("text", rows=4),
            Submit("submit", "Save the finding"),
        )


class RecommendationForm(ServiceForm):
    due_date = date_field("Due date", "Enter the due date", example="31 3 2027")

    class Meta:
        model = Recommendation
        fields = list(RECOMMENDATION_FIELDS)
        labels = {
            "text": "Recommendation",
            "owner_agency": "Owning agency",
            "owner": "Owner",
        }
        widgets = {"status": forms.RadioSelect}
        help_texts = {
            "reference": "For example R1. Each recommendation of an audit has its own reference.",
            "owner": "The person who answers for this recommendation. They can change its status.",
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["due_date"].required = False
        self.fields["due_date"].help_text = "Leave blank if no date was set. For example, 31 3 2027"
        self.fields["status"].choices = Recommendation.Status.choices
        self.fields["owner_agency"].queryset = Agency.objects.offered(partnership, keep=self.instance.owner_agency_id)
        self.fields["owner_agency"].empty_label = "No owning agency"
        self.fields["owner"].queryset = self.fields["owner"].queryset.order_by("first_name", "last_name")
        self.fields["owner"].empty_label = "No named owner"
        self.fields["owner"].label_from_instance = _person
        set_required_messages(
            self,
            {
                "reference": "Enter the reference, for example R1",
                "text": "Enter the recommendation",
                "status": "Choose the status",
            },
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("reference", field_width=Fixed.TEN),
            Field.textarea("text", rows=4),
            Field.select("owner_agency"),
            Field.select("owner"),
            date_input("due_date"),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Submit("submit", "Save the recommendation"),
        )


class RecommendationStatusForm(VersionedFormMixin, PortalFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Status now",
        choices=Recommendation.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status", "invalid_choice": "Choose the status"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.MEDIUM), Submit("submit", "Save the status")
        )


class LinkedActionsForm(PortalFormMixin, forms.Form):
    actions = forms.ModelMultipleChoiceField(
        label="Which actions answer this recommendation?",
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select every action of the plan that answers it. Clear an action to unlink it.",
        error_messages={
            "invalid_choice": "Choose actions from the list",
            "invalid_pk_value": "Choose actions from the list",
        },
    )

    def __init__(self, *args, partnership, actions, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        field = self.fields["actions"]
        field.queryset = Action.objects.filter(pk__in=[action.pk for action in actions])
        self.scope_choices()
        offered = set(field.queryset.values_list("pk", flat=True))  # the partnership's, whatever was given
        several_strategies = len({action.priority.strategy_id for action in actions}) > 1
        field.choices = [(a.pk, _action_label(a, several_strategies)) for a in actions if a.pk in offered]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.checkboxes("actions", legend_size=Size.MEDIUM, small=True), Submit("submit", "Save the links")
        )


def _action_label(action, several_strategies):
    label = f"{action.reference} {action.title}"
    return f"{label} ({action.priority.strategy.title})" if several_strategies else label


class RecommendationActionForm(ActionForm):
    """A new action of the plan answering a recommendation, pre-filled from it."""

    priority = forms.ModelChoiceField(
        label="Priority",
        queryset=Priority.objects.none(),
        empty_label="Choose a priority",
        error_messages={"required": "Choose the priority", "invalid_choice": "Choose a priority from the list"},
    )

    def __init__(self, *args, partnership, recommendation, **kwargs):
        kwargs["initial"] = {**initial_action(recommendation), **(kwargs.get("initial") or {})}
        super().__init__(*args, partnership=partnership, creating=True, **kwargs)
        self.fields["priority"].queryset = priorities_of(Strategy.objects.active_for(partnership))
        self.fields["priority"].label_from_instance = lambda p: f"Priority {p.number}: {p.title}"
        self.helper.layout = Layout(
            Field.select("priority"), *self._layout_fields(), Submit("submit", "Add the action")
        )

    def clean(self):
        cleaned = super().clean()
        priority, reference = cleaned.get("priority"), cleaned.get("reference")
        if priority and reference and Action.objects.filter(priority=priority, reference=reference).exists():
            self.add_error("reference", f"Priority {priority.number} already has an action {reference}")
        return cleaned


def initial_action(recommendation):
    """What the new action starts from: the recommendation's words, owner and due date.

    A due date already past is left for the user to set: the action could not be due before it starts.
    """
    audit = recommendation.audit
    today = timezone.localdate()
    due = recommendation.due_date if recommendation.due_date and recommendation.due_date >= today else None
    return {
        "title": recommendation.text[:300],
        "description": f"In answer to recommendation {recommendation.reference} of “{audit.title}”.",
        "lead_agency": recommendation.owner_agency_id,
        "lead": recommendation.owner_id,
        "start_date": today,
        "due_date": due,
    }
