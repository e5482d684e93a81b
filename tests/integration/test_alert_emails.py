"""Alerts through a real Redis to real Celery workers, e-mailing a real SMTP server: an indicator turning red
and an action becoming overdue each reach each person concerned once, a daily digest groups a person's
alerts in one e-mail, and neither the job run twice nor a sending task run again sends anything twice."""

import email
import email.policy
import time
import uuid
from decimal import Decimal

import pytest
from django.db import connection

from accounts.models import AlertDelivery, Membership, Role
from actions.services import progress_update_add
from neglect_portal.celery import app
from outbound.tasks import send_message
from outcomes.models import Polarity
from outcomes.services import MeasurementInput, measurement_record
from reminders.alerts import ALERT_EMAIL
from reminders.models import AlertEmail
from reminders.tasks import send_alerts
from tests import factories as f
from tests.services import celery_worker, smtp_server, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue():
    """One queue for the test: the tasks this process hands over and those its workers take."""
    name = f"test-alerts-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = previous


@pytest.fixture
def alerting(cast):
    """Sue sponsors for the council, which supplies N1's figures; N1 belongs to P1, whose sponsor lead is Sam."""
    cast.sue = f.UserFactory(email="sue@example.org", first_name="Sue", last_name="Example")
    f.MembershipFactory(user=cast.sue, partnership=cast.partnership, role=Role.SPONSOR, agency=cast.council)
    cast.n1 = f.IndicatorFactory(
        partnership=cast.partnership,
        code="N1",
        name="Children seen within 10 days",
        polarity=Polarity.HIGHER_BETTER,
        target=Decimal(80),
        amber_tolerance=Decimal(5),
        source_agency=cast.council,
        priority=cast.p1,
    )
    cast.steering = Membership.objects.get(user=cast.steve, partnership=cast.partnership)
    return cast


def worker(broker, queue, controller):
    # Two worker processes race on PostgreSQL; SQLite allows one writer at a time, so one there.
    concurrency = 2 if connection.vendor == "postgresql" else 1
    return celery_worker(
        connection.settings_dict["NAME"],
        broker,
        f"smtp://127.0.0.1:{controller.port}",
        concurrency=concurrency,
        queue=queue,
        env={"CELERY_TASK_DEFAULT_QUEUE": queue},
    )


def parsed(envelope):
    """(recipient, subject, plain text, HTML) of an e-mail the SMTP server took."""
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return envelope.rcpt_tos[0], message["Subject"], text, html


def sent() -> int:
    return AlertEmail.objects.filter(status="sent").count()


def resend_every_row_twice(queue):
    for pk in AlertEmail.objects.values_list("pk", flat=True):
        for _ in range(2):
            send_message.apply_async(args=[ALERT_EMAIL, pk], queue=queue)


def test_a_red_indicator_and_an_overdue_action_each_email_each_person_once(alerting, broker, queue):
    with smtp_server() as (controller, handler), worker(broker, queue, controller):
        measurement_record(alerting.steering, MeasurementInput(alerting.n1, "2025/26 Q1", 78))  # amber
        measurement_record(alerting.steering, MeasurementInput(alerting.n1, "2025/26 Q2", 70))  # red
        assert wait_until(lambda: sent() == 2, timeout=60)
        # The daily job run twice, by both workers at once, on the day after P2.1's due date.
        for _ in range(2):
            send_alerts.apply_async(args=["2027-02-01"], queue=queue)
        assert wait_until(lambda: sent() == 4, timeout=60)
        resend_every_row_twice(queue)
        time.sleep(3)  # time for a duplicate, were there one, to arrive

    told = sorted(parsed(envelope)[:2] for envelope in handler.messages)
    partnership = "Northshire Safeguarding Children Partnership"
    assert told == [
        ("lee@example.org", f"{partnership}: P2.1 Roll out the neglect toolkit is overdue"),
        ("sam@example.org", f"{partnership}: N1 Children seen within 10 days turned red"),
        ("sue@example.org", f"{partnership}: N1 Children seen within 10 days turned red"),
        ("sue@example.org", f"{partnership}: P2.1 Roll out the neglect toolkit is overdue"),
    ]
    assert set(AlertEmail.objects.values_list("status", "attempts")) == {("sent", 1)}
    _, _, text, html = parsed(handler.messages[0])
    assert "/outcomes/indicators/" in text or "/actions/" in text
    assert '<a href="' in html
    assert "Auto-Submitted: auto-generated" in handler.messages[0].content.decode()


def test_the_daily_digest_groups_a_persons_alerts_in_one_e_mail_even_when_the_job_runs_twice(alerting, broker, queue):
    for person in (alerting.sam, alerting.sue):
        person.alert_delivery = AlertDelivery.DAILY
        person.save(update_fields=["alert_delivery"])
    with smtp_server() as (controller, handler), worker(broker, queue, controller):
        measurement_record(alerting.steering, MeasurementInput(alerting.n1, "2025/26 Q1", 50))
        progress_update_add(alerting.steering, alerting.a11, status="off_track", narrative="Training postponed.")
        time.sleep(2)
        assert handler.messages == []  # both chose the digest: nothing goes during the day
        for _ in range(2):
            send_alerts.apply_async(args=["2027-02-01"], queue=queue)
        # Sam: N1 red and P1.1 Red; Sue: N1 red and P2.1 overdue. Lee (straight away): P2.1 overdue.
        assert wait_until(lambda: sent() == 3, timeout=60)
        resend_every_row_twice(queue)
        time.sleep(3)

    by_person = {}
    for envelope in handler.messages:
        person, subject, text, _ = parsed(envelope)
        by_person.setdefault(person, []).append(f"{subject}\n{text}")
    assert sorted((person, len(messages)) for person, messages in by_person.items()) == [
        ("lee@example.org", 1),
        ("sam@example.org", 1),
        ("sue@example.org", 1),
    ]
    sams = by_person["sam@example.org"][0]
    assert "2 alerts for 1 February 2027" in sams
    assert "N1 Children seen within 10 days turned red" in sams
    assert "P1.1 Train health visitors changed to Red" in sams
    sues = by_person["sue@example.org"][0]
    assert (
        "N1 Children seen within 10 days turned red" in sues and "P2.1 Roll out the neglect toolkit is overdue" in sues
    )
    assert AlertEmail.objects.filter(digest_day__isnull=False).count() == 2
