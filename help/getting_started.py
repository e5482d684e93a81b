"""A new partnership's next steps: what is done and what to do next, for the first-run path.

The dashboard, scorecard and audits pages show these steps (through the ``getting_started``
template tag) when they would otherwise be empty. Each step links to the page that does it when the
member's role may do it; a page that does not exist (yet) is left unlinked, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from accounts import access
from accounts.models import Agency, Membership
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
    """The set-up steps of the member's partnership, in order, with links the member may follow (5 queries)."""
    partnership = membership.partnership
    admin = access.can_administer(membership)
    editor = access.can_manage_plan(membership)
    strategy = Strategy.objects.active_for(partnership)
    has_priorities = strategy is not None and Priority.objects.filter(strategy=strategy).exists()
    people = Membership.objects.filter(partnership=partnership, is_active=True).count()
    strategy_url = first_url(("settings:strategy",), ("priorities:strategy_create",)) if admin else None
    if strategy_url is None and editor:
        strategy_url = url_or_none("priorities:strategy_create")
    return [
        Step(
            "agencies",
            "Add the partner agencies",
            "The council, health, police, schools and others that sponsor priorities and lead actions.",
            Agency.objects.filter(partnership=partnership).exists(),
            url_or_none("settings:agencies") if admin else None,
        ),
        Step(
            "people",
            "Invite people",
            "The steering group, each priority's sponsor, the action leads and the board.",
            people > 1,
            first_url(("settings:invite",), ("settings:people",)) if admin else None,
        ),
        Step(
            "strategy",
            "Create the strategy",
            "Its title, dates and vision, from scratch or carried over from the last one.",
            strategy is not None,
            strategy_url,
        ),
        Step(
            "priorities",
            "Add the priorities",
            "Each priority with the agency that sponsors it; then its actions.",
            has_priorities,
            url_or_none("priorities:create", strategy.pk) if editor and strategy is not None else None,
        ),
        Step(
            "indicators",
            "Add indicators",
            "The measures on the outcomes scorecard, each under one of RBA's three questions.",
            Indicator.objects.filter(partnership=partnership).current().exists(),
            url_or_none("outcomes:indicator_create") if editor else None,
        ),
    ]


def is_set_up(steps: list[Step]) -> bool:
    return all(step.done for step in steps)
