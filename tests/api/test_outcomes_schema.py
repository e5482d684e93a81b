"""The OpenAPI schema documents every outcomes endpoint, with named enums and the bulk example."""

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema(django_db_blocker, tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "schema.yml"
    with django_db_blocker.unblock():
        # --fail-on-warn: a schema warning anywhere fails the test as it would fail the build.
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/api/v1/indicators/", {"get", "post"}),
        ("/api/v1/indicators/{id}/", {"get", "put", "patch"}),
        ("/api/v1/measurements/", {"get", "post"}),
        ("/api/v1/measurements/{id}/", {"get", "put", "patch"}),
        ("/api/v1/measurements/bulk/", {"post"}),
        ("/api/v1/scorecard/", {"get"}),
    ],
)
def test_the_schema_lists_each_outcomes_path_and_method(schema, path, methods):
    assert set(schema["paths"][path]) == methods


def test_indicator_fields_use_named_enums(schema):
    fields = schema["components"]["schemas"]["Indicator"]["properties"]

    assert fields["rba_category"]["$ref"].endswith("/RBACategoryEnum")
    assert fields["unit"]["$ref"].endswith("/IndicatorUnitEnum")
    assert fields["polarity"]["$ref"].endswith("/PolarityEnum")
    assert fields["frequency"]["$ref"].endswith("/FrequencyEnum")
    assert schema["components"]["schemas"]["BulkResult"]["properties"]["result"]["$ref"].endswith(
        "/MeasurementResultEnum"
    )


def test_the_bulk_endpoint_is_documented_with_examples_and_its_refusals(schema):
    bulk = schema["paths"]["/api/v1/measurements/bulk/"]["post"]

    assert "All or nothing" in bulk["description"]
    assert list(bulk["requestBody"]["content"]) == ["application/json"]
    example = bulk["requestBody"]["content"]["application/json"]["examples"]["Push"]["value"]
    assert example["period"] == "2026/27 Q2" and example["measurements"][0]["indicator"] == "HAL-03"
    assert set(bulk["responses"]) == {"200", "400", "401", "403", "404", "429"}
    assert "Nothing was saved" in bulk["responses"]["400"]["description"]
    entry = schema["components"]["schemas"]["BulkEntryRequest"]["properties"]
    # correction_reason: why a value of a quarter whose report has been issued is changed.
    assert set(entry) == {
        "indicator",
        "value",
        "not_published",
        "numerator",
        "denominator",
        "note",
        "is_estimated",
        "correction_reason",
    }


def test_the_scorecard_is_documented_as_one_object_not_a_list(schema):
    response = schema["paths"]["/api/v1/scorecard/"]["get"]["responses"]["200"]["content"]["application/json"]

    assert response["schema"] == {"$ref": "#/components/schemas/Scorecard"}
