"""The API's ``?ordering=`` (``DEFAULT_FILTER_BACKENDS``): REST framework's, made stable from page to page."""

from rest_framework.filters import OrderingFilter


class StableOrderingFilter(OrderingFilter):
    """Orders as the client asks, then by primary key.

    Rows that tie on the fields asked for (actions due the same day, updates written the same minute) have no
    order of their own in SQL, so the database may give them in one order for page 2 and another for page 3:
    a row would show twice and another never. The key last gives ties one order every time.
    """

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not any(field.lstrip("-") in ("pk", "id") for field in ordering):
            ordering = [*ordering, "pk"]
        return ordering
