"""Shared set-up of the integration tests."""

import pytest

from neglect_portal.celery import app


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
