"""Filters for the action list of the REST API."""

import django_filters
from django.utils import timezone

from actions.models import CLOSED_STATUSES, Action


class ActionFilter(django_filters.FilterSet):
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue (open and past its due date)")

    class Meta:
        model = Action
        fields = ["status", "priority", "lead_agency", "lead"]

    def filter_overdue(self, queryset, name, value):
        overdue = {"due_date__lt": timezone.localdate()}
        if value:
            return queryset.exclude(status__in=CLOSED_STATUSES).filter(**overdue)
        return queryset.exclude(pk__in=queryset.exclude(status__in=CLOSED_STATUSES).filter(**overdue).values("pk"))
