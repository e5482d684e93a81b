"""A correction of a sent report end to end: a real Redis, a real Celery worker, a real SMTP server.

The last closed quarter's report is issued and e-mailed to the board by the worker; a value of the locked
quarter is then corrected (with its reason), and the business manager issues a correction of the report
from its page. The worker renders the new version's PDF and sends its e-mails: each recipient gets it once,
marked as a correction, with the note and the corrected figure, however often the button is pressed or the
e-mail tasks run; the first version, its PDF and its e-mails are as they were.
"""

import email
import email.policy
import io
import time
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from neglect_portal.celery import app
from neglect_portal.periods import Period
from outbound.tasks import send_message
from outcomes.services import MeasurementInput, measurement_record
from reports import services
from reports.models import Delivery, QuarterlyReport
from tests import factories as f
from tests.services import celery_worker, smtp_server, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

RECIPIENTS = ["bea@example.org", "dana.jones@example.org"]
NOTE = "CP-01 was 120; the council has corrected it to 118 (two children were counted twice)."


@pytest.fixture
def queue(settings, tmp_path, monkeypatch, broker):
    """A queue of the test's own, used by the worker and by this process (the pages queue their tasks on it)."""
    name = f"test-correction-{uuid.uuid4().hex[:8]}"
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setenv("CELERY_TASK_DEFAULT_QUEUE", name)
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path))
    monkeypatch.setattr(app.conf, "task_default_queue", name)
    return name


@pytest.fixture
def quarter():
    return Period.quarter_of(timezone.localdate()).previous()


@pytest.fixture
def board(cast, quarter):
    """Northshire's board list, a figure for the closed quarter, and the quarter signed off by Alice."""
    board_list = f.DistributionListFactory(partnership=cast.partnership)
    f.RecipientFactory(distribution_list=board_list, name="Bea Example", email=RECIPIENTS[0], user=cast.bea)
    f.RecipientFactory(distribution_list=board_list, name="Cllr Dana Jones", email=RECIPIENTS[1])
    plans = f.IndicatorFactory(
        partnership=cast.partnership, code="CP-01", name="Children on a plan for neglect", source_agency=cast.council
    )
    f.MeasurementFactory(indicator=plans, period=quarter.label, value=120)
    f.SignedOffQuarterFactory(strategy=cast.strategy, period=quarter.label, signed_off_by=cast.alice)
    cast.strategy.end_date = max(cast.strategy.end_date, quarter.end)
    cast.strategy.save()
    return plans


def membership(user):
    return user.memberships.get()


def settled(report, count):
    statuses = list(Delivery.objects.filter(report=report).values_list("status", flat=True))
    return len(statuses) == count and all(status in ("sent", "failed") for status in statuses)


def parsed(envelope):
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def pdf_text(content) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_a_corrected_report_reaches_each_recipient_once_marked_as_a_correction_and_the_original_is_unchanged(
    cast, board, quarter, queue, broker, client_for
):
    with (
        smtp_server() as (controller, handler),
        celery_worker(connection.settings_dict["NAME"], broker, f"smtp://127.0.0.1:{controller.port}", queue=queue),
    ):
        # The report as first issued and e-mailed to the board, its PDF rendered by the worker.
        first = services.report_start(membership(cast.alice), cast.strategy, quarter)
        services.report_update_commentary(membership(cast.alice), first, going_well="Training is ahead of plan.")
        services.report_issue(membership(cast.alice), first)
        services.report_send(membership(cast.alice), first)
        assert wait_until(lambda: settled(first, 2), timeout=90)
        assert wait_until(lambda: QuarterlyReport.objects.get(pk=first.pk).pdf, timeout=60)
        before = QuarterlyReport.objects.values().get(pk=first.pk)
        deliveries_before = list(Delivery.objects.filter(report=first).order_by("pk").values())
        originals = len(handler.messages)

        # A value of the locked quarter corrected, with its reason.
        entry = MeasurementInput(board, quarter.label, value=Decimal(118), correction_reason="Counted twice.")
        measurement_record(membership(cast.alice), entry)

        # The business manager issues the correction; the button pressed twice.
        client = client_for(cast.alice)
        response = client.post(reverse("reports:correct", args=[first.pk]), {"note": NOTE})
        again = client.post(reverse("reports:correct", args=[first.pk]), {"note": NOTE})
        correction = QuarterlyReport.objects.get(corrects=first)
        assert response["Location"] == reverse("reports:detail", args=[correction.pk])
        assert again["Location"] == reverse("reports:detail", args=[first.pk])
        assert wait_until(lambda: settled(correction, 2), timeout=90)
        # The e-mail tasks run again (a retried task, a second job): nothing more is sent.
        for delivery in Delivery.objects.filter(report=correction):
            send_message.apply_async(args=["report_delivery", delivery.pk], queue=queue)
        assert wait_until(lambda: QuarterlyReport.objects.get(pk=correction.pk).pdf, timeout=60)
        time.sleep(3)  # time for a duplicate, were there one, to arrive

    corrections = [parsed(envelope) for envelope in handler.messages[originals:]]
    assert originals == 2 and len(corrections) == 2
    assert sorted(rcpt for envelope in handler.messages[originals:] for rcpt in envelope.rcpt_tos) == RECIPIENTS
    for message in corrections:
        assert message["Subject"] == (
            f"Correction: Northshire Safeguarding Children Partnership: neglect strategy report for {quarter} "
            "(version 2)"
        )
        text = message.get_body(preferencelist=("plain",)).get_content()
        assert "CORRECTION (VERSION 2)" in text and f"What changed: {NOTE}" in text
        assert f"/reports/{correction.pk}/" in text
        [attachment] = list(message.iter_attachments())
        assert attachment.get_filename().endswith("-version-2.pdf")
        pdf = pdf_text(attachment.get_content())
        assert "Correction (version 2)" in pdf and "two children were counted twice" in pdf
        assert "120 → 118" in pdf  # the change recorded to the quarter since the first version
    assert set(Delivery.objects.filter(report=correction).values_list("status", "attempts")) == {("sent", 1)}
    correction.refresh_from_db()
    assert (correction.version, correction.status, correction.issued_by) == (2, "sent", cast.alice)
    assert QuarterlyReport.objects.count() == 2

    # The first version is as it was: its row (snapshot and PDF included) and its e-mails.
    assert QuarterlyReport.objects.values().get(pk=first.pk) == before
    assert list(Delivery.objects.filter(report=first).order_by("pk").values()) == deliveries_before
    assert correction.pdf.name != before["pdf"]
    [first_attachment] = list(parsed(handler.messages[0]).iter_attachments())
    assert "Correction (version" not in pdf_text(first_attachment.get_content())
