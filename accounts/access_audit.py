"""The audit of access: one call records who was let in, changed or shut out, by whom, when and from where.

``record`` is the only writer of ``AccessEvent``. Callers pass names and labels only: never a password,
code, token or session id.
"""

import ipaddress
import logging

from django.conf import settings

from accounts.models import AccessEvent

Kind = AccessEvent.Kind
logger = logging.getLogger("accounts.access")


def record(partnership, *, actor, kind, subject="", detail="", request=None) -> AccessEvent:
    """Add a line to the audit. ``partnership`` is None for a person's own events (signing in, tokens);
    ``actor`` is None for a platform operator's command or a nightly job; ``request`` gives the address."""
    event = AccessEvent.objects.create(
        partnership=partnership,
        actor=actor if actor is not None and actor.is_authenticated else None,
        kind=kind,
        subject=(subject or "")[:254],
        detail=(detail or "")[:300],
        ip_address=client_address(request),
    )
    logger.info("access: %s", event.get_kind_display(), extra={"access_kind": kind})
    return event


def events_of(partnership, *, subject=None):
    """The partnership's access events, newest first (optionally about one e-mail address)."""
    events = AccessEvent.objects.for_partnership(partnership).select_related("actor")
    if subject is not None:
        events = events.filter(subject__iexact=subject)
    return events


def client_address(request):
    """The address a request came from: REMOTE_ADDR, or the one TRUSTED_PROXY_COUNT proxies saw.

    Used by the audit, the sign-in limits and axes' lockouts alike.
    """
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
