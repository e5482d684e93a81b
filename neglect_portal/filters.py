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
