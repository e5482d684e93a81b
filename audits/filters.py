"""Filters of the audit list, the recommendation tracker and the audits API."""

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.utils import timezone

from accounts.models import Agency
from audits import selectors
from audits.models import Audit, Finding, Recommendation
from neglect_portal.filters import withdrawn_filter
from neglect_portal.forms import GovukChoicesMixin
from neglect_portal.periods import Period


class FilterForm(GovukChoicesMixin, forms.Form):
    """A GET form of choice and checkbox filters, laid out in the order of its fields."""

    choice_hints = False

    submit_label = "Filter"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "app-filter-row"
        layout = [
            Field.checkbox(name, small=True) if isinstance(field.widget, forms.CheckboxInput) else Field.select(name)
            for name, field in self.fields.items()
        ]
        self.helper.layout = Layout(*layout, Submit("filter", self.submit_label, css_class="govuk-button--secondary"))


class AuditFilterForm(FilterForm):
    submit_label = "Filter audits"


class AuditFilter(django_filters.FilterSet):
    """The audit list by kind and financial year."""

    kind = django_filters.ChoiceFilter(label="Kind", choices=Audit.Kind.choices, empty_label="Any kind")
    year = django_filters.ChoiceFilter(label="Financial year", method="filter_year", empty_label="Any year")

    class Meta:
        model = Audit
        fields = ["kind"]
        form = AuditFilterForm

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(period.year), period.label) for period in years]

    def filter_year(self, queryset, name, value):
        return selectors.in_financial_year(queryset, Period(int(value)))


class TrackerFilterForm(FilterForm):
    submit_label = "Filter recommendations"


class RecommendationFilter(django_filters.FilterSet):
    """The recommendation tracker's filters; the export applies the same ones."""

    status = django_filters.ChoiceFilter(choices=Recommendation.Status.choices, empty_label="Any status")
    audit_kind = django_filters.ChoiceFilter(
        label="Kind of audit", field_name="audit__kind", choices=Audit.Kind.choices, empty_label="Any kind"
    )
    owner_agency = django_filters.ModelChoiceFilter(
        label="Owning agency", queryset=Agency.objects.none(), empty_label="Any agency"
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", widget=forms.CheckboxInput, label="Overdue only")
    without_action = django_filters.BooleanFilter(
        method="filter_without_action", widget=forms.CheckboxInput, label="Without an action only"
    )

    class Meta:
        model = Recommendation
        fields = ["status", "audit_kind", "owner_agency"]
        form = TrackerFilterForm

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner_agency"].queryset = Agency.objects.of_partnership(partnership)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(on=timezone.localdate()) if value else queryset

    def filter_without_action(self, queryset, name, value):
        return without_action(queryset) if value else queryset

    def described(self) -> list[str]:
        """The filters in force, in words (for the export's notes)."""
        if not self.is_bound or not self.is_valid():
            return []
        words = []
        for name, value in self.form.cleaned_data.items():
            field = self.form.fields[name]
            if value is True:
                words.append(str(field.label))
            elif isinstance(value, Agency):
                words.append(f"{field.label}: {value.name}")
            elif value:
                words.append(f"{field.label}: {dict(field.choices).get(value, value)}")
        return words


def without_action(queryset):
    """Recommendations that no current action answers yet."""
    return queryset.filter(~selectors.answered())


# --- the API ----------------------------------------------------------------


class AuditApiFilter(django_filters.FilterSet):
    class Meta:
        model = Audit
        fields = ["kind", "lead_agency"]


class FindingApiFilter(django_filters.FilterSet):
    withdrawn = withdrawn_filter()

    class Meta:
        model = Finding
        fields = ["audit", "kind"]


class RecommendationApiFilter(django_filters.FilterSet):
    audit_kind = django_filters.ChoiceFilter(field_name="audit__kind", choices=Audit.Kind.choices)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue (past its due date, not completed)")
    without_action = django_filters.BooleanFilter(method="filter_without_action", label="No action answers it")
    withdrawn = withdrawn_filter()

    class Meta:
        model = Recommendation
        fields = ["audit", "status", "owner_agency", "owner"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(on=timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_without_action(self, queryset, name, value):
        return without_action(queryset) if value else queryset.filter(selectors.answered())
