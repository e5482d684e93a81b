"""Comparator figures through the API: read by every member, written by those who change indicators.

The dates are after 2026/27 Q2, as the portal's clock is when these tests were written."""

import datetime
from decimal import Decimal

import pytest

from outcomes.models import ComparatorValue
from tests import factories as f

URL = "/api/v1/comparators/"
GOOD = {
    "comparator": "Statistical neighbours",
    "period": "2025/26",
    "value": "47.3",
    "source": "DfE Characteristics of children in need 2025/26",
    "published": "2026-10-30",
}


@pytest.fixture
def indicator(cast):
    indicator = f.IndicatorFactory(partnership=cast.partnership, code="CP-1", name="Children on a plan")
    f.MeasurementFactory(indicator=indicator, period="2026/27 Q2", value=Decimal(51))
    return indicator


def test_a_steering_group_member_adds_a_figure_and_every_member_reads_it(cast, indicator, api_for):
    response = api_for(cast.steve).post(URL, {"indicator": indicator.pk, **GOOD}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["comparator"] == "Statistical neighbours" and body["kind"] == "neighbours"
    assert body["series"] == "Statistical neighbours' average"
    assert (body["period"], body["value"], body["published"], body["stale"]) == ("2025/26", 47.3, "2026-10-30", False)

    listed = api_for(cast.bea).get(URL, {"indicator_code": "cp-1"}).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]


def test_a_figure_older_than_two_years_is_stale(cast, indicator, api_for):
    old = f.ComparatorValueFactory(indicator=indicator, period="2023/24", published=datetime.date(2024, 10, 31))
    f.ComparatorValueFactory(indicator=indicator, period="2025/26")
    rows = api_for(cast.bea).get(URL).json()["results"]
    assert {row["period"]: row["stale"] for row in rows} == {"2023/24": True, "2025/26": False}
    assert api_for(cast.bea).get(f"{URL}{old.pk}/").json()["stale"] is True


def test_bad_input_is_refused_naming_each_field_and_nothing_is_saved(cast, indicator, api_for):
    bad = {
        "indicator": indicator.pk,
        "comparator": "Wales",
        "period": "2025/26 Q9",
        "value": "forty",
        "source": "DfE",
        "published": "31/02/2026",
    }
    response = api_for(cast.alice).post(URL, bad, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "“Wales” is not a comparator" in errors["comparator"][0]
    assert "published" in errors
    assert not ComparatorValue.objects.exists()

    response = api_for(cast.alice).post(URL, {**GOOD, "indicator": indicator.pk, "period": "2025/26 Q9"}, format="json")
    assert response.status_code == 400 and "is not a period" in response.json()["period"][0]
    response = api_for(cast.alice).post(URL, {**GOOD, "indicator": indicator.pk, "value": "forty"}, format="json")
    assert response.json()["value"] == ["Enter the value as a number, like 42.1"]
    assert not ComparatorValue.objects.exists()


@pytest.mark.parametrize("who", ["sam", "lee", "bea"])
def test_only_those_who_change_indicators_write_comparators(cast, indicator, api_for, who):
    figure = f.ComparatorValueFactory(indicator=indicator, period="2024/25", published=datetime.date(2025, 10, 30))
    client = api_for(getattr(cast, who))
    assert client.post(URL, {"indicator": indicator.pk, **GOOD}, format="json").status_code == 403
    assert client.patch(f"{URL}{figure.pk}/", {"value": 1}, format="json").status_code == 403
    assert client.post(f"{URL}{figure.pk}/withdraw/", {"reason": "No"}, format="json").status_code == 403
    figure.refresh_from_db()
    assert figure.value == Decimal("42.1") and not figure.is_withdrawn and ComparatorValue.objects.count() == 1


def test_another_partnerships_figures_are_not_found_and_its_indicators_not_accepted(cast, indicator, api_for):
    south = f.IndicatorFactory(partnership=cast.other, code="S-1")
    theirs = f.ComparatorValueFactory(indicator=south, period="2024/25", published=datetime.date(2025, 10, 30))
    client = api_for(cast.alice)
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert client.patch(f"{URL}{theirs.pk}/", {"value": 1}, format="json").status_code == 404
    assert client.post(f"{URL}{theirs.pk}/withdraw/", {"reason": "No"}, format="json").status_code == 404
    assert theirs.pk not in [row["id"] for row in client.get(URL).json()["results"]]
    response = client.post(URL, {"indicator": south.pk, **GOOD}, format="json")
    assert response.status_code == 400 and "indicator" in response.json()
    assert ComparatorValue.objects.count() == 1


def test_a_figure_is_corrected_with_its_version_and_withdrawn_with_a_reason(cast, indicator, api_for):
    figure = f.ComparatorValueFactory(indicator=indicator, period="2024/25", published=datetime.date(2025, 10, 30))
    client = api_for(cast.alice)
    etag = client.get(f"{URL}{figure.pk}/")["ETag"]
    response = client.patch(f"{URL}{figure.pk}/", {"value": "43.5"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["value"] == 43.5
    stale = client.patch(f"{URL}{figure.pk}/", {"value": "44"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    response = client.post(f"{URL}{figure.pk}/withdraw/", {"reason": "Wrong table"}, format="json")
    assert response.status_code == 200 and response.json()["withdrawn"]["reason"] == "Wrong table"
    assert client.get(URL).json()["results"] == []
