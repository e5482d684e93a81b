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
