"""Reads of actions and their progress updates, with their queries in one place."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import access
from accounts.models import Agency, User
from actions.models import BRAG, CLOSED_STATUSES, Action, ProgressUpdate, Status
from actions.services import EDITABLE_FIELDS
from neglect_portal.history import FieldChange, HistoryEntry, withdrawal_change
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
    offset: float = 0  # where the segment starts on the bar, in percent


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


def dashboard(partnership, today) -> Dashboard:
    """The partnership's active strategy at a glance, in three queries whatever its size.

    The priorities' counts come from one pass over the strategy's actions (each condition on the
    joined action itself, so nothing of another strategy or partnership is read), and the recent
    updates are the ten newest taken in the database through the index on their date.
    """
    quarter = current_quarter(today)
    strategy = Strategy.objects.active_for(partnership)
    if strategy is None:
        return Dashboard(None, quarter, [], [])
    plan = Q(actions__withdrawn_at__isnull=True)
    still_open = plan & ~Q(actions__status__in=CLOSED_STATUSES)
    updated = ProgressUpdate.objects.filter(action=OuterRef("actions"), update_date__range=(quarter.start, quarter.end))
    status_counts = {f"n_{s.value}": Count("actions", filter=plan & Q(actions__status=s)) for s in Status}
    priorities = (
        Priority.objects.filter(strategy=strategy)
        .select_related("sponsor_agency", "sponsor_lead")
        .annotate(
            n_total=Count("actions", filter=plan),
            n_overdue=Count("actions", filter=still_open & Q(actions__due_date__lt=today)),
            n_stale=Count("actions", filter=still_open & ~Exists(updated)),
            **status_counts,
        )
        .order_by("number")
    )
    rows = [_priority_row(p) for p in priorities]
    recent = list(
        ProgressUpdate.objects.filter(action__priority__strategy=strategy, action__withdrawn_at__isnull=True)
        .select_related("action", "author")
        .order_by("-update_date", "-created_at")[:RECENT_UPDATES]
    )
    return Dashboard(strategy, quarter, rows, recent)


def _priority_row(priority) -> PriorityRow:
    total = priority.n_total
    segments = []
    offset = 0.0
    for status in Status:
        count = getattr(priority, f"n_{status.value}")
        colour, brag = BRAG[status]
        percent = round(100 * count / total, 1) if total else 0
        segments.append(BragSegment(status.value, status.label, colour, brag, count, percent, round(offset, 1)))
        offset += percent
    return PriorityRow(priority, total, priority.n_overdue, priority.n_stale, segments)


@dataclass
class ActionPage:
    action: Action
    updates: list[ProgressUpdate]
    history: list[HistoryEntry]
    recommendations: list


HISTORY_FIELDS = (*EDITABLE_FIELDS, "due_date_change_reason")


def action_for(partnership, pk) -> Action:
    """One action of the partnership; other partnerships' actions answer 404."""
    queryset = Action.objects.for_partnership(partnership).select_related(
        "priority__strategy", "priority__sponsor_agency", "lead_agency", "lead", "withdrawn_by"
    )
    return get_object_or_404(queryset, pk=pk)


def action_page(partnership, pk) -> ActionPage:
    """An action with its progress updates, field history and audit recommendations."""
    action = action_for(partnership, pk)
    updates = list(action.updates.select_related("author").order_by("-update_date", "-created_at"))
    records = list(action.history.select_related("history_user").order_by("history_date", "history_id"))
    answering = action.recommendations.current().select_related("audit")
    recommendations = list(answering.order_by("audit__title", "reference"))
    return ActionPage(action, updates, _history(partnership, records), recommendations)


def _history(partnership, records) -> list[HistoryEntry]:
    """Field changes between consecutive history records, newest first."""
    agencies = dict(Agency.objects.of_partnership(partnership).values_list("pk", "name"))
    user_ids = {r.lead_id for r in records if r.lead_id}
    users = {u.pk: u.get_full_name() or u.email for u in User.objects.filter(pk__in=user_ids)}
    entries = []
    for old, new in itertools.pairwise(records):
        delta = new.diff_against(old, included_fields=list(HISTORY_FIELDS))
        changes = [
            FieldChange(
                Action._meta.get_field(c.field).verbose_name.capitalize(),
                _show(c.field, c.old, agencies, users),
                _show(c.field, c.new, agencies, users),
            )
            for c in delta.changes
        ]
        changes += filter(None, [withdrawal_change(old, new)])
        if changes:
            entries.append(HistoryEntry(new.history_date, new.history_user, changes))
    return list(reversed(entries))


def _show(field_name, value, agencies, users) -> str:
    if value in (None, ""):
        return "(none)"
    if field_name == "lead_agency":
        return agencies.get(value, str(value))
    if field_name == "lead":
        return users.get(value, str(value))
    if field_name == "status":
        return Status(value).label
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def my_actions(membership, today=None):
    """The actions the member may update, those without an update this quarter first, for a paginated table.

    Ordered in SQL (``needs_update`` is annotated), so a page reads only its own rows.
    """
    mine = Action.objects.current().filter(access.actions_updatable_filter(membership))
    quarter = current_quarter(today or timezone.localdate())
    stale = mine.without_update_in(quarter).filter(pk=OuterRef("pk"))
    return (
        mine.select_related("priority", "lead_agency", "lead")
        .annotate(needs_update=Exists(stale))
        .order_by("-needs_update", "due_date", "reference", "pk")
    )


# --- the API's lists (the ids are the partnerships the user is an active member of) ---------------


def actions_in(partnership_ids):
    """The actions of these partnerships, withdrawn ones too, for the API to filter and page."""
    return (
        Action.objects.select_related(
            "priority__strategy", "priority__sponsor_agency", "lead_agency", "lead", "withdrawn_by"
        )
        .prefetch_related("impact_indicators", "impact_findings")
        .filter(priority__strategy__partnership_id__in=partnership_ids)
    )


def progress_updates_in(partnership_ids):
    """The progress updates of these partnerships' actions, for the API to filter and page."""
    return ProgressUpdate.objects.select_related("action", "author").filter(
        action__priority__strategy__partnership_id__in=partnership_ids
    )


# --- action tables ----------------------------------------------------------------


def priority_actions(priority, withdrawn=False):
    """A priority's current actions (or those withdrawn), for a filtered and paginated table."""
    return _current_or_withdrawn(Action.objects.filter(priority=priority), withdrawn)


def strategy_actions(strategy, withdrawn=False):
    """Every current action of a strategy (or those withdrawn; none without one), for a filtered table."""
    return _current_or_withdrawn(Action.objects.filter(priority__strategy=strategy), withdrawn)


def _current_or_withdrawn(actions, withdrawn):
    actions = actions.withdrawn().select_related("withdrawn_by") if withdrawn else actions.current()
    return actions.select_related("lead_agency", "lead", "priority")


def withdrawn_count(actions) -> int:
    return actions.withdrawn().count()


def with_latest_update(actions):
    """``actions`` with the date and narrative of each one's latest progress update, in the same query."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-update_date", "-created_at")
    return actions.annotate(
        latest_update_date=Subquery(latest.values("update_date")[:1]),
        latest_update_narrative=Subquery(latest.values("narrative")[:1]),
    )


# --- the actions section of the quarterly report ------------------------------------

# Off-track actions come first in an exception list, then at-risk ones, then those only overdue.
EXCEPTION_ORDER = {Status.OFF_TRACK: 0, Status.AT_RISK: 1}


def actions_for_report(strategy, period, today) -> dict:
    """The actions of ``strategy`` for its quarterly report on ``period``, as JSON-ready plain data.

    Actions are counted as they stand on ``today`` (their status now, overdue if past due on
    ``today``); progress updates are quoted up to the quarter's end. A fixed number of queries,
    whatever the size of the plan::

        {
            "priorities": [{"number", "title", "sponsor_agency", "sponsor_lead", "total", "overdue",
                            "completed_in_quarter", "by_status": [STATUS + count], "exceptions": [ACTION]}],
            "summary": {"total", "overdue", "off_track_or_at_risk", "completed_in_quarter",
                        "without_update", "by_status": [STATUS + count]},
            "without_update": [ACTION],    # open, under way, no update dated in the quarter
            "forward_look": {"period", "period_start", "period_end", "actions": [ACTION]},
            "completed": [ACTION + {"impact", "evidence": [str], "without_impact"}],  # in the quarter
        }
    """
    priorities = _report_priorities(strategy, period, today)
    without_update = _actions_without_update(strategy, period)
    return {
        "priorities": priorities,
        "summary": _report_summary(priorities, len(without_update)),
        "without_update": without_update,
        "forward_look": _forward_look(strategy, period.next()),
        "completed": completed_for_report(strategy, period),
    }


def completed_for_report(strategy, period) -> list[dict]:
    """Actions completed in the quarter, each with what difference it made and its evidence (three queries).

    One closed before the portal asked is marked ``without_impact``, not left out.
    """
    actions = (
        Action.objects.current()
        .filter(priority__strategy=strategy, status=Status.COMPLETED, completed_on__range=(period.start, period.end))
        .select_related("lead", "lead_agency")
        .prefetch_related("impact_indicators", "impact_findings__audit")
        .order_by("priority__number", "reference")
    )
    return [
        {
            **_report_action(action),
            "completed_on": _iso(action.completed_on),
            "impact": action.impact_statement,
            "evidence": impact_evidence(action),
            "without_impact": action.completed_without_impact,
        }
        for action in actions
    ]


def impact_evidence(action) -> list[str]:
    """The evidence that a completed action made a difference, in words (its relations prefetched)."""
    return [
        *(f"Indicator {indicator.code} {indicator.name}" for indicator in action.impact_indicators.all()),
        *(f"Audit finding of {finding.audit.title}: {finding.text}" for finding in action.impact_findings.all()),
        *([action.impact_evidence] if action.impact_evidence else []),
    ]


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user else ""


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _status(status, count=None) -> dict:
    colour, brag = BRAG[status]
    item = {"status": str(status), "label": Status(status).label, "brag": brag, "colour": colour}
    return item if count is None else {**item, "count": count}


def _report_summary(priorities, without_update) -> dict:
    by_status = {status.value: 0 for status in Status}
    for priority in priorities:
        for item in priority["by_status"]:
            by_status[item["status"]] += item["count"]
    return {
        "total": sum(by_status.values()),
        "overdue": sum(p["overdue"] for p in priorities),
        "off_track_or_at_risk": by_status[Status.OFF_TRACK] + by_status[Status.AT_RISK],
        "completed_in_quarter": sum(p["completed_in_quarter"] for p in priorities),
        "without_update": without_update,
        "by_status": [_status(status, count) for status, count in by_status.items()],
    }


def _report_priorities(strategy, period, today) -> list[dict]:
    """Each priority with its sponsor, its actions by status and its exception list (three queries)."""
    plan = Q(actions__in=Action.objects.filter(priority__strategy=strategy).current())
    status_counts = {f"n_{s.value}": Count("actions", filter=plan & Q(actions__status=s)) for s in Status}
    completed = plan & Q(actions__status=Status.COMPLETED, actions__completed_on__range=(period.start, period.end))
    overdue = Action.objects.filter(priority__strategy=strategy).current().overdue(on=today)
    priorities = (
        Priority.objects.filter(strategy=strategy)
        .select_related("sponsor_agency", "sponsor_lead")
        .annotate(overdue_count=Count("actions", filter=Q(actions__in=overdue)))
        .annotate(completed_in_quarter=Count("actions", filter=completed))
        .annotate(**status_counts)
        .order_by("number")
    )
    exceptions = _exceptions(strategy, period, today)
    return [
        {
            "number": priority.number,
            "title": priority.title,
            "sponsor_agency": priority.sponsor_agency.name,
            "sponsor_lead": _name(priority.sponsor_lead),
            "total": sum(getattr(priority, f"n_{s.value}") for s in Status),
            "overdue": priority.overdue_count,
            "completed_in_quarter": priority.completed_in_quarter,
            "by_status": [_status(s, getattr(priority, f"n_{s.value}")) for s in Status],
            "exceptions": exceptions.get(priority.pk, []),
        }
        for priority in priorities
    ]


def _exceptions(strategy, period, today) -> dict[int, list[dict]]:
    """Open actions off track, at risk or overdue, each with its latest update up to the quarter's end."""
    latest = (
        ProgressUpdate.objects.filter(action=OuterRef("pk"), update_date__lte=period.end)
        .order_by("-update_date", "-created_at")
        .values("pk")[:1]
    )
    plan = Action.objects.filter(priority__strategy=strategy).current()
    actions = list(
        (plan.open().filter(status__in=EXCEPTION_ORDER) | plan.overdue(on=today))
        .select_related("lead", "lead_agency")
        .annotate(latest_update_id=Subquery(latest))
    )
    update_ids = [action.latest_update_id for action in actions if action.latest_update_id]
    updates = ProgressUpdate.objects.filter(pk__in=update_ids).select_related("author") if update_ids else []
    updates = {update.pk: update for update in updates}
    actions.sort(key=lambda a: (EXCEPTION_ORDER.get(a.status, 2), a.due_date, a.reference))
    by_priority: dict[int, list[dict]] = {}
    for action in actions:
        item = _report_action(action, today)
        item["latest_update"] = _report_update(updates.get(action.latest_update_id))
        by_priority.setdefault(action.priority_id, []).append(item)
    return by_priority


def _report_action(action, today=None) -> dict:
    return {
        **_status(action.status),
        "reference": action.reference,
        "title": action.title,
        "lead": _name(action.lead),
        "lead_agency": action.lead_agency.name,
        "due_date": _iso(action.due_date),
        "overdue": today is not None and action.is_overdue(today),
    }


def _report_update(update) -> dict | None:
    if update is None:
        return None
    return {
        "date": _iso(update.update_date),
        "author": _name(update.author),
        "status_label": Status(update.status).label,
        "narrative": update.narrative,
    }


def _actions_without_update(strategy, period) -> list[dict]:
    """Open actions under way by the quarter's end with no progress update dated in the quarter."""
    actions = (
        Action.objects.current()
        .filter(priority__strategy=strategy, start_date__lte=period.end)
        .without_update_in(period)
        .select_related("lead", "lead_agency")
        .order_by("priority__number", "reference")
    )
    return [_report_action(action) for action in actions]


def _forward_look(strategy, quarter) -> dict:
    """Open actions due in ``quarter`` (the one after the report's)."""
    actions = (
        Action.objects.current()
        .filter(priority__strategy=strategy, due_date__range=(quarter.start, quarter.end))
        .open()
        .select_related("lead", "lead_agency")
        .order_by("due_date", "reference")
    )
    return {
        "period": quarter.label,
        "period_start": _iso(quarter.start),
        "period_end": _iso(quarter.end),
        "actions": [_report_action(action) for action in actions],
    }
