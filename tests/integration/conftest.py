import pytest

from neglect_portal.celery import app


@pytest.fixture(autouse=True)
def fresh_celery_connections():
    """Let each integration test's broker be the one Celery connects to.

    Celery keeps the connection pools it made on first use, and a task queued
    eagerly by an earlier test (``delay`` with no broker) makes them for no
    broker at all: the worker's ping and the task messages would go there.
    """
    _forget_connections()
    yield
    _forget_connections()


def _forget_connections():
    app._pool = None
    app.amqp._producer_pool = None
