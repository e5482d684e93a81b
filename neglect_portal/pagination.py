"""Pages of the API's lists: ``page`` and ``page_size``, documented with their limits.

``page_size`` is at most :data:`MAX_PAGE_SIZE`; a larger, zero, negative or non-numeric
``page_size`` is refused with 400 and a message on the field, as the schema says, rather
than silently giving a page of another size.

A page's ``count`` of a big partnership's list is kept until the next write to one of the
reader's partnerships (``fragments.kept_count``): counting its rows through their joins was
most of the time of a page that reads fifty of them.
"""

import re
from functools import partial

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

from neglect_portal import fragments

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
PAGE_SIZE_MESSAGE = f"Give page_size as a whole number from 1 to {MAX_PAGE_SIZE}"


class KeptCountPaginator(Paginator):
    """A paginator whose count of a queryset is kept per generation of ``partnership_ids``."""

    def __init__(self, *args, partnership_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership_ids = tuple(partnership_ids)

    @cached_property
    def count(self):
        counted = partial(Paginator.count.func, self)
        model, query = getattr(self.object_list, "model", None), getattr(self.object_list, "query", None)
        if model is None or query is None or not self.partnership_ids:
            return counted()
        try:
            sql = str(query)
        except EmptyResultSet:
            return counted()
        return fragments.kept_count(model, self.partnership_ids, sql, counted)


class PortalPagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = (
        f"How many results a page holds: {DEFAULT_PAGE_SIZE} unless given, at most {MAX_PAGE_SIZE}. "
        "A larger number is refused (400): follow `next` for the rest."
    )

    def count_partnership_ids(self, request) -> tuple:
        """The partnerships whose writes change the lists this reader is shown: none here, so every count is
        made afresh; the API's pagination (``accounts.api_pagination``) names the reader's."""
        return ()

    def paginate_queryset(self, queryset, request, view=None):
        self.django_paginator_class = partial(KeptCountPaginator, partnership_ids=self.count_partnership_ids(request))
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not re.fullmatch(r"\d{1,6}", raw.strip()) or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError({self.page_size_query_param: [PAGE_SIZE_MESSAGE]})
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters
