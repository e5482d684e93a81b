from accounts.middleware import current_membership
from accounts.navigation import navigation_for


def partnership(request):
    """The current partnership, role and navigation, for the service header."""
    if not hasattr(request, "user") or not request.user.is_authenticated:
        return {"current_membership": None, "current_partnership": None, "navigation": []}
    membership = current_membership(request)
    return {
        "current_membership": membership,
        "current_partnership": membership.partnership if membership else None,
        "navigation": navigation_for(request) if membership else [],
    }
