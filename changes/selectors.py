"""What changed in a partnership since a date: read in a few queries per kind of change, never one per row.

Each kind is one query, bounded at ``limit`` rows (the newest first; one more is read to know there are more):

- progress updates dated on or after the date (a status change when the update moved the status, decision 33);
  an update counts from the date it reports, so years of updates imported with their own dates are not new;
- actions added, due dates moved (the action's history: a version whose due date differs from the one before);
- indicator values entered or corrected (the value's history);
- recommendations completed (the recommendation's history).

The history records count from when they were recorded. Withdrawn actions, indicators and values are left out,
as they are from every list. Only the partnership's own records are read.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from actions.models import NO_DUE_DATE, Action, ProgressUpdate, status_words
from audits.models import Recommendation
from changes.models import SteeringGroupMeeting
from neglect_portal.suppression import MARKER
from outcomes import published
from outcomes.models import Measurement
from priorities.models import Priority, QuarterCorrection, Strategy

PAGE_LIMIT = 200  # rows of each kind on the page
EXPORT_LIMIT = 10_000  # rows of each kind in the spreadsheet


class Kind:
    STATUS_CHANGED = "Status changed"
    UPDATE = "Progress update"
    ACTION_ADDED = "Action added"
    DUE_DATE_MOVED = "Due date moved"
    VALUE_ENTERED = "Value entered"
    VALUE_CORRECTED = "Value corrected"
    RECOMMENDATION_COMPLETED = "Recommendation completed"

    ALL = (
        STATUS_CHANGED,
        UPDATE,
        ACTION_ADDED,
        DUE_DATE_MOVED,
        VALUE_ENTERED,
        VALUE_CORRECTED,
        RECOMMENDATION_COMPLETED,
    )


OUTCOMES = "outcomes"  # the section of indicators tied to no priority
AUDITS = "audits"  # the section of audit recommendations


@dataclass
class Change:
    kind: str  # one of ``Kind``
    when: datetime.date | datetime.datetime  # the update's date, or when the history recorded the change
    subject: str  # "P1.2 Train health visitors"
    url: str
    detail: str  # "On track (Green) → At risk (Amber)", "31 Mar 2027 → 30 Jun 2027", the update's words
    who: str  # the person, or "" when nobody was recorded (a data load)
    section: int | str  # a priority's id, ``OUTCOMES`` or ``AUDITS``
    reason: str = ""  # why, where the change carries one (an update's narrative, a due date's reason)
    illustrative: bool = False  # a value invented for demonstration, not a published figure
    # A value's detail as published, when the partnership's small-number setting changes it (decision 48).
    published_detail: str | None = None

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.when) if isinstance(self.when, datetime.datetime) else self.when


@dataclass
class Section:
    key: int | str
    title: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Changes:
    since: datetime.date
    sections: list[Section]
    counts: dict[str, int]  # how many of each kind are listed
    more: list[str]  # the kinds with more than ``limit`` changes (only the newest ``limit`` are listed)
    limit: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def last_meeting(partnership, today) -> SteeringGroupMeeting | None:
    return SteeringGroupMeeting.objects.last_before(partnership, today)


def changes_since(partnership, since: datetime.date, limit: int = PAGE_LIMIT, *, published=False) -> Changes:
    """Everything of ``partnership`` that changed on or after the day ``since``, grouped by priority (then
    the indicators of no priority, then audits), the newest first in each group. ``published``: values with
    small numbers as the partnership publishes them (the export, a board member; decision 48)."""
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    found, more = [], []
    for kind_reader in (_updates, _actions_added, _due_dates_moved, _values, _recommendations_completed):
        changes, truncated = kind_reader(partnership, since, start, limit)
        found.extend(changes)
        more.extend(truncated)
    if published:
        found = [
            dataclasses.replace(c, detail=c.published_detail) if c.published_detail is not None else c for c in found
        ]
    counts = dict.fromkeys(Kind.ALL, 0)
    for change in found:
        counts[change.kind] += 1
    return Changes(since, _sections(partnership, found), counts, more, limit)


def _sections(partnership, found) -> list[Section]:
    priority_ids = {change.section for change in found if isinstance(change.section, int)}
    priorities = Priority.objects.filter(strategy__partnership=partnership, pk__in=priority_ids).select_related(
        "strategy"
    )
    ordered = sorted(priorities, key=_priority_order)
    sections = {p.pk: Section(p.pk, _priority_title(p)) for p in ordered}
    sections[OUTCOMES] = Section(OUTCOMES, "Indicators not tied to a priority")
    sections[AUDITS] = Section(AUDITS, "Audits and recommendations")
    for change in sorted(found, key=_newest_first):
        if change.section in sections:
            sections[change.section].changes.append(change)
    return [section for section in sections.values() if section.changes]


def _priority_order(priority):
    """The active strategy's priorities first, by number; then those of other strategies, the latest first."""
    strategy = priority.strategy
    return (strategy.status != Strategy.Status.ACTIVE, -strategy.start_date.toordinal(), priority.number)


def _newest_first(change):
    when = change.when
    if not isinstance(when, datetime.datetime):
        when = timezone.make_aware(datetime.datetime.combine(when, datetime.time.max))
    return (-when.timestamp(), change.kind, change.subject)


def _priority_title(priority) -> str:
    title = f"Priority {priority.number}: {priority.title}"
    return title if priority.strategy.status == Strategy.Status.ACTIVE else f"{title} ({priority.strategy.title})"


def _bounded(queryset, limit):
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def _person(user) -> str:
    return str(user) if user is not None else ""


# --- the kinds of change -------------------------------------------------------------------------------------


def _current_actions(partnership):
    return Action.objects.filter(priority__strategy__partnership=partnership, withdrawn_at__isnull=True)


def _updates(partnership, since, start, limit):
    updates = (
        ProgressUpdate.objects.filter(
            action__priority__strategy__partnership=partnership,
            action__withdrawn_at__isnull=True,
            update_date__gte=since,
        )
        .select_related("action", "author")
        .order_by("-update_date", "-created_at", "-pk")
    )
    rows, truncated = _bounded(updates, limit)
    changes = []
    for update in rows:
        action = update.action
        changed = update.changed_status
        changes.append(
            Change(
                kind=Kind.STATUS_CHANGED if changed else Kind.UPDATE,
                when=update.update_date,
                subject=f"{action.reference} {action.title}",
                url=reverse("actions:detail", args=[action.pk]),
                detail=(f"{update.previous_status_words} → {update.status_words}" if changed else update.status_words),
                who=update.author_name if update.imported and update.author_name else _person(update.author),
                section=action.priority_id,
                reason=update.narrative,
            )
        )
    kinds = [Kind.STATUS_CHANGED, Kind.UPDATE] if truncated else []
    return changes, kinds


def _previous(history, field_name):
    """The value of ``field_name`` in the version recorded just before each row of ``history``."""
    earlier = history.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id")).order_by("-history_id")
    return Subquery(earlier.values(field_name)[:1])


def _actions_added(partnership, since, start, limit):
    history = Action.history.model.objects
    added = (
        history.filter(history_type="+", history_date__gte=start, id__in=_current_actions(partnership).values("pk"))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    rows, truncated = _bounded(added, limit)
    changes = [
        Change(
            kind=Kind.ACTION_ADDED,
            when=record.history_date,
            subject=f"{record.reference} {record.title}",
            url=reverse("actions:detail", args=[record.id]),
            detail=f"{_due(record.due_date)}, {status_words(record.status)}",
            who=_person(record.history_user),
            section=record.priority_id,
        )
        for record in rows
    ]
    return changes, [Kind.ACTION_ADDED] if truncated else []


def _day(day) -> str:
    return f"{day:%-d %b %Y}" if day else NO_DUE_DATE


def _due(day) -> str:
    """An added action's due date, or that it has none (imported as "Ongoing")."""
    return f"Due {day:%-d %b %Y}" if day else NO_DUE_DATE


def _due_dates_moved(partnership, since, start, limit):
    history = Action.history.model.objects
    moved = (
        history.filter(history_type="~", history_date__gte=start, id__in=_current_actions(partnership).values("pk"))
        .annotate(previous_due_date=_previous(history, "due_date"))
        .filter(previous_due_date__isnull=False)
        .exclude(previous_due_date=F("due_date"))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    rows, truncated = _bounded(moved, limit)
    changes = [
        Change(
            kind=Kind.DUE_DATE_MOVED,
            when=record.history_date,
            subject=f"{record.reference} {record.title}",
            url=reverse("actions:detail", args=[record.id]),
            detail=f"{record.previous_due_date:%-d %b %Y} → {_day(record.due_date)}",
            who=_person(record.history_user),
            section=record.priority_id,
            reason=record.due_date_change_reason,
        )
        for record in rows
    ]
    return changes, [Kind.DUE_DATE_MOVED] if truncated else []


def _values(partnership, since, start, limit):
    history = Measurement.history.model.objects
    current = Measurement.objects.filter(
        indicator__partnership=partnership, withdrawn_at__isnull=True, indicator__withdrawn_at__isnull=True
    )
    records = (
        history.filter(history_date__gte=start, id__in=current.values("pk"))
        .annotate(previous_value=_previous(history, "value"))
        .filter(Q(history_type="+") | _changed("value", "previous_value"))
        .select_related("history_user", "entered_by", "indicator")
        .order_by("-history_date", "-history_id")
    )
    rows, truncated = _bounded(records, limit)
    reasons = _correction_reasons(partnership, start, limit)
    policy = partnership.suppression
    changes = []
    for record in rows:
        indicator = record.indicator
        entered = record.history_type == "+"
        subject = f"{indicator.code} {indicator.name}, {record.period}"
        changes.append(
            Change(
                kind=Kind.VALUE_ENTERED if entered else Kind.VALUE_CORRECTED,
                when=record.history_date,
                subject=subject,
                url=reverse("outcomes:indicator", args=[indicator.pk]),
                detail=_number(record.value) if entered else _number_change(record.previous_value, record.value),
                published_detail=_published_value(record, indicator, policy),
                who=_person(record.history_user or record.entered_by),
                section=indicator.priority_id or OUTCOMES,
                illustrative=record.is_illustrative,
                reason="" if entered else _reason_for(reasons, subject, record.history_date),
            )
        )
    return changes, [Kind.VALUE_ENTERED, Kind.VALUE_CORRECTED] if truncated else []


CORRECTION_WINDOW = datetime.timedelta(minutes=1)  # a locked quarter's correction is recorded as its value is saved


def _correction_reasons(partnership, start, limit):
    """The reasons given for correcting a locked quarter's values since ``start``: {subject: [(when, reason)]}.

    ``outcomes.services`` records each with the subject "<code> <name>, <period>" as the value is saved.
    """
    corrections = QuarterCorrection.objects.filter(partnership=partnership, recorded_at__gte=start).order_by(
        "-recorded_at"
    )
    reasons = {}
    for correction in corrections[: limit * 2]:
        reasons.setdefault(correction.subject, []).append((correction.recorded_at, correction.reason))
    return reasons


def _reason_for(reasons, subject, when) -> str:
    return next((reason for at, reason in reasons.get(subject, []) if abs(at - when) <= CORRECTION_WINDOW), "")


def _changed(field_name, previous):
    """A changed version: ``field_name`` differs from the ``previous`` version's (annotated by ``_previous``)."""
    return Q(history_type="~", **{f"{previous}__isnull": False}) & ~Q(**{previous: F(field_name)})


def _published_value(record, indicator, policy) -> str | None:
    """A value entered or corrected as published, or None when the policy leaves it as it is."""
    if not policy.changes_figures:
        return None
    now = published.protect(record.value, record.numerator, record.denominator, indicator.unit, policy)
    if record.history_type == "+":
        return MARKER if now.hides_value else _number(now.value) if now.changed else None
    before = published.protect(record.previous_value, None, None, indicator.unit, policy)
    if now.hides_value or before.hides_value:
        return f"figures not shown {MARKER}: they would reveal a small number"
    return _number_change(before.value, now.value) if now.changed or before.changed else None


def _number_change(before, after) -> str:
    return f"{_number(before)} → {_number(after)}"


def _number(value) -> str:
    return f"{value.normalize():,f}" if value is not None else ""


def _recommendations_completed(partnership, since, start, limit):
    history = Recommendation.history.model.objects
    current = Recommendation.objects.filter(audit__partnership=partnership, withdrawn_at__isnull=True)
    done = Recommendation.Status.COMPLETED
    records = (
        history.filter(history_date__gte=start, status=done, id__in=current.values("pk"))
        .annotate(previous_status=_previous(history, "status"))
        .filter(Q(previous_status__isnull=True) | ~Q(previous_status=done))
        .select_related("history_user", "audit")
        .order_by("-history_date", "-history_id")
    )
    rows, truncated = _bounded(records, limit)
    changes = [
        Change(
            kind=Kind.RECOMMENDATION_COMPLETED,
            when=record.history_date,
            subject=f"{record.reference} {record.text[:120]}",
            url=reverse("audits:detail", args=[record.audit_id]) + f"#recommendation-{record.id}",
            detail=f"{record.audit.title}",
            who=_person(record.history_user),
            section=AUDITS,
        )
        for record in rows
    ]
    return changes, [Kind.RECOMMENDATION_COMPLETED] if truncated else []
