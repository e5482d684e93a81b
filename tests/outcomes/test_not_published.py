"""Figures a source did not publish ("*", "<5"): imported as not published with their marker, never as zero
and never refused, shown as such and never rated or compared."""

from decimal import Decimal

import pytest
from django.urls import reverse

from outcomes import selectors
from outcomes.imports import IndicatorValuesImporter
from outcomes.models import Measurement
from outcomes.services import MeasurementInput, measurement_record
from spreadsheets.models import Upload
from tests.outcomes.helpers import import_indicators, text
from tests.spreadsheets.helpers import membership, problems_in, run_import, upload, xlsx_bytes

VALUES = IndicatorValuesImporter.kind
QUARTERS = ["Q1 23/24", "Q2 23/24", "Q3 23/24", "Q4 23/24"]


def bi_sheet(rows):
    return xlsx_bytes(["Indicator", *QUARTERS], rows, before=[["Figures from the BI team"], []])


def recorded():
    return sorted(Measurement.objects.values_list("indicator__code", "period", "value", "not_published"))


@pytest.fixture
def indicators(cast):
    training, screening = import_indicators(cast)
    training.target = Decimal(50)
    training.save()
    return training, screening


def test_suppressed_cells_of_a_bi_sheet_import_as_not_published_with_their_marker(cast, client_for, indicators):
    data = bi_sheet([["TR-1", 41, "*", None, "<5"], ["SC-1", "n/a", 51.2, "-", 58.1]])
    client = client_for(cast.steve)
    response = client.post(reverse("spreadsheets:indicator_values_import"), {"file": upload(data, "bi.xlsx")})
    preview = text(client.get(response["Location"]))
    assert "Value: read as not published (marker '<5')" in preview
    assert "Value: read as not published (marker '*')" in preview
    assert "New values 7" in preview  # the empty cell gives no value at all

    kept = Upload.objects.get()
    client.post(reverse("spreadsheets:confirm", args=[kept.pk]), {"digest": kept.preview["digest"]})

    assert recorded() == [
        ("SC-1", "2023/24 Q1", None, "n/a"),
        ("SC-1", "2023/24 Q2", Decimal("51.2"), ""),
        ("SC-1", "2023/24 Q3", None, "-"),
        ("SC-1", "2023/24 Q4", Decimal("58.1"), ""),
        ("TR-1", "2023/24 Q1", Decimal("41"), ""),
        ("TR-1", "2023/24 Q2", None, "*"),
        ("TR-1", "2023/24 Q4", None, "<5"),
    ]


def test_a_not_published_latest_figure_shows_as_such_on_the_scorecard_and_is_not_rated(cast, client_for, indicators):
    run_import(cast.steve, VALUES, bi_sheet([["TR-1", 41, 60, 55, "<5"]]), "bi.xlsx")

    card = selectors.scorecard(cast.partnership)
    row = next(row for row in card.rows if row.code == "TR-1")
    assert (row.latest.period, row.latest.value, row.latest.display) == ("2023/24 Q4", "", "Not published (<5)")
    assert row.rag is None and row.rag_reason == "Not published (<5): not rated"
    assert row.change_previous == row.change_year == "not compared: not published"
    assert row.travel_words == "Not compared: not published"
    assert row.trend_values == (41.0, 60.0, 55.0)  # published figures only
    assert card.rag_counts() == {"green": 0, "amber": 0, "red": 0, "not_rated": 2}

    page = text(client_for(cast.bea).get(reverse("outcomes:scorecard")))
    assert "Not published (<5) 2023/24 Q4" in page
    assert "Not compared: not published 2023/24 Q3: 55" in page  # the figure before is not told as the latest
    assert "55 2023/24" not in page


def test_a_published_figure_after_one_not_published_is_rated_and_not_compared_with_it(cast, indicators):
    run_import(cast.steve, VALUES, bi_sheet([["TR-1", 41, 60, "*", 55]]), "bi.xlsx")

    row = next(row for row in selectors.scorecard(cast.partnership).rows if row.code == "TR-1")
    assert (row.latest.display, row.rag) == ("55", "green")
    assert row.change_previous == "not compared: earlier figure not published"
    assert row.previous.display == "Not published (*)"


def test_the_indicator_page_shows_the_marker_in_its_table_and_leaves_a_gap_in_the_chart(cast, client_for, indicators):
    training, _ = indicators
    run_import(cast.steve, VALUES, bi_sheet([["TR-1", 41, "<5", 55, "*"]]), "bi.xlsx")

    page = selectors.indicator_page(cast.partnership, training.pk)
    assert page.chart_values == [41.0, None, 55.0, None]
    assert [(row.period, row.display, row.rag_label) for row in page.rows] == [
        ("2023/24 Q4", "Not published (*)", "Not rated"),
        ("2023/24 Q3", "55", "Green"),
        ("2023/24 Q2", "Not published (<5)", "Not rated"),
        ("2023/24 Q1", "41", "Red"),
    ]
    shown = text(client_for(cast.bea).get(reverse("outcomes:indicator", args=[training.pk])))
    assert "Latest: Not published (*) in 2023/24 Q4: the source did not publish the figure" in shown
    assert "The last published figure is 55, for 2023/24 Q3." in shown
    assert "2023/24 Q2 Not published (<5) Not compared: not published Not rated" in shown


def test_a_marker_beside_a_numerator_is_refused_at_the_cell(cast, indicators):
    rows = [["SC-1", "2023/24 Q1", "<5", 3, 40, None]]
    headers = ["Indicator code", "Period", "Value", "Numerator", "Denominator", "Note"]

    problems = problems_in(cast.steve, VALUES, xlsx_bytes(headers, rows))

    assert (2, "Numerator", "Leave the numerator empty for a figure that is not published") in problems
    assert recorded() == []


def test_a_figure_published_later_replaces_the_marker_and_the_history_says_so(cast, indicators):
    training, _ = indicators
    member = membership(cast.steve)
    measurement_record(member, MeasurementInput(training, "2023/24 Q1", not_published="<5"))
    measurement, created = measurement_record(member, MeasurementInput(training, "2023/24 Q1", value=Decimal(4)))

    assert not created and (measurement.value, measurement.not_published) == (Decimal(4), "")
    changes = selectors.indicator_page(cast.partnership, training.pk).history[0].changes
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("Value", "(none)", "4"),
        ("Not published (marker)", "<5", "(none)"),
    ]
