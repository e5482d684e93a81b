"""The health check of one container: ``manage.py healthcheck web|worker|beat``; exit 0 when healthy.

- ``web`` asks this container's gunicorn for ``/health/web/`` (what a web process needs), so a
  web container is not marked unhealthy because a worker elsewhere is down;
- ``worker`` pings the Celery worker of this container by its node name;
- ``beat`` reads beat's last run from the database, as ``/health/`` does.
"""

import os
import socket
import sys
import urllib.error
import urllib.request

from asgiref.sync import async_to_sync
from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from neglect_portal.celery import app as celery_app
from operations.health import BeatPart


class Command(BaseCommand):
    help = "Check the health of this container's web server, Celery worker or beat; exit 1 if unhealthy."

    def add_arguments(self, parser):
        parser.add_argument("role", choices=["web", "worker", "beat"])
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--timeout", type=float, default=10)
        parser.add_argument("--node", default=f"celery@{socket.gethostname()}", help="The worker's node name")

    def handle(self, *args, role, **options):
        healthy, report = getattr(self, f"_{role}")(**options)
        (self.stdout if healthy else self.stderr).write(report)
        sys.exit(0 if healthy else 1)

    def _web(self, *, port, timeout, **options):
        hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"]
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{reverse('operations:health-web')}",
            # As the proxy would send it: a host the portal answers to, over HTTPS, so no redirect.
            headers={"Host": hosts[0] if hosts else "localhost", "X-Forwarded-Proto": "https", "Accept": "text/plain"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (a fixed local address)
                return True, response.read().decode()
        except urllib.error.HTTPError as error:
            return False, error.read().decode() or f"web: HTTP {error.code}"
        except OSError as error:
            return False, f"web: no answer on port {port} ({error})"

    def _worker(self, *, node, timeout, **options):
        replies = celery_app.control.ping(destination=[node], timeout=timeout)
        if replies:
            return True, f"worker: {node} answered"
        return False, f"worker: {node} did not answer within {timeout:g} s"

    def _beat(self, **options):
        result = async_to_sync(BeatPart().get_result)()
        if result.error:
            return False, f"beat: {result.error.message}"
        return True, f"beat: {result.check.detail}"
