"""The web container's gunicorn: settings from the environment, JSON access lines without query strings, health."""

import json
import os
import runpy
import subprocess
import sys
import urllib.request

from tests.services import ROOT, free_port, wait_until


def test_gunicorn_reads_workers_and_timeouts_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    monkeypatch.setenv("GUNICORN_GRACEFUL_TIMEOUT", "20")

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    assert (config["workers"], config["timeout"], config["graceful_timeout"]) == (5, 90, 20)
    assert config["bind"] == "0.0.0.0:8000"


def test_the_access_log_is_a_json_line_with_the_request_id_and_without_the_query_string(tmp_path):
    port = free_port()
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "neglect_portal.settings", "LOG_FORMAT": "json"}
    environment.pop("CELERY_BROKER_URL", None)
    log = tmp_path / "access.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "gunicorn.conf.py",
        "--workers",
        "1",
        "--bind",
        f"127.0.0.1:{port}",
    ]
    with log.open("w") as output:
        server = subprocess.Popen(
            [*command, "neglect_portal.wsgi:application"], cwd=ROOT, env=environment, stdout=output
        )
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/health/web/?token=s3cret-token", headers={"X-Request-ID": "probe-42"}
            )
            assert wait_until(lambda: _answers(request), timeout=60)
            assert wait_until(lambda: "probe-42" in log.read_text(), timeout=10)
            healthcheck = subprocess.run(
                [sys.executable, "manage.py", "healthcheck", "web", "--port", str(port)],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)

    line = json.loads(next(line for line in log.read_text().splitlines() if "probe-42" in line))
    assert line["logger"] == "gunicorn.access" and line["level"] == "INFO"
    assert '"GET /health/web/ HTTP/1.1" 200' in line["message"]
    assert "request_id=probe-42" in line["message"]
    assert "s3cret-token" not in log.read_text()
    # The web container's health check asks the same gunicorn.
    assert healthcheck.returncode == 0, healthcheck.stderr
    assert healthcheck.stdout.splitlines() == ["OK", "database: ok", "cache: ok", "media disk: ok"]


def _answers(request) -> bool:
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False
