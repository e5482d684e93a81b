"""Sending one automatic e-mail, written once for every kind of message.

Each row of a concrete :class:`~outbound.models.OutboundMessage` model goes
pending → sending → sent, or failed. A conditional update claims the row before
its e-mail goes, so a second worker, a retried task or a job fired twice finds
it claimed and sends nothing; a claim older than ``OUTBOUND_CLAIM_TIMEOUT`` (far
beyond the task's time limit) was left by a worker that died and is taken over.
Attempts are counted in the database (``F()``), and every failure is recorded
in words a business manager can act on. See docs/decisions/0008-one-outbound-engine.md.
"""

import datetime
import logging
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from outbound import kinds
from outbound.models import OutboundMessage
from outbound.smtp import SENDING_ERRORS, describe_failure, is_permanent_failure

logger = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED = (
    OutboundMessage.Status.PENDING,
    OutboundMessage.Status.SENDING,
    OutboundMessage.Status.SENT,
    OutboundMessage.Status.FAILED,
)
TIME_LIMIT = "Sending took longer than the time limit."
ABANDONED = "The worker sending this e-mail stopped; sending again."
# Headers of every automatic e-mail: no out-of-office or other automatic replies (RFC 3834; Exchange).
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}
MAX_ERROR_LENGTH = 1000


class TemporaryFailure(Exception):
    """The e-mail could not be sent now but may be later: the row waits again, and the caller may retry."""


def abandoned_before(now=None) -> datetime.datetime:
    """A row still ``sending`` since before this moment has no worker behind it."""
    return (now or timezone.now()) - datetime.timedelta(seconds=settings.OUTBOUND_CLAIM_TIMEOUT)


def claimable(now=None) -> Q:
    """The rows a send may claim: waiting, or abandoned while sending."""
    return Q(status=PENDING) | Q(status=SENDING, claimed_at__lt=abandoned_before(now))


# --- queueing ------------------------------------------------------------------------


def message_queue(kind_name: str, pk) -> None:
    """Send the row's e-mail in the background once the current transaction has committed."""
    kinds.get(kind_name)  # a misspelt kind fails here, in the caller, not later in a worker
    transaction.on_commit(partial(_enqueue, kind_name, pk))


def _enqueue(kind_name, pk):
    """Queue one e-mail. If the broker cannot be reached the row waits, pending, for its daily job."""
    from outbound.tasks import send_message

    try:
        send_message.delay(kind_name, pk)
    except Exception:  # the broker's errors vary by transport; none may fail the request that asked for it
        logger.exception("Could not queue the %s e-mail %s; its daily job will queue it again", kind_name, pk)


# --- one e-mail ------------------------------------------------------------------------


def message_claim(kind_name: str, pk):
    """Claim a row for sending; the row, or None when someone else has it or it is done.

    The conditional update is the lock: of two callers racing, one changes the
    row and the other finds it changed.
    """
    kind = kinds.get(kind_name)
    rows = kind.model.objects.filter(pk=pk)
    now = timezone.now()
    if not rows.filter(status=PENDING).update(status=SENDING, claimed_at=now):
        taken_over = rows.filter(status=SENDING, claimed_at__lt=abandoned_before(now))
        if not taken_over.update(claimed_at=now, last_error=ABANDONED):
            return None
        logger.warning("The %s e-mail %s was abandoned while sending; sending it again", kind_name, pk)
    return kind.model.objects.select_related(*kind.related).get(pk=pk)


def message_send(kind_name: str, pk):
    """Send one row's e-mail if nobody else is; record the outcome and return the row.

    Returns None when there is nothing to send: the row is claimed by someone
    else or already done, or its kind has nothing left to say (the row is then
    withdrawn). Raises :class:`TemporaryFailure` after putting the row back to
    wait when the failure may pass (a 4xx reply, no connection, the time limit).
    """
    kind = kinds.get(kind_name)
    row = message_claim(kind_name, pk)
    if row is None:
        return None
    try:
        message = kind.build(row)
        if message is None:
            kind.model.objects.filter(pk=pk, status=SENDING).delete()
            logger.info("The %s e-mail %s was withdrawn: nothing is left to say", kind_name, pk)
            return None
        _add_headers(message, kind, row)
        message.send()
    except SENDING_ERRORS as error:
        return _record_failure(kind, row, error)
    except SoftTimeLimitExceeded as error:
        message_release(kind_name, pk, TIME_LIMIT)
        raise TemporaryFailure(TIME_LIMIT) from error
    except Exception as error:
        # A fault of ours (a template, a missing file): back to wait, so it is neither stuck nor lost.
        message_release(kind_name, pk, f"The e-mail could not be prepared: {error}")
        raise
    kind.model.objects.filter(pk=pk).update(
        status=SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    row.refresh_from_db()
    return row


def _add_headers(message, kind, row):
    message.extra_headers = {**AUTOMATIC_HEADERS, **message.extra_headers}
    if kind.list_id is not None:
        message.extra_headers.setdefault("List-Id", kind.list_id(row))


def message_release(kind_name: str, pk, reason: str) -> None:
    """Put a row whose sending was interrupted back to wait for a retry, counting the attempt."""
    model = kinds.get(kind_name).model
    model.objects.filter(pk=pk, status=SENDING).update(
        status=PENDING,
        attempts=F("attempts") + 1,
        last_error=reason[:MAX_ERROR_LENGTH],
        **model.waiting_again_changes(),
    )


def message_give_up(kind_name: str, pk, reason: str) -> None:
    """Mark a waiting row failed after its last retry, so the record shows why."""
    kinds.get(kind_name).model.objects.filter(pk=pk, status=PENDING).update(
        status=FAILED, last_error=f"Gave up after repeated temporary failures: {reason}"[:MAX_ERROR_LENGTH]
    )


def _record_failure(kind, row, error):
    permanent = is_permanent_failure(error)
    description = describe_failure(error)
    changes = {"status": FAILED} if permanent else {"status": PENDING, **kind.model.waiting_again_changes()}
    kind.model.objects.filter(pk=row.pk, status=SENDING).update(
        attempts=F("attempts") + 1, last_error=description[:MAX_ERROR_LENGTH], **changes
    )
    outcome = "failed" if permanent else "will be tried again"
    logger.warning("The %s e-mail %s %s: %s", kind.name, row.pk, outcome, description)
    if not permanent:
        raise TemporaryFailure(description)
    row.refresh_from_db()
    return row
