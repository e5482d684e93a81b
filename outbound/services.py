"""Sending one automatic e-mail, written once for every kind of message.

Each row of a concrete :class:`~outbound.models.OutboundMessage` model goes
pending → sending → sent, or failed. A conditional update claims the row before
its e-mail goes, so a second worker, a retried task or a job fired twice finds
it claimed and sends nothing; a claim older than ``OUTBOUND_CLAIM_TIMEOUT`` (far
beyond the task's time limit) was left by a worker that died and is taken over.
Attempts are counted in the database (``F()``), and every failure is recorded
in words a business manager can act on. See docs/decisions/0008-one-outbound-engine.md.

The request that asks for an e-mail only writes its row and offers it to the
broker once, without waiting; the sweeper (:func:`messages_sweep`, every few
minutes) hands the rows nobody picked up to the workers. The state after a
send is written on a fresh database connection until it is recorded
(docs/decisions/0024-deliveries-that-survive-a-blip.md).
"""

import contextlib
import datetime
import logging
import threading
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.mail import DNS_NAME
from django.core.mail.message import make_msgid
from django.db import DatabaseError, connection, transaction
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

# The e-mails asked for in this thread's open transaction, handed to the broker together after commit.
_asked = threading.local()


def message_queue(kind_name: str, pk) -> None:
    """Send the row's e-mail in the background once the current transaction has committed.

    The request never waits on the broker: the rows are handed over from a
    thread of their own, once, without retries; if the broker cannot take
    them, they are marked for the sweeper, which sends them within minutes of
    its return. With no broker configured (tasks run eagerly) they are sent
    here, after commit, as before.
    """
    kind = kinds.get(kind_name)  # a misspelt kind fails here, in the caller, not later in a worker
    kind.model.objects.filter(pk=pk).update(queued_at=timezone.now())
    if not hasattr(_asked, "rows"):
        _asked.rows = []
    _asked.rows.append((kind_name, pk))
    transaction.on_commit(_hand_over_asked)


def _hand_over_asked():
    rows, _asked.rows = getattr(_asked, "rows", []), []
    if not rows:
        return  # handed over by an earlier callback of the same transaction
    from outbound.tasks import send_message

    if send_message.app.conf.task_always_eager:
        _hand_over(rows)
    else:
        threading.Thread(target=_hand_over_in_thread, args=(rows,), name="outbound-hand-over", daemon=True).start()


def _hand_over_in_thread(rows):
    try:
        _hand_over(rows)
    finally:
        connection.close()  # the thread's own database connection


def _hand_over(rows) -> int:
    """Offer each row to the broker once; at the first refusal, leave it and the rest to the sweeper.

    Returns how many were handed over.
    """
    from outbound.tasks import send_message

    for done, (kind_name, pk) in enumerate(rows):
        try:
            # No retries: a broker that is down refuses, and its rows wait for the sweeper.
            send_message.apply_async((kind_name, pk), retry=False)
        except Exception:  # the broker's errors vary by transport; none may fail the caller
            logger.exception("Could not queue the %s e-mail %s; the sweeper will hand it to a worker", kind_name, pk)
            for later_kind, later_pk in rows[done:]:
                _leave_to_sweeper(later_kind, later_pk)
            return done
    return len(rows)


def _leave_to_sweeper(kind_name, pk):
    """Mark a row as never handed over, so the sweeper's next run sends it."""
    kinds.get(kind_name).model.objects.filter(pk=pk, status=PENDING).update(queued_at=None)


def message_expect(kind_name: str, pk, at: datetime.datetime) -> None:
    """Note when a worker will next try a waiting row (its retry), so the sweeper leaves it until then."""
    kinds.get(kind_name).model.objects.filter(pk=pk, status=PENDING).update(queued_at=at)


def sweepable(now=None) -> Q:
    """Rows no worker will pick up: waiting past their moment (or never handed over), or abandoned while sending."""
    now = now or timezone.now()
    overdue = now - datetime.timedelta(seconds=settings.OUTBOUND_SWEEP_GRACE)
    waiting = Q(status=PENDING) & (Q(queued_at__isnull=True) | Q(queued_at__lt=overdue))
    return waiting | Q(status=SENDING, claimed_at__lt=abandoned_before(now))


def messages_sweep(now=None) -> dict[str, list]:
    """Hand every row of every kind that nothing will otherwise send to the workers; what was handed, by kind.

    Safe to run at any moment and as often as wanted: a row handed twice is sent
    once, because the worker claims it first. Stops at the first refusal of the
    broker (the rows not handed stay as they were, for the next run).
    """
    handed = {}
    for name in kinds.names():
        kind = kinds.get(name)
        rows = kind.objects().filter(sweepable(now))
        pks = list(rows.order_by("pk").values_list("pk", flat=True)[: settings.OUTBOUND_SWEEP_BATCH])
        kind.model.objects.filter(pk__in=pks).update(queued_at=timezone.now())
        count = _hand_over([(name, pk) for pk in pks])
        if count:
            handed[name] = pks[:count]
        if count < len(pks):
            return handed
        if pks:
            logger.warning("Handed %s %s e-mails nobody had picked up to the workers", len(pks), name)
    return handed


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
        if _recorded_late(kind, pk):
            return None
        logger.warning("The %s e-mail %s was abandoned while sending; sending it again", kind_name, pk)
    return kind.model.objects.select_related(*kind.related).get(pk=pk)


def _unrecorded_key(kind, pk) -> str:
    return f"outbound:sent-unrecorded:{kind.name}:{pk}"


def _recorded_late(kind, pk) -> bool:
    """Record as sent a row whose e-mail went but whose database write failed; True if it was one."""
    try:
        message_id = cache.get(_unrecorded_key(kind, pk))
    except Exception:  # a cache that cannot answer knows nothing: the row is sent as abandoned
        logger.exception("Could not ask the cache whether the %s e-mail %s went already", kind.name, pk)
        return False
    if message_id is None:
        return False
    _record_sent(kind, pk, message_id, note=f"Sent (Message-ID {message_id}); recorded late.")
    cache.delete(_unrecorded_key(kind, pk))
    logger.warning("The %s e-mail %s had gone (Message-ID %s): recorded, not sent again", kind.name, pk, message_id)
    return True


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
    if not _record_sent(kind, pk, message.extra_headers["Message-ID"]):
        return None
    return _persist(lambda: kind.model.objects.get(pk=pk))


def _record_sent(kind, pk, message_id, note="") -> bool:
    """Record that the mail server took the e-mail; on a fresh connection until it is recorded.

    Should the database stay away longer than ``OUTBOUND_RECORD_PATIENCE``, the
    send is logged with its Message-ID and remembered in the cache, so that
    whoever takes the row over later records it instead of sending it again.
    """

    def record():
        kind.model.objects.filter(pk=pk).update(
            status=SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=note
        )

    try:
        _persist(record)
    except (DatabaseError, SoftTimeLimitExceeded):
        logger.error(
            "The %s e-mail %s was sent (Message-ID %s) but could not be recorded as sent; "
            "it will not be sent again unless someone chooses to",
            kind.name,
            pk,
            message_id,
        )
        try:
            cache.set(_unrecorded_key(kind, pk), message_id, timeout=None)
        except Exception:
            logger.exception("Could not remember the unrecorded send of the %s e-mail %s", kind.name, pk)
        return False
    return True


def _persist(write):
    """Run a database write, retrying on a fresh connection while the database is away (a restart, a
    failover, a dropped connection), for up to ``OUTBOUND_RECORD_PATIENCE`` seconds."""
    deadline = time.monotonic() + settings.OUTBOUND_RECORD_PATIENCE
    pause = 0.2
    while True:
        try:
            return write()
        except DatabaseError as error:
            # Inside a transaction (a test, an eager task) a new connection would lose its other writes.
            if connection.in_atomic_block or time.monotonic() + pause > deadline:
                raise
            logger.warning("The database did not take a write (%s); trying again on a new connection", error)
            with contextlib.suppress(DatabaseError):  # already gone: the next query opens a new one
                connection.close()
            time.sleep(pause)
            pause = min(pause * 2, 5)


def _add_headers(message, kind, row):
    # Our own Message-ID, known before the send, so a send that cannot be recorded can be named.
    message_id = make_msgid(domain=DNS_NAME)
    message.extra_headers = {**AUTOMATIC_HEADERS, "Message-ID": message_id, **message.extra_headers}
    if kind.list_id is not None:
        message.extra_headers.setdefault("List-Id", kind.list_id(row))


def message_release(kind_name: str, pk, reason: str) -> None:
    """Put a row whose sending was interrupted back to wait for a retry, counting the attempt."""
    model = kinds.get(kind_name).model
    _persist(
        lambda: model.objects.filter(pk=pk, status=SENDING).update(
            status=PENDING,
            attempts=F("attempts") + 1,
            last_error=reason[:MAX_ERROR_LENGTH],
            **model.waiting_again_changes(),
        )
    )


def message_give_up(kind_name: str, pk, reason: str) -> None:
    """Mark a waiting row failed after its last retry, so the record shows why."""
    kinds.get(kind_name).model.objects.filter(pk=pk, status=PENDING).update(
        status=FAILED,
        failed_at=timezone.now(),
        last_error=f"Gave up after repeated temporary failures: {reason}"[:MAX_ERROR_LENGTH],
    )


def _record_failure(kind, row, error):
    permanent = is_permanent_failure(error)
    description = describe_failure(error)
    if permanent:
        changes = {"status": FAILED, "failed_at": timezone.now()}
    else:
        changes = {"status": PENDING, **kind.model.waiting_again_changes()}
    _persist(
        lambda: kind.model.objects.filter(pk=row.pk, status=SENDING).update(
            attempts=F("attempts") + 1, last_error=description[:MAX_ERROR_LENGTH], **changes
        )
    )
    outcome = "failed" if permanent else "will be tried again"
    logger.warning("The %s e-mail %s %s: %s", kind.name, row.pk, outcome, description)
    if not permanent:
        raise TemporaryFailure(description)
    row.refresh_from_db()
    return row
