"""The engine through a real Redis and real Celery workers to a real SMTP server, for every kind of e-mail."""

import email
import email.policy
import time

import pytest
from django.db import connection

from outbound.tasks import send_message
from tests.services import celery_worker, smtp_server, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_two_workers_racing_for_one_message_send_it_once_with_the_automatic_headers(outbound, broker):
    # Two worker processes race on PostgreSQL; SQLite allows one writer at a time, so one there.
    concurrency = 2 if connection.vendor == "postgresql" else 1
    database = connection.settings_dict["NAME"]
    with (
        smtp_server() as (controller, handler),
        celery_worker(database, broker, f"smtp://127.0.0.1:{controller.port}", concurrency=concurrency) as queue,
    ):
        for _ in range(4):
            send_message.apply_async(args=[outbound.kind, outbound.row.pk], queue=queue)
        assert wait_until(lambda: outbound.model.objects.get(pk=outbound.row.pk).status == "sent", timeout=60)
        time.sleep(2)  # time for a duplicate, were there one, to arrive

    row = outbound.model.objects.get(pk=outbound.row.pk)
    assert (row.attempts, row.last_error) == (1, "")
    assert [m.rcpt_tos for m in handler.messages] == [[outbound.address]]
    message = email.message_from_bytes(handler.messages[0].content, policy=email.policy.default)
    assert message["Auto-Submitted"] == "auto-generated"
