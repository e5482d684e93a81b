"""The partnership a signed-in person is working in.

Pages work in one partnership at a time, chosen once and remembered in the
session. ``current_membership(request)`` resolves it (one query, cached on
the request); a person with a single partnership never has to choose.
"""

from accounts.access import active_memberships

SESSION_KEY = "partnership_id"
_CACHE = "_current_membership"


def current_membership(request):
    """The active membership of the chosen partnership, or None."""
    if not hasattr(request, _CACHE):
        setattr(request, _CACHE, _resolve(request))
    return getattr(request, _CACHE)


def choose_partnership(request, membership):
    request.session[SESSION_KEY] = membership.partnership_id
    setattr(request, _CACHE, membership)


def _resolve(request):
    if not request.user.is_authenticated:
        return None
    memberships = list(active_memberships(request.user))
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.partnership_id == chosen:
            return membership
    if len(memberships) == 1:
        request.session[SESSION_KEY] = memberships[0].partnership_id
        return memberships[0]
    return None
