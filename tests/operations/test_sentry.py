"""Errors go to Sentry when SENTRY_DSN is set, with no personal data in them; nothing is sent when it is unset."""

import json
import os
import subprocess
import sys

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.test import RequestFactory
from sentry_sdk.transport import Transport

from operations.sentry import sentry_init
from tests.services import ROOT

SECRETS = ("bea.board@example.org", "s3cret-session-key", "Token abc123", "hunter2-password", "csrftoken-value")


class RecordingTransport(Transport):
    """Keeps every envelope in memory instead of sending it."""

    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)

    def events(self):
        return [item.payload.json for envelope in self.envelopes for item in envelope.items if item.type == "event"]


@pytest.fixture
def sentry():
    transport = RecordingTransport()
    sentry_init(dsn="https://public@sentry.example.org/1", environment="test", release="2027.1", transport=transport)
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: an inactive client, as before the test


def _post_through_wsgi(path, data, **headers):
    """A request through the WSGI application, as gunicorn hands it over (the test client skips that layer)."""
    environ = RequestFactory().post(path, data, **headers).environ
    statuses = []
    # As the test client does: the test's database connection stays open (the session is read from it).
    request_started.disconnect(close_old_connections)
    try:
        WSGIHandler()(environ, lambda status, response_headers, *args: statuses.append(status))
    finally:
        request_started.connect(close_old_connections)
    return statuses[0]


@pytest.mark.django_db
def test_a_server_error_reaches_sentry_without_addresses_cookies_credentials_or_the_request_body(sentry, settings):
    settings.ROOT_URLCONF = "tests.operations.failing_urls"

    status = _post_through_wsgi(
        "/failing/?next=bea.board@example.org",
        {"email": "bea.board@example.org", "password": "hunter2-password"},
        HTTP_AUTHORIZATION="Token abc123",
        HTTP_COOKIE="sessionid=s3cret-session-key; csrftoken=csrftoken-value",
    )
    sentry_sdk.flush()

    assert status.startswith("500")
    events = sentry.events()
    assert {event["level"] for event in events} == {"error"}
    crash = next(event for event in events if "exception" in event)
    assert crash["exception"]["values"][-1]["value"] == "Sending to [email] failed"
    assert crash["environment"] == "test" and crash["release"] == "2027.1"
    assert crash["request"]["method"] == "POST" and crash["request"]["url"].endswith("/failing/")
    assert crash["request"]["headers"]["Authorization"] == "[Filtered]"
    assert "cookies" not in crash["request"] and "data" not in crash["request"]
    assert any(event.get("logentry", {}).get("formatted") == "Could not deliver to [email]" for event in events)
    sent = json.dumps(events)
    for secret in SECRETS:
        assert secret not in sent


def _sentry_in_production(**environment):
    script = (
        "import django, sentry_sdk; django.setup(); client = sentry_sdk.get_client(); "
        "print(client.is_active(), client.should_send_default_pii(), client.options['environment'])"
    )
    variables = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "neglect_portal.settings.production",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "sqlite:///var/unused.sqlite3",
        "ALLOWED_HOSTS": "portal.example.org",
        **environment,
    }
    variables.pop("SENTRY_DSN", None) if "SENTRY_DSN" not in environment else None
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=variables, capture_output=True, text=True, timeout=120
    )
    return result.stdout.strip()


def test_production_sends_nothing_without_sentry_dsn_and_reports_without_personal_data_with_it():
    assert _sentry_in_production() == "False False None"
    dsn = "https://public@sentry.example.org/1"
    assert _sentry_in_production(SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="staging") == "True False staging"
