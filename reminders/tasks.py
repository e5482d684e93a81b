"""The daily reminder job: a thin door that decides what is due and queues each e-mail for the engine.

Each e-mail is sent by ``outbound.tasks.send_message``. Like every task of the
portal this one is acknowledged late, given back if its worker dies, and its
hard time limit stays below the broker's visibility timeout.
"""

from celery import shared_task

from reminders.alerts import alert_digests_create, alerts_queue, overdue_alerts_record
from reminders.selectors import today_or
from reminders.services import failure_digests_create, failure_digests_queue, reminders_create_due, reminders_queue


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360)
def send_due_reminders(day=None):
    """Daily: create the reminders and escalations due today and queue each for sending, and the digest of
    yesterday's failed e-mails for each business manager.

    ``day`` (YYYY-MM-DD) runs the job as on another day, to catch up a missed
    run. Running it twice sends nothing twice: each row exists once and is
    claimed once when sent; rows an earlier run left waiting are queued again.
    """
    waiting = reminders_create_due(today_or(day))
    reminders_queue(waiting)
    # Each business manager hears once a day of the partnership's e-mails that could not be sent.
    failure_digests_queue(failure_digests_create())
    return waiting


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360)
def send_alerts(day=None):
    """Daily: record an alert for each action that has become overdue (told straight away to those who chose
    so), then send each person who chose the daily digest one e-mail per partnership with the alerts waiting.

    ``day`` (YYYY-MM-DD) runs the job as on another day. Running it twice sends nothing twice: each alert
    and each person's notice of it exist once, and a day's digest is made once and claimed once when sent.
    """
    today = today_or(day)
    overdue = overdue_alerts_record(today)
    digests = alert_digests_create(today)
    alerts_queue(digests)
    return {"overdue": len(overdue), "digests": len(digests)}
