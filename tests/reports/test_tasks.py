"""The daily job: which reports are due, around quarter ends, weekends and bank holidays; and the tasks' limits."""

import datetime

from django.conf import settings
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from freezegun import freeze_time

from neglect_portal.celery import app
from neglect_portal.periods import Period
from outbound.tasks import MAX_RETRY_COUNTDOWN, retry_countdown
from priorities.models import Strategy
from reports import selectors
from reports.models import Delivery, QuarterlyReport
from reports.tasks import issue_due_reports
from tests.reports.conftest import issued_report, signed_off


def due_on(day):
    return [(strategy.partnership.slug, quarter.label) for strategy, quarter in selectors.reports_due(day)]


def run_daily_job(django_capture_on_commit_callbacks, moment):
    with freeze_time(moment), django_capture_on_commit_callbacks(execute=True):
        return issue_due_reports.apply().result


# --- which reports are due --------------------------------------------------------------------


def test_a_quarters_report_is_due_fifteen_working_days_after_it_ends(world):
    # 2026/27 Q2 ends on Wednesday 30 September 2026: 15 working days later is Wednesday 21 October.
    assert selectors.send_date(world.partnership, Period.parse("2026/27 Q2")) == datetime.date(2026, 10, 21)
    assert due_on(datetime.date(2026, 10, 20)) == []
    assert due_on(datetime.date(2026, 10, 21)) == [("northshire", "2026/27 Q2"), ("southshire", "2026/27 Q2")]


def test_the_working_days_skip_the_easter_bank_holidays(world):
    # 2025/26 Q4 ends on 31 March 2026; Good Friday (3 April) and Easter Monday (6 April) do not count.
    assert selectors.send_date(world.partnership, Period.parse("2025/26 Q4")) == datetime.date(2026, 4, 23)
    assert due_on(datetime.date(2026, 4, 22)) == []
    assert ("northshire", "2025/26 Q4") in due_on(datetime.date(2026, 4, 23))


def test_the_working_days_skip_christmas_and_new_year(world):
    # 2026/27 Q3 ends on Thursday 31 December 2026; New Year's Day is a bank holiday.
    assert selectors.send_date(world.partnership, Period.parse("2026/27 Q3")) == datetime.date(2027, 1, 22)


def test_each_partnership_sets_its_own_number_of_working_days(world):
    world.partnership.report_send_working_days = 5
    world.partnership.save()
    assert due_on(datetime.date(2026, 10, 7)) == [("northshire", "2026/27 Q2")]


def test_on_the_first_day_of_a_quarter_the_last_one_is_not_yet_due(world):
    assert due_on(datetime.date(2026, 10, 1)) == []


def test_a_sent_report_is_not_due_again_but_an_issued_one_is(world, draft):
    report = issued_report(world)
    assert ("northshire", "2026/27 Q2") in due_on(datetime.date(2026, 11, 2))
    QuarterlyReport.objects.filter(pk=report.pk).update(status="sent")
    assert ("northshire", "2026/27 Q2") not in due_on(datetime.date(2026, 11, 2))


def test_only_active_strategies_that_cover_the_quarter_are_reported_on(world):
    Strategy.objects.filter(pk=world.other_strategy.pk).update(status="archived")
    assert due_on(datetime.date(2027, 5, 4)) == [("northshire", "2026/27 Q4")]
    # The strategy ended on 31 March 2027: nothing is due for the quarter after it.
    assert due_on(datetime.date(2027, 8, 2)) == []


# --- the daily job ------------------------------------------------------------------------------


def test_the_daily_job_issues_and_sends_the_due_reports(world, django_capture_on_commit_callbacks):
    signed_off(world)
    result = run_daily_job(django_capture_on_commit_callbacks, "2026-10-21 06:00:00")
    report = QuarterlyReport.objects.get(strategy=world.strategy)
    assert report.period == "2026/27 Q2" and report.status == "sent" and report.issued_by is None
    assert report.snapshot["cover"]["produced_on"] == "2026-10-21"
    assert sorted(m.to[0] for m in mail.outbox if "neglect strategy report" in m.subject) == [
        "Bea Example <bea@example.org>",
        "Cllr Dana Jones <dana.jones@example.org>",
    ]
    # Southshire's is due too, but not signed off: its business manager is told instead.
    assert len(result["reports"]) == 1 and len(result["not_signed_off"]) == 1


def test_the_daily_job_does_nothing_before_the_send_date(world, django_capture_on_commit_callbacks):
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-20 06:00:00")
    assert not QuarterlyReport.objects.exists() and mail.outbox == []


def test_the_daily_job_fired_twice_e_mails_each_recipient_once(world, django_capture_on_commit_callbacks):
    signed_off(world)
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-21 06:00:00")
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-21 06:00:05")
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-22 06:00:00")
    board = [m for m in mail.outbox if "neglect strategy report" in m.subject]
    assert len(board) == 2 and Delivery.objects.count() == 2
    assert QuarterlyReport.objects.filter(strategy=world.strategy).count() == 1


def test_the_daily_job_sends_what_the_steering_group_issued_as_it_was_issued(
    world, draft, django_capture_on_commit_callbacks
):
    report = issued_report(world, decisions="Fund two posts.")
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-23 06:00:00")
    report.refresh_from_db()
    assert report.status == "sent" and report.issued_by == world.steve
    board = [m for m in mail.outbox if "neglect strategy report" in m.subject]
    assert "Fund two posts." in board[0].body


def test_the_daily_job_requeues_a_delivery_its_worker_abandoned_and_one_never_queued(
    world, draft, django_capture_on_commit_callbacks
):
    report = issued_report(world)
    QuarterlyReport.objects.filter(pk=report.pk).update(status="sent")
    now = timezone.make_aware(datetime.datetime(2026, 11, 2, 6, 0))
    abandoned = Delivery.objects.create(
        report=report, name="A", email="a@example.org", status="sending", claimed_at=now - datetime.timedelta(hours=2)
    )
    forgotten = Delivery.objects.create(
        report=report, name="F", email="f@example.org", queued_at=now - datetime.timedelta(hours=3)
    )
    busy = Delivery.objects.create(
        report=report, name="B", email="b@example.org", status="sending", claimed_at=now - datetime.timedelta(minutes=2)
    )
    waiting = Delivery.objects.create(
        report=report, name="W", email="w@example.org", queued_at=now - datetime.timedelta(minutes=10)
    )
    result = run_daily_job(django_capture_on_commit_callbacks, now)
    assert sorted(result["requeued"]) == sorted([abandoned.pk, forgotten.pk])
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "sent",
        "f@example.org": "sent",
        "b@example.org": "sending",
        "w@example.org": "pending",
    }
    # (Southshire's business manager is told its quarter is not signed off.)
    deliveries = [m for m in mail.outbox if "not signed off" not in m.subject]
    assert sorted(m.to[0] for m in deliveries) == ["A <a@example.org>", "F <f@example.org>"]
    assert Delivery.objects.get(pk=busy.pk).attempts == 0 and Delivery.objects.get(pk=waiting.pk).attempts == 0


# --- the schedule and the tasks' limits ------------------------------------------------------------


def test_the_daily_jobs_are_scheduled_in_the_database_at_seven_in_the_morning(db):
    tasks = {task.name: task for task in PeriodicTask.objects.select_related("crontab")}
    report_job = tasks["Issue and send due quarterly reports"]
    reminder_job = tasks["Send progress update reminders"]
    assert report_job.task == "reports.tasks.issue_due_reports" and report_job.enabled
    assert reminder_job.task == "reminders.tasks.send_due_reminders"
    assert (report_job.crontab.hour, report_job.crontab.minute) == ("7", "0")
    assert str(report_job.crontab.timezone) == "Europe/London"
    assert reminder_job.crontab_id == report_job.crontab_id


def project_tasks():
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_every_task_finishes_within_the_brokers_visibility_timeout():
    visibility_timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    tasks = project_tasks()
    assert "outbound.tasks.send_message" in tasks and "reports.tasks.issue_due_reports" in tasks
    for name, task in tasks.items():
        time_limit = task.time_limit or app.conf.task_time_limit
        assert time_limit and time_limit < visibility_timeout, name
        assert (task.soft_time_limit or app.conf.task_soft_time_limit) < time_limit, name


def test_every_task_is_acknowledged_late_and_given_back_if_its_worker_dies():
    for name, task in project_tasks().items():
        assert task.acks_late and task.reject_on_worker_lost, name


def test_a_retry_never_waits_longer_than_the_visibility_timeout(settings):
    settings.OUTBOUND_RETRY_BACKOFF = 30
    assert [retry_countdown(n) for n in range(8)] == [30, 60, 120, 240, 480, 960, 1800, 1800]
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > MAX_RETRY_COUNTDOWN
    settings.OUTBOUND_RETRY_BACKOFF = 1
    assert retry_countdown(0) == 1 and retry_countdown(3) == 8


def test_a_report_with_no_one_to_send_to_stays_issued_and_is_tried_again_the_next_day(
    world, django_capture_on_commit_callbacks
):
    signed_off(world)
    world.board_list.recipients.update(is_active=False)
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-21 06:00:00")
    report = QuarterlyReport.objects.get(strategy=world.strategy)
    assert report.status == "issued"
    assert ("northshire", "2026/27 Q2") in due_on(datetime.date(2026, 10, 22))
