"""Creating the reminder rows due on a day, and sending each through the engine in ``outbound``.

One ``Reminder`` row per person, quarter and kind, claimed by a conditional
update before the e-mail goes (``outbound.services``), so each person hears
once however often the job runs and however many workers race for the row.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Q

from neglect_portal.periods import Period
from outbound.models import OutboundMessage
from outbound.services import claimable, message_queue, message_send
from reminders import selectors
from reminders.models import Reminder

logger = logging.getLogger(__name__)

# The kind of outbound message a reminder is (registered in reminders/apps.py).
REMINDER = "reminder"
FAILED = OutboundMessage.Status.FAILED
UPDATE_DUE, ESCALATION = Reminder.Kind.UPDATE_DUE, Reminder.Kind.ESCALATION


def reminders_create_due(today: datetime.date) -> list[int]:
    """Create the reminder rows due on ``today`` in every partnership with an active strategy.

    Returns the ids of every row waiting to be sent whose moment has not
    passed: those created now and any an earlier run queued but nothing sent
    (a lost message, a broker restart, a worker that died while sending, once
    its claim is older than ``OUTBOUND_CLAIM_TIMEOUT``). Claiming makes queueing
    a row twice harmless. One partnership's failure is logged and does not stop the others.
    """
    for partnership in selectors.partnerships_with_active_strategy():
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
    for due in selectors.reminders_due(partnership, today):
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


def reminders_queue(reminder_ids) -> None:
    """Send each reminder in the background once the current transaction has committed."""
    for reminder_id in reminder_ids:
        message_queue(REMINDER, reminder_id)
