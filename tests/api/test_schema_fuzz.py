"""Every operation of the API, fuzzed from its own OpenAPI schema as each role and as a stranger.

Schemathesis generates requests (valid and deliberately wrong ones) for each operation and checks
every answer: no server error, a status code the schema documents, a content type and a body that
match the schema. It runs in-process against the WSGI application, on the test database, signed in
with an API token of each member of the cast (and with none), so a run takes seconds, not minutes.
"""

import json

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.tokens import token_create

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 3


def api_schema():
    """The schema the portal publishes at /api/schema/, as plain JSON data."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(document, default=str))


@pytest.fixture
def application():
    """The WSGI application, kept from closing the test's database connection as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def visitors(cast):
    """Who knocks: each role of Northshire, a member of another partnership, and nobody."""
    people = {"admin": cast.alice, "steering": cast.steve, "sponsor": cast.sam, "lead": cast.lee, "board": cast.bea}
    people["other partnership"] = cast.charlie
    headers = {name: {"Authorization": f"Token {token_create(user, 'Fuzz')[1]}"} for name, user in people.items()}
    headers["anonymous"] = {}
    # The answers are read as the WSGI application writes them, without a browser's decompression.
    return {name: {**each, "Accept-Encoding": "identity"} for name, each in headers.items()}


def fuzz(operation, headers, application, requests_made):
    """Send generated requests for one operation; raise on the first answer outside the schema."""

    @given(case=operation.as_strategy())
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    def run(case):
        response = case.call(headers=headers, app=application)
        requests_made.append(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()


def error_text(error):
    """What went wrong, in a few lines: each distinct failure's title and first detail."""
    parts = getattr(error, "exceptions", None) or [error]
    lines = []
    for part in parts:
        text = [line.strip() for line in str(part).strip().splitlines() if line.strip()]
        lines.append("    " + " / ".join(text[:2] + [line for line in text if line.startswith("Schema at")]))
    return "\n".join(lines)


def test_every_operation_answers_inside_its_schema_for_every_visitor(cast, application):
    schema = schemathesis.openapi.from_dict(api_schema())
    schema.app = application
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20  # the whole API, not a corner of it

    requests_made = []
    failures = []
    for name, headers in visitors(cast).items():
        for operation in operations:
            try:
                fuzz(operation, headers, application, requests_made)
            except BaseException as error:  # a failure group; collect every failing operation, report them together
                if isinstance(error, KeyboardInterrupt):
                    raise
                failures.append(f"{name}: {operation.label}:\n{error_text(error)}")

    print(f"\nschemathesis: {len(requests_made)} requests over {len(operations)} operations as 7 visitors")
    server_errors = sum(status >= 500 for status in requests_made)
    assert server_errors == 0, f"{server_errors} server errors"
    assert not failures, "\n".join(failures)
