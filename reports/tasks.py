"""Background jobs: thin doors that load by primary key and call a service.

Every task here acknowledges its message only when it has finished (``acks_late``)
and gives it back if its worker dies (``reject_on_worker_lost``); its hard time
limit stays below the broker's visibility timeout, so Redis never hands a task
still running to a second worker.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from neglect_portal.periods import Period
from priorities.models import Strategy
from reports import selectors, services
from reports.reminders import reminder_give_up, reminder_release, reminder_send, reminders_create_due, today_or
from reports.services import TemporaryDeliveryError, delivery_give_up, delivery_release, delivery_send

logger = logging.getLogger(__name__)

MAX_DELIVERY_RETRIES = 8
MAX_RETRY_COUNTDOWN = 1800  # half an hour, well below the broker's visibility timeout


def retry_countdown(retries: int) -> int:
    """Seconds before the next try: the configured base, doubled each time, at most half an hour."""
    return min(settings.REPORT_DELIVERY_RETRY_BACKOFF * 2**retries, MAX_RETRY_COUNTDOWN)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_DELIVERY_RETRIES,
    soft_time_limit=120,
    time_limit=180,
)
def send_delivery(self, delivery_id):
    """E-mail one issued report to one recipient, at most once.

    Temporary SMTP failures are retried with exponential backoff; when the
    retries run out the delivery is marked failed, never left waiting.
    """
    try:
        delivery = delivery_send(delivery_id)
    except (TemporaryDeliveryError, SoftTimeLimitExceeded) as error:
        if isinstance(error, SoftTimeLimitExceeded):
            delivery_release(delivery_id, "Sending took longer than the time limit.")
        if self.request.retries >= self.max_retries:
            delivery_give_up(delivery_id, str(error))
            return "failed"
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
    return delivery.status if delivery else "already claimed"


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=240, time_limit=300)
def issue_due_reports():
    """Daily: produce each report whose send date has come, and requeue e-mails nothing else will send."""
    today = timezone.localdate()
    due = selectors.reports_due(today)
    for strategy, quarter in due:
        produce_report.delay(strategy.pk, quarter.label)
    requeued = services.deliveries_requeue()
    return {"reports": [f"{strategy.pk} {quarter}" for strategy, quarter in due], "requeued": requeued}


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    default_retry_delay=300,
    soft_time_limit=540,
    time_limit=600,
)
def produce_report(self, strategy_id, period_label, send=True):
    """Create, issue and send one strategy's report for one quarter; each step only if not yet done."""
    strategy = Strategy.objects.select_related("partnership").get(pk=strategy_id)
    try:
        report = services.report_produce(strategy, Period.parse(period_label), send=send)
    except ValidationError as error:
        # Nothing a retry would change (for example an empty distribution list): say so, and try tomorrow.
        logger.warning("The %s report of %s was not sent: %s", period_label, strategy, "; ".join(error.messages))
        return "not sent"
    except SoftTimeLimitExceeded as error:
        raise self.retry(exc=error) from error
    return report.status


# --- update reminders and escalations ------------------------------------------

MAX_REMINDER_RETRIES = 8


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360)
def send_due_reminders(day=None):
    """Daily: create the reminders and escalations due today and queue each for sending.

    ``day`` (YYYY-MM-DD) runs the job as on another day, to catch up a missed
    run. Running it twice sends nothing twice: each row exists once and is
    claimed once when sent; rows an earlier run left waiting are queued again.
    """
    waiting = reminders_create_due(today_or(day))
    for reminder_id in waiting:
        send_reminder.delay_on_commit(reminder_id)
    return waiting


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_REMINDER_RETRIES,
    soft_time_limit=120,
    time_limit=180,
)
def send_reminder(self, reminder_id):
    """E-mail one reminder or escalation, at most once.

    Temporary SMTP failures, and a send cut short by the time limit, are
    retried with exponential backoff; when the retries run out the reminder is
    marked failed, never left waiting.
    """
    try:
        reminder = reminder_send(reminder_id)
    except (TemporaryDeliveryError, SoftTimeLimitExceeded) as error:
        reason = str(error)
        if isinstance(error, SoftTimeLimitExceeded):
            reason = "Sending took longer than the time limit."
            reminder_release(reminder_id, reason)
        if self.request.retries >= self.max_retries:
            reminder_give_up(reminder_id, reason)
            return "failed"
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
    return reminder.status if reminder else "nothing to send"
