"""E-mails the portal gave up on reach the business manager: on the dashboard, and in one e-mail a day."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from outbound.services import message_send
from reminders.models import FailureDigest
from reminders.services import failure_digests_create
from reminders.tasks import send_due_reminders
from reports.models import Delivery, QuarterlyReport
from tests.outbound.test_engine import RefusingAddress, use_smtp
from tests.services import smtp_server


def issued_report(strategy, period="2026/27 Q2"):
    return QuarterlyReport.objects.create(
        strategy=strategy, period=period, period_start=datetime.date(2026, 7, 1), status="issued"
    )


def failed_delivery(report, email, *, when=None):
    delivery = Delivery.objects.create(report=report, name="Someone", email=email)
    Delivery.objects.filter(pk=delivery.pk).update(
        status="failed", failed_at=when or timezone.now(), last_error="The mail server refused: 550 No such user"
    )
    return delivery


def test_a_refused_address_is_recorded_with_when_it_failed(cast, settings):
    delivery = Delivery.objects.create(report=issued_report(cast.strategy), name="Bea", email="bea@example.org")
    with smtp_server(RefusingAddress()) as (controller, _):
        use_smtp(settings, controller.port)
        message_send("report_delivery", delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.failed_at is not None


def test_the_business_manager_sees_the_failed_emails_on_the_dashboard(cast, client_for):
    report = issued_report(cast.strategy)
    failed_delivery(report, "nobody@example.org")
    failed_delivery(issued_report(cast.other_strategy), "other-partnership@example.org")
    page = client_for(cast.alice).get(reverse("accounts:dashboard")).content.decode()
    assert "1 e-mail could not be sent in the last 7 days" in page
    assert "nobody@example.org" in page and reverse("reports:detail", args=[report.pk]) in page
    assert "other-partnership@example.org" not in page


@pytest.mark.parametrize("person", ["steve", "sam", "lee", "bea"])
def test_other_roles_are_not_shown_the_failed_emails(cast, client_for, person):
    failed_delivery(issued_report(cast.strategy), "nobody@example.org")
    page = client_for(getattr(cast, person)).get(reverse("accounts:dashboard")).content.decode()
    assert "could not be sent" not in page


def test_failures_older_than_a_week_leave_the_dashboard(cast, client_for):
    failed_delivery(issued_report(cast.strategy), "nobody@example.org", when=timezone.now() - datetime.timedelta(8))
    assert "could not be sent" not in client_for(cast.alice).get(reverse("accounts:dashboard")).content.decode()


def test_the_dashboard_reads_the_failures_in_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries):
    report = issued_report(cast.strategy)
    client = client_for(cast.alice)
    failed_delivery(report, "one@example.org")
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("accounts:dashboard"))
    for number in range(30):
        failed_delivery(report, f"person{number}@example.org")
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "31 e-mails could not be sent" in page and "The 10 most recent are shown." in page


def test_the_daily_job_tells_each_business_manager_once(cast, django_capture_on_commit_callbacks):
    failed_delivery(issued_report(cast.strategy), "nobody@example.org")
    failed_delivery(issued_report(cast.other_strategy), "stranger@example.org")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_due_reminders()
    digests = [message for message in mail.outbox if "could not be sent" in message.subject]
    assert sorted(message.to[0] for message in digests) == [
        "Alice Example <alice@example.org>",
        "Charlie Example <charlie@example.org>",
    ]
    alice = next(message for message in digests if "alice" in message.to[0])
    assert alice.subject == "Northshire Safeguarding Children Partnership: 1 e-mail could not be sent"
    assert "nobody@example.org" in alice.body and "stranger@example.org" not in alice.body
    assert "Quarterly report" in alice.alternatives[0][0]


def test_a_failure_is_told_in_one_digest_only(cast):
    failed_delivery(
        issued_report(cast.strategy), "nobody@example.org", when=timezone.now() - datetime.timedelta(hours=2)
    )
    failure_digests_create()
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert failure_digests_create(tomorrow) == []
    assert FailureDigest.objects.filter(partnership=cast.partnership).count() == 1


def test_no_failures_no_digest(cast):
    Delivery.objects.create(report=issued_report(cast.strategy), name="Bea", email="bea@example.org")
    assert failure_digests_create() == []
    assert not FailureDigest.objects.exists()


def test_a_failure_dealt_with_before_the_digest_goes_is_not_told(cast):
    delivery = failed_delivery(issued_report(cast.strategy), "nobody@example.org")
    [digest] = failure_digests_create()
    Delivery.objects.filter(pk=delivery.pk).update(status="sent", failed_at=None)
    assert message_send("failure_digest", digest) is None
    assert not any("could not be sent" in message.subject for message in mail.outbox)
