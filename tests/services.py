"""Real services for integration tests: Redis, a Celery worker, an SMTP server.

Locally a missing service skips the test with the reason. In CI (``CI`` or
``REQUIRE_SERVICES`` set) it fails instead: no test may be skipped there.
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent


def services_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("REQUIRE_SERVICES"))


def unavailable(reason):
    if services_required():
        pytest.fail(f"Required service missing in CI: {reason}")
    pytest.skip(reason)


def require_redis(url):
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not reachable at {url}: {error}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    """An aiosmtpd handler that keeps every message; may refuse the first ones."""

    def __init__(self, refuse_first=0, refusal="451 4.3.0 Try again later"):
        self.messages = []
        self.refuse_first = refuse_first
        self.refusal = refusal
        self.attempts = 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.attempts <= self.refuse_first:
            return self.refusal
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(handler=None):
    handler = handler or RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


# The process of each running test worker, by its queue (a test may kill one).
WORKERS = {}


@contextmanager
def celery_worker(database_name, broker_url, email_url, concurrency=1, queue=None, beat=False, env=None):
    """Start ``celery worker`` as a separate process on the test database.

    ``beat`` runs beat inside it, on the test database's schedule; ``env`` adds settings.
    """
    from django.conf import settings

    queue = queue or f"test-{uuid.uuid4().hex[:8]}"
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        database_url = f"sqlite:///{database_name}"
    else:
        database_url = (
            f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
            f"{database_name}"
        )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "neglect_portal.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "EMAIL_URL": email_url,
        **(env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "neglect_portal",
        "worker",
        "-Q",
        queue,
        "--concurrency",
        str(concurrency),
        "-l",
        "warning",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"{queue}@%h",
    ]
    if beat:
        command += ["--beat"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    WORKERS[queue] = process
    try:
        _wait_for_worker(broker_url, queue, process)
        yield queue
    finally:
        WORKERS.pop(queue, None)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for_worker(broker_url, queue, process, timeout=60):
    from neglect_portal.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The Celery worker exited with code {process.returncode}")
        with app.connection_for_write(broker_url) as conn:
            replies = app.control.ping(timeout=0.5, connection=conn, destination=[f"{queue}@{socket.gethostname()}"])
        if replies:
            return
    raise RuntimeError("The Celery worker did not start in time")


def wait_until(predicate, timeout=30, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
