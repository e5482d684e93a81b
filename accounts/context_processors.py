from accounts.middleware import current_membership
from accounts.navigation import navigation_for


def partnership(request):
    """The current partnership, role and navigation, for the service header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "is_verified", lambda: True)():
        return {"current_membership": None, "current_partnership": None, "navigation": []}
    membership = current_membership(request)
    return {
        "current_membership": membership,
        "current_partnership": membership.partnership if membership else None,
        "navigation": navigation_for(request) if membership else [],
    }
