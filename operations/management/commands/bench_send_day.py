"""Measure a national send day: ``manage.py bench_send_day`` (``make bench``), with 1 and then 2 workers.

Every partnership built by ``manage.py build_scale_data --send-day N`` has its last quarter signed off
and a board list of 30. For each number of workers the command takes their last quarter's reports back
to nothing (reports, e-mails and PDFs of that quarter removed, the quarter unlocked), starts that many
Celery workers (one process each) on a queue of its own, asks for every report as the daily job does
(``reports.tasks.produce_report``: issue, render the PDF, e-mail it to the board) and times until every
e-mail is sent. The e-mails go to an SMTP server in this process (aiosmtpd, which counts them), or to
each worker's memory when aiosmtpd is not installed.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from neglect_portal import fragments
from neglect_portal.celery import app
from neglect_portal.periods import Period
from priorities.models import Quarter, Strategy
from reports.models import Delivery, QuarterlyReport
from reports.tasks import produce_report

from .bench import _database_url

SEND_DAY_PREFIX = "send-day-"  # demo.scale.SEND_DAY_PREFIX (the layers keep operations from importing demo)


class Command(BaseCommand):
    help = "Time the send day of the send-day partnerships (build_scale_data --send-day N) with 1, then 2 workers."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Numbers of workers (default 1 2).")
        parser.add_argument(
            "--broker",
            default=os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0",
            help="The Redis the workers use (default CELERY_BROKER_URL, else redis://127.0.0.1:6379/0).",
        )
        parser.add_argument(
            "--timeout", type=float, default=3600, help="Seconds to wait for a send day (default 3600)."
        )
        parser.add_argument(
            "--partnerships",
            type=int,
            default=None,
            help="Time the send day of the first N send-day partnerships only (default: all of them).",
        )

    def handle(self, *args, workers, broker, timeout, partnerships, **options):
        if partnerships is not None and partnerships < 1:
            raise CommandError("--partnerships is a number of partnerships, 1 or more.")
        if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            raise CommandError("The benchmark measures PostgreSQL: set DATABASE_URL.")
        strategies = list(
            Strategy.objects.filter(
                partnership__slug__startswith=SEND_DAY_PREFIX, status=Strategy.Status.ACTIVE
            ).order_by("partnership__slug")[:partnerships]
        )
        if not strategies:
            raise CommandError("No send-day partnership: run manage.py build_scale_data --send-day 150 first.")
        period = Period.quarter_of(timezone.localdate()).previous()
        times = []
        for count in workers:
            self._reset(strategies, period)
            seconds, sent, failed = self._send_day(strategies, period, count, broker, timeout)
            times.append((count, seconds, sent, failed))
            self.stdout.write(
                f"Send day with {count} worker{'s' if count > 1 else ''}: {seconds:.1f} s for {len(strategies)} "
                f"reports and {sent:,} e-mails ({failed} failed)"
            )
        self.stdout.write(
            f"\nSend day of {len(strategies)} partnerships for {period} (each report issued, rendered as a PDF and "
            "e-mailed to its board of 30 by Celery workers of one process each): "
            + ", ".join(f"{count} worker{'s' if count > 1 else ''} {seconds:.0f} s" for count, seconds, _, _ in times)
        )

    def _reset(self, strategies, period):
        """The quarter as it was before its send day: no report, no e-mail, no PDF, not locked."""
        reports = QuarterlyReport.objects.filter(strategy__in=strategies, period=period.label)
        for name in reports.exclude(pdf="").values_list("pdf", flat=True):
            default_storage.delete(name)
        reports.delete()
        Quarter.objects.filter(strategy__in=strategies, period=period.label).update(locked_at=None)
        for strategy in strategies:  # update() sends no post_save
            fragments.partnership_changed(strategy.partnership_id)

    def _send_day(self, strategies, period, count, broker, timeout):
        queue = f"send-day-{uuid.uuid4().hex[:8]}"
        expected = sum(
            strategy.partnership.distribution_lists.get(kind="board").recipients.filter(is_active=True).count()
            for strategy in strategies
        )
        previous = app.conf.broker_url, app.conf.task_always_eager
        app.conf.broker_url, app.conf.task_always_eager = broker, False
        _forget_broker_connections()
        try:
            with ExitStack() as stack:
                email_url, counted = stack.enter_context(_smtp_server())
                for n in range(count):
                    stack.enter_context(_worker(f"{queue}-{n + 1}", queue, broker, email_url))
                started = time.monotonic()
                for strategy in strategies:
                    produce_report.apply_async((strategy.pk, period.label), queue=queue)
                sent, failed = self._wait(strategies, period, expected, started + timeout)
                seconds = time.monotonic() - started
        finally:
            app.conf.broker_url, app.conf.task_always_eager = previous
            _forget_broker_connections()
        if counted is not None and counted() < sent:
            raise CommandError(f"The SMTP server received {counted()} e-mails of {sent} recorded as sent.")
        return seconds, sent, failed

    def _wait(self, strategies, period, expected, deadline):
        deliveries = Delivery.objects.filter(report__strategy__in=strategies, report__period=period.label)
        while True:
            sent = deliveries.filter(status=Delivery.Status.SENT).count()
            failed = deliveries.filter(status=Delivery.Status.FAILED).count()
            if sent + failed >= expected:
                return sent, failed
            if time.monotonic() > deadline:
                raise CommandError(f"The send day did not finish in time: {sent} of {expected} e-mails sent.")
            time.sleep(0.5)


def _forget_broker_connections():
    # The app keeps a pool of connections to the broker it was first given; forgotten, the next task
    # is sent to the broker now configured (as tests/integration/conftest.py does).
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def _smtp_server():
    """An SMTP server that counts what it is sent, as (EMAIL_URL, a function giving the count)."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError:  # not installed (it is a development package): each worker keeps its e-mails
        yield "memorymail://", None
        return

    class Counting:
        received = 0

        async def handle_DATA(self, server, session, envelope):
            Counting.received += 1
            return "250 Message accepted for delivery"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line for every connection
    controller = Controller(Counting(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}", lambda: Counting.received
    finally:
        controller.stop()


@contextmanager
def _worker(name, queue, broker, email_url):
    """One Celery worker of one process on ``queue``, with this database and the given e-mail server."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "neglect_portal.settings",
        "DATABASE_URL": _database_url(settings.DATABASES["default"]),
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": queue,  # the e-mails and PDFs the reports ask for come back to these workers
        "EMAIL_URL": email_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),  # where this process removes the last run's PDFs
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "celery", "-A", "neglect_portal", "worker", "-Q", queue, "--concurrency", "1"]
    command += ["-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{name}@%h"]
    # Its banner is left out; its warnings and errors still show.
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        _wait_for(name, broker, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for(name, broker, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError(f"The Celery worker {name} exited with code {process.returncode}.")
        with app.connection_for_write(broker) as connection:
            if app.control.ping(timeout=0.5, connection=connection, destination=[f"{name}@{socket.gethostname()}"]):
                return
    raise CommandError(f"The Celery worker {name} did not start within {timeout} s.")
