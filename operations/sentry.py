"""Error reports to Sentry, with no personal data in them.

Switched on by ``SENTRY_DSN`` in the production settings; without it nothing is sent. The
portal holds names and e-mail addresses of people working with children at risk, so every
event is scrubbed before it leaves: no cookies, authorisation headers or request bodies, no
local variables, no user beyond an id, and any e-mail address anywhere in it replaced.
"""

import re

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_REPLACEMENT = "[email]"
FILTERED = "[Filtered]"
# Headers that carry credentials; matched in lower case.
SECRET_HEADERS = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-csrftoken", "x-api-key"}


def sentry_init(*, dsn, environment, release="", sample_rate=1.0, traces_sample_rate=0.0, transport=None):
    """Start reporting errors of web requests and Celery tasks to ``dsn``."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        sample_rate=sample_rate,
        traces_sample_rate=traces_sample_rate,
        # What send_default_pii=False meant, as this SDK now spells it, and stricter: no user
        # identity, cookies, request bodies, SQL parameters or local variables are ever collected.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_bodies": [],
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        before_breadcrumb=scrub_breadcrumb,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        transport=transport,
    )


def scrub_event(event, hint):
    """Remove what could identify a person or sign someone in, wherever it is in the event."""
    request = event.get("request")
    if request:
        for key in ("cookies", "data", "env"):
            request.pop(key, None)
        request["headers"] = {
            name: FILTERED if name.lower() in SECRET_HEADERS else value
            for name, value in (request.get("headers") or {}).items()
        }
    if "user" in event:
        event["user"] = {key: value for key, value in event["user"].items() if key == "id"}
    return _without_email_addresses(event)


def scrub_breadcrumb(breadcrumb, hint):
    return _without_email_addresses(breadcrumb)


def _without_email_addresses(value):
    if isinstance(value, str):
        return EMAIL_ADDRESS.sub(EMAIL_REPLACEMENT, value)
    if isinstance(value, dict):
        return {key: _without_email_addresses(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_without_email_addresses(item) for item in value)
    return value
