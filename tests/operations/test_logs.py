"""Logs: JSON lines in production, readable lines locally, each with the request id; ADMINS e-mailed on errors."""

import json
import logging.config
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.utils.log import configure_logging

from operations.logs import logging_config
from tests.services import ROOT


@pytest.fixture
def logs(capsys):
    """Log with ``logging_config(log_format=...)`` into the captured standard error, then as before."""

    def configure(log_format):
        logging.config.dictConfig(logging_config(log_format=log_format, level="INFO"))
        capsys.readouterr()
        return lambda: capsys.readouterr().err.splitlines()

    yield configure
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)


@pytest.fixture
def failing_page(settings):
    settings.ROOT_URLCONF = "tests.operations.failing_urls"
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_production_logs_are_json_lines_carrying_the_request_id_sent_back_to_the_browser(logs, failing_page):
    read = logs("json")

    response = failing_page.get("/failing/")

    lines = [json.loads(line) for line in read()]
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    delivery = next(line for line in lines if line["logger"] == "reports.delivery")
    assert delivery["level"] == "ERROR" and delivery["message"] == "Could not deliver to bea.board@example.org"
    assert delivery["request_id"] == request_id and "time" in delivery
    crash = next(line for line in lines if line["logger"] == "django.request")
    assert crash["request_id"] == request_id and "RuntimeError" in crash["exc_info"]


@pytest.mark.django_db
def test_a_request_id_given_by_the_proxy_is_kept_and_local_logs_read_as_text(logs, failing_page):
    read = logs("text")

    response = failing_page.get("/failing/", HTTP_X_REQUEST_ID="proxy-7f3a")

    assert response["X-Request-ID"] == "proxy-7f3a"
    assert any(
        line.endswith("ERROR [proxy-7f3a] reports.delivery: Could not deliver to bea.board@example.org")
        for line in read()
    )


@pytest.mark.django_db
def test_admins_are_e_mailed_the_details_of_a_server_error(settings, failing_page):
    settings.ADMINS = [("Operations", "ops@example.org")]

    failing_page.get("/failing/")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@example.org"]
    assert "/failing/" in mail.outbox[0].subject and "RuntimeError" in mail.outbox[0].body


def test_production_reads_admins_from_the_environment_and_logs_json():
    script = (
        "import django, logging; django.setup(); from django.conf import settings; "
        "print(settings.ADMINS); logging.getLogger('reports').warning('Sent %s', 3)"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "neglect_portal.settings.production",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "sqlite:///var/unused.sqlite3",
        "ALLOWED_HOSTS": "portal.example.org",
        "ADMINS": "Operations Team <ops@example.org>,dev@example.org",
    }
    environment.pop("LOG_FORMAT", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )

    assert result.stdout.strip() == "[('Operations Team', 'ops@example.org'), ('', 'dev@example.org')]"
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line | {"time": "-"} == {
        "time": "-",
        "level": "WARNING",
        "logger": "reports",
        "message": "Sent 3",
        "request_id": "none",
    }
