"""Entering or correcting one indicator's value for one period, on a page of its own."""

from decimal import Decimal

import pytest
from django.urls import reverse

from outcomes.models import Measurement
from tests.outcomes.helpers import text

pytestmark = pytest.mark.usefixtures("today")


def url(indicator, period=None):
    address = reverse("outcomes:measurement_record", args=[indicator.pk])
    return f"{address}?period={period}" if period else address


def test_the_form_offers_recent_quarters_and_starts_on_the_last_to_have_ended(cast, framework, client_for):
    response = client_for(cast.sam).get(url(framework.training))
    html = response.content.decode()
    assert '<option value="2026/27 Q2" selected>' in html
    assert '<option value="2026/27 Q3">' in html and "2027/28" not in html
    assert 'value="82"' in html  # 2026/27 Q2 already has a value: it is filled in to be corrected


def test_an_annual_indicator_offers_financial_years(cast, framework, client_for):
    html = client_for(cast.lee).get(url(framework.contacts)).content.decode()
    assert '<option value="2025/26" selected>' in html and '<option value="2017/18">' in html
    assert "Q1" not in html.split('name="period"')[1].split("</select>")[0]
    assert 'name="numerator"' not in html  # a count has no numerator or denominator


def test_a_new_value_is_added_and_the_indicator_page_shows_it(cast, framework, client_for):
    client = client_for(cast.sam)
    response = client.post(url(framework.training), {"period": "2026/27 Q3", "value": "1,204", "note": "Big push."})
    assert response.status_code == 302 and response.url == reverse("outcomes:indicator", args=[framework.training.pk])
    measurement = Measurement.objects.get(indicator=framework.training, period="2026/27 Q3")
    assert (measurement.value, measurement.note, measurement.entered_by) == (Decimal("1204"), "Big push.", cast.sam)
    page = text(client.get(response.url))
    assert "The TR-1 value for 2026/27 Q3 has been added." in page and "1,204" in page


def test_correcting_a_period_prefills_its_values_and_replaces_them(cast, framework, client_for):
    client = client_for(cast.lee)
    html = client.get(url(framework.screening, "2026/27 Q2")).content.decode()
    assert 'value="50"' in html and 'value="4"' in html and 'value="8"' in html and "Few cases." in html
    response = client.post(
        url(framework.screening), {"period": "2026/27 Q2", "value": "", "numerator": "5", "denominator": "8"}
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get(indicator=framework.screening, period="2026/27 Q2")
    assert (measurement.value, measurement.numerator, measurement.note) == (Decimal("62.5"), 5, "")
    assert "The SC-1 value for 2026/27 Q2 has been saved." in text(client.get(response.url))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"value": ""}, "Enter the value"),
        ({"value": "about 80"}, "Enter the value as a number, like 147 or 51.8"),
        ({"value": "101"}, "A percentage cannot be more than 100"),
        ({"value": "50", "numerator": "9", "denominator": "8"}, "The numerator cannot be more than the denominator"),
        ({"value": "50", "numerator": "four"}, "Enter the numerator as a whole number, like 46"),
        ({"value": "50", "period": "2030/31 Q1"}, "Choose a period from the list"),
    ],
)
def test_a_bad_value_is_explained_next_to_its_field_and_nothing_is_saved(cast, framework, client_for, data, message):
    before = list(Measurement.objects.values())
    response = client_for(cast.steve).post(url(framework.screening), {"period": "2026/27 Q3", **data})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and html.count(message) >= 2  # in the summary and by the field
    assert "This field is required" not in html
    assert list(Measurement.objects.values()) == before


def test_a_marker_typed_as_the_value_is_recorded_as_not_published_and_filled_in_to_be_corrected(
    cast, framework, client_for
):
    client = client_for(cast.sam)
    response = client.post(url(framework.training), {"period": "2026/27 Q1", "value": "<5", "note": ""})

    assert response.status_code == 302
    measurement = Measurement.objects.get(indicator=framework.training, period="2026/27 Q1")
    assert (measurement.value, measurement.not_published) == (None, "<5")
    assert "Not published (&lt;5)" in client.get(response.url).content.decode()
    assert 'value="&lt;5"' in client.get(url(framework.training, "2026/27 Q1")).content.decode()
