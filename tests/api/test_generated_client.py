"""The API as an agency's developer meets it: a client generated from /api/schema/ with openapi-python-client.

The client is generated once per test run into a temporary folder and drives a live server:
an agency's quarterly push (values written as their BI sheets write them), the same push again,
reading the values back, and each refusal parsed into the model the schema promises.
"""

import importlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from drf_spectacular.generators import SchemaGenerator

from accounts.tokens import token_create
from neglect_portal.periods import current_quarter
from outcomes.models import Measurement, Unit
from tests import factories as f

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
PACKAGE = "portal_client"


@pytest.fixture(scope="session")
def portal_client(tmp_path_factory, django_db_setup, django_db_blocker):
    """The generated package, imported: ``portal_client.api.v1``, ``portal_client.models``, ``AuthenticatedClient``."""
    folder = tmp_path_factory.mktemp("generated")
    with django_db_blocker.unblock():
        document = SchemaGenerator().get_schema(request=None, public=True)
    schema = folder / "schema.json"
    schema.write_text(json.dumps(document, default=str))
    config = folder / "config.json"
    config.write_text(json.dumps({"package_name_override": PACKAGE, "post_hooks": []}))
    run = subprocess.run(
        [
            GENERATOR,
            "generate",
            "--path",
            schema,
            "--config",
            config,
            "--output-path",
            folder / PACKAGE,
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Warning" not in run.stdout + run.stderr, run.stdout + run.stderr  # every operation was understood
    sys.path.insert(0, str(folder))
    package = importlib.import_module(PACKAGE)
    importlib.import_module(f"{PACKAGE}.models")
    yield package
    sys.path.remove(str(folder))


def api(portal_client, name):
    return importlib.import_module(f"{PACKAGE}.api.v1.{name}")


@pytest.fixture
def health_figures(cast):
    """Two indicators Northshire ICB supplies: a count and a percentage."""
    contacts = f.IndicatorFactory(partnership=cast.partnership, code="HV-01", source_agency=cast.health)
    seen = f.IndicatorFactory(
        partnership=cast.partnership, code="HV-02", source_agency=cast.health, unit=Unit.PERCENTAGE, target=75
    )
    return contacts, seen


def signed_in(portal_client, live_server, user):
    raw = token_create(user, "Quarterly push")[1]
    return portal_client.AuthenticatedClient(base_url=live_server.url, token=raw, prefix="Token")


def test_an_agencys_generated_client_pushes_a_quarter_reads_it_back_and_understands_every_refusal(
    portal_client, live_server, cast, health_figures
):
    models = portal_client.models
    client = signed_in(portal_client, live_server, cast.sam)
    quarter = current_quarter().previous()
    bulk = api(portal_client, "v1_measurements_bulk_create")
    body = models.MeasurementBulkRequest(
        period=quarter.label,
        measurements=[
            models.BulkEntryRequest(indicator="HV-01", value="1,234", note="From the BI sheet"),
            models.BulkEntryRequest(indicator="HV-02", value="64.8%"),
        ],
        partnership=cast.partnership.pk,
    )

    pushed = bulk.sync(client=client, body=body)

    assert isinstance(pushed, models.MeasurementBulkResponse), pushed
    assert (pushed.created, pushed.updated, pushed.unchanged) == (2, 0, 0)
    assert [(r.indicator, r.value, r.result.value) for r in pushed.measurements] == [
        ("HV-01", 1234, "created"),
        ("HV-02", 64.8, "created"),
    ]
    again = bulk.sync(client=client, body=body)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)  # safe to repeat
    assert Measurement.objects.get(indicator__code="HV-02").value == Decimal("64.8")

    # Reading back, as numbers, a page at a time.
    listed = api(portal_client, "v1_measurements_list").sync(client=client, page_size=1, ordering="indicator__code")
    assert listed.count == 2 and len(listed.results) == 1 and listed.next_ is not None
    assert (listed.results[0].indicator_code, listed.results[0].value) == ("HV-01", 1234)
    indicators = api(portal_client, "v1_indicators_list").sync(client=client, page_size=200)
    latest = {indicator.code: indicator.latest for indicator in indicators.results}
    assert (latest["HV-02"].period, latest["HV-02"].value, latest["HV-02"].display) == (quarter.label, 64.8, "64.8%")

    # Refusals, each in its documented shape.
    empty = bulk.sync_detailed(client=client, body=models.MeasurementBulkRequest(period=quarter.label, measurements=[]))
    assert empty.status_code == 400 and isinstance(empty.parsed, models.MeasurementBulkError)
    assert empty.parsed.detail == "Nothing was saved: give at least one measurement."
    too_big = api(portal_client, "v1_measurements_list").sync_detailed(client=client, page_size=201)
    assert too_big.status_code == 400 and "from 1 to 200" in json.loads(too_big.content)["page_size"][0]
    stranger = portal_client.AuthenticatedClient(base_url=live_server.url, token="np_not-a-token", prefix="Token")
    refused = bulk.sync_detailed(client=stranger, body=body)
    assert refused.status_code == 401 and isinstance(refused.parsed, models.Problem)
    assert refused.headers["WWW-Authenticate"].startswith("Token")
    board = signed_in(portal_client, live_server, cast.bea)
    forbidden = bulk.sync_detailed(client=board, body=body)
    assert forbidden.status_code == 403 and isinstance(forbidden.parsed, models.Problem)
    assert forbidden.parsed.detail == "You cannot enter values for HV-01, HV-02: nothing was saved."
    elsewhere = f.MeasurementFactory(indicator=f.IndicatorFactory(partnership=cast.other))
    missing = api(portal_client, "v1_measurements_retrieve").sync_detailed(client=client, id=elsewhere.pk)
    assert missing.status_code == 404 and isinstance(missing.parsed, models.Problem)
