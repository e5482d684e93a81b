"""What the admin pages share."""


class NeverDeletedAdmin:
    """Admin pages of what the board may have seen: nothing is deleted there, it is withdrawn in the portal
    (``neglect_portal.withdrawal``). Their parents (strategies, priorities, audits) are not deleted either,
    since deleting one would delete what hangs from it."""

    def has_delete_permission(self, request, obj=None):
        return False
