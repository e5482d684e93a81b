"""Filter fields shared by the API's filter sets."""

import django_filters
from django import forms


class IdFilter(django_filters.NumberFilter):
    """An object's id: a whole number, so ``?priority=2.5`` or a 30-digit number is a 400, not a database error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


def _filter_withdrawn(queryset, name, value):
    if value is None:
        return queryset
    return queryset.withdrawn() if value else queryset.current()


def withdrawn_filter():
    """``withdrawn=true`` lists only what was withdrawn; a list without it shows only current objects
    (:class:`neglect_portal.withdrawal.WithdrawableViewSetMixin`)."""
    return django_filters.BooleanFilter(
        method=_filter_withdrawn, label="Withdrawn: true lists only those withdrawn (by default they are left out)"
    )
