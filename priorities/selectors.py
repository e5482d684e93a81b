"""Reads of strategies and priorities, with their queries in one place."""

from django.db.models import Prefetch

from priorities.models import Priority, Strategy


def active_strategy_with_priorities(partnership):
    """The partnership's active strategy with its priorities and sponsors, or None."""
    priorities = Priority.objects.select_related("sponsor_agency", "sponsor_lead").order_by("number")
    return (
        Strategy.objects.filter(partnership=partnership, status=Strategy.Status.ACTIVE)
        .prefetch_related(Prefetch("priorities", queryset=priorities), "principles")
        .first()
    )
