"""/health/ answers 200 when every part is up and 503 naming what is down, and tells strangers nothing more."""

import datetime
import os
import socket
import subprocess
import sys

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from neglect_portal.celery import app as celery_app
from operations.health import BeatPart
from tests.services import ROOT, free_port

pytestmark = pytest.mark.django_db


def test_health_answers_without_signing_in_with_every_part_named_and_in_process_tasks_said_so(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "OK",
        "database: ok",
        "cache: ok",
        "broker: not used (tasks run in the web process)",
        "worker: not used (tasks run in the web process)",
        "beat: not used (tasks run in the web process)",
        "media disk: ok",
    ]
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_health_answers_json_when_asked(client):
    by_header = client.get("/health/", HTTP_ACCEPT="application/json")
    by_parameter = client.get("/health/?format=json")

    assert by_header.json() == by_parameter.json()
    assert by_header.json() == {
        "status": "ok",
        "down": [],
        "parts": {
            "database": {"status": "ok"},
            "cache": {"status": "ok"},
            "broker": {"status": "not used", "note": "tasks run in the web process"},
            "worker": {"status": "not used", "note": "tasks run in the web process"},
            "beat": {"status": "not used", "note": "tasks run in the web process"},
            "media disk": {"status": "ok"},
        },
    }


def test_too_little_free_disk_for_media_answers_503_naming_the_media_disk(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HEALTH_CHECK_MEDIA_MIN_FREE_MB = 10**12

    response = client.get("/health/?format=json")

    assert response.status_code == 503
    assert response.json()["down"] == ["media disk"]
    assert response.json()["parts"]["media disk"] == {"status": "unavailable"}


def test_the_detailed_answer_needs_the_token_and_never_names_hosts_or_versions(client, settings, tmp_path):
    settings.HEALTH_CHECK_TOKEN = "a-long-random-monitoring-token"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HEALTH_CHECK_MEDIA_MIN_FREE_MB = 10**12

    stranger = client.get("/health/", HTTP_AUTHORIZATION="Bearer a-wrong-token").content.decode()
    monitor = client.get("/health/", HTTP_AUTHORIZATION="Bearer a-long-random-monitoring-token").content.decode()

    assert "media disk: unavailable\n" in stranger and "MB" not in stranger
    assert "media disk: unavailable (" in monitor and "MB free, less than 1000000000000 MB" in monitor
    assert "database: ok (answers queries; " in monitor
    for answer in (stranger, monitor):
        assert socket.gethostname() not in answer
        assert str(tmp_path) not in answer
        assert "Django" not in answer and "PostgreSQL" not in answer and "5432" not in answer


def test_the_web_health_checks_only_what_a_web_process_needs(client):
    response = client.get("/health/web/")

    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["OK", "database: ok", "cache: ok", "media disk: ok"]


def test_health_answers_503_naming_the_database_when_the_database_is_down():
    # A real portal process whose database server is not running: nothing listens on the port.
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "neglect_portal.settings",
        "DATABASE_URL": f"postgres://portal@127.0.0.1:{free_port()}/portal",
    }
    environment.pop("CELERY_BROKER_URL", None)
    script = (
        "from django.test import Client; r = Client().get('/health/'); print(r.status_code); print(r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    lines = result.stdout.splitlines()
    assert lines[:3] == ["503", "Unavailable: database", "database: unavailable"], result.stdout + result.stderr
    assert "127.0.0.1" not in result.stdout
    assert "ERROR" not in result.stderr  # a monitor's probe is no server error: ADMINS are not e-mailed


@pytest.fixture
def beat_in_use(monkeypatch):
    """Tasks go through a broker, so beat is in use (nothing here talks to the broker)."""
    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)
    PeriodicTask.objects.all().delete()
    return CrontabSchedule.objects.create(minute="0", hour="7")


def _beat():
    result = async_to_sync(BeatPart().get_result)()
    return result.error.message if result.error else result.check.detail


def _job(crontab, *, last_run_at, name="Issue and send due quarterly reports", enabled=True):
    task = PeriodicTask.objects.create(name=name, task="reports.tasks.issue_due_reports", crontab=crontab)
    # date_changed is set on every save; put it back as the schedule would have aged.
    PeriodicTask.objects.filter(pk=task.pk).update(
        last_run_at=last_run_at, date_changed=timezone.now() - datetime.timedelta(days=30), enabled=enabled
    )


def test_beat_is_healthy_when_it_sent_a_job_within_the_day(beat_in_use):
    _job(beat_in_use, last_run_at=timezone.now() - datetime.timedelta(hours=23))

    assert _beat() == "last job sent 1380 minutes ago"


def test_beat_is_down_when_its_last_job_was_sent_more_than_a_day_ago(beat_in_use):
    _job(beat_in_use, last_run_at=timezone.now() - datetime.timedelta(hours=30))
    _job(beat_in_use, last_run_at=timezone.now(), name="Switched off", enabled=False)

    assert _beat() == "last job sent 1800 minutes ago"
    assert async_to_sync(BeatPart().get_result)().error is not None


def test_beat_is_down_when_no_scheduled_job_is_enabled(beat_in_use):
    _job(beat_in_use, last_run_at=timezone.now(), enabled=False)

    assert _beat() == "no scheduled job is enabled"


def test_a_new_schedule_counts_from_when_it_was_set_up_until_its_first_job(beat_in_use):
    PeriodicTask.objects.create(name="New", task="reports.tasks.issue_due_reports", crontab=beat_in_use)

    assert _beat() == "last job sent 0 minutes ago"
