"""What the admin pages share."""


class NeverDeletedAdmin:
    """Admin pages of what the board may have seen: nothing is deleted there, it is withdrawn in the portal
    (``neglect_portal.withdrawal``). Their parents (strategies, priorities, audits) are not deleted either,
    since deleting one would delete what hangs from it."""

    def has_delete_permission(self, request, obj=None):
        return False


def superusers_only(request) -> bool:
    """The Django admin is the platform operators' (superusers'): a business manager runs a partnership
    from its /settings/ pages, and ``is_staff`` alone opens nothing here."""
    return request.user.is_active and request.user.is_superuser
