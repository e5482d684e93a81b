"""The engine, once for every kind of automatic e-mail: sent once, failures told apart and said in words."""

import datetime

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from neglect_portal.celery import app as celery_app
from outbound import kinds
from outbound.services import TemporaryFailure, message_send
from outbound.tasks import send_message
from tests.outbound.conftest import EXAMPLES
from tests.services import RecordingHandler, free_port, smtp_server


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


class RefusingAddress(RecordingHandler):
    """A mail server that knows no such mailbox."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.attempts += 1
        return "550 5.1.1 No such user"


@pytest.fixture
def eager_retries():
    """Run a task's retries in-process one after another, as a worker would after each wait."""
    previous = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = previous


def reload(outbound):
    return outbound.model.objects.get(pk=outbound.row.pk)


def test_every_registered_kind_is_tested():
    assert kinds.names() == sorted(EXAMPLES)


def test_a_message_is_sent_once_with_the_automatic_headers(outbound):
    assert message_send(outbound.kind, outbound.row.pk).status == "sent"
    assert message_send(outbound.kind, outbound.row.pk) is None
    [message] = mail.outbox
    assert outbound.address in message.to[0]
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.extra_headers["X-Auto-Response-Suppress"] == "All"
    row = reload(outbound)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, "") and row.sent_at is not None


def test_a_claim_taken_moments_ago_is_left_to_the_worker_holding_it(outbound):
    outbound.model.objects.filter(pk=outbound.row.pk).update(status="sending", claimed_at=timezone.now())
    assert message_send(outbound.kind, outbound.row.pk) is None
    assert mail.outbox == []


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over_and_sent_once(outbound, settings):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.OUTBOUND_CLAIM_TIMEOUT + 60)
    outbound.model.objects.filter(pk=outbound.row.pk).update(status="sending", claimed_at=long_ago)
    sent = message_send(outbound.kind, outbound.row.pk)
    assert sent.status == "sent" and sent.last_error == ""
    assert message_send(outbound.kind, outbound.row.pk) is None
    assert len(mail.outbox) == 1


def test_a_4xx_reply_puts_the_message_back_to_wait_with_the_reason_in_words(outbound, settings):
    with smtp_server(RecordingHandler(refuse_first=1)) as (controller, handler):
        use_smtp(settings, controller.port)
        with pytest.raises(TemporaryFailure):
            message_send(outbound.kind, outbound.row.pk)
        row = reload(outbound)
        assert (row.status, row.attempts) == ("pending", 1)
        assert row.last_error == "The mail server refused the message (451 4.3.0 Try again later)"
        message_send(outbound.kind, outbound.row.pk)
    assert (reload(outbound).status, reload(outbound).attempts) == ("sent", 2)
    assert [m.rcpt_tos for m in handler.messages] == [[outbound.address]]


def test_the_task_retries_4xx_replies_until_the_message_goes(outbound, settings, eager_retries):
    with smtp_server(RecordingHandler(refuse_first=2)) as (controller, handler):
        use_smtp(settings, controller.port)
        outcome = send_message.apply(args=[outbound.kind, outbound.row.pk])
    assert outcome.result == "sent"
    row = reload(outbound)
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, "")
    assert len(handler.messages) == 1


def test_the_task_gives_up_when_the_retries_run_out(outbound, settings):
    with smtp_server(RecordingHandler(refuse_first=99)) as (controller, _handler):
        use_smtp(settings, controller.port)
        outcome = send_message.apply(args=[outbound.kind, outbound.row.pk], retries=send_message.max_retries)
    assert outcome.result == "failed"
    assert reload(outbound).last_error == (
        "Gave up after repeated temporary failures: The mail server refused the message (451 4.3.0 Try again later)"
    )


def test_a_5xx_reply_fails_the_message_at_once_with_the_reason_in_words(outbound, settings):
    with smtp_server(RefusingAddress()) as (controller, handler):
        use_smtp(settings, controller.port)
        outcome = send_message.apply(args=[outbound.kind, outbound.row.pk])
    assert outcome.result == "failed"
    row = reload(outbound)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error == f"The mail server refused the address ({outbound.address}: 550 5.1.1 No such user)"
    assert handler.attempts == 1 and handler.messages == []


def test_an_unreachable_mail_server_is_a_temporary_failure(outbound, settings):
    use_smtp(settings, free_port())
    with pytest.raises(TemporaryFailure):
        message_send(outbound.kind, outbound.row.pk)
    row = reload(outbound)
    assert row.status == "pending" and row.last_error.startswith("The mail server could not be reached")


def test_a_send_cut_short_by_the_time_limit_is_released_and_retried(outbound, monkeypatch, eager_retries):
    real_send = EmailMultiAlternatives.send
    calls = []

    def slow_once(message, fail_silently=False):
        calls.append(message)
        if len(calls) == 1:
            raise SoftTimeLimitExceeded()
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", slow_once)
    assert send_message.apply(args=[outbound.kind, outbound.row.pk]).result == "sent"
    row = reload(outbound)
    assert (row.status, row.attempts) == ("sent", 2) and len(mail.outbox) == 1


def test_a_fault_while_writing_the_message_leaves_it_waiting_not_stuck(outbound, monkeypatch):
    def broken(message, fail_silently=False):
        raise ValueError("the template is broken")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with pytest.raises(ValueError):
        message_send(outbound.kind, outbound.row.pk)
    row = reload(outbound)
    assert row.status == "pending" and row.last_error == "The e-mail could not be prepared: the template is broken"


def test_an_unknown_kind_is_refused_where_it_is_named():
    with pytest.raises(LookupError, match="No kind of outbound message is called 'carrier_pigeon'"):
        message_send("carrier_pigeon", 1)
