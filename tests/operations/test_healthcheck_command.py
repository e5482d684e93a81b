"""`manage.py healthcheck web|worker|beat`, the health check of each container."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from neglect_portal.celery import app as celery_app
from tests.services import free_port

pytestmark = pytest.mark.django_db


def _healthcheck(*arguments, capsys):
    with pytest.raises(SystemExit) as exit_status:
        call_command("healthcheck", *arguments)
    output = capsys.readouterr()
    return exit_status.value.code, (output.out + output.err).strip()


def test_beat_is_healthy_while_its_jobs_are_sent_and_unhealthy_when_they_stop(capsys, monkeypatch):
    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)
    PeriodicTask.objects.update(last_run_at=timezone.now() - datetime.timedelta(hours=2))
    assert _healthcheck("beat", capsys=capsys) == (0, "beat: last job sent 120 minutes ago")

    PeriodicTask.objects.update(last_run_at=timezone.now() - datetime.timedelta(days=2))
    assert _healthcheck("beat", capsys=capsys) == (1, "beat: last job sent 2880 minutes ago")


def test_web_is_unhealthy_when_nothing_answers_on_its_port(capsys):
    port = free_port()
    code, report = _healthcheck("web", "--port", str(port), "--timeout", "2", capsys=capsys)

    assert code == 1 and report.startswith(f"web: no answer on port {port}")
