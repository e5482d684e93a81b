"""Measure the main pages and API lists under gunicorn: ``manage.py bench`` (``make bench``).

Signs in as the steering-group member of the partnership with the most actions (build it with
``manage.py build_scale_data --scale N``), starts gunicorn with the production settings plus a timer
(``neglect_portal.settings.bench``) and prints, for each page: its queries, its size, the median and
95th percentile of the server time over ``--requests`` requests, and its requests a second with as many
clients as workers, next to a bare Django view measured in turns with it in the same run.
"""

from __future__ import annotations

import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Partnership, Role
from actions.models import Action
from audits.models import Audit
from neglect_portal.periods import Period
from outcomes.models import Indicator
from priorities.models import Priority, Strategy
from reports.models import QuarterlyReport
from reports.pdf import forget_rendered, report_pdf
from reports.selectors import report_data

BARE = "/bench/bare/"
SESSION_COOKIE = "__Host-sessionid"  # the production settings' name


@dataclass
class Result:
    name: str
    path: str
    status: int
    queries: int
    kilobytes: float
    sent_kilobytes: float
    median_ms: float
    p95_ms: float
    per_second: float
    bare_per_second: float

    @property
    def ratio(self) -> str:
        return f"1/{self.bare_per_second / self.per_second:.1f}" if self.per_second else "-"


class Command(BaseCommand):
    help = "Measure the main pages and API lists under gunicorn against a bare Django view."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="Timed requests of each page (default 30).")
        parser.add_argument("--seconds", type=float, default=3, help="Seconds of load for each page's req/s.")
        parser.add_argument("--workers", type=int, default=2, help="Gunicorn's sync workers (default 2).")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--partnership", help="A partnership's slug (default: the one with the most actions).")
        parser.add_argument(
            "--page",
            action="append",
            dest="only",
            metavar="NAME",
            help='Measure only this page, by its name in the table ("Search", "API actions"); may be repeated.',
        )
        parser.add_argument("--no-pdf", action="store_true", help="Do not render the report PDF.")

    def handle(self, *args, **options):
        partnership = self._partnership(options["partnership"])
        membership = (
            Membership.objects.filter(partnership=partnership, role=Role.STEERING, is_active=True)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is None:
            raise CommandError(f"{partnership.name} has no steering-group member to sign in as.")
        pages = self._pages(partnership)
        if options["only"]:
            wanted = {name.casefold() for name in options["only"]}
            pages = [(name, path) for name, path in pages if name.casefold() in wanted]
            if not pages:
                raise CommandError("No page of that name: the names are those of the table's first column.")
        secret_key = secrets.token_urlsafe(64)  # the server's, so that it reads the session made here
        with override_settings(SECRET_KEY=secret_key):
            cookie = self._session(membership.user)
        server = self._start(options["port"], options["workers"], secret_key)
        base = f"http://127.0.0.1:{options['port']}"
        try:
            results = [
                self._measure(base, name, path, cookie, options["requests"], options["seconds"], options["workers"])
                for name, path in pages
            ]
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        self._print(partnership, options, results)
        if not options["no_pdf"]:
            self._print_pdf(partnership)
        failed = [r for r in results if r.status != 200]
        if failed:
            raise CommandError("Answered other than 200: " + ", ".join(f"{r.path} ({r.status})" for r in failed))

    # --- what is measured -----------------------------------------------------
    def _partnership(self, slug):
        if slug:
            found = Partnership.objects.filter(slug=slug).first()
        else:
            found = (
                Partnership.objects.annotate(n=Count("strategies__priorities__actions")).order_by("-n", "pk").first()
            )
        if found is None:
            raise CommandError("No partnership to measure: run manage.py build_scale_data --scale 1 first.")
        return found

    def _pages(self, partnership):
        actions = Action.objects.for_partnership(partnership).current()
        priority = (
            Priority.objects.filter(strategy__partnership=partnership, strategy__status="active")
            .annotate(n=Count("actions"))
            .order_by("-n", "number")
            .first()
        )
        action = actions.annotate(n=Count("updates")).order_by("-n", "pk").first()
        indicator = Indicator.objects.current().filter(partnership=partnership).order_by("code").first()
        audit = Audit.objects.filter(partnership=partnership).order_by("pk").first()
        report = QuarterlyReport.objects.filter(strategy__partnership=partnership).order_by("-period_start").first()
        pages = [
            ("Dashboard", reverse("accounts:home")),
            ("Priority", priority and reverse("priorities:detail", args=[priority.pk])),
            ("Action plan", reverse("actions:list")),
            ("My actions", reverse("actions:mine")),
            ("Action", action and reverse("actions:detail", args=[action.pk])),
            ("Scorecard", reverse("outcomes:scorecard")),
            ("Indicators", reverse("outcomes:indicators")),
            ("Indicator", indicator and reverse("outcomes:indicator", args=[indicator.pk])),
            ("Audits", reverse("audits:list")),
            ("Audit", audit and reverse("audits:detail", args=[audit.pk])),
            ("Recommendation tracker", reverse("audits:tracker")),
            ("Reports archive", reverse("reports:archive")),
            ("Report", report and reverse("reports:detail", args=[report.pk])),
            ("Search", reverse("search:index") + "?q=neglect+training"),
        ]
        pages += [
            (f"API {name}", f"/api/v1/{name}/")
            for name in ("actions", "progress-updates", "indicators", "measurements", "scorecard", "recommendations")
        ]
        return [(name, path) for name, path in pages if path]

    def _session(self, user) -> str:
        """A signed-in session (both factors) in the database, as the browser of ``user`` would hold it."""
        client = Client()
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="Benchmark", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return session.session_key

    # --- gunicorn ---------------------------------------------------------------
    def _start(self, port, workers, secret_key):
        database = settings.DATABASES["default"]
        if not database["ENGINE"].endswith("postgresql"):
            raise CommandError("The benchmark measures PostgreSQL: set DATABASE_URL.")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "neglect_portal.settings.bench",
            "DATABASE_URL": _database_url(database),
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_FORMAT": "text",
            "LOG_LEVEL": "WARNING",
            "PORT": str(port),
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_MAX_REQUESTS": "0",
            # One person asks for every page hundreds of times a minute: the API's per-person limit
            # (600 a minute) would answer 429 and the measure would be of the refusal, not the list.
            "API_THROTTLE_USER_RATE": "1000000/minute",
        }
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"]
        server = subprocess.Popen(  # noqa: S603
            [*gunicorn, "--bind", f"127.0.0.1:{port}", "neglect_portal.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("gunicorn did not start: see its messages above.")
            try:
                _get(f"http://127.0.0.1:{port}{BARE}", None)
                return server
            except OSError:
                time.sleep(0.5)
        server.kill()
        raise CommandError("gunicorn did not answer within two minutes.")

    # --- measuring ----------------------------------------------------------------
    def _measure(self, base, name, path, cookie, requests, seconds, clients) -> Result:
        for _ in range(3):  # warm: templates compiled, connections open, caches filled
            _get(base + path, cookie)
            _get(base + BARE, None)
        times, queries, size = [], 0, 0
        status, _, _ = _get(base + path, cookie, follow=False)  # a page that redirects is not measured
        for _ in range(requests):
            _, headers, size = _get(base + path, cookie)
            times.append(float(headers.get("X-Bench-Ms", 0)))
            queries = int(headers.get("X-Bench-Queries", 0))
            _get(base + BARE, None)  # in turns, so both see the same machine
        _, _, sent = _get(base + path, cookie, gzip=True)  # what travels to a browser, which asks for gzip
        page_rates, bare_rates = [], []
        for _ in range(2):
            page_rates.append(_throughput(base + path, cookie, seconds / 2, clients))
            bare_rates.append(_throughput(base + BARE, None, seconds / 2, clients))
        times.sort()
        return Result(
            name=name,
            path=path,
            status=status,
            queries=queries,
            kilobytes=size / 1024,
            sent_kilobytes=sent / 1024,
            median_ms=statistics.median(times),
            p95_ms=times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            per_second=statistics.mean(page_rates),
            bare_per_second=statistics.mean(bare_rates),
        )

    def _print(self, partnership, options, results):
        out = self.stdout.write
        actions = Action.objects.for_partnership(partnership).current().count()
        out(
            f"\n{partnership.name}: {actions:,} actions. gunicorn {options['workers']} sync workers, "
            f"{options['requests']} timed requests a page, req/s with {options['workers']} clients; "
            f"{_cpu()}, Python {platform.python_version()}\n"
        )
        out("| page | queries | KB | KB sent | median ms | p95 ms | req/s | bare req/s | of bare |")
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in results:
            out(
                f"| {r.name} | {r.queries} | {r.kilobytes:.0f} | {r.sent_kilobytes:.0f} | "
                f"{r.median_ms:.1f} | {r.p95_ms:.1f} | {r.per_second:.0f} | {r.bare_per_second:.0f} | {r.ratio} |"
            )

    def _print_pdf(self, partnership):
        """How long a worker takes to build and render the last closed quarter's report PDF of the partnership."""
        strategy = Strategy.objects.filter(partnership=partnership, status="active").first()
        if strategy is None:
            return
        period = Period.quarter_of(timezone.localdate()).previous()
        forget_rendered()  # rendered afresh, as a worker does for a report it has not seen
        started = time.perf_counter()
        data = report_data(strategy, period, timezone.localdate())
        built = time.perf_counter()
        pdf = report_pdf(data)
        done = time.perf_counter()
        self.stdout.write(
            f"\nReport PDF for {period} (rendered by a worker, never in a request): "
            f"{done - started:.1f} s ({built - started:.1f} s reading the data, {done - built:.1f} s rendering), "
            f"{len(pdf) / 1024:,.0f} KB"
        )


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    except OSError:
        model = platform.processor()
    return f"{os.cpu_count()} CPUs {model}".strip()


def _database_url(database) -> str:
    user = database.get("USER") or ""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    host = database.get("HOST") or "127.0.0.1"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{database['NAME']}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url, cookie, follow=True, gzip=False):
    """Status, headers and the number of bytes of the body as sent (compressed when ``gzip``)."""
    headers = {"X-Forwarded-Proto": "https", "Accept": "text/html,application/json"}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
    if cookie:
        headers["Cookie"] = f"{SESSION_COOKIE}={cookie}"
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=120) as response:
            return response.status, response.headers, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, len(error.read())


def _throughput(url, cookie, seconds, clients) -> float:
    """Requests a second answered while ``clients`` threads ask for ``url`` as fast as they can."""
    done = []
    stop = time.monotonic() + seconds

    def ask():
        count = 0
        while time.monotonic() < stop:
            _get(url, cookie)
            count += 1
        done.append(count)

    started = time.monotonic()
    threads = [threading.Thread(target=ask) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)
