"""docker-compose.yml runs web and worker as several replicas, one beat, and checks the health of each."""

from pathlib import Path

import yaml

from tests.services import ROOT


def _services():
    return yaml.safe_load(Path(ROOT / "docker-compose.yml").read_text())["services"]


def test_web_and_worker_can_run_as_several_replicas_and_beat_as_exactly_one():
    services = _services()

    for name in ("web", "worker"):
        assert "container_name" not in services[name] and "ports" not in services[name]
    assert services["beat"]["deploy"] == {"replicas": 1}
    assert services["proxy"]["ports"] == ["8000:8000"]


def test_web_worker_and_beat_check_their_own_health():
    services = _services()

    for name in ("web", "worker", "beat"):
        assert services[name]["healthcheck"]["test"] == ["CMD", "python", "manage.py", "healthcheck", name]


def test_the_containers_share_the_cache_and_the_files():
    environment = _services()["web"]["environment"]

    assert environment["CACHE_URL"] == "redis://redis:6379/1"
    assert environment["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert environment["MEDIA_ROOT"] == "/data/media"
