"""The partnership's audit of access: one call records who was invited, changed or shut out, by whom."""

from accounts.models import AccessEvent

Kind = AccessEvent.Kind


def record(partnership, *, actor, kind, subject="", detail="") -> AccessEvent:
    """Add a line to ``partnership``'s audit of access. ``actor`` is None for a platform operator's command."""
    return AccessEvent.objects.create(
        partnership=partnership,
        actor=actor if actor is not None and actor.is_authenticated else None,
        kind=kind,
        subject=subject,
        detail=detail[:300],
    )


def events_of(partnership, *, subject=None):
    """The partnership's access events, newest first (optionally about one e-mail address)."""
    events = AccessEvent.objects.for_partnership(partnership).select_related("actor")
    if subject is not None:
        events = events.filter(subject__iexact=subject)
    return events
