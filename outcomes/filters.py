"""Filters for the indicator and measurement lists of the REST API."""

import functools
import operator

import django_filters
from django import forms
from django.db.models import Q

from accounts import access
from neglect_portal.filters import IdFilter, withdrawn_filter
from neglect_portal.periods import PERIOD_FORMS, Period
from outcomes.models import Frequency, Indicator, Measurement, Polarity, RBACategory, Unit


class PeriodFormField(forms.CharField):
    """A period as people write it (``2026/27 Q2``, ``Q2 26/27``, ``30/09/2026``, ``2026/27``...), read into a
    :class:`Period` as the imports and the bulk push read it (``Period.read``)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return Period.read(value)
        except ValueError as error:
            # As a parameter, not the message itself: the message is %-formatted and may hold a "%" typed in.
            raise forms.ValidationError("%(reason)s", params={"reason": str(error).rstrip(".")}) from error


class PeriodFilter(django_filters.CharFilter):
    field_class = PeriodFormField


class IndicatorFilter(django_filters.FilterSet):
    rba_category = django_filters.ChoiceFilter(
        choices=RBACategory.choices, label="Results-Based Accountability question"
    )
    unit = django_filters.ChoiceFilter(choices=Unit.choices)
    polarity = django_filters.ChoiceFilter(choices=Polarity.choices)
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices)
    code = django_filters.CharFilter(lookup_expr="iexact", label="Code (any case)")
    recordable = django_filters.BooleanFilter(
        method="filter_recordable", label="Only the indicators whose values you may enter (true) or may not (false)"
    )

    # Ids, not choices of objects: a choice list would show other partnerships' names in the browsable API.
    partnership = IdFilter(label="Partnership id")
    priority = IdFilter(label="Priority id")
    source_agency = IdFilter(label="Id of the agency that supplies the figures")
    withdrawn = withdrawn_filter()

    class Meta:
        model = Indicator
        fields = ["is_active", "is_context"]

    def filter_recordable(self, queryset, name, value):
        if value is None:
            return queryset
        memberships = access.active_memberships(self.request.user)
        recordable = functools.reduce(
            operator.or_, (access.indicators_recordable_filter(m) for m in memberships), Q(pk__in=[])
        )
        return queryset.filter(recordable) if value else queryset.exclude(recordable)


class MeasurementFilter(django_filters.FilterSet):
    partnership = IdFilter(field_name="indicator__partnership", label="Partnership id")
    indicator_code = django_filters.CharFilter(
        field_name="indicator__code", lookup_expr="iexact", label="Indicator code (any case)"
    )
    period = PeriodFilter(method="filter_period", label=f"Period, written as an import takes it: {PERIOD_FORMS}")
    period_from = PeriodFilter(
        method="filter_period_from", label="Periods starting on or after the start of this period (written as `period`)"
    )
    period_to = PeriodFilter(
        method="filter_period_to", label="Periods starting on or before the end of this period (written as `period`)"
    )

    indicator = IdFilter(label="Indicator id")
    withdrawn = withdrawn_filter()

    class Meta:
        model = Measurement
        fields = ["is_illustrative"]

    def filter_period(self, queryset, name, period):
        return queryset.filter(period=period.label) if period else queryset

    def filter_period_from(self, queryset, name, period):
        return queryset.filter(period_start__gte=period.start) if period else queryset

    def filter_period_to(self, queryset, name, period):
        return queryset.filter(period_start__lte=period.end) if period else queryset
