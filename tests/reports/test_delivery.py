"""Sending one report delivery: once, recorded, temporary and permanent failures told apart."""

import datetime

import pytest
from django.core import mail

from reports.models import Delivery, QuarterlyReport
from reports.services import TemporaryDeliveryError, delivery_send
from reports.tasks import send_delivery
from tests.services import RecordingHandler, smtp_server


@pytest.fixture
def delivery(cast):
    report = QuarterlyReport.objects.create(
        strategy=cast.strategy, period="2026/27 Q2", period_start=datetime.date(2026, 7, 1), status="issued"
    )
    return Delivery.objects.create(report=report, name="Bea Example", email="bea@example.org")


def test_a_delivery_is_sent_once_even_when_asked_twice(delivery):
    delivery_send(delivery.pk)
    assert delivery_send(delivery.pk) is None
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 1


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False


def test_a_temporary_refusal_puts_the_delivery_back_to_wait_for_a_retry(delivery, settings):
    with smtp_server(RecordingHandler(refuse_first=1)) as (controller, handler):
        use_smtp(settings, controller.port)
        with pytest.raises(TemporaryDeliveryError):
            delivery_send(delivery.pk)
        delivery.refresh_from_db()
        assert delivery.status == "pending" and "451" in delivery.last_error
        delivery_send(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2
    assert len(handler.messages) == 1


def test_a_permanent_refusal_is_recorded_as_failed_and_not_retried(delivery, settings):
    refusal = "550 5.1.1 Mailbox does not exist"
    with smtp_server(RecordingHandler(refuse_first=99, refusal=refusal)) as (controller, handler):
        use_smtp(settings, controller.port)
        result = delivery_send(delivery.pk)
    assert result.status == "failed" and "Mailbox does not exist" in result.last_error
    assert handler.attempts == 1


def test_the_task_marks_the_delivery_failed_when_retries_run_out(delivery, settings):
    with smtp_server(RecordingHandler(refuse_first=99)) as (controller, _handler):
        use_smtp(settings, controller.port)
        outcome = send_delivery.apply(args=[delivery.pk], retries=send_delivery.max_retries)
    assert outcome.result == "failed"
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "Gave up" in delivery.last_error
