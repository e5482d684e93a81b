"""Background jobs: thin doors that load by primary key and call a service."""

from celery import shared_task

from reports.services import TemporaryDeliveryError, delivery_give_up, delivery_send

MAX_DELIVERY_RETRIES = 8


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
    except TemporaryDeliveryError as error:
        if self.request.retries >= self.max_retries:
            delivery_give_up(delivery_id, str(error))
            return "failed"
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error
    return delivery.status if delivery else "already claimed"


# --- update reminders and escalations ------------------------------------------

MAX_REMINDER_RETRIES = 8


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360)
def send_due_reminders(day=None):
    """Daily: create the reminders and escalations due today and queue each for sending.

    ``day`` (YYYY-MM-DD) runs the job as on another day, to catch up a missed
    run. Running it twice sends nothing twice: each row exists once and is
    claimed once when sent; rows an earlier run left waiting are queued again.
    """
    # Imported here so the reminder jobs stay a self-contained section of this module.
    from reports.reminders import reminders_create_due, today_or

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
    from celery.exceptions import SoftTimeLimitExceeded

    from reports.reminders import reminder_give_up, reminder_release, reminder_send

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
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error
    return reminder.status if reminder else "nothing to send"
