"""The access audit: one ``record(...)`` for every event, and the client's address.

What is recorded is who, what, when and from which address; never a password, code, token
or session id (callers pass only names and labels).
"""

import ipaddress
import logging

from django.conf import settings

from accounts.models_security import AccessEvent

logger = logging.getLogger("accounts.access")

Kind = AccessEvent.Kind


def client_address(request):
    """The address the request came from: REMOTE_ADDR, or the one TRUSTED_PROXY_COUNT proxies saw."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            address = forwarded[-count]
    try:
        return str(ipaddress.ip_address(address))
    except (TypeError, ValueError):
        return None


def record(kind, *, request=None, user=None, email="", partnership=None, subject=""):
    """Record one access event; ``user`` defaults to the request's signed-in person."""
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None and not email:
        email = user.email
    event = AccessEvent.objects.create(
        kind=kind,
        user=user,
        email=(email or "")[:254],
        partnership=partnership,
        ip_address=client_address(request),
        subject=(subject or "")[:300],
    )
    logger.info(
        "access: %s",
        event.get_kind_display(),
        extra={"access_kind": kind, "access_user_id": getattr(user, "pk", None), "access_subject": subject},
    )
    return event


def record_for_partnership_request(kind, request, subject=""):
    """Record an event of the partnership the request works in (exports, report views and downloads)."""
    from accounts.middleware import current_membership

    membership = current_membership(request)
    return record(kind, request=request, partnership=membership.partnership if membership else None, subject=subject)
