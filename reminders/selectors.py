"""Which reminders and escalations are due, what each says, and the record shown to the business manager.

*Update due*: from ``partnership.reminder_working_days`` working days before a
quarter's last day until that day, each action lead (an active member) whose
open actions have no progress update dated in the quarter gets one e-mail
listing them.

*Escalation*: from the first working day after a quarter closes, and on any
later day of the following quarter (so a day the job did not run is caught
up), each priority's sponsor gets one e-mail listing the priority's open
actions that had no progress update in the closed quarter or were overdue
when it closed. The sponsor is the priority's sponsor lead; if there is none
(or they have left), the sponsors of its sponsoring agency; if there are none
either, the partnership business manager, so an escalation is never lost.

Selection is pure reads in a fixed number of queries; creating and sending
the rows is :mod:`reminders.services`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import dateformat, timezone

from accounts import access
from accounts.models import Membership, Partnership, Role, User
from actions.models import CLOSED_STATUSES, Action
from actions.selectors import with_latest_update
from neglect_portal.periods import Period, add_working_days, current_quarter
from outbound import kinds
from outbound.models import OutboundMessage
from outcomes import selectors as outcome_selectors
from priorities.models import Priority, Strategy
from priorities.selectors import collection_opens
from reminders.models import Reminder

UPDATE_DUE = Reminder.Kind.UPDATE_DUE
ESCALATION = Reminder.Kind.ESCALATION


def long_date(day: datetime.date) -> str:
    return dateformat.format(day, "j F Y")


def today_or(day: str | None) -> datetime.date:
    """``day`` given as YYYY-MM-DD (a job run as on another day), else today in the portal's time zone."""
    return datetime.date.fromisoformat(day) if day else timezone.localdate()


# --- when reminders are due ---------------------------------------------------


def update_reminders_from(partnership, quarter: Period) -> datetime.date:
    """The first day action leads are reminded to update before ``quarter`` closes: the day its data
    collection opens (the quarter's life is ``priorities.selectors.quarter_status``)."""
    return collection_opens(partnership, quarter)


def escalations_from(quarter: Period) -> datetime.date:
    """The first day sponsors hear about ``quarter``: its first working day after it closes."""
    return add_working_days(quarter.end, 1)


def periods_due(partnership, today: datetime.date) -> list[tuple[str, Period]]:
    """The (kind, quarter) pairs whose reminders are due on ``today``."""
    quarter = Period.quarter_of(today)
    due = []
    closed = quarter.previous()
    if today >= escalations_from(closed):
        due.append((ESCALATION, closed))
    if today >= update_reminders_from(partnership, quarter):
        due.append((UPDATE_DUE, quarter))
    return due


# --- what a reminder says -------------------------------------------------------


@dataclass
class ReminderItem:
    """One action in a reminder, with why it is there."""

    action: Action
    reasons: list[str]

    @property
    def action_url(self) -> str:
        return settings.SITE_URL + reverse("actions:detail", args=[self.action.pk])

    @property
    def update_url(self) -> str:
        return settings.SITE_URL + reverse("actions:add_update", args=[self.action.pk])


@dataclass
class PriorityGroup:
    """The items of one priority, and why this person receives them."""

    priority: Priority
    why: str
    items: list[ReminderItem] = field(default_factory=list)


@dataclass
class DueReminder:
    """One e-mail to one person: an update reminder or an escalation for one quarter."""

    partnership: Partnership
    strategy: Strategy
    user: User
    kind: str
    period: Period
    groups: list[PriorityGroup]

    @property
    def items(self) -> list[ReminderItem]:
        return [item for group in self.groups for item in group.items]

    @property
    def count(self) -> int:
        return sum(len(group.items) for group in self.groups)

    @property
    def kind_label(self) -> str:
        return Reminder.Kind(self.kind).label

    @property
    def subject(self) -> str:
        n = self.count
        actions, need = (f"{n} action", "needs") if n == 1 else (f"{n} actions", "need")
        if self.kind == UPDATE_DUE:
            return f"{self.partnership.name}: {actions} {need} a progress update before {long_date(self.period.end)}"
        return f"{self.partnership.name}: {actions} of your priorities {need} following up after {self.period}"


# --- selection: pure reads, a fixed number of queries -------------------------------


def reminders_due(partnership, today: datetime.date) -> list[DueReminder]:
    """Every reminder and escalation of ``partnership`` due on ``today``, in at most four queries."""
    due = periods_due(partnership, today)
    strategy = _active_strategy(partnership) if due else None
    if strategy is None:
        return []
    members = active_members(partnership)
    found = []
    for kind, period in due:
        found += SELECTIONS[kind](strategy, period, today, members)
    return found


def reminder_content(reminder: Reminder, today: datetime.date) -> DueReminder | None:
    """What a reminder row's e-mail says now; None when nothing is left to say.

    Worked out again when sending, so an update added or a person who left
    since the row was created is taken into account.
    """
    strategy = _active_strategy(reminder.partnership)
    if strategy is None:
        return None
    members = active_members(reminder.partnership)
    if reminder.user_id not in members:
        return None
    found = SELECTIONS[reminder.kind](strategy, Period.parse(reminder.period), today, members, reminder.user_id)
    return next((due for due in found if due.user.pk == reminder.user_id), None)


def _active_strategy(partnership) -> Strategy | None:
    return Strategy.objects.select_related("partnership").active_for(partnership)


def active_members(partnership) -> dict[int, Membership]:
    """Active members whose account is enabled, by user id: nobody else is e-mailed."""
    memberships = Membership.objects.filter(partnership=partnership, is_active=True, user__is_active=True)
    return {m.user_id: m for m in memberships.select_related("user", "agency").order_by("pk")}


def _update_due(strategy, period, today, members, user_id=None) -> list[DueReminder]:
    """Each active lead's open, started actions with no progress update dated in ``period``."""
    actions = (
        Action.objects.current()
        .filter(priority__strategy=strategy, lead_id__in=[user_id] if user_id else list(members))
        .filter(start_date__lte=today)
        .without_update_in(period)
        .select_related("priority", "lead", "lead_agency")
        .order_by("due_date", "reference")
    )
    reason = f"No progress update in {period}"
    by_lead: dict[int, list[ReminderItem]] = {}
    for action in actions:
        by_lead.setdefault(action.lead_id, []).append(ReminderItem(action, [reason]))
    return [
        DueReminder(strategy.partnership, strategy, members[lead_id].user, UPDATE_DUE, period, _by_priority(items))
        for lead_id, items in sorted(by_lead.items(), key=lambda pair: _sort_name(members[pair[0]].user))
    ]


def _by_priority(items) -> list[PriorityGroup]:
    groups: dict[int, PriorityGroup] = {}
    for item in items:
        priority = item.action.priority
        groups.setdefault(priority.pk, PriorityGroup(priority, "You are the named lead.")).items.append(item)
    return sorted(groups.values(), key=lambda group: group.priority.number)


def _escalations(strategy, period, today, members, user_id=None) -> list[DueReminder]:
    """Each sponsor's open actions without an update in ``period`` or overdue when it closed."""
    # An action that started, or was entered in the portal, after the quarter closed is not late for it.
    plan = Action.objects.current().filter(
        priority__strategy=strategy, start_date__lte=period.end, created_at__date__lte=period.end
    )
    missing = plan.without_update_in(period)
    actions = (
        (missing | plan.overdue(on=_closed(period)))
        .annotate(missing_update=Exists(missing.filter(pk=OuterRef("pk"))))
        .select_related("priority__sponsor_agency", "priority__sponsor_lead", "lead", "lead_agency")
        .order_by("priority__number", "due_date", "reference")
    )
    by_priority: dict[int, list[ReminderItem]] = {}
    priorities = {}
    for action in actions:
        priorities[action.priority_id] = action.priority
        by_priority.setdefault(action.priority_id, []).append(ReminderItem(action, _escalation_reasons(action, period)))
    by_user: dict[int, list[PriorityGroup]] = {}
    for priority_id, items in by_priority.items():
        for membership, why in priority_sponsors(priorities[priority_id], members):
            by_user.setdefault(membership.user_id, []).append(PriorityGroup(priorities[priority_id], why, items))
    return [
        DueReminder(strategy.partnership, strategy, members[uid].user, ESCALATION, period, groups)
        for uid, groups in sorted(by_user.items(), key=lambda pair: _sort_name(members[pair[0]].user))
        if user_id is None or uid == user_id
    ]


def _closed(period: Period) -> datetime.date:
    """The day after ``period``: an action due on its last day and still open was overdue when it closed."""
    return period.end + datetime.timedelta(days=1)


def _escalation_reasons(action, period) -> list[str]:
    reasons = []
    if action.missing_update:
        reasons.append(f"No progress update in {period}")
    if action.is_overdue(_closed(period)):
        reasons.append(f"Overdue: due {long_date(action.due_date)}")
    return reasons


def priority_sponsors(priority, members) -> list[tuple[Membership, str]]:
    """Who hears about a priority's escalation, and why."""
    if priority.sponsor_lead_id in members:
        return [(members[priority.sponsor_lead_id], "You are the sponsor lead of this priority.")]
    agency = priority.sponsor_agency
    sponsors = [m for m in members.values() if m.role == Role.SPONSOR and m.agency_id == agency.pk]
    if sponsors:
        return [(m, f"You are a sponsor from {agency.name}, which sponsors this priority.") for m in sponsors]
    why = "No sponsor of this priority is in the portal, so it comes to you as partnership business manager."
    return [(m, why) for m in members.values() if m.role == Role.ADMIN]


def _sort_name(user) -> tuple[str, str]:
    return ((user.get_full_name() or user.email).casefold(), user.email)


SELECTIONS = {UPDATE_DUE: _update_due, ESCALATION: _escalations}


@dataclass
class PreviewEntry:
    """A reminder due on a day, and what has become of it already (None: not recorded yet)."""

    due: DueReminder
    recorded: Reminder | None


def reminders_preview(today: datetime.date) -> list[PreviewEntry]:
    """Every reminder and escalation due on ``today`` in every partnership, for a dry run."""
    entries = []
    for partnership in partnerships_with_active_strategy():
        due = reminders_due(partnership, today)
        rows = Reminder.objects.filter(partnership=partnership, user__in=[d.user for d in due])
        recorded = {(r.user_id, r.period, r.kind): r for r in rows}
        entries += [PreviewEntry(d, recorded.get((d.user.pk, d.period.label, d.kind))) for d in due]
    return entries


def partnerships_with_failures(since):
    """Partnerships with an e-mail that failed since ``since``: one query per kind of e-mail."""
    ids = set()
    for kind in kinds.all_kinds():
        if kind.partnership is not None:
            failed = kind.objects().filter(status=OutboundMessage.Status.FAILED, failed_at__gte=since)
            ids.update(failed.values_list(f"{kind.partnership}_id", flat=True).distinct())
    return Partnership.objects.filter(pk__in=ids).order_by("name")


def business_managers(partnership):
    """The partnership's active business managers whose account is enabled."""
    memberships = Membership.objects.filter(
        partnership=partnership, role=Role.ADMIN, is_active=True, user__is_active=True
    )
    return [membership.user for membership in memberships.select_related("user").order_by("pk")]


def partnerships_with_active_strategy():
    return Partnership.objects.filter(pk__in=Strategy.objects.active().values("partnership")).order_by("name")


# --- the record of what was sent ----------------------------------------------------


@dataclass(frozen=True)
class ReminderSchedule:
    """When this quarter's reminders and escalations go, in words for the record page."""

    quarter: Period
    working_days: int
    reminders_from: datetime.date
    escalations_from: datetime.date


def reminder_schedule(partnership, today: datetime.date) -> ReminderSchedule:
    quarter = Period.quarter_of(today)
    return ReminderSchedule(
        quarter=quarter,
        working_days=partnership.reminder_working_days,
        reminders_from=update_reminders_from(partnership, quarter),
        escalations_from=escalations_from(quarter),
    )


def reminder_records(membership, *, period="", kind="", status=""):
    """The reminder rows the member may see, newest quarter first (a queryset to paginate)."""
    rows = Reminder.objects.filter(access.reminders_visible_filter(membership)).select_related("user")
    chosen = {"period": period, "kind": kind, "status": status}
    rows = rows.filter(**{name: value for name, value in chosen.items() if value})
    return rows.order_by("-period", "kind", "user__first_name", "user__last_name", "user__email", "pk")


def reminder_status_counts(rows) -> list[tuple[str, str, int]]:
    """(status, its label, how many of ``rows``) for each sending status, in one query."""
    counts = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in OutboundMessage.Status.choices]


def reminder_periods(membership, today: datetime.date) -> list[str]:
    """Quarters to filter the record by: those with reminders, and this and last quarter, newest first."""
    rows = Reminder.objects.filter(access.reminders_visible_filter(membership))
    recorded = set(rows.order_by().values_list("period", flat=True).distinct())
    quarter = Period.quarter_of(today)
    return sorted(recorded | {quarter.label, quarter.previous().label}, reverse=True)


# --- To do: what a lead or sponsor has to do now, each with one link ------------------------------

DUE_SOON_DAYS = 30
OVERDUE, NO_DUE_DATE, NO_UPDATE, DUE_SOON = "overdue", "no_due_date", "no_update", "due_soon"


@dataclass
class ValuesDue:
    quarter: Period
    missing: int  # quarterly indicators the member records that have no value for the quarter

    @property
    def url(self) -> str:
        return f"{reverse('outcomes:quarter_entry')}?quarter={self.quarter.label}"


def todo_actions(membership, today: datetime.date):
    """The open actions the member may update that are overdue, have no due date (imported as "Ongoing": to
    review), have no update this quarter, or are due in the next 30 days, most pressing first, each with ``todo``
    (``OVERDUE``, ``NO_DUE_DATE``, ``NO_UPDATE`` or ``DUE_SOON``); a queryset to page through, with the latest
    update of each in the same query."""
    quarter = current_quarter(today)
    mine = Action.objects.current().filter(access.actions_updatable_filter(membership)).open()
    overdue = mine.overdue(on=today).values("pk")
    undated = mine.without_due_date().values("pk")
    stale = mine.without_update_in(quarter).values("pk")
    soon = Q(due_date__range=(today, today + datetime.timedelta(days=DUE_SOON_DAYS)))
    reason = Case(
        When(pk__in=overdue, then=Value(OVERDUE)),
        When(pk__in=undated, then=Value(NO_DUE_DATE)),
        When(pk__in=stale, then=Value(NO_UPDATE)),
        default=Value(DUE_SOON),
    )
    rank = Case(
        When(pk__in=overdue, then=Value(0)),
        When(pk__in=undated, then=Value(1)),
        When(pk__in=stale, then=Value(2)),
        default=Value(3),
    )
    wanted = Q(pk__in=overdue) | Q(pk__in=undated) | Q(pk__in=stale) | soon
    actions = mine.filter(wanted).annotate(todo=reason, todo_rank=rank)
    actions = actions.select_related("priority", "lead_agency", "lead")
    return with_latest_update(actions).order_by("todo_rank", F("due_date").asc(nulls_last=True), "reference")


def done_actions(membership):
    """The completed and cancelled actions the member could update, the latest closed first, to page through."""
    mine = Action.objects.current().filter(access.actions_updatable_filter(membership), status__in=CLOSED_STATUSES)
    return mine.select_related("priority", "lead_agency", "lead").order_by(
        F("completed_on").desc(nulls_last=True), "-updated_at", "reference"
    )


def values_due(membership, today: datetime.date) -> ValuesDue | None:
    """The quarter whose values are being collected (the one just ended) and how many of the member's
    indicators still have none; None when the member records no indicators or all are in."""
    if not access.can_enter_values(membership):
        return None
    quarter = current_quarter(today).previous()
    rows = outcome_selectors.quarter_entry_rows(membership, quarter)
    missing = sum(1 for row in rows if row.current is None)
    return ValuesDue(quarter, missing) if missing else None
