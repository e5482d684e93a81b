"""Reads of strategies and priorities, with their queries in one place."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.models import Partnership
from priorities.models import Priority, Strategy


def active_strategy_with_priorities(partnership):
    """The partnership's active strategy with its priorities and sponsors, or None."""
    priorities = Priority.objects.select_related("sponsor_agency", "sponsor_lead").order_by("number")
    return Strategy.objects.prefetch_related(Prefetch("priorities", queryset=priorities), "principles").active_for(
        partnership
    )


def strategy_for(partnership, pk) -> Strategy:
    """One strategy of the partnership; other partnerships' strategies answer 404."""
    return get_object_or_404(Strategy.objects.filter(partnership=partnership), pk=pk)


def priorities_to_link(partnership):
    """Every priority of the partnership's strategies, the newest strategy first, for a choice of priority."""
    return (
        Priority.objects.filter(strategy__partnership=partnership)
        .select_related("strategy")
        .order_by("-strategy__start_date", "number")
    )


def priorities_of(strategy):
    """A strategy's priorities by number (none without a strategy), for a choice in a filter."""
    return Priority.objects.filter(strategy=strategy).order_by("number")


def priorities_for(partnership) -> list[Priority]:
    """Every priority of the partnership's strategies, with its sponsor and number of actions."""
    return list(
        Priority.objects.filter(strategy__partnership=partnership)
        .select_related("strategy", "sponsor_agency", "sponsor_lead")
        # Current actions only (``Action.objects.current()``, spelt out: priorities sit below actions).
        .annotate(action_count=Count("actions", filter=Q(actions__withdrawn_at__isnull=True)))
        .order_by("strategy__title", "number")
    )


def priority_for(partnership, pk) -> Priority:
    """One priority of the partnership; other partnerships' priorities answer 404."""
    queryset = Priority.objects.filter(strategy__partnership=partnership).select_related(
        "strategy", "sponsor_agency", "sponsor_lead"
    )
    return get_object_or_404(queryset, pk=pk)


def strategy_archive(partnership) -> list[Strategy]:
    """The partnership's past (archived) strategies, newest first, with their priorities."""
    priorities = Priority.objects.select_related("sponsor_agency").order_by("number")
    return list(
        Strategy.objects.filter(partnership=partnership, status=Strategy.Status.ARCHIVED)
        .prefetch_related(Prefetch("priorities", queryset=priorities))
        .order_by("-start_date", "title")
    )


def strategy_page(partnership, pk) -> Strategy:
    """One strategy of the partnership with its priorities and their sponsors; other partnerships' answer 404."""
    priorities = Priority.objects.select_related("sponsor_agency", "sponsor_lead", "carried_from").order_by("number")
    queryset = Strategy.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("priorities", queryset=priorities), "followed_by"
    )
    return get_object_or_404(queryset.select_related("follows"), pk=pk)


# --- the API's lists (the ids are the partnerships the user is an active member of) ---------------


def partnerships_in(partnership_ids):
    return Partnership.objects.filter(id__in=partnership_ids)


def strategies_in(partnership_ids):
    """The strategies of these partnerships, for the API to filter and page."""
    return Strategy.objects.select_related("partnership").filter(partnership_id__in=partnership_ids)


def priorities_in(partnership_ids):
    """The priorities of these partnerships' strategies, for the API to filter and page."""
    return Priority.objects.select_related("strategy", "sponsor_agency", "sponsor_lead").filter(
        strategy__partnership_id__in=partnership_ids
    )
