"""A value entered as an estimate is marked Estimated wherever it is shown: the indicator page, the scorecard,
the turn-the-curve plan, the exports and the API (the report: tests/reports/test_board_content.py).

The person entering it says so: on the value form, the quarter entry form, the API and an import's Estimated
column. A final figure entered later replaces the estimate.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from outcomes.imports import IndicatorValuesImporter
from outcomes.models import Measurement
from tests import factories as f
from tests.outcomes.helpers import VALUE_HEADERS, text
from tests.spreadsheets.helpers import about_sheet, csv_bytes, downloaded_sheet, problems_in, run_import, sheet_table

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def api_for():
    def sign_in(user):
        client = APIClient()
        client.force_login(user)
        return client

    return sign_in


TR1_Q2 = {"period": "2026/27 Q2"}


def value_form(indicator):
    return reverse("outcomes:measurement_record", args=[indicator.pk])


def stored(indicator, period="2026/27 Q2"):
    return Measurement.objects.current().get(indicator=indicator, period=period)


def test_a_value_entered_as_an_estimate_is_marked_on_the_indicator_page_and_the_scorecard(cast, framework, client_for):
    client = client_for(cast.sam)
    response = client.post(value_form(framework.training), {**TR1_Q2, "value": "85", "is_estimated": "on"})
    assert response.status_code == 302
    assert (stored(framework.training).value, stored(framework.training).is_estimated) == (Decimal("85"), True)

    page = client.get(reverse("outcomes:indicator", args=[framework.training.pk])).content.decode()
    assert "in 2026/27 Q2 (an estimate)" in page
    assert page.count('app-estimated">Estimated</strong>') == 1  # 2026/27 Q2 only: Q1 is final
    assert 'data-test="estimated-note"' in page
    scorecard = client_for(cast.bea).get(reverse("outcomes:scorecard")).content.decode()
    assert 'app-estimated">Estimated</strong>' in scorecard
    curve = client.get(reverse("outcomes:curve_plan", args=[framework.training.pk])).content.decode()
    assert 'app-estimated">Estimated</strong>' in curve


def test_the_form_shows_the_estimate_ticked_and_a_final_figure_replaces_it(cast, framework, client_for):
    client = client_for(cast.sam)
    client.post(value_form(framework.training), {**TR1_Q2, "value": "85", "is_estimated": "on"})
    form = client.get(value_form(framework.training) + "?period=2026/27 Q2").content.decode()
    assert 'name="is_estimated"' in form and "checked" in form.split('name="is_estimated"')[1].split(">")[0]

    client.post(value_form(framework.training), {**TR1_Q2, "value": "86"})
    assert (stored(framework.training).value, stored(framework.training).is_estimated) == (Decimal("86"), False)
    page = client.get(reverse("outcomes:indicator", args=[framework.training.pk])).content.decode()
    assert 'app-estimated">Estimated</strong>' not in page


def test_a_figure_not_published_cannot_be_an_estimate_and_nothing_is_saved(cast, framework, client_for):
    before = list(Measurement.objects.values())
    response = client_for(cast.sam).post(
        value_form(framework.training), {**TR1_Q2, "value": "<5", "is_estimated": "on"}
    )
    assert response.status_code == 200
    assert "A figure that is not published is not an estimate" in text(response)
    assert list(Measurement.objects.values()) == before


def test_the_quarter_entry_form_marks_each_estimate_and_a_tick_alone_changes_nothing(cast, framework, client_for):
    client = client_for(cast.steve)
    entry = reverse("outcomes:quarter_entry") + "?quarter=2026/27 Q2&agency="
    html = client.get(entry).content.decode()
    assert f'name="i{framework.training.pk}-is_estimated"' in html
    data = {
        f"i{framework.training.pk}-value": "90",
        f"i{framework.training.pk}-is_estimated": "on",
        # SC-1's row sent with only the tick, its value left empty: a blank row is left alone.
        f"i{framework.screening.pk}-value": "",
        f"i{framework.screening.pk}-is_estimated": "on",
    }
    before = stored(framework.screening)
    response = client.post(entry, data)
    assert response.status_code == 302
    assert (stored(framework.training).value, stored(framework.training).is_estimated) == (Decimal("90"), True)
    after = stored(framework.screening)
    assert (after.value, after.is_estimated, after.version) == (before.value, False, before.version)


def test_the_api_records_reads_and_keeps_an_estimate(cast, framework, api_for):
    client = api_for(cast.sam)
    created = client.post(
        "/api/v1/measurements/",
        {"indicator": framework.training.pk, "period": "2026/27 Q1", "value": 71, "is_estimated": True},
        format="json",
    )
    assert created.status_code in (200, 201), created.content
    body = created.json()
    assert body["is_estimated"] is True and stored(framework.training, "2026/27 Q1").is_estimated
    measurement = stored(framework.training, "2026/27 Q1")
    patched = client.patch(f"/api/v1/measurements/{measurement.pk}/", {"note": "Courses moved."}, format="json")
    assert patched.status_code == 200, patched.content
    assert stored(framework.training, "2026/27 Q1").is_estimated  # PATCH without it keeps it
    scorecard = client.get("/api/v1/scorecard/").json()
    rows = [row for group in scorecard["groups"] for row in group["rows"]]
    training = next(row for row in rows if row["code"] == "TR-1")
    assert training["latest"]["is_estimated"] is False and training["latest"]["period"] == "2026/27 Q2"


def test_the_api_refuses_an_estimate_of_a_figure_not_published(cast, framework, api_for):
    before = list(Measurement.objects.values())
    response = api_for(cast.sam).post(
        "/api/v1/measurements/bulk/",
        {"period": "2026/27 Q1", "measurements": [{"indicator": "TR-1", "value": "<5", "is_estimated": True}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["measurements"]["0"]["is_estimated"] == [
        "A figure that is not published is not an estimate: untick Estimated or give it"
    ]
    assert list(Measurement.objects.values()) == before


def test_an_import_with_an_estimated_column_marks_the_estimates(cast, framework):
    headers = [*VALUE_HEADERS, "Estimated"]
    rows = [["TR-1", "2026/27 Q1", "71", "", "", "", "Yes"], ["SC-1", "2026/27 Q2", "50", "4", "8", "Few cases.", ""]]
    run_import(cast.steve, IndicatorValuesImporter.kind, csv_bytes(headers, rows), "values.csv")
    assert stored(framework.training, "2026/27 Q1").is_estimated
    assert not stored(framework.screening).is_estimated


def test_an_import_left_without_the_column_keeps_the_estimate_and_a_bad_word_is_refused(cast, framework):
    training = stored(framework.training)
    training.is_estimated = True
    training.save()
    run_import(
        cast.steve,
        IndicatorValuesImporter.kind,
        csv_bytes(["Indicator code", "Period", "Value"], [["TR-1", "2026/27 Q2", "83"]]),
        "values.csv",
    )
    assert (stored(framework.training).value, stored(framework.training).is_estimated) == (Decimal("83"), True)

    bad = csv_bytes(["Indicator code", "Period", "Value", "Estimated"], [["TR-1", "2026/27 Q2", "84", "maybe"]])
    problems = problems_in(cast.steve, IndicatorValuesImporter.kind, bad, "values.csv")
    assert any("Enter Yes for an estimate" in str(problem) for problem in problems)
    assert stored(framework.training).value == Decimal("83")


def test_the_scorecard_export_names_the_estimated_periods(cast, framework, client_for):
    training = stored(framework.training)
    training.is_estimated = True
    training.save()
    response = client_for(cast.bea).get(reverse("spreadsheets:scorecard_export"))
    _, headers, rows = sheet_table(downloaded_sheet(response), "RBA question")
    assert {row[1]: row[headers.index("Estimated")] for row in rows} == {
        "TR-1": "2026/27 Q2",
        "SC-1": None,
        "CO-1": None,
    }
    assert any("entered as estimates" in note for note in about_sheet(response)["Note"])


def test_an_estimate_is_shown_to_board_members_by_an_indicators_figures_too(cast, framework, client_for):
    f.MeasurementFactory(indicator=framework.screening, period="2026/27 Q1", value=Decimal("40"), is_estimated=True)
    page = client_for(cast.bea).get(reverse("outcomes:indicator", args=[framework.screening.pk])).content.decode()
    assert page.count('app-estimated">Estimated</strong>') == 1


def test_an_illustrative_value_is_marked_on_the_indicator_page_as_on_the_scorecard(cast, framework, client_for):
    f.MeasurementFactory(indicator=framework.screening, period="2026/27 Q1", value=Decimal("40"), is_illustrative=True)
    page = client_for(cast.bea).get(reverse("outcomes:indicator", args=[framework.screening.pk])).content.decode()
    assert page.count('app-illustrative">Illustrative</strong>') == 1
