"""Update reminders before a quarter closes, and escalations to sponsors after it.

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

Selection is pure reads in a fixed number of queries. Sending is the
engine's (``outbound``), as for report deliveries: one ``Reminder`` row per
person, quarter and kind, claimed by a conditional update before the e-mail
goes, so each person hears once however often the job runs and however many
workers race for the row.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from email.headerregistry import Address

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone

from accounts.models import Membership, Partnership, Role, User
from actions.models import Action
from neglect_portal.periods import Period, add_working_days
from outbound.models import OutboundMessage
from outbound.services import claimable, message_send
from priorities.models import Priority, Strategy
from reports.models import Reminder

logger = logging.getLogger(__name__)

UPDATE_DUE = Reminder.Kind.UPDATE_DUE
ESCALATION = Reminder.Kind.ESCALATION
# The kind of outbound message a reminder is (registered in the app's ``ready``).
REMINDER = "reminder"
FAILED = OutboundMessage.Status.FAILED


def long_date(day: datetime.date) -> str:
    return dateformat.format(day, "j F Y")


def today_or(day: str | None) -> datetime.date:
    """``day`` given as YYYY-MM-DD (a job run as on another day), else today in the portal's time zone."""
    return datetime.date.fromisoformat(day) if day else timezone.localdate()


# --- when reminders are due ---------------------------------------------------


def update_reminders_from(partnership, quarter: Period) -> datetime.date:
    """The first day action leads are reminded to update before ``quarter`` closes."""
    return add_working_days(quarter.end, -partnership.reminder_working_days, partnership.bank_holiday_region)


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
    members = _active_members(partnership)
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
    members = _active_members(reminder.partnership)
    if reminder.user_id not in members:
        return None
    found = SELECTIONS[reminder.kind](strategy, Period.parse(reminder.period), today, members, reminder.user_id)
    return next((due for due in found if due.user.pk == reminder.user_id), None)


def _active_strategy(partnership) -> Strategy | None:
    return Strategy.objects.select_related("partnership").active_for(partnership)


def _active_members(partnership) -> dict[int, Membership]:
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
        for membership, why in _sponsors(priorities[priority_id], members):
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


def _sponsors(priority, members) -> list[tuple[Membership, str]]:
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
    for partnership in _partnerships_with_active_strategy():
        due = reminders_due(partnership, today)
        rows = Reminder.objects.filter(partnership=partnership, user__in=[d.user for d in due])
        recorded = {(r.user_id, r.period, r.kind): r for r in rows}
        entries += [PreviewEntry(d, recorded.get((d.user.pk, d.period.label, d.kind))) for d in due]
    return entries


def _partnerships_with_active_strategy():
    return Partnership.objects.filter(pk__in=Strategy.objects.active().values("partnership")).order_by("name")


# --- creating and sending -------------------------------------------------------


def reminders_create_due(today: datetime.date) -> list[int]:
    """Create the reminder rows due on ``today`` in every partnership with an active strategy.

    Returns the ids of every row waiting to be sent whose moment has not
    passed: those created now and any an earlier run queued but nothing sent
    (a lost message, a broker restart, a worker that died while sending, once
    its claim is older than ``OUTBOUND_CLAIM_TIMEOUT``). Claiming makes queueing
    a row twice harmless. One partnership's failure is logged and does not stop the others.
    """
    for partnership in _partnerships_with_active_strategy():
        try:
            _create_due_in(partnership, today)
        except Exception:
            logger.exception("Could not prepare the reminders of %s for %s", partnership, today)
    stale = _stale(today)
    _expire(stale)
    # Waiting rows, and rows a worker that died left sending (the engine takes their claim over).
    waiting = Reminder.objects.filter(claimable()).exclude(stale)
    return list(waiting.order_by("pk").values_list("pk", flat=True))


@transaction.atomic
def _create_due_in(partnership, today):
    for due in reminders_due(partnership, today):
        Reminder.objects.get_or_create(partnership=partnership, user=due.user, period=due.period.label, kind=due.kind)


def _stale(today) -> Q:
    """Reminders whose moment has passed: update reminders of an earlier quarter, escalations of older ones."""
    quarter = Period.quarter_of(today)
    # Labels such as "2026/27 Q3" sort in time order.
    return Q(kind=UPDATE_DUE, period__lt=quarter.label) | Q(kind=ESCALATION, period__lt=quarter.previous().label)


def _expire(stale):
    """Record as failed the waiting rows whose moment has passed, rather than send them late."""
    expired = Reminder.objects.filter(stale).filter(claimable())
    expired.update(status=FAILED, last_error="Not sent: its quarter had passed before it could be sent.")


def reminder_send(reminder_id):
    """Send one reminder's e-mail now, through the engine (``outbound.services.message_send``)."""
    return message_send(REMINDER, reminder_id)


def reminder_message(reminder: Reminder) -> EmailMultiAlternatives | None:
    """The e-mail of a claimed reminder row, worked out as of today; None when nothing is left to say.

    Worked out when sending, so an update added or a person who left since the
    row was created is taken into account; the engine then withdraws the row,
    so a later need is reminded afresh.
    """
    content = reminder_content(reminder, timezone.localdate())
    return _message_for(content) if content is not None else None


def _message_for(content: DueReminder) -> EmailMultiAlternatives:
    user = content.user
    context = {
        "reminder": content,
        "subject": content.subject,
        "greeting": user.first_name or user.get_full_name() or "colleague",
        "my_actions_url": settings.SITE_URL + reverse("actions:mine"),
        "site_url": settings.SITE_URL,
    }
    name = f"reports/email/reminder_{content.kind}"
    message = EmailMultiAlternatives(
        subject=content.subject,
        body=render_to_string(f"{name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[str(Address(display_name=user.get_full_name(), addr_spec=user.email))],
    )
    message.attach_alternative(render_to_string(f"{name}.html", context), "text/html")
    return message
