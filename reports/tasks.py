"""Background jobs: thin doors that load by primary key and call a service."""

from celery import shared_task

from reports.services import TemporaryDeliveryError, delivery_send


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(TemporaryDeliveryError,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=8,
    soft_time_limit=120,
    time_limit=180,
)
def send_delivery(self, delivery_id):
    """E-mail one issued report to one recipient, at most once."""
    delivery = delivery_send(delivery_id)
    return delivery.status if delivery else "already claimed"
