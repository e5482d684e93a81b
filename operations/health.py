"""The parts of the service that ``/health/`` checks, each named, up or down.

django-health-check does the probing (its database, cache, Redis and Celery ping checks, run
concurrently with a time limit each). This module gives every part a plain name, adds beat's
last run and the free disk for media, and turns every failure into a message of our own: the
library's messages can carry host names and driver errors, which must never reach an answer
that anyone may read. The full story of a failure goes to the log.
"""

import datetime
import logging
import shutil
from pathlib import Path

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from health_check import Cache, Database, HealthCheck
from health_check.contrib.celery import Ping
from health_check.contrib.redis import Redis
from health_check.exceptions import HealthCheckException, ServiceUnavailable
from redis.asyncio import Redis as RedisClient

from neglect_portal.celery import app as celery_app

logger = logging.getLogger(__name__)

IN_PROCESS = "tasks run in the web process"


class PartDown(ServiceUnavailable):
    """A failure described in our own words, safe to show in the detailed answer."""


class Part(HealthCheck):
    """One named part of the service.

    ``probe`` raises when the part is down. ``used`` is False where this installation does
    without the part (tasks run in the web process; files kept in object storage), which
    passes. ``detail`` says how the part is, for the detailed answer only.
    """

    name = "part"
    failure = "unavailable"
    used = True
    detail = ""

    def __repr__(self):
        return self.name

    async def run(self):
        try:
            await self.probe()
        except PartDown:
            raise
        except HealthCheckException as error:
            logger.warning("Health check: %s is down (%s)", self.name, error)
            raise PartDown(self.failure) from error
        except Exception as error:
            logger.warning("Health check: %s is down", self.name, exc_info=True)
            raise PartDown(self.failure) from error

    async def probe(self):
        raise NotImplementedError

    def not_used(self, why: str):
        self.used = False
        self.detail = why


def _tasks_run_in_process() -> bool:
    return bool(celery_app.conf.task_always_eager)


class DatabasePart(Part):
    name = "database"
    failure = "no answer to a query"

    async def probe(self):
        await sync_to_async(Database().run, thread_sensitive=False)()
        self.detail = "answers queries"


class CachePart(Part):
    name = "cache"
    failure = "a value written could not be read back"

    async def probe(self):
        await Cache().run()
        self.detail = "a value written was read back"


class BrokerPart(Part):
    """The message broker (Redis) that carries tasks from the web to the workers."""

    name = "broker"
    failure = "no answer to a ping"

    async def probe(self):
        if _tasks_run_in_process():
            return self.not_used(IN_PROCESS)
        url = celery_app.conf.broker_url
        await Redis(client_factory=lambda: RedisClient.from_url(url, socket_connect_timeout=3, socket_timeout=3)).run()
        self.detail = "answers"


class WorkerPart(Part):
    """A Celery worker answers a ping and consumes the queue tasks are sent to."""

    name = "worker"
    failure = "no worker answered on the task queue"

    async def probe(self):
        if _tasks_run_in_process():
            return self.not_used(IN_PROCESS)
        timeout = datetime.timedelta(seconds=settings.HEALTH_CHECK_WORKER_TIMEOUT)
        # limit=1: the answer comes as soon as one worker replies; only a missing worker waits the timeout.
        ping = Ping(app=celery_app, timeout=timeout, limit=1)
        await sync_to_async(ping.run, thread_sensitive=False)()
        self.detail = f"a worker consumes the queue {celery_app.conf.task_default_queue!r}"


class BeatPart(Part):
    """Celery beat sent a scheduled job recently enough (django-celery-beat's own records)."""

    name = "beat"
    failure = "no scheduled job was sent recently"

    async def probe(self):
        if _tasks_run_in_process():
            return self.not_used(IN_PROCESS)
        last = await sync_to_async(beat_last_run)()
        if last is None:
            raise PartDown("no scheduled job is enabled")
        age = timezone.now() - last
        if age > datetime.timedelta(seconds=settings.HEALTH_CHECK_BEAT_MAX_AGE):
            raise PartDown(f"last job sent {_minutes(age)} minutes ago")
        self.detail = f"last job sent {_minutes(age)} minutes ago"


def _minutes(age: datetime.timedelta) -> int:
    return int(age.total_seconds() // 60)


def beat_last_run():
    """When beat last sent an enabled job; a job never sent counts from when it was set up.

    django-celery-beat records ``last_run_at`` as it sends a job. A job that has never run yet
    (a new installation) counts from its creation, as beat itself reckons it, so a fresh service
    is healthy until its first job is a day overdue.
    """
    enabled = PeriodicTask.objects.filter(enabled=True)
    return enabled.aggregate(last=Max(Coalesce("last_run_at", "date_changed")))["last"]


class MediaDiskPart(Part):
    """Free space where report PDFs are stored, when they are stored on this machine's disk."""

    name = "media disk"

    async def probe(self):
        storage = storages["default"]
        if not isinstance(storage, FileSystemStorage):
            return self.not_used("files are kept in object storage")
        free_mb = shutil.disk_usage(_existing(Path(storage.location))).free // (1024 * 1024)
        needed_mb = settings.HEALTH_CHECK_MEDIA_MIN_FREE_MB
        if free_mb < needed_mb:
            raise PartDown(f"{free_mb} MB free, less than {needed_mb} MB")
        self.detail = f"{free_mb} MB free"


def _existing(path: Path) -> Path:
    """The media folder, or the nearest folder above it that exists (before the first file is stored)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


# Everything the service needs, for monitoring; and what one web process needs to serve pages,
# for a load balancer deciding where to send requests.
SERVICE_PARTS = (DatabasePart, CachePart, BrokerPart, WorkerPart, BeatPart, MediaDiskPart)
WEB_PARTS = (DatabasePart, CachePart, MediaDiskPart)
