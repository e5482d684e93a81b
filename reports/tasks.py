"""Background jobs: thin doors that load by primary key and call a service.

Each e-mail is sent by the engine's one task, ``outbound.tasks.send_message``;
the job here decides which reports are due and queues their e-mails.

Every task here acknowledges its message only when it has finished (``acks_late``)
and gives it back if its worker dies (``reject_on_worker_lost``); its hard time
limit stays below the broker's visibility timeout, so Redis never hands a task
still running to a second worker.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.utils import timezone

from neglect_portal.periods import Period
from priorities.models import Strategy
from reports import selectors, services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=240, time_limit=300)
def issue_due_reports():
    """Daily: produce each signed-off report whose send date has come, tell the business managers of those
    not signed off, and requeue e-mails nothing else will send."""
    today = timezone.localdate()
    due = selectors.reports_due(today)
    produced, not_signed_off = [], []
    for strategy, quarter in due:
        # Only a signed-off quarter goes to the board; otherwise its business managers hear, once.
        if selectors.ready_to_issue(strategy, quarter):
            produce_report.delay(strategy.pk, quarter.label)
            produced.append(f"{strategy.pk} {quarter}")
        else:
            services.sign_off_due_notify(strategy, quarter)
            not_signed_off.append(f"{strategy.pk} {quarter}")
    requeued = services.deliveries_requeue()
    return {"reports": produced, "not_signed_off": not_signed_off, "requeued": requeued}


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


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=240, time_limit=300)
def render_report_pdf(report_id):
    """Render an issued report's PDF from its snapshot and store it (once; a second run finds it stored)."""
    return services.report_pdf_store(report_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=240, time_limit=300)
def render_draft_pdf(report_id, digest=None):
    """Render a draft's PDF as it is now and store it, for the page that is waiting for it.

    ``digest`` names the content the page asked for; the draft is rendered as it is when the task runs.
    """
    return services.report_draft_pdf_store(report_id)


# --- update reminders and escalations ------------------------------------------
