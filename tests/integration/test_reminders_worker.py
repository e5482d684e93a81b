"""The daily reminder job through a real Redis to a real Celery worker, e-mailing a real SMTP server."""

import datetime
import time
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Role
from actions.models import Action
from reminders.models import Reminder
from reminders.tasks import send_due_reminders
from tests import factories as f
from tests.services import celery_worker, smtp_server, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(cast):
    """Entered in April 2026 and updated in Q2; Sue sponsors for the council; Southshire has nothing due."""
    Action.objects.update(created_at=timezone.make_aware(datetime.datetime(2026, 4, 1, 9)))
    Action.objects.filter(pk=cast.other_action.pk).update(status="completed")
    for action in (cast.a11, cast.a21):
        f.ProgressUpdateFactory(action=action, author=cast.alice, update_date=datetime.date(2026, 8, 14))
    sue = f.UserFactory(email="sue@example.org", first_name="Sue", last_name="Example")
    f.MembershipFactory(user=sue, partnership=cast.partnership, role=Role.SPONSOR, agency=cast.council)
    return cast


def test_the_daily_job_run_twice_by_racing_workers_emails_each_person_once(plan, broker, monkeypatch):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    # The worker's own tasks (one send per reminder) must reach this worker, not a shared default queue.
    monkeypatch.setenv("CELERY_TASK_DEFAULT_QUEUE", queue)
    # Two worker processes race on PostgreSQL; SQLite allows one writer at a time, so one there.
    concurrency = 2 if connection.vendor == "postgresql" else 1
    database = connection.settings_dict["NAME"]
    with (
        smtp_server() as (controller, handler),
        celery_worker(database, broker, f"smtp://127.0.0.1:{controller.port}", concurrency=concurrency, queue=queue),
    ):
        for day, expected in (("2026-12-15", 1), ("2027-01-04", 3)):
            send_due_reminders.apply_async(args=[day], queue=queue)
            send_due_reminders.apply_async(args=[day], queue=queue)
            assert wait_until(lambda n=expected: Reminder.objects.filter(status="sent").count() == n, timeout=60)
        time.sleep(2)  # time for a duplicate, were there one, to arrive

    assert sorted(m.rcpt_tos[0] for m in handler.messages) == [
        "lee@example.org",
        "sam@example.org",
        "sue@example.org",
    ]
    rows = Reminder.objects.order_by("kind", "user__email")
    assert [(r.kind, r.user.email, r.period, r.status, r.attempts) for r in rows] == [
        ("escalation", "sam@example.org", "2026/27 Q3", "sent", 1),
        ("escalation", "sue@example.org", "2026/27 Q3", "sent", 1),
        ("update_due", "lee@example.org", "2026/27 Q3", "sent", 1),
    ]
