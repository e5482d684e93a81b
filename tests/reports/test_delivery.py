"""Sending one report delivery: once, recorded, temporary and permanent failures told apart."""

import datetime

import pytest
from celery.exceptions import Retry, SoftTimeLimitExceeded
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from outbound.services import TemporaryFailure, message_send
from outbound.tasks import send_message
from reports.models import Delivery, QuarterlyReport
from tests.services import RecordingHandler, smtp_server

KIND = "report_delivery"


def delivery_send(delivery_id):
    return message_send(KIND, delivery_id)


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
        with pytest.raises(TemporaryFailure):
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
        outcome = send_message.apply(args=[KIND, delivery.pk], retries=send_message.max_retries)
    assert outcome.result == "failed"
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "Gave up" in delivery.last_error


def test_a_delivery_claimed_moments_ago_is_left_to_the_worker_sending_it(delivery):
    Delivery.objects.filter(pk=delivery.pk).update(status="sending", claimed_at=timezone.now())
    assert delivery_send(delivery.pk) is None
    assert mail.outbox == []


def test_a_delivery_abandoned_by_a_dead_worker_is_taken_over_and_sent_once(delivery, settings):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.OUTBOUND_CLAIM_TIMEOUT + 60)
    Delivery.objects.filter(pk=delivery.pk).update(status="sending", claimed_at=long_ago)
    sent = delivery_send(delivery.pk)
    assert sent.status == "sent" and sent.last_error == ""
    assert delivery_send(delivery.pk) is None
    assert len(mail.outbox) == 1


def test_a_send_cut_short_by_the_time_limit_is_released_and_retried(delivery, monkeypatch):
    real_send = EmailMultiAlternatives.send
    calls = []

    def slow_once(message, fail_silently=False):
        calls.append(message)
        if len(calls) == 1:
            raise SoftTimeLimitExceeded()
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", slow_once)
    with pytest.raises(Retry):
        send_message.apply(args=[KIND, delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == "pending" and "time limit" in delivery.last_error
    # The retry Celery scheduled, run now.
    assert send_message.apply(args=[KIND, delivery.pk], retries=1).result == "sent"
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2 and len(mail.outbox) == 1
