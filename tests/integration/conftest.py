"""Shared set-up of the integration tests."""

import pytest

from neglect_portal.celery import app


def _drop_broker_connections():
    # A task run eagerly (``.delay()`` with CELERY_TASK_ALWAYS_EAGER) still opens the app's
    # producer pool, bound to the broker configured then. Dropped here, the pool is made again
    # for the broker a test points the app at, so its tasks and pings reach the test's workers.
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(autouse=True)
def fresh_broker_connections():
    _drop_broker_connections()
    yield
    _drop_broker_connections()
