"""Reads of actions and their progress updates, with their queries in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from actions.models import BRAG, CLOSED_STATUSES, Action, ProgressUpdate, Status
from neglect_portal.periods import current_quarter
from priorities.models import Priority, Strategy

RECENT_UPDATES = 10


@dataclass
class BragSegment:
    status: str
    label: str
    colour: str
    brag: str
    count: int
    percent: float


@dataclass
class PriorityRow:
    priority: Priority
    total: int
    overdue: int
    without_update: int
    segments: list[BragSegment] = field(default_factory=list)


@dataclass
class Dashboard:
    strategy: Strategy | None
    quarter: object
    priorities: list[PriorityRow]
    recent_updates: list[ProgressUpdate]


def stale_actions(today):
    """Open actions without a progress update in the quarter containing ``today``."""
    start = current_quarter(today).start
    updated = ProgressUpdate.objects.filter(update_date__gte=start).values("action_id")
    return Action.objects.open().exclude(pk__in=updated)


def dashboard(partnership, today) -> Dashboard:
    """The partnership's active strategy at a glance, in three queries whatever its size."""
    quarter = current_quarter(today)
    strategy = Strategy.objects.filter(partnership=partnership, status=Strategy.Status.ACTIVE).first()
    if strategy is None:
        return Dashboard(None, quarter, [], [])
    status_counts = {f"n_{s.value}": Count("actions", filter=Q(actions__status=s)) for s in Status}
    stale = stale_actions(today).values("pk")
    priorities = (
        Priority.objects.filter(strategy=strategy)
        .select_related("sponsor_agency", "sponsor_lead")
        .annotate(
            n_total=Count("actions"),
            n_overdue=Count("actions", filter=Q(actions__due_date__lt=today) & ~Q(actions__status__in=CLOSED_STATUSES)),
            n_stale=Count("actions", filter=Q(actions__in=stale)),
            **status_counts,
        )
        .order_by("number")
    )
    rows = [_priority_row(p) for p in priorities]
    recent = list(
        ProgressUpdate.objects.filter(action__priority__strategy=strategy)
        .select_related("action", "author")
        .order_by("-update_date", "-created_at")[:RECENT_UPDATES]
    )
    return Dashboard(strategy, quarter, rows, recent)


def _priority_row(priority) -> PriorityRow:
    total = priority.n_total
    segments = []
    for status in Status:
        count = getattr(priority, f"n_{status.value}")
        colour, brag = BRAG[status]
        percent = round(100 * count / total, 1) if total else 0
        segments.append(BragSegment(status.value, status.label, colour, brag, count, percent))
    return PriorityRow(priority, total, priority.n_overdue, priority.n_stale, segments)
