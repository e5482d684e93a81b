"""Reads of the partnership's own records for the settings pages: people, invitations, agencies and
the history of their changes. Each answers evaluated data for one partnership.
"""

from django.db.models import Prefetch

from accounts.models import (
    Agency,
    AgencyAlias,
    Invitation,
    InvitationEmail,
    Membership,
    agency_name_key,
    agency_short_key,
)
from neglect_portal.history import FieldChange, HistoryEntry


def members_of(partnership):
    """The partnership's memberships, the active first, by name: a queryset for the people page to page through."""
    return (
        Membership.objects.for_partnership(partnership)
        .select_related("user", "agency")
        .order_by("-is_active", "user__first_name", "user__last_name", "user__email")
    )


def pending_invitations(partnership) -> list[Invitation]:
    """Invitations neither accepted nor revoked, each with its e-mails newest first."""
    return list(
        Invitation.objects.for_partnership(partnership)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("agency", "invited_by")
        .prefetch_related(Prefetch("emails", queryset=InvitationEmail.objects.order_by("-created_at", "-pk")))
        .order_by("email")
    )


def agencies_of(partnership) -> list[Agency]:
    return list(Agency.objects.of_partnership(partnership))


def agency_aliases_of(partnership) -> list[AgencyAlias]:
    """The other names the partnership's files use for its agencies, by name."""
    return list(AgencyAlias.objects.filter(partnership=partnership).select_related("agency", "created_by"))


def agency_lookup(partnership) -> dict[str, Agency]:
    """Each name an import may give an agency of the partnership (see ``accounts.models.agency_name_key``), with the
    agency it means: its own name, that name without its bracketed part (when no other agency shares it), and the
    partnership's other names for it. Retired agencies are named too, so a file of past actions still reads."""
    agencies = agencies_of(partnership)
    lookup: dict[str, Agency] = {}
    short: dict[str, list[Agency]] = {}
    for agency in agencies:
        short.setdefault(agency_short_key(agency.name), []).append(agency)
    for key, named in short.items():
        if key and len(named) == 1:
            lookup[key] = named[0]
    for alias in AgencyAlias.objects.filter(partnership=partnership).select_related("agency"):
        lookup[alias.key] = alias.agency
    for agency in agencies:
        lookup[agency_name_key(agency.name)] = agency
    return lookup


def agency_history(partnership, limit=20) -> list[HistoryEntry]:
    return history_entries(Agency.history.filter(partnership=partnership), limit=limit, subject=lambda r: r.name)


def partnership_history(partnership, limit=20):
    """The partnership's settings changes, newest first, with who and when."""
    return history_entries(partnership.history.all(), limit=limit, created="Partnership created")


def history_entries(records, *, limit=20, created="Added", subject=lambda record: ""):
    """History table rows from django-simple-history ``records`` (of one model): what changed, who, when.

    Each record is compared with the one before it of the same object; the first of an object is "created".
    """
    records = list(records.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
    model = records[0].instance_type if records else None
    entries = []
    for record in records:
        before = record.prev_record  # a query a row, at most ``limit`` of them
        what = subject(record)
        if before is None:
            entries.append(HistoryEntry(record.history_date, record.history_user, subject=what, text=created))
            continue
        changes = [
            FieldChange(str(model._meta.get_field(c.field).verbose_name).capitalize(), _shown(c.old), _shown(c.new))
            for c in record.diff_against(before).changes
        ]
        if changes:
            entries.append(HistoryEntry(record.history_date, record.history_user, changes=changes, subject=what))
    return entries


def _shown(value):
    if value is None or value == "":
        return "none"
    if hasattr(value, "strftime"):
        return value.strftime("%d %b %Y")
    return str(value)


def open_actions_led_by(person, limit=100):
    """The open, not withdrawn actions ``person`` leads in their partnership: to reassign when they leave."""
    # Through the reverse relation: accounts sits below actions and does not import it.
    return list(
        person.user.led_actions.for_partnership(person.partnership_id)
        .open()
        .filter(withdrawn_at__isnull=True)
        .select_related("priority")
        .order_by("priority__number", "reference")[:limit]
    )
