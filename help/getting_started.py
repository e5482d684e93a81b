"""A new partnership's next steps: what is done and what to do next, for the first-run path.

The dashboard, scorecard and audits pages show these steps (through the ``getting_started``
template tag) when they would otherwise be empty. Each step links to the page that does it when the
member's role may do it; a page that does not exist (yet) is left unlinked, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.urls import NoReverseMatch, reverse

from accounts import access
from accounts.models import Agency, Membership, Partnership
from outcomes.models import Indicator
from priorities.models import Priority, Strategy


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    hint: str
    done: bool
    url: str | None


def url_or_none(name: str, *args) -> str | None:
    """The address of a named page, or None when there is no such page."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def first_url(*names) -> str | None:
    return next((url for url in (url_or_none(*name) for name in names) if url), None)


def getting_started(membership) -> list[Step]:
    """The set-up steps of the member's partnership, in order, with links the member may follow (one query)."""
    state = _state(membership)
    admin = access.can_administer(membership)
    editor = access.can_manage_plan(membership)
    strategy_id = state.active_strategy_id
    strategy_url = first_url(("settings:strategy",), ("priorities:strategy_create",)) if admin else None
    if strategy_url is None and editor:
        strategy_url = url_or_none("priorities:strategy_create")
    return [
        Step(
            "agencies",
            "Add the partner agencies",
            "The council, health, police, schools and others that sponsor priorities and lead actions.",
            state.has_agencies,
            url_or_none("settings:agencies") if admin else None,
        ),
        Step(
            "people",
            "Invite people",
            "The steering group, each priority's sponsor, the action leads and the board.",
            state.has_others,
            first_url(("settings:invite",), ("settings:people",)) if admin else None,
        ),
        Step(
            "strategy",
            "Create the strategy",
            "Its title, dates and vision, from scratch or carried over from the last one.",
            strategy_id is not None,
            strategy_url,
        ),
        Step(
            "priorities",
            "Add the priorities",
            "Each priority with the agency that sponsors it; then its actions.",
            state.has_priorities,
            url_or_none("priorities:create", strategy_id) if editor and strategy_id is not None else None,
        ),
        Step(
            "indicators",
            "Add indicators",
            "The measures on the outcomes scorecard, each under one of RBA's three questions: "
            "write your own, or adopt them from the indicator library.",
            state.has_indicators,
            url_or_none("outcomes:indicator_create") if editor else None,
        ),
    ]


def _state(membership):
    """What the partnership has so far, in one query."""
    partnership = OuterRef("pk")
    active = Strategy.objects.active().filter(partnership=partnership)
    return Partnership.objects.annotate(
        has_agencies=Exists(Agency.objects.filter(partnership=partnership)),
        has_others=Exists(
            Membership.objects.filter(partnership=partnership, is_active=True).exclude(user_id=membership.user_id)
        ),
        active_strategy_id=Subquery(active.values("pk")[:1]),
        has_priorities=Exists(
            Priority.objects.filter(strategy__partnership=partnership, strategy__status=Strategy.Status.ACTIVE)
        ),
        has_indicators=Exists(Indicator.objects.current().filter(partnership=partnership)),
    ).get(pk=membership.partnership_id)


def is_set_up(steps: list[Step]) -> bool:
    return all(step.done for step in steps)
