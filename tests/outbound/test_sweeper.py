"""The sweeper and the record of a send, once for every kind of automatic e-mail."""

import datetime
import logging

import pytest
from django.core import mail
from django.db import OperationalError
from django.db.models import QuerySet
from django.utils import timezone

from outbound.services import message_send, messages_sweep
from outbound.tasks import sweep


def reload(outbound):
    return outbound.model.objects.get(pk=outbound.row.pk)


def test_the_sweeper_sends_an_e_mail_whose_hand_over_to_the_broker_failed(outbound):
    outbound.model.objects.filter(pk=outbound.row.pk).update(queued_at=None)
    assert messages_sweep() == {outbound.kind: [outbound.row.pk]}
    assert reload(outbound).status == "sent"
    assert len(mail.outbox) == 1
    assert messages_sweep() == {}


def test_the_sweeper_leaves_e_mails_a_worker_is_about_to_take_or_will_retry(outbound):
    soon = timezone.now() + datetime.timedelta(minutes=4)
    outbound.model.objects.filter(pk=outbound.row.pk).update(queued_at=soon)
    assert sweep.apply().result == {}
    outbound.model.objects.filter(pk=outbound.row.pk).update(queued_at=timezone.now())
    assert messages_sweep() == {}
    assert reload(outbound).status == "pending" and mail.outbox == []


def test_the_sweeper_sends_an_e_mail_whose_retry_was_lost_some_minutes_ago(outbound, settings):
    lost = timezone.now() - datetime.timedelta(seconds=settings.OUTBOUND_SWEEP_GRACE + 60)
    outbound.model.objects.filter(pk=outbound.row.pk).update(queued_at=lost)
    assert sweep.apply().result == {outbound.kind: 1}
    assert reload(outbound).status == "sent" and len(mail.outbox) == 1


def test_the_sweeper_takes_over_an_e_mail_left_half_sent_by_a_worker_that_died(outbound, settings):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.OUTBOUND_CLAIM_TIMEOUT + 60)
    outbound.model.objects.filter(pk=outbound.row.pk).update(status="sending", claimed_at=long_ago)
    messages_sweep()
    assert reload(outbound).status == "sent" and len(mail.outbox) == 1


def test_the_sweeper_leaves_failed_and_sent_e_mails_alone(outbound):
    outbound.model.objects.filter(pk=outbound.row.pk).update(status="failed", queued_at=None)
    assert messages_sweep() == {} and mail.outbox == []


def test_every_e_mail_carries_a_message_id_of_its_own(outbound):
    message_send(outbound.kind, outbound.row.pk)
    [message] = mail.outbox
    assert message.message()["Message-ID"] == message.extra_headers["Message-ID"]
    assert message.extra_headers["Message-ID"].startswith("<")


@pytest.fixture
def database_refusing_the_sent_state(monkeypatch, settings):
    """The database stops taking the write that records a send (it went away and stays away)."""
    settings.OUTBOUND_RECORD_PATIENCE = 0
    real_update = QuerySet.update

    def update(queryset, **changes):
        if changes.get("status") == "sent" and refusing:
            raise OperationalError("server closed the connection unexpectedly")
        return real_update(queryset, **changes)

    refusing = True
    monkeypatch.setattr(QuerySet, "update", update)

    def back():
        nonlocal refusing
        refusing = False

    return back


@pytest.mark.django_db(transaction=True)
def test_a_send_that_cannot_be_recorded_is_logged_with_its_message_id_and_never_sent_again(
    cast, database_refusing_the_sent_state, settings, caplog
):
    from tests.outbound.conftest import report_delivery

    row = report_delivery(cast)
    with caplog.at_level(logging.ERROR, logger="outbound.services"):
        assert message_send("report_delivery", row.pk) is None
    [message] = mail.outbox
    message_id = message.extra_headers["Message-ID"]
    assert message_id in caplog.text and "could not be recorded as sent" in caplog.text
    row.refresh_from_db()
    assert row.status == "sending"

    # The database is back; later the row looks abandoned, and the sweeper hands it on: recorded, not sent.
    database_refusing_the_sent_state()
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.OUTBOUND_CLAIM_TIMEOUT + 60)
    type(row).objects.filter(pk=row.pk).update(claimed_at=long_ago)
    messages_sweep()
    row.refresh_from_db()
    assert row.status == "sent" and message_id in row.last_error
    assert len(mail.outbox) == 1


def test_the_sweeper_is_in_beats_schedule_every_five_minutes(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="outbound.tasks.sweep")
    assert (task.enabled, task.interval.every, task.interval.period) == (True, 5, "minutes")
