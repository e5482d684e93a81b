"""A real task through a real Redis to a real Celery worker, with a real SMTP server."""

import datetime
import email
import email.policy

import pytest
from django.conf import settings
from django.db import connection

from outbound.tasks import send_message
from reports.models import Delivery, QuarterlyReport
from tests.services import celery_worker, smtp_server, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_worker_sends_a_report_delivery_through_redis_and_records_it(cast, broker):
    report = QuarterlyReport.objects.create(
        strategy=cast.strategy, period="2026/27 Q2", period_start=datetime.date(2026, 7, 1), status="issued"
    )
    delivery = Delivery.objects.create(report=report, name="Bea Example", email="bea@example.org")

    with (
        smtp_server() as (controller, handler),
        celery_worker(connection.settings_dict["NAME"], broker, f"smtp://127.0.0.1:{controller.port}") as queue,
    ):
        send_message.apply_async(args=["report_delivery", delivery.pk], queue=queue)
        assert wait_until(lambda: Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.SENT)

    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.sent_at is not None
    assert [m.rcpt_tos for m in handler.messages] == [["bea@example.org"]]
    message = email.message_from_bytes(handler.messages[0].content, policy=email.policy.default)
    assert "report for 2026/27 Q2" in message["Subject"]


def test_the_suite_runs_on_the_configured_database():
    engine = settings.DATABASES["default"]["ENGINE"]
    import os

    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert engine.endswith("postgresql")
        assert connection.vendor == "postgresql"
