"""No silent overwrites of indicators and their values: quarter entry, the single-value form, the indicator form
and the API refuse a change made from a copy someone else has changed since."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from outcomes import services
from outcomes.models import Indicator, Measurement
from outcomes.services import MeasurementInput
from tests.outcomes.helpers import text

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def api_for():
    def sign_in(user):
        client = APIClient()
        client.force_login(user)
        return client

    return sign_in


ENTRY = reverse("outcomes:quarter_entry") + "?quarter=2026/27 Q2"


def _field(indicator, part="value"):
    return f"i{indicator.pk}-{part}"


def _loaded_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


def _alice_enters(cast, indicator, period, value):
    membership = cast.alice.memberships.get()
    services.measurement_record(membership, MeasurementInput(indicator=indicator, period=period, value=value))


def test_quarter_entry_refuses_to_overwrite_a_value_entered_after_the_form_was_loaded_and_says_so_at_its_field(
    cast, framework, client_for
):
    client = client_for(cast.steve)
    data = _loaded_form(client, ENTRY)
    _alice_enters(cast, framework.training, "2026/27 Q2", "95")  # was 82 when Steve opened the form
    data[_field(framework.training)] = "84"
    data[_field(framework.screening, "note")] = "Steve's note."

    response = client.post(ENTRY, data)

    assert response.status_code == 409
    assert Measurement.objects.get(indicator=framework.training, period="2026/27 Q2").value == Decimal("95")
    # Steve's other row had nothing to do with it: it is saved.
    assert Measurement.objects.get(indicator=framework.screening, period="2026/27 Q2").note == "Steve's note."
    page = text(response)
    assert "1 value saved for 2026/27 Q2 (1 corrected)." in page
    message = "TR-1: Alice Example entered 95 at "
    assert page.count(message) == 2  # in the error summary and at the field
    assert "after you opened this form: save again to replace it with 84, or change your value" in page
    form = response.context["form"]
    assert [row.indicator for row in form.rows] == [framework.training]
    assert form[_field(framework.training)].value() == "84"  # what Steve typed is kept
    current = Measurement.objects.get(indicator=framework.training, period="2026/27 Q2")
    assert form[_field(framework.training, "version")].value() == current.version


def test_quarter_entry_sent_again_after_a_conflict_replaces_the_value_knowingly(cast, framework, client_for):
    client = client_for(cast.steve)
    data = _loaded_form(client, ENTRY)
    _alice_enters(cast, framework.training, "2026/27 Q2", "95")
    data[_field(framework.training)] = "84"
    refused = client.post(ENTRY, data)
    again = {name: refused.context["form"][name].value() for name in refused.context["form"].fields}
    again = {name: value for name, value in again.items() if value is not None}
    assert client.post(ENTRY, again).status_code == 302
    assert Measurement.objects.get(indicator=framework.training, period="2026/27 Q2").value == Decimal("84")


def test_quarter_entry_refuses_a_new_value_when_someone_entered_one_for_an_empty_row_meanwhile(
    cast, framework, client_for
):
    client = client_for(cast.steve)
    url = reverse("outcomes:quarter_entry") + "?quarter=2025/26 Q4&agency="
    data = _loaded_form(client, url)
    assert data[_field(framework.training, "version")] == 0
    _alice_enters(cast, framework.training, "2025/26 Q4", "60")
    data[_field(framework.training)] = "61"
    response = client.post(url, data)
    assert response.status_code == 409
    assert "TR-1: Alice Example entered 60 at" in text(response)
    assert Measurement.objects.get(indicator=framework.training, period="2025/26 Q4").value == Decimal("60")


def test_quarter_entry_with_unchanged_rows_saves_the_rest_when_nothing_was_overwritten(cast, framework, client_for):
    client = client_for(cast.steve)
    data = _loaded_form(client, ENTRY)
    data[_field(framework.screening, "note")] = "New note."
    assert client.post(ENTRY, data).status_code == 302
    assert Measurement.objects.get(indicator=framework.screening, period="2026/27 Q2").note == "New note."


def test_the_single_value_form_refuses_to_overwrite_a_value_entered_after_it_was_loaded(cast, framework, client_for):
    client = client_for(cast.sam)
    url = reverse("outcomes:measurement_record", args=[framework.training.pk]) + "?period=2026/27 Q2"
    data = _loaded_form(client, url)
    _alice_enters(cast, framework.training, "2026/27 Q2", "95")
    data["value"] = "83"
    response = client.post(url, data)
    assert response.status_code == 409
    assert "TR-1 2026/27 Q2: now 95, entered by Alice Example" in text(response)
    assert Measurement.objects.get(indicator=framework.training, period="2026/27 Q2").value == Decimal("95")
    # Sent again from the re-shown form, the value replaces it knowingly.
    again = {name: response.context["form"][name].value() for name in ("period", "value", "note", "seen")}
    assert client.post(url, again).status_code == 302
    assert Measurement.objects.get(indicator=framework.training, period="2026/27 Q2").value == Decimal("83")


def test_the_indicator_form_shows_what_the_other_person_changed(cast, framework, client_for):
    client = client_for(cast.steve)
    url = reverse("outcomes:indicator_update", args=[framework.training.pk])
    data = _loaded_form(client, url)
    services.indicator_update(cast.alice.memberships.get(), Indicator.objects.get(pk=framework.training.pk), target=80)
    data["name"] = "Practitioners trained"
    response = client.post(url, data)
    assert response.status_code == 409
    page = text(response)
    assert "Someone else changed this indicator while you were editing it" in page
    assert "Target: 75 → 80" in page
    indicator = Indicator.objects.get(pk=framework.training.pk)
    assert (indicator.name, indicator.target) == ("Practitioners trained in neglect", Decimal("80"))
    form = response.context["form"]
    assert form["name"].value() == "Practitioners trained" and str(form["target"].value()) == "80.00"


def test_the_measurement_api_answers_412_to_a_stale_if_match(cast, framework, api_for):
    measurement = Measurement.objects.get(indicator=framework.training, period="2026/27 Q2")
    url = f"/api/v1/measurements/{measurement.pk}/"
    client = api_for(cast.steve)
    tag = client.get(url)["ETag"]
    assert tag == f'"measurement-{measurement.pk}-v{measurement.version}"'
    _alice_enters(cast, framework.training, "2026/27 Q2", "95")
    response = client.patch(url, {"value": "84"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 412 and "Someone else changed" in response.json()["detail"]
    fresh = client.get(url)["ETag"]
    response = client.patch(url, {"value": "84"}, format="json", HTTP_IF_MATCH=fresh)
    assert response.status_code == 200 and response["ETag"] != fresh


def test_the_indicator_api_answers_412_to_a_stale_if_match(cast, framework, api_for):
    url = f"/api/v1/indicators/{framework.training.pk}/"
    client = api_for(cast.steve)
    tag = client.get(url)["ETag"]
    assert client.patch(url, {"target": "80"}, format="json", HTTP_IF_MATCH=tag).status_code == 200
    response = client.patch(url, {"target": "90"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 412
    assert Indicator.objects.get(pk=framework.training.pk).target == Decimal("80")
