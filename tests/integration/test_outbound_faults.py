"""Automatic e-mails under faults, with a real Celery worker (and beat), Redis, PostgreSQL and SMTP server.

The database connection dropped while an e-mail is sent, Redis gone while someone
presses Send, a worker killed in the middle of a send: each e-mail still arrives,
once, within the sweeper's interval. The sweeper runs every two seconds here (five
minutes in production); the claim of a dead worker expires after three.
"""

import asyncio
import contextlib
import datetime
import os
import signal
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from neglect_portal.celery import app
from outbound.tasks import send_message
from reports.models import Delivery, QuarterlyReport
from tests import factories as f
from tests.integration.conftest import _drop_broker_connections
from tests.services import WORKERS, RecordingHandler, celery_worker, free_port, smtp_server, unavailable, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SWEEP_EVERY = 2  # seconds
CLAIM_TIMEOUT = 3  # seconds


@contextmanager
def own_redis(port, data_dir):
    """A Redis server of the test's own (never the machine's shared one), stopped and started at will."""
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--dir", str(data_dir)]
    server = {}

    def start():
        try:
            server["process"] = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        except FileNotFoundError:
            unavailable("redis-server is not installed")
        import redis

        assert wait_until(lambda: _answers(redis.Redis(port=port, socket_connect_timeout=0.2)), timeout=10)

    def stop():
        server["process"].terminate()
        server["process"].wait(timeout=10)

    start()
    try:
        yield start, stop
    finally:
        if server["process"].poll() is None:
            stop()


def _answers(client):
    try:
        return client.ping()
    except Exception:
        return False


@pytest.fixture
def queue(monkeypatch):
    """One queue for the test: the tasks this process sends and those its worker sends (the sweeper's)."""
    name = f"test-faults-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = previous


@pytest.fixture
def sweeper(db):
    """Beat's schedule holds only the sweeper, every two seconds."""
    PeriodicTask.objects.update(enabled=False)
    every, _ = IntervalSchedule.objects.get_or_create(every=SWEEP_EVERY, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        name="Hand waiting e-mails to the workers",
        defaults={"task": "outbound.tasks.sweep", "interval": every, "enabled": True, "crontab": None},
    )


def worker(broker, queue, port, beat=True, **env):
    return celery_worker(
        connection.settings_dict["NAME"],
        broker,
        f"smtp://127.0.0.1:{port}",
        queue=queue,
        beat=beat,
        env={"CELERY_TASK_DEFAULT_QUEUE": queue, "OUTBOUND_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT), **env},
    )


def use_broker(url):
    app.conf.broker_url, app.conf.task_always_eager = url, False
    _drop_broker_connections()


@pytest.fixture
def restore_broker():
    previous = app.conf.broker_url, app.conf.task_always_eager
    yield
    app.conf.broker_url, app.conf.task_always_eager = previous


def issued_report(cast, recipients):
    report = QuarterlyReport.objects.create(
        strategy=cast.strategy, period="2026/27 Q2", period_start=datetime.date(2026, 7, 1), status="issued"
    )
    board = f.DistributionListFactory(partnership=cast.partnership)
    for number in range(recipients):
        f.RecipientFactory(distribution_list=board, name=f"Board member {number}", email=f"board{number}@example.org")
    return report


def received(handler):
    return sorted(rcpt for message in handler.messages for rcpt in message.rcpt_tos)


# --- the database connection dropped after the mail server took the e-mail ------------------------


class DroppingTheDatabase(RecordingHandler):
    """A mail server that, while taking the message, has PostgreSQL cut every connection of the test
    database but the test's own: the worker's connection dies between the send and its record."""

    def __init__(self, keep_pid):
        super().__init__()
        self.keep_pid = keep_pid
        self.terminated = 0

    async def handle_DATA(self, server, session, envelope):
        db = settings.DATABASES["default"]
        admin = psycopg2.connect(
            dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
        )
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                [db["NAME"], self.keep_pid],
            )
            self.terminated += cursor.fetchone()[0]
        admin.close()
        return await super().handle_DATA(server, session, envelope)


def test_a_database_connection_dropped_during_a_send_gives_one_e_mail_and_a_sent_row(cast, broker, queue):
    if connection.vendor != "postgresql":
        unavailable("dropping a connection needs PostgreSQL")
    report = issued_report(cast, recipients=0)
    delivery = Delivery.objects.create(report=report, name="Bea Example", email="bea@example.org")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own_pid = cursor.fetchone()[0]
    handler = DroppingTheDatabase(own_pid)
    with smtp_server(handler) as (controller, _), worker(broker, queue, controller.port, beat=False):
        send_message.apply_async(args=["report_delivery", delivery.pk], queue=queue)
        assert wait_until(lambda: Delivery.objects.get(pk=delivery.pk).status == "sent", timeout=30)
        time.sleep(SWEEP_EVERY)  # time for a second e-mail, were one sent

    assert handler.terminated >= 1
    assert received(handler) == ["bea@example.org"]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 1, "")


# --- Redis gone while someone presses Send ------------------------------------------------------------


def test_send_pressed_while_redis_is_down_answers_at_once_and_the_e_mails_go_when_it_returns(
    cast, client_for, queue, sweeper, restore_broker, tmp_path
):
    report = issued_report(cast, recipients=12)
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    with own_redis(port, tmp_path) as (start_redis, stop_redis), smtp_server() as (controller, handler):
        use_broker(url)
        with worker(url, queue, controller.port):
            stop_redis()
            client = client_for(cast.steve)
            assert client.get(reverse("reports:send", args=[report.pk])).status_code == 200  # the page before
            started = time.monotonic()
            response = client.post(reverse("reports:send", args=[report.pk]))
            answered_in = time.monotonic() - started
            assert response.status_code == 302 and answered_in < 1
            assert Delivery.objects.filter(report=report, status="pending").count() == 12
            # The hand-over, off the request, finds no broker and leaves every e-mail to the sweeper.
            assert wait_until(lambda: not Delivery.objects.filter(queued_at__isnull=False).exists(), timeout=20)

            time.sleep(1)
            start_redis()
            returned = time.monotonic()
            assert wait_until(lambda: len(handler.messages) >= 12, timeout=60)
            arrived_in = time.monotonic() - returned
            time.sleep(SWEEP_EVERY)  # time for a duplicate, were there one

    assert received(handler) == sorted(f"board{n}@example.org" for n in range(12))
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}
    # Within the sweeper's interval once the worker and beat have their broker back (they reconnect
    # within a few seconds; in production the interval is five minutes).
    assert arrived_in < SWEEP_EVERY + 15


# --- a worker killed in the middle of a send ----------------------------------------------------------


class HangingFirst(RecordingHandler):
    """A mail server that, on the first message, keeps the sender waiting before accepting its recipient."""

    def __init__(self):
        super().__init__()
        self.waiting = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not self.waiting and not self.messages:
            self.sender_port = session.peer[1]
            self.waiting = True
            await asyncio.sleep(10)
            return "451 4.3.0 The sender went away"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def _sender(worker_pid, port):
    """The worker's process that holds the connection from this local port (not its beat process)."""
    children = Path(f"/proc/{worker_pid}/task/{worker_pid}/children").read_text().split()
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    for pid in children:
        for descriptor in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                if os.readlink(descriptor) in inodes:
                    return int(pid)
    raise AssertionError("No process of the worker holds the connection to the mail server")


def test_a_worker_killed_mid_send_leaves_an_e_mail_the_sweeper_sends_within_seconds(cast, broker, queue, sweeper):
    report = issued_report(cast, recipients=0)
    delivery = Delivery.objects.create(
        report=report, name="Bea Example", email="bea@example.org", queued_at=timezone.now()
    )
    handler = HangingFirst()
    with smtp_server(handler) as (controller, _), worker(broker, queue, controller.port) as running:
        send_message.apply_async(args=["report_delivery", delivery.pk], queue=queue)
        assert wait_until(lambda: handler.waiting, timeout=30)
        assert Delivery.objects.get(pk=delivery.pk).status == "sending"
        # The process doing the send is killed (out of memory, say); its worker starts another.
        os.kill(_sender(WORKERS[running].pid, handler.sender_port), signal.SIGKILL)
        killed = time.monotonic()
        assert wait_until(lambda: len(handler.messages) == 1, timeout=60)
        recovered_in = time.monotonic() - killed
        time.sleep(SWEEP_EVERY)  # time for a duplicate, were there one

    assert received(handler) == ["bea@example.org"]
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    # The claim expires (three seconds here, half an hour in production) and the next sweep sends it.
    assert recovered_in < CLAIM_TIMEOUT + SWEEP_EVERY + 10
