"""A BI team's sheet: one row per indicator, one column per quarter, turned into one value per indicator and quarter."""

from decimal import Decimal

from django.urls import reverse
from freezegun import freeze_time

from outcomes.imports import IndicatorValuesImporter
from outcomes.models import Measurement
from spreadsheets.models import Upload
from tests.outcomes.helpers import import_indicators, text
from tests.spreadsheets.helpers import problems_in, run_import, upload, xlsx_bytes

VALUES = IndicatorValuesImporter.kind
QUARTERS = ["Q1 23/24", "Q2 23/24", "Q3 23/24", "Q4 23/24"]


def bi_sheet(rows):
    title = ["Neglect scorecard: figures from the BI team"]
    return xlsx_bytes(["Indicator", "Description", *QUARTERS], rows, before=[title, []])


def recorded():
    return sorted(Measurement.objects.values_list("indicator__code", "period", "value"))


def test_a_wide_bi_sheet_becomes_one_value_per_indicator_and_quarter_matched_by_code_or_name(cast, client_for):
    import_indicators(cast)
    data = bi_sheet(
        [
            ["TR-1", "Staff trained (count)", 41, 52, None, 60],  # an empty quarter gives no value
            ["Assessments using the toolkit", "Percentage", "48.5%", 51.2, 55, 58.1],  # matched by name
        ]
    )
    client = client_for(cast.steve)
    response = client.post(reverse("spreadsheets:indicator_values_import"), {"file": upload(data, "bi.xlsx")})
    assert response["Location"] == reverse("spreadsheets:preview", args=[Upload.objects.get().pk])  # no matching
    shown = text(client.get(response["Location"]))
    assert "New values 7" in shown and "SC-1 2023/24 Q1: Assessments using the toolkit" in shown
    assert "A column for each period: every cell is read as the value of its row for that period." in shown

    upload_row = Upload.objects.get()
    client.post(reverse("spreadsheets:confirm", args=[upload_row.pk]), {"digest": upload_row.preview["digest"]})
    assert recorded() == [
        ("SC-1", "2023/24 Q1", Decimal("48.5")),
        ("SC-1", "2023/24 Q2", Decimal("51.2")),
        ("SC-1", "2023/24 Q3", Decimal("55")),
        ("SC-1", "2023/24 Q4", Decimal("58.1")),
        ("TR-1", "2023/24 Q1", Decimal("41")),
        ("TR-1", "2023/24 Q2", Decimal("52")),
        ("TR-1", "2023/24 Q4", Decimal("60")),
    ]


def test_a_bad_cell_of_a_wide_sheet_is_named_by_its_row_and_quarter_column_and_nothing_is_imported(cast):
    import_indicators(cast)
    data = bi_sheet([["TR-1", "", 41, "lots", 50, 60], ["No such indicator", "", 1, 2, 3, 4]])

    problems = problems_in(cast.steve, VALUES, data)

    assert (4, "Q2 23/24", "Enter the value as a number, like 147") in problems
    assert any(
        row == 5 and "There is no indicator with the code No such indicator" in message for row, _, message in problems
    )
    assert recorded() == []


def test_the_same_bi_sheet_imported_again_changes_nothing(cast):
    import_indicators(cast)
    data = bi_sheet([["TR-1", "", 41, 52, 57, 60]])
    run_import(cast.steve, VALUES, data, "bi.xlsx")

    assert run_import(cast.steve, VALUES, data, "bi.xlsx").counts == {"new": 0, "changed": 0, "unchanged": 4}


@freeze_time("2026-11-29 10:00")
def test_a_quarter_column_of_a_wide_sheet_that_has_not_ended_is_refused_by_its_row_and_heading(cast):
    import_indicators(cast)
    data = xlsx_bytes(["Indicator", "Q2 26/27", "Q3 26/27"], [["TR-1", 41, 12]])

    problems = problems_in(cast.steve, VALUES, data)

    assert problems == [(2, "Q3 26/27", "2026/27 Q3 has not ended yet: record its value from 1 January 2027")]
    assert recorded() == []
