"""/health/ against a real Redis and a real Celery worker: 200 with every part up, 503 naming what is down."""

import socket

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from neglect_portal.celery import app
from tests.services import celery_worker, free_port

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def service(broker, settings, monkeypatch):
    """The portal as deployed: tasks through Redis, the cache in Redis, beat having sent a job just now."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": broker}}
    assert PeriodicTask.objects.filter(enabled=True).update(last_run_at=timezone.now())
    return broker


def _health(client):
    response = client.get("/health/?format=json")
    return response.status_code, response.json()


def test_health_answers_200_with_the_database_cache_broker_a_worker_beat_and_disk_all_up(client, service, monkeypatch):
    with celery_worker(connection.settings_dict["NAME"], service, "smtp://127.0.0.1:1") as queue:
        monkeypatch.setattr(app.conf, "task_default_queue", queue)
        status, answer = _health(client)

    assert status == 200, answer
    assert answer["parts"] == {
        name: {"status": "ok"} for name in ("database", "cache", "broker", "worker", "beat", "media disk")
    }


def test_health_answers_503_naming_the_worker_when_no_worker_consumes_the_queue(client, service, monkeypatch):
    monkeypatch.setattr(app.conf, "task_default_queue", "a-queue-no-worker-consumes")

    status, answer = _health(client)

    assert status == 503
    assert answer["down"] == ["worker"]


def test_health_answers_503_naming_the_broker_and_the_worker_when_redis_is_down(client, service, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", f"redis://127.0.0.1:{free_port()}/0")

    status, answer = _health(client)

    assert status == 503
    assert answer["down"] == ["broker", "worker"]
    assert answer["parts"]["cache"] == {"status": "ok"}


def test_the_worker_containers_health_check_pings_its_own_worker(service, capsys):
    with celery_worker(connection.settings_dict["NAME"], service, "smtp://127.0.0.1:1") as queue:
        node = f"{queue}@{socket.gethostname()}"
        with pytest.raises(SystemExit) as up:
            call_command("healthcheck", "worker", "--node", node, "--timeout", "5")
    with pytest.raises(SystemExit) as gone:
        call_command("healthcheck", "worker", "--node", node, "--timeout", "1")

    assert (up.value.code, gone.value.code) == (0, 1)
    assert f"worker: {node} did not answer within 1 s" in capsys.readouterr().err
