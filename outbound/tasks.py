"""The one background job of the engine: send one automatic e-mail.

Like every task of the portal it acknowledges its message only when it has
finished (``acks_late``) and gives it back if its worker dies
(``reject_on_worker_lost``); its hard time limit stays far below the broker's
visibility timeout and ``OUTBOUND_CLAIM_TIMEOUT``.
"""

import datetime

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone

from outbound import services

MAX_RETRIES = 8
MAX_RETRY_COUNTDOWN = 1800  # half an hour, well below the broker's visibility timeout


def retry_countdown(retries: int) -> int:
    """Seconds before the next try: the configured base, doubled each time, at most half an hour."""
    return min(settings.OUTBOUND_RETRY_BACKOFF * 2**retries, MAX_RETRY_COUNTDOWN)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=120,
    time_limit=180,
)
def send_message(self, kind, pk):
    """E-mail one row of a registered kind, at most once.

    A temporary failure (a 4xx reply, no connection, the time limit) is retried
    with exponential backoff; when the retries run out the row is marked failed,
    never left waiting. A permanent one (a 5xx reply) is recorded failed at once.
    """
    try:
        row = services.message_send(kind, pk)
    except (services.TemporaryFailure, SoftTimeLimitExceeded) as error:
        reason = str(error)
        if isinstance(error, SoftTimeLimitExceeded):
            reason = services.TIME_LIMIT
            services.message_release(kind, pk, reason)
        if self.request.retries >= self.max_retries:
            services.message_give_up(kind, pk, reason)
            return "failed"
        countdown = retry_countdown(self.request.retries)
        services.message_expect(kind, pk, timezone.now() + datetime.timedelta(seconds=countdown))
        raise self.retry(exc=error, countdown=countdown) from error
    return row.status if row else "nothing to send"


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=50, time_limit=60, expires=240)
def sweep():
    """Every few minutes (beat): hand the e-mails nobody will otherwise send to the workers.

    Those whose hand-over to the broker failed (it was down when someone pressed
    Send), whose retry was lost with the broker, and those a dead worker left
    sending. A sweep that has waited in the queue longer than the interval is
    dropped (``expires``): the next one does the same work.
    """
    handed = services.messages_sweep()
    return {name: len(pks) for name, pks in handed.items()}
