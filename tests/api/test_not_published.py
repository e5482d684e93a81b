"""Figures a source did not publish, through the API: null value and the marker, read and pushed."""

from decimal import Decimal

import pytest

from outcomes.models import Measurement
from tests import factories as f
from tests.api.outcomes_data import northshire_outcomes

BULK = "/api/v1/measurements/bulk/"


@pytest.fixture
def outcomes(cast):
    outcomes = northshire_outcomes(cast)
    outcomes.visits = f.IndicatorFactory(partnership=cast.partnership, code="HV-02", source_agency=cast.health)
    return outcomes


def test_the_bulk_push_takes_a_marker_as_a_value_not_published(cast, outcomes, api_for):
    measurements = [
        {"indicator": "HV-01", "value": "<5", "note": "Suppressed: fewer than five."},
        {"indicator": "HV-02", "value": "*"},
    ]
    response = api_for(cast.sam).post(BULK, {"period": "2025/26 Q3", "measurements": measurements}, format="json")

    assert response.status_code == 200, response.content
    assert [(r["indicator"], r["value"], r["not_published"]) for r in response.json()["measurements"]] == [
        ("HV-01", None, "<5"),
        ("HV-02", None, "*"),
    ]
    recorded = Measurement.objects.filter(period="2025/26 Q3").order_by("indicator__code")
    assert [(m.value, m.not_published) for m in recorded] == [(None, "<5"), (None, "*")]


def test_a_marker_with_a_value_or_a_numerator_is_refused_and_nothing_is_saved(cast, outcomes, api_for):
    measurements = [
        {"indicator": "HV-01", "value": 4, "not_published": "<5"},
        {"indicator": "HV-02", "value": "<5", "numerator": 3, "denominator": 40},
    ]
    response = api_for(cast.sam).post(BULK, {"period": "2025/26 Q3", "measurements": measurements}, format="json")

    assert response.status_code == 400
    assert response.json()["measurements"] == {
        "0": {"value": ["Give the value or say it is not published (<5), not both"]},
        "1": {
            "numerator": ["Leave the numerator empty for a figure that is not published"],
            "denominator": ["Leave the denominator empty for a figure that is not published"],
        },
    }
    assert not Measurement.objects.filter(period="2025/26 Q3").exists()


def test_reading_a_value_not_published_gives_a_null_value_and_its_marker(cast, outcomes, api_for):
    withheld = f.MeasurementFactory(indicator=outcomes.training, period="2026/27 Q3", value=None, not_published="<5")
    client = api_for(cast.bea)

    body = client.get(f"/api/v1/measurements/{withheld.pk}/").json()
    assert (body["value"], body["not_published"], body["display"]) == (None, "<5", "Not published (<5)")

    indicator = client.get(f"/api/v1/indicators/{outcomes.training.pk}/").json()
    assert indicator["latest"]["value"] is None and indicator["latest"]["not_published"] == "<5"
    assert indicator["rag"] == {"code": None, "label": "Not rated", "reason": "Not published (<5): not rated"}
    assert indicator["previous"]["value"] == 78  # still there, and not told as the latest

    card = client.get("/api/v1/scorecard/").json()
    row = next(row for group in card["groups"] for row in group["rows"] if row["code"] == "HV-01")
    assert (row["latest"]["value"], row["latest"]["not_published"], row["rag"]) == (None, "<5", None)


def test_a_correction_through_the_api_replaces_a_marker_with_the_figure(cast, outcomes, api_for):
    withheld = f.MeasurementFactory(indicator=outcomes.training, period="2025/26 Q3", value=None, not_published="*")

    response = api_for(cast.sam).patch(f"/api/v1/measurements/{withheld.pk}/", {"value": 3}, format="json")

    assert response.status_code == 200, response.content
    withheld.refresh_from_db()
    assert (withheld.value, withheld.not_published) == (Decimal(3), "")
