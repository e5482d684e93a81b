"""The API's pages (``DEFAULT_PAGINATION_CLASS``): the portal's, with each list's count kept per partnership."""

from neglect_portal.pagination import PortalPagination


class PartnershipPagination(PortalPagination):
    """A list's count is kept until the next write to one of the reader's partnerships, which every API list
    is scoped to (``accounts.api_permissions.partnership_ids``, read once per request)."""

    def count_partnership_ids(self, request) -> tuple:
        # Imported here: REST framework imports this class while its own generic views are being imported,
        # before the serializers and views that accounts.api_permissions imports can be.
        from accounts.api_permissions import partnership_ids

        return tuple(partnership_ids(request.user)) if request.user.is_authenticated else ()
