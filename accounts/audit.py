"""Recording what a request did in the audit of access (``accounts.access_audit.record``, the one writer).

Sign-ins, second factors, tokens, exports and report views are recorded from the request, which
gives who (the signed-in person) and from where (the address).
"""

from accounts.access_audit import Kind, client_address, record  # noqa: F401  (Kind and the address for callers)


def record_request(kind, *, request=None, user=None, email="", partnership=None, detail=""):
    """Record ``kind`` done by ``user`` (default: the request's signed-in person) about ``email`` (default: theirs)."""
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None and not email:
        email = user.email
    return record(partnership, actor=user, kind=kind, subject=email, detail=detail, request=request)


def record_for_partnership_request(kind, request, detail=""):
    """Record an event of the partnership the request works in (exports, report views and downloads)."""
    from accounts.middleware import current_membership

    membership = current_membership(request)
    return record_request(
        kind, request=request, partnership=membership.partnership if membership else None, detail=detail
    )
