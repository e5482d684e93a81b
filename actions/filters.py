"""Filters of the action list: the REST API's and, built on it, the action table of the pages and exports.

Both apply the rules of ``ActionQuerySet`` (overdue, no update this quarter);
neither retypes them.
"""

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.db.models import F
from django.utils import timezone

from accounts.models import Agency
from actions.models import Action, Status
from neglect_portal.filters import withdrawn_filter
from neglect_portal.forms import GovukChoicesMixin
from neglect_portal.periods import current_quarter
from priorities.models import Priority

# Actions with no due date (imported as "Ongoing") come last either way.
SORTS = {"due": F("due_date").asc(nulls_last=True), "-due": F("due_date").desc(nulls_last=True)}


class ActionFilter(django_filters.FilterSet):
    """The API's filters; ``overdue=false`` keeps the actions that are not overdue."""

    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue (open and past its due date)")
    no_due_date = django_filters.BooleanFilter(
        method="filter_no_due_date", label="Open with no due date (imported as “Ongoing”), to review"
    )
    withdrawn = withdrawn_filter()

    class Meta:
        model = Action
        fields = ["status", "priority", "lead_agency", "lead"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(on=timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_no_due_date(self, queryset, name, value):
        if value is None:
            return queryset
        missing = queryset.without_due_date()
        return missing if value else queryset.exclude(pk__in=missing.values("pk"))


class ActionTableFilterForm(GovukChoicesMixin, forms.Form):
    choice_hints = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            *([Field.select("priority")] if "priority" in self.fields else []),
            *([Field.select("sponsor_agency")] if "sponsor_agency" in self.fields else []),
            *([Field.checkbox("mine", small=True)] if "mine" in self.fields else []),
            Field.select("status"),
            Field.select("lead_agency"),
            Field.checkbox("overdue", small=True),
            Field.checkbox("no_update", small=True),
            Field.checkbox("no_due_date", small=True),
            Submit("filter", "Filter actions", css_class="govuk-button--secondary"),
        )


class ActionTableFilter(ActionFilter):
    """The filter form above an action table: choices from the partnership, tick boxes that narrow the list."""

    priority = django_filters.ModelChoiceFilter(queryset=Priority.objects.none(), empty_label="Any priority")
    sponsor_agency = django_filters.ModelChoiceFilter(
        field_name="priority__sponsor_agency",
        queryset=Agency.objects.none(),
        empty_label="Any sponsoring agency",
        label="Sponsoring agency",
    )
    mine = django_filters.BooleanFilter(method="filter_mine", widget=forms.CheckboxInput)
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any status")
    lead_agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.none(), empty_label="Any agency")
    overdue = django_filters.BooleanFilter(method="filter_overdue", widget=forms.CheckboxInput, label="Overdue only")
    no_update = django_filters.BooleanFilter(
        method="filter_no_update", widget=forms.CheckboxInput, label="No update this quarter"
    )
    no_due_date = django_filters.BooleanFilter(
        method="filter_no_due_date", widget=forms.CheckboxInput, label="No due date: review"
    )

    class Meta:
        model = Action
        fields = ["priority", "status", "lead_agency"]
        form = ActionTableFilterForm

    def __init__(self, *args, partnership, priorities=None, membership=None, **kwargs):
        """``priorities``: the priorities to choose from; None leaves the priority and sponsor filters out (one
        priority's page). ``membership``: the person looking, whose agency's priorities "mine" keeps."""
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.filters["lead_agency"].queryset = Agency.objects.of_partnership(partnership)
        if priorities is None:
            for name in ("priority", "sponsor_agency", "mine"):
                del self.filters[name]
            return
        self.filters["priority"].queryset = priorities
        sponsors = Agency.objects.of_partnership(partnership).filter(sponsored_priorities__in=priorities)
        self.filters["sponsor_agency"].queryset = sponsors.distinct().order_by("name")
        agency = membership.agency if membership is not None and membership.agency_id else None
        if agency is None:
            del self.filters["mine"]
        else:
            self.filters["mine"].label = f"Only priorities {agency.name} sponsors"

    def filter_overdue(self, queryset, name, value):
        # An unticked box shows every action rather than only those not overdue.
        return super().filter_overdue(queryset, name, value) if value else queryset

    def filter_no_due_date(self, queryset, name, value):
        return queryset.without_due_date() if value else queryset

    def filter_mine(self, queryset, name, value):
        return queryset.sponsored_by(self.membership.agency_id) if value else queryset

    def filter_no_update(self, queryset, name, value):
        return queryset.without_update_in(current_quarter(timezone.localdate())) if value else queryset


def sort_actions(queryset, sort):
    """Sort by due date (``due`` or ``-due``); anything else keeps the reference order."""
    return queryset.order_by(SORTS[sort], "reference") if sort in SORTS else queryset
