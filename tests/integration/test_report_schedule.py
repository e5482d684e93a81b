"""The daily report job end to end: a real Redis, real Celery workers started here, a real SMTP server.

The workers run ``reports.tasks.issue_due_reports`` exactly as beat would start it;
it finds the due report, issues it, renders its PDF and fans out one e-mail task
per recipient, all through Redis. Whatever happens (the job run twice, two
workers racing, an SMTP server that says "try later"), each recipient gets one
message.
"""

import datetime
import email
import email.policy
import io
import time
import uuid

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actions.models import Status
from neglect_portal.periods import Period
from priorities.models import Strategy
from reports.models import Delivery, QuarterlyReport
from reports.tasks import issue_due_reports
from tests import factories as f
from tests.services import RecordingHandler, celery_worker, smtp_server, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

RECIPIENTS = ["bea@example.org", "dana.jones@example.org"]


@pytest.fixture
def due(cast, settings, tmp_path, monkeypatch):
    """Northshire's report for the last closed quarter is due today, whatever today is."""
    settings.MEDIA_ROOT = tmp_path
    queue = f"test-reports-{uuid.uuid4().hex[:8]}"
    # The workers: their own queue for every task they send, the test's media folder, retries in seconds.
    monkeypatch.setenv("CELERY_TASK_DEFAULT_QUEUE", queue)
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path))
    monkeypatch.setenv("OUTBOUND_RETRY_BACKOFF", "1")
    today = timezone.localdate()
    Strategy.objects.filter(pk=cast.strategy.pk).update(end_date=today + datetime.timedelta(days=365))
    Strategy.objects.filter(pk=cast.other_strategy.pk).update(status=Strategy.Status.ARCHIVED)
    cast.partnership.report_send_working_days = 0
    cast.partnership.save()
    cast.a21.status = Status.OFF_TRACK
    cast.a21.save()
    board = f.DistributionListFactory(partnership=cast.partnership)
    f.RecipientFactory(distribution_list=board, name="Bea Example", email=RECIPIENTS[0], user=cast.bea)
    f.RecipientFactory(distribution_list=board, name="Cllr Dana Jones", email=RECIPIENTS[1])
    # The chair or business manager has signed the quarter off: only then does the job issue it.
    closed = Period.quarter_of(today).previous()
    f.SignedOffQuarterFactory(strategy=cast.strategy, period=closed.label, signed_off_by=cast.alice)
    return queue


def worker(broker, queue, port):
    return celery_worker(connection.settings_dict["NAME"], broker, f"smtp://127.0.0.1:{port}", queue=queue)


def all_settled():
    deliveries = list(Delivery.objects.values_list("status", flat=True))
    return len(deliveries) == len(RECIPIENTS) and all(status in ("sent", "failed") for status in deliveries)


def received(handler):
    return sorted(rcpt for message in handler.messages for rcpt in message.rcpt_tos)


def test_the_scheduled_job_e_mails_each_recipient_the_report_with_its_pdf(cast, broker, due):
    with smtp_server() as (controller, handler), worker(broker, due, controller.port):
        issue_due_reports.apply_async(queue=due)
        assert wait_until(all_settled, timeout=90)

    report = QuarterlyReport.objects.get(strategy=cast.strategy)
    assert report.status == "sent" and report.issued_by is None and report.pdf
    assert received(handler) == RECIPIENTS
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}
    message = email.message_from_bytes(handler.messages[0].content, policy=email.policy.default)
    assert (
        message["Subject"]
        == f"Northshire Safeguarding Children Partnership: neglect strategy report for {report.period}"
    )
    assert message.get_content_type() == "multipart/mixed"
    assert message.get_body(preferencelist=("plain",)).get_content_type() == "text/plain"
    html = message.get_body(preferencelist=("html",)).get_content()
    assert f"/reports/{report.pk}/" in html and "Off track or at risk" in html
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    pdf = PdfReader(io.BytesIO(attachment.get_content()))
    assert f"Neglect strategy report to the board: {report.period}" in " ".join(pdf.pages[0].extract_text().split())


def test_the_job_run_twice_by_two_workers_at_once_still_sends_one_message_each(cast, broker, due):
    with (
        smtp_server() as (controller, handler),
        worker(broker, due, controller.port),
        worker(broker, due, controller.port),
    ):
        issue_due_reports.apply_async(queue=due)
        issue_due_reports.apply_async(queue=due)
        assert wait_until(all_settled, timeout=120)
        # Once more after it has all gone (the next morning, say): it finds nothing left to do.
        issue_due_reports.apply_async(queue=due)
        time.sleep(5)

    assert received(handler) == RECIPIENTS
    assert QuarterlyReport.objects.filter(strategy=cast.strategy).count() == 1
    assert Delivery.objects.count() == len(RECIPIENTS)


def test_a_server_that_refuses_at_first_gets_each_message_once_after_retries(cast, broker, due):
    with (
        smtp_server(RecordingHandler(refuse_first=3)) as (controller, handler),
        worker(broker, due, controller.port),
    ):
        issue_due_reports.apply_async(queue=due)
        assert wait_until(all_settled, timeout=120)

    assert received(handler) == RECIPIENTS
    assert handler.attempts == len(RECIPIENTS) + 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert sum(Delivery.objects.values_list("attempts", flat=True)) == len(RECIPIENTS) + 3


def test_a_permanent_refusal_is_recorded_as_failed_and_shown_on_the_report_page(cast, broker, due, client_for):
    refusal = "550 5.1.1 Mailbox does not exist"
    with (
        smtp_server(RecordingHandler(refuse_first=99, refusal=refusal)) as (controller, handler),
        worker(broker, due, controller.port),
    ):
        issue_due_reports.apply_async(queue=due)
        assert wait_until(all_settled, timeout=90)

    assert handler.messages == [] and handler.attempts == len(RECIPIENTS)
    assert set(Delivery.objects.values_list("status", "attempts")) == {("failed", 1)}
    report = QuarterlyReport.objects.get(strategy=cast.strategy)
    archive = client_for(cast.steve).get(reverse("reports:archive")).content.decode()
    assert "2 failed" in archive
    page = client_for(cast.steve).get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert page.count("Mailbox does not exist") == len(RECIPIENTS)
    assert page.count(">Failed<") == len(RECIPIENTS)
