"""Sending reminders and escalations: once per person, quarter and kind; failures told apart and recorded."""

import datetime
import email
import email.policy

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import Membership, Role
from actions.models import Action
from neglect_portal.celery import app as celery_app
from outbound.services import TemporaryFailure, message_claim
from outbound.tasks import send_message
from reminders import selectors as reminder_selectors
from reminders.models import Reminder
from reminders.services import reminder_send, reminders_create_due
from reminders.tasks import send_due_reminders
from tests import factories as f
from tests.services import RecordingHandler, free_port, smtp_server


@pytest.fixture
def plan(cast, settings):
    """The cast's plan entered in April 2026 and updated in Q2, a council sponsor (Sue), links to portal.example.org.

    Southshire's one action is complete, so only Northshire people are e-mailed.
    """
    settings.SITE_URL = "https://portal.example.org"
    Action.objects.update(created_at=timezone.make_aware(datetime.datetime(2026, 4, 1, 9)))
    Action.objects.filter(pk=cast.other_action.pk).update(status="completed")
    for action in (cast.a11, cast.a21):
        f.ProgressUpdateFactory(action=action, author=cast.alice, update_date=datetime.date(2026, 8, 14))
    cast.sue = f.UserFactory(email="sue@example.org", first_name="Sue", last_name="Example")
    f.MembershipFactory(user=cast.sue, partnership=cast.partnership, role=Role.SPONSOR, agency=cast.council)
    return cast


def run_job(day, capture):
    """The daily job as Celery beat runs it (no arguments), on ``day``, with its after-commit sends."""
    with freeze_time(day), capture(execute=True):
        return send_due_reminders()


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


def lee_reminder(plan):
    return Reminder.objects.create(partnership=plan.partnership, user=plan.lee, period="2026/27 Q3", kind="update_due")


# --- once only --------------------------------------------------------------------


def test_the_daily_job_run_twice_sends_one_email_per_person_quarter_and_kind(plan, django_capture_on_commit_callbacks):
    run_job("2026-12-15", django_capture_on_commit_callbacks)
    run_job("2026-12-15", django_capture_on_commit_callbacks)
    run_job("2026-12-16", django_capture_on_commit_callbacks)
    assert recipients() == ["Lee Example <lee@example.org>"]
    run_job("2027-01-04", django_capture_on_commit_callbacks)
    run_job("2027-01-04", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    rows = Reminder.objects.order_by("kind", "user__first_name")
    assert [(r.kind, r.user.first_name, r.period, r.status, r.attempts) for r in rows] == [
        ("escalation", "Sam", "2026/27 Q3", "sent", 1),
        ("escalation", "Sue", "2026/27 Q3", "sent", 1),
        ("update_due", "Lee", "2026/27 Q3", "sent", 1),
    ]


def test_the_job_queues_rows_only_after_they_are_committed(plan, django_capture_on_commit_callbacks):
    with freeze_time("2026-12-15"), django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_due_reminders()
    assert mail.outbox == [] and len(callbacks) == 1
    assert Reminder.objects.get().status == "pending"


def test_a_waiting_row_whose_task_was_lost_is_queued_again_by_the_next_run(plan, django_capture_on_commit_callbacks):
    with freeze_time("2026-12-15"), django_capture_on_commit_callbacks(execute=False):
        send_due_reminders()  # the queued send is lost: never executed
    assert Reminder.objects.get().status == "pending" and mail.outbox == []
    run_job("2026-12-16", django_capture_on_commit_callbacks)
    assert Reminder.objects.get().status == "sent" and len(mail.outbox) == 1


def test_a_waiting_row_whose_quarter_has_passed_is_recorded_as_failed_not_sent_late(
    plan, django_capture_on_commit_callbacks
):
    stale = lee_reminder(plan)  # 2026/27 Q3's update reminder, still waiting in the next quarter
    run_job("2027-01-04", django_capture_on_commit_callbacks)
    stale.refresh_from_db()
    assert stale.status == "failed"
    assert stale.last_error == "Not sent: its quarter had passed before it could be sent."
    assert "lee@example.org" not in " ".join(recipients())


def test_a_run_as_on_an_earlier_day_does_not_expire_newer_rows(plan, django_capture_on_commit_callbacks):
    escalation = Reminder.objects.create(
        partnership=plan.partnership, user=plan.sam, period="2026/27 Q3", kind="escalation"
    )
    with freeze_time("2027-01-04"), django_capture_on_commit_callbacks(execute=True):
        send_due_reminders("2026-12-15")
    escalation.refresh_from_db()
    assert escalation.status == "sent"


def test_the_job_can_be_run_as_on_a_missed_day(plan, django_capture_on_commit_callbacks):
    with freeze_time("2026-12-20"), django_capture_on_commit_callbacks(execute=True):
        send_due_reminders("2027-01-04")
    assert Reminder.objects.filter(kind="escalation", period="2026/27 Q3").count() == 2


def test_calling_the_send_service_twice_for_one_row_sends_once(plan):
    reminder = lee_reminder(plan)
    with freeze_time("2026-12-15"):
        assert reminder_send(reminder.pk).status == "sent"
        assert reminder_send(reminder.pk) is None
    assert len(mail.outbox) == 1


def test_a_row_claimed_by_another_worker_is_not_sent_again(plan):
    reminder = lee_reminder(plan)
    Reminder.objects.filter(pk=reminder.pk).update(status="sending")
    with freeze_time("2026-12-15"):
        assert reminder_send(reminder.pk) is None
    assert mail.outbox == []


def test_a_row_left_sending_by_a_worker_that_died_is_sent_by_the_next_daily_run(
    plan, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOUND_CLAIM_TIMEOUT = 1800
    reminder = lee_reminder(plan)
    with freeze_time("2026-12-15 07:00"):
        assert message_claim("reminder", reminder.pk)  # then the worker is killed
    with freeze_time("2026-12-15 07:10"):
        assert reminder.pk not in reminders_create_due(datetime.date(2026, 12, 15))  # still within its claim
    run_job("2026-12-16 07:00", django_capture_on_commit_callbacks)
    reminder.refresh_from_db()
    assert reminder.status == "sent" and "worker sending this e-mail stopped" not in reminder.last_error
    assert recipients() == ["Lee Example <lee@example.org>"]


def test_a_reminder_with_nothing_left_to_say_is_withdrawn_unsent(plan):
    reminder = lee_reminder(plan)
    f.ProgressUpdateFactory(action=plan.a21, author=plan.lee, update_date=datetime.date(2026, 12, 15))
    with freeze_time("2026-12-15"):
        assert reminder_send(reminder.pk) is None
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_someone_who_left_before_their_reminder_went_is_not_emailed(plan):
    reminder = lee_reminder(plan)
    Membership.objects.filter(user=plan.lee).update(is_active=False)
    with freeze_time("2026-12-15"):
        assert reminder_send(reminder.pk) is None
    assert mail.outbox == []


def test_rows_created_for_one_partnership_do_not_touch_another(plan):
    Action.objects.filter(pk=plan.other_action.pk).update(status="on_track")
    with freeze_time("2027-01-04"):
        reminders_create_due(timezone.localdate())
    assert set(Reminder.objects.filter(partnership=plan.other).values_list("user", flat=True)) == {plan.charlie.pk}
    assert not Reminder.objects.filter(partnership=plan.partnership, user=plan.charlie).exists()


# --- what the e-mails say ------------------------------------------------------------


def test_the_update_reminder_lists_the_actions_with_links_in_text_and_html(plan, settings):
    with freeze_time("2026-12-15"):
        reminder_send(lee_reminder(plan).pk)
    message = mail.outbox[0]
    assert message.subject == (
        "Northshire Safeguarding Children Partnership: 1 action needs a progress update before 31 December 2026"
    )
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    update_link = f"https://portal.example.org/actions/{plan.a21.pk}/updates/new/"
    for body in (message.body, message.alternatives[0].content):
        assert "Dear Lee," in body
        assert "P2.1" in body and "Roll out the neglect toolkit" in body
        assert "31 January 2027" in body and "On track" in body
        assert update_link in body and f"https://portal.example.org/actions/{plan.a21.pk}/" in body
        assert "https://portal.example.org/actions/mine/" in body
        assert "Thursday 31 December 2026" in body
    assert message.alternatives[0].mimetype == "text/html"
    assert "<caption>Actions that need a progress update in 2026/27 Q3</caption>" in message.alternatives[0].content


def test_the_escalation_lists_each_priority_with_leads_reasons_and_links(plan):
    plan.p2.sponsor_lead = plan.sam
    plan.p2.save()
    Action.objects.filter(pk=plan.a21.pk).update(due_date=datetime.date(2026, 12, 18))
    with freeze_time("2027-01-04"):
        reminders_create_due(timezone.localdate())
        reminder_send(Reminder.objects.get(user=plan.sam).pk)
    message = mail.outbox[0]
    assert message.to == ["Sam Example <sam@example.org>"]
    assert "2 actions of your priorities need following up after 2026/27 Q3" in message.subject
    text, html = message.body, message.alternatives[0].content
    for body in (text, html):
        assert "Priority 1: Early help" in body and "Priority 2: Recognising neglect" in body
        assert "No lead named" in body or "no lead named" in body
        assert "Lee Example" in body
        assert "Overdue: due 18 December 2026" in body
        assert f"https://portal.example.org/actions/{plan.a11.pk}/updates/new/" in body
    assert "No progress update in 2026/27 Q3; Overdue: due 18 December 2026" in text
    assert "<caption>Actions of priority 2 to follow up</caption>" in html


def test_names_with_commas_and_accents_make_a_valid_address(plan):
    plan.lee.first_name, plan.lee.last_name = "Zoë", "O'Brien, Jr"
    plan.lee.save()
    with freeze_time("2026-12-15"):
        reminder_send(lee_reminder(plan).pk)
    parsed = email.message_from_bytes(mail.outbox[0].message().as_bytes(), policy=email.policy.default)
    assert parsed["To"].addresses[0].display_name == "Zoë O'Brien, Jr"
    assert parsed["To"].addresses[0].addr_spec == "lee@example.org"


# --- a real SMTP server ------------------------------------------------------------------


def test_a_temporary_refusal_waits_for_a_retry_then_sends_once(plan, settings):
    reminder = lee_reminder(plan)
    with smtp_server(RecordingHandler(refuse_first=1)) as (controller, handler), freeze_time("2026-12-15"):
        use_smtp(settings, controller.port)
        with pytest.raises(TemporaryFailure):
            reminder_send(reminder.pk)
        reminder.refresh_from_db()
        assert reminder.status == "pending" and reminder.attempts == 1
        assert reminder.last_error == "The mail server refused the message (451 4.3.0 Try again later)"
        reminder_send(reminder.pk)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.last_error) == ("sent", 2, "")
    assert reminder.sent_at is not None
    assert [m.rcpt_tos for m in handler.messages] == [["lee@example.org"]]


def test_a_permanent_refusal_is_recorded_as_failed_and_not_retried(plan, settings):
    reminder = lee_reminder(plan)
    refusal = "550 5.1.1 Mailbox does not exist"
    with smtp_server(RecordingHandler(refuse_first=99, refusal=refusal)) as (controller, handler):
        use_smtp(settings, controller.port)
        with freeze_time("2026-12-15"):
            result = send_message.apply(args=["reminder", reminder.pk])
    assert result.result == "failed"
    reminder.refresh_from_db()
    assert reminder.status == "failed" and reminder.attempts == 1
    assert reminder.last_error == "The mail server refused the message (550 5.1.1 Mailbox does not exist)"
    assert handler.attempts == 1 and handler.messages == []


def test_an_unreachable_mail_server_is_a_temporary_failure(plan, settings):
    reminder = lee_reminder(plan)
    use_smtp(settings, free_port())
    with freeze_time("2026-12-15"), pytest.raises(TemporaryFailure):
        reminder_send(reminder.pk)
    reminder.refresh_from_db()
    assert reminder.status == "pending" and reminder.last_error.startswith("The mail server could not be reached")


@pytest.fixture
def eager_retries():
    """Run a task's retries in-process one after another, as a worker would after each wait."""
    previous = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = previous


def test_the_task_retries_temporary_refusals_until_the_message_goes(plan, settings, eager_retries):
    reminder = lee_reminder(plan)
    with smtp_server(RecordingHandler(refuse_first=2)) as (controller, handler), freeze_time("2026-12-15"):
        use_smtp(settings, controller.port)
        outcome = send_message.apply(args=["reminder", reminder.pk])
    assert outcome.result == "sent"
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("sent", 3)
    assert len(handler.messages) == 1


def test_a_send_cut_short_by_the_time_limit_is_released_and_retried_then_given_up(plan, monkeypatch, eager_retries):
    reminder = lee_reminder(plan)

    def too_slow(message, fail_silently=False):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(EmailMultiAlternatives, "send", too_slow)
    with freeze_time("2026-12-15"):
        outcome = send_message.apply(args=["reminder", reminder.pk])
    assert outcome.result == "failed"
    reminder.refresh_from_db()
    assert reminder.status == "failed" and reminder.attempts == send_message.max_retries + 1
    assert reminder.last_error == "Gave up after repeated temporary failures: Sending took longer than the time limit."


def test_the_task_marks_the_reminder_failed_when_retries_run_out(plan, settings):
    reminder = lee_reminder(plan)
    with smtp_server(RecordingHandler(refuse_first=99)) as (controller, _handler), freeze_time("2026-12-15"):
        use_smtp(settings, controller.port)
        outcome = send_message.apply(args=["reminder", reminder.pk], retries=send_message.max_retries)
    assert outcome.result == "failed"
    reminder.refresh_from_db()
    assert reminder.status == "failed"
    assert reminder.last_error.startswith("Gave up after repeated temporary failures: The mail server refused")


def test_one_partnerships_failure_does_not_stop_the_others_reminders(plan, monkeypatch, caplog):
    real = reminder_selectors.reminders_due

    def failing_in_southshire(partnership, today):
        if partnership == plan.other:
            raise RuntimeError("Southshire's data could not be read")
        return real(partnership, today)

    monkeypatch.setattr(reminder_selectors, "reminders_due", failing_in_southshire)
    with freeze_time("2026-12-15"):
        waiting = reminders_create_due(timezone.localdate())
    assert [Reminder.objects.get(pk=pk).user for pk in waiting] == [plan.lee]
    assert "Could not prepare the reminders of Southshire" in caplog.text
