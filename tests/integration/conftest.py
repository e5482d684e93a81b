"""Shared set-up of the integration tests."""

import pytest

from neglect_portal.celery import app
from tests.outbound.conftest import outbound  # noqa: F401  (one row of each kind of automatic e-mail)
from tests.services import require_redis


def _drop_broker_connections():
    # A task run eagerly (``.delay()`` with CELERY_TASK_ALWAYS_EAGER) still sets up the app's
    # producer pool, bound to the broker configured then. Forgotten here (not closed: kombu keeps
    # pools per broker and hands the same one out again), the app asks for the pool of the broker
    # a test points it at, so its tasks and pings reach the test's workers.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(autouse=True)
def fresh_broker_connections():
    _drop_broker_connections()
    yield
    _drop_broker_connections()


@pytest.fixture
def broker(settings):
    """The test Redis as the Celery broker of this process (tasks are sent, not run in-process)."""
    url = settings.CELERY_TEST_BROKER_URL
    require_redis(url)
    previous = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    yield url
    app.conf.broker_url, app.conf.task_always_eager = previous
