"""Reads of the partnership's own records for the settings pages: people, invitations, agencies and
the history of their changes. Each answers evaluated data for one partnership.
"""

import functools
import re

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


# Words a name may leave out of its initials: "Department for Education" is "DfE", "DE" or "DFE".
NAME_LINK_WORDS = frozenset({"and", "of", "for", "the", "in", "on"})


def agency_likely(written, agencies) -> Agency | None:
    """The one agency ``written`` ("WMP", "NHS Black Country ICB", "Walsall Council (Childrens)") most likely means,
    or None when no agency, or more than one, fits it equally well.

    Best: the written words spell out the agency's whole name, each word written out or as the initials of
    several ("WMP" is West Midlands Police, "ICB" Integrated Care Board), or name its bracketed part ("ICB" for
    "NHS Northshire Integrated Care Board (ICB)"), or the name without its bracketed part is the same. Next: the
    written words are found in that order in the name, with some of its words left out ("Police" for
    "Northshire Police"). A suggestion only: the person chooses.
    """
    key = agency_name_key(written)
    tokens = key.split()
    if not tokens:
        return None
    ranked: dict[int, list[Agency]] = {}
    for agency in agencies:
        words = agency_short_key(agency.name).split()
        pairs = re.findall(r"\(([^)]*)\)|\[([^\]]*)\]", agency.name)  # (round, square) for each bracketed part
        bracketed = [agency_name_key(part) for pair in pairs for part in pair if part]
        if (
            key in bracketed
            or agency_short_key(written) == " ".join(words)
            or _spells(tuple(tokens), tuple(words), False)
        ):
            ranked.setdefault(1, []).append(agency)
        elif _spells(tuple(tokens), tuple(words), True):
            ranked.setdefault(2, []).append(agency)
    for rank in sorted(ranked):
        return ranked[rank][0] if len(ranked[rank]) == 1 else None
    return None


@functools.cache
def _spells(tokens: tuple[str, ...], words: tuple[str, ...], skipping: bool) -> bool:
    """Whether ``tokens`` spell out ``words`` in order: each a word or the initials of consecutive words (link words
    may be left out of initials or out of the name); with ``skipping``, other words of the name may be left out."""
    if not tokens:
        return not words or all(word in NAME_LINK_WORDS for word in words) or skipping
    if not words:
        return False
    token, rest = tokens[0], tokens[1:]
    if words[0] == token and _spells(rest, words[1:], skipping):
        return True
    for end in range(1, len(words) + 1):
        initials = "".join(word[0] for word in words[:end] if word not in NAME_LINK_WORDS)
        full = "".join(word[0] for word in words[:end])
        if (len(token) > 1 or end == 1) and token in (initials, full) and _spells(rest, words[end:], skipping):
            return True
    return (words[0] in NAME_LINK_WORDS or skipping) and _spells(tokens, words[1:], skipping)


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
            for c in record.diff_against(before, excluded_fields=["version"]).changes
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
