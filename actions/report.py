"""The actions section of the quarterly report: each action as it stood at the quarter's end.

A report is read as a statement of what was so when the quarter closed, so each action's
status is the one it had then, not on the day the figures are produced. The status of an
action is set by its progress updates (each carries one, dated by the business day it
reports on) and recorded in the action's history (django-simple-history) whenever the
action is saved. At the quarter's end an action's status is:

1. that of its latest progress update dated in or before the quarter, unless
2. the action's history shows it changed to another status after that update's date and
   before the quarter ended (changed on the action's page): then the history's status;
3. with no update, the status in its history as the quarter ended;
4. with neither (put into the portal after the quarter ended), its status when the figures
   are produced, said in so many words.

Each action carries ``status_source`` saying which, and the update that set it.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from accounts.models import User
from actions.models import BRAG, CLOSED_STATUSES, Action, ProgressUpdate, Status
from priorities.models import Priority

# Off-track actions come first in an exception list, then at-risk ones, then those only overdue.
EXCEPTION_ORDER = {Status.OFF_TRACK: 0, Status.AT_RISK: 1}


def actions_for_report(strategy, period, today) -> dict:
    """The actions of ``strategy`` for its quarterly report on ``period``, as JSON-ready plain data.

    Each action is counted with its status at the quarter's end (see the module's docstring),
    overdue if still open and past its due date when the quarter ended (or on ``today`` while it
    runs); progress updates are quoted up to the quarter's end. A fixed number of queries,
    whatever the size of the plan::

        {
            "priorities": [{"number", "title", "sponsor_agency", "sponsor_lead", "total", "overdue",
                            "completed_in_quarter", "by_status": [STATUS + count], "exceptions": [ACTION]}],
            "summary": {"total", "overdue", "off_track_or_at_risk", "completed_in_quarter",
                        "without_update", "by_status": [STATUS + count]},
            "without_update": [ACTION],    # open at the quarter's end, under way, no update dated in it
            "forward_look": {"period", "period_start", "period_end", "actions": [ACTION]},
            "completed": [ACTION + {"impact", "evidence": [str], "without_impact"}],  # in the quarter
        }

    where an ACTION of an exception list also has ``latest_update`` and ``status_source``, and
    ``status_at_end`` maps each action's id to its STATUS at the quarter's end, for other sections
    that name actions (it is not for the snapshot: its keys are ids).
    """
    judged_on = period.end + datetime.timedelta(days=1) if today > period.end else today
    actions = _actions_at_quarter_end(strategy, period, today)
    priorities = _report_priorities(strategy, period, actions, judged_on)
    without_update = [
        _report_action(a) for a in actions if a.start_date <= period.end and a.open_at_end and not a.updated_in_quarter
    ]
    return {
        "status_at_end": {action.pk: _status(action.status_at_end) for action in actions},
        "priorities": priorities,
        "summary": _report_summary(priorities, len(without_update)),
        "without_update": without_update,
        "forward_look": _forward_look(actions, period.next()),
        "completed": completed_for_report(strategy, period),
    }


def _actions_at_quarter_end(strategy, period, today) -> list[Action]:
    """The strategy's current actions, each with ``status_at_end``, ``status_source`` and ``set_by`` (three queries)."""
    zone = ZoneInfo(strategy.partnership.time_zone)
    cutoff = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    latest_update = ProgressUpdate.objects.filter(action=OuterRef("pk"), update_date__lte=period.end).order_by(
        "-update_date", "-created_at"
    )
    recorded = Action.history.filter(id=OuterRef("pk"), history_date__lt=cutoff).order_by(
        "-history_date", "-history_id"
    )
    in_quarter = ProgressUpdate.objects.filter(action=OuterRef("pk"), update_date__range=(period.start, period.end))
    actions = list(
        Action.objects.current()
        .filter(priority__strategy=strategy)
        .select_related("lead", "lead_agency")
        .annotate(
            update_id=Subquery(latest_update.values("pk")[:1]),
            recorded_status=Subquery(recorded.values("status")[:1]),
            recorded_at=Subquery(recorded.values("history_date")[:1]),
            recorded_by=Subquery(recorded.values("history_user_id")[:1]),
            updated_in_quarter=Exists(in_quarter),
        )
        .order_by("priority__number", "reference")
    )
    update_ids = [a.update_id for a in actions if a.update_id]
    updates = {u.pk: u for u in ProgressUpdate.objects.filter(pk__in=update_ids).select_related("author")}
    user_ids = {a.recorded_by for a in actions if a.recorded_by}
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    for action in actions:
        _settle_status(action, updates.get(action.update_id), users, zone, today)
    return actions


def _settle_status(action, update, users, zone, today) -> None:
    recorded_on = timezone.localtime(action.recorded_at, zone).date() if action.recorded_at else None
    changed_after_update = recorded_on is not None and (update is None or recorded_on > update.update_date)
    if changed_after_update and (update is None or action.recorded_status != update.status):
        status = action.recorded_status
        source = {"kind": "change", "date": _iso(recorded_on), "by": _name(users.get(action.recorded_by))}
    elif update is not None:
        status = update.status
        source = {"kind": "update", "date": _iso(update.update_date), "by": _author(update)}
    else:
        status = action.status
        source = {"kind": "later", "date": _iso(today), "by": ""}
    action.status_at_end, action.status_source, action.set_by = status, source, update
    action.open_at_end = status not in CLOSED_STATUSES


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


def _author(update) -> str:
    """Who wrote an update: for one imported from a spreadsheet, whom the file names."""
    return update.author_name or _name(update.author)


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


def _overdue(action, judged_on) -> bool:
    return action.open_at_end and action.due_date is not None and action.due_date < judged_on


def _report_priorities(strategy, period, actions, judged_on) -> list[dict]:
    """Each priority with its sponsor, its actions by status at the quarter's end and its exception list."""
    priorities = Priority.objects.filter(strategy=strategy).select_related("sponsor_agency", "sponsor_lead")
    by_priority: dict[int, list[Action]] = {}
    for action in actions:
        by_priority.setdefault(action.priority_id, []).append(action)
    rows = []
    for priority in priorities.order_by("number"):
        mine = by_priority.get(priority.pk, [])
        counts = {status.value: 0 for status in Status}
        for action in mine:
            counts[action.status_at_end] += 1
        rows.append(
            {
                "number": priority.number,
                "title": priority.title,
                "sponsor_agency": priority.sponsor_agency.name,
                "sponsor_lead": _name(priority.sponsor_lead),
                "total": len(mine),
                "overdue": sum(_overdue(action, judged_on) for action in mine),
                "completed_in_quarter": sum(_completed_in(action, period) for action in mine),
                "by_status": [_status(status, count) for status, count in counts.items()],
                "exceptions": _exceptions(mine, judged_on),
            }
        )
    return rows


def _completed_in(action, period) -> bool:
    completed_on = action.completed_on
    return action.status_at_end == Status.COMPLETED and completed_on is not None and period.contains(completed_on)


def _exceptions(actions, judged_on) -> list[dict]:
    """Actions off track or at risk at the quarter's end, or overdue then, each with the update that set its status."""
    chosen = [a for a in actions if a.status_at_end in EXCEPTION_ORDER or _overdue(a, judged_on)]
    chosen.sort(key=lambda a: (EXCEPTION_ORDER.get(a.status_at_end, 2), a.due_date or datetime.date.max, a.reference))
    return [
        {
            **_report_action(action, judged_on),
            "latest_update": _report_update(action.set_by),
            "status_source": action.status_source,
        }
        for action in chosen
    ]


def _report_action(action, judged_on=None) -> dict:
    return {
        **_status(getattr(action, "status_at_end", action.status)),
        "reference": action.reference,
        "title": action.title,
        "lead": _name(action.lead),
        "lead_agency": action.lead_agency.name,
        "due_date": _iso(action.due_date),
        "overdue": judged_on is not None and _overdue(action, judged_on),
    }


def _report_update(update) -> dict | None:
    if update is None:
        return None
    return {
        "date": _iso(update.update_date),
        "author": _author(update),
        "status_label": Status(update.status).label,
        "narrative": update.narrative,
    }


def _forward_look(actions, quarter) -> dict:
    """Actions open at the quarter's end and due in ``quarter`` (the one after the report's)."""
    due = [a for a in actions if a.open_at_end and a.due_date is not None and quarter.contains(a.due_date)]
    due.sort(key=lambda a: (a.due_date, a.reference))
    return {
        "period": quarter.label,
        "period_start": _iso(quarter.start),
        "period_end": _iso(quarter.end),
        "actions": [_report_action(action) for action in due],
    }
