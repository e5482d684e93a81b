"""Pages of the API's lists: ``page`` and ``page_size``, documented with their limits.

``page_size`` is at most :data:`MAX_PAGE_SIZE`; a larger, zero, negative or non-numeric
``page_size`` is refused with 400 and a message on the field, as the schema says, rather
than silently giving a page of another size.
"""

import re

from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
PAGE_SIZE_MESSAGE = f"Give page_size as a whole number from 1 to {MAX_PAGE_SIZE}"


class PortalPagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = (
        f"How many results a page holds: {DEFAULT_PAGE_SIZE} unless given, at most {MAX_PAGE_SIZE}. "
        "A larger number is refused (400): follow `next` for the rest."
    )

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
