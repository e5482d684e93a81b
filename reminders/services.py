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
from django.utils import timezone

from neglect_portal.periods import Period
from outbound import selectors as outbound_selectors
from outbound.models import OutboundMessage
from outbound.services import claimable, message_queue, message_send
from reminders import selectors
from reminders.models import FailureDigest, Reminder

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
    expired.update(
        status=FAILED, failed_at=timezone.now(), last_error="Not sent: its quarter had passed before it could be sent."
    )


def reminder_send(reminder_id):
    """Send one reminder's e-mail now, through the engine (``outbound.services.message_send``)."""
    return message_send(REMINDER, reminder_id)


def reminders_queue(reminder_ids) -> None:
    """Send each reminder in the background once the current transaction has committed."""
    for reminder_id in reminder_ids:
        message_queue(REMINDER, reminder_id)


# --- the daily list of failed e-mails --------------------------------------------------

FAILURE_DIGEST = "failure_digest"


def failure_digests_create(now=None) -> list[int]:
    """Create today's digest of failed e-mails for each business manager of each partnership that had any.

    A partnership's digest covers the time since the end of its previous one (a day back for the first),
    so each failure is told once; running the job twice in a day makes nothing new. Returns the ids of the
    digests waiting to be sent.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    for partnership in selectors.partnerships_with_failures(since=now - FIRST_DIGEST_REACH):
        try:
            _create_digests_of(partnership, now, today)
        except Exception:
            logger.exception("Could not prepare the failed e-mails digest of %s for %s", partnership, today)
    waiting = FailureDigest.objects.filter(claimable()).filter(day=today)
    return list(waiting.order_by("pk").values_list("pk", flat=True))


# How far back the first digest of a partnership looks.
FIRST_DIGEST_REACH = datetime.timedelta(days=1)


@transaction.atomic
def _create_digests_of(partnership, now, today):
    if FailureDigest.objects.filter(partnership=partnership, day=today).exists():
        return
    previous = FailureDigest.objects.filter(partnership=partnership).order_by("-window_end").first()
    start = previous.window_end if previous else now - FIRST_DIGEST_REACH
    total, _ = outbound_selectors.failures(partnership.pk, since=start, until=now, limit=1)
    if not total:
        return
    for user in selectors.business_managers(partnership):
        FailureDigest.objects.create(partnership=partnership, user=user, day=today, window_start=start, window_end=now)


def failure_digests_queue(digest_ids) -> None:
    for digest_id in digest_ids:
        message_queue(FAILURE_DIGEST, digest_id)
