"""Sending issued reports: each delivery claimed once, recorded, never sent twice."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from reports.models import Delivery
from reports.smtp import SENDING_ERRORS, is_permanent_failure

logger = logging.getLogger(__name__)


class TemporaryDeliveryError(Exception):
    """The message could not be sent now but may be sent later (retry)."""


def delivery_claim(delivery_id) -> Delivery | None:
    """Claim a waiting delivery for sending. Only one caller can win the claim.

    The conditional update is the lock: a second worker, a retried task or a
    job fired twice finds the row no longer ``pending`` and sends nothing.
    """
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENDING, claimed_at=timezone.now()
    )
    if not claimed:
        return None
    return Delivery.objects.select_related("report__strategy__partnership").get(pk=delivery_id)


def delivery_send(delivery_id) -> Delivery | None:
    """Send one delivery's e-mail if it is still waiting; record the outcome.

    Raises :class:`TemporaryDeliveryError` after putting the delivery back to
    ``pending`` when the failure is temporary, so the caller may retry.
    """
    delivery = delivery_claim(delivery_id)
    if delivery is None:
        return None
    try:
        _message_for(delivery).send()
    except SENDING_ERRORS as error:
        return _record_failure(delivery, error, permanent=is_permanent_failure(error))
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), attempts=delivery.attempts + 1, last_error=""
    )
    delivery.refresh_from_db()
    return delivery


def delivery_give_up(delivery_id, reason):
    """Mark a delivery failed after its last retry, so the archive shows it."""
    Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.FAILED, last_error=f"Gave up after repeated temporary failures: {reason}"[:1000]
    )


def _record_failure(delivery, error, *, permanent):
    status = Delivery.Status.FAILED if permanent else Delivery.Status.PENDING
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            status=status, attempts=delivery.attempts + 1, last_error=str(error)[:1000]
        )
    logger.warning("Delivery %s to %s failed (%s): %s", delivery.pk, delivery.email, status, error)
    if not permanent:
        raise TemporaryDeliveryError(str(error))
    delivery.refresh_from_db()
    return delivery


def _message_for(delivery) -> EmailMultiAlternatives:
    report = delivery.report
    partnership = report.strategy.partnership
    subject = f"{partnership.name}: neglect strategy report for {report.period}"
    link = f"{settings.SITE_URL}/reports/{report.pk}/"
    text = (
        f"Dear {delivery.name},\n\n"
        f"The {partnership.steering_group_name} has issued its report on the {report.strategy.title} "
        f"for {report.period}.\n\nRead it online: {link}\n"
    )
    message = EmailMultiAlternatives(subject, text, to=[f"{delivery.name} <{delivery.email}>"])
    if report.pdf:
        message.attach(
            f"neglect-report-{report.period.replace('/', '-').replace(' ', '-')}.pdf",
            report.pdf.read(),
            "application/pdf",
        )
    return message
