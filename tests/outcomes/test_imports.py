"""Importing indicator values through outcomes.services, all or nothing, by those who supply them."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from freezegun import freeze_time

from neglect_portal.periods import current_quarter
from outcomes.imports import IndicatorValuesImporter
from outcomes.models import Frequency, Measurement
from spreadsheets import services
from spreadsheets.importers import ImportProblems
from spreadsheets.readers import read_table
from tests import factories as f
from tests.outcomes.helpers import TEMPLATE_VALUE_HEADERS, VALUE_HEADERS, import_indicators
from tests.spreadsheets.helpers import (
    csv_bytes,
    instructions,
    membership,
    problems_in,
    run_import,
    template_workbook,
    xlsx_bytes,
)

VALUES = IndicatorValuesImporter.kind
LAST = current_quarter().previous()
BEFORE = LAST.previous()


@pytest.fixture
def indicators(cast):
    return import_indicators(cast)


def recorded():
    return sorted(
        Measurement.objects.values_list("indicator__code", "period", "value", "numerator", "denominator", "note")
    )


def test_a_good_xlsx_file_adds_and_corrects_values(cast, indicators):
    training, _ = indicators
    f.MeasurementFactory(indicator=training, period=BEFORE.label, value=80, note="Old note")
    rows = [
        ["TR-1", BEFORE.label, 84, None, None, "Corrected after audit"],
        ["tr-1", LAST.label, 91, None, None, None],
        ["SC-1", LAST.label, None, 46, 71, "Toolkit now used in most assessments"],
    ]
    result = run_import(cast.steve, VALUES, xlsx_bytes(VALUE_HEADERS, rows), "values.xlsx")

    assert result.counts == {"new": 2, "changed": 1, "unchanged": 0}
    assert result.summary == "2 values added, 1 corrected and 0 unchanged"
    assert recorded() == [
        ("SC-1", LAST.label, Decimal("64.8"), 46, 71, "Toolkit now used in most assessments"),
        ("TR-1", BEFORE.label, Decimal("84"), None, None, "Corrected after audit"),
        ("TR-1", LAST.label, Decimal("91"), None, None, ""),
    ]
    assert Measurement.objects.get(indicator=training, period=BEFORE.label).history.first().history_user == cast.steve


def test_a_good_csv_file_imports_and_a_percent_sign_is_fine_for_a_percentage(cast, indicators):
    data = csv_bytes(VALUE_HEADERS, [["SC-1", LAST.label.lower(), "63.5%", "", "", ""]])
    run_import(cast.lee, VALUES, data, "values.csv")
    assert recorded() == [("SC-1", LAST.label, Decimal("63.5"), None, None, "")]


@pytest.mark.parametrize("bad_position", [0, 1, 2], ids=["first row", "middle row", "last row"])
def test_a_file_with_one_bad_row_imports_nothing_and_names_the_bad_cell(cast, indicators, bad_position):
    periods = [LAST.shift(-n).label for n in range(3)]
    rows = [["TR-1", period, 10 + n, None, None, None] for n, period in enumerate(periods)]
    rows[bad_position][2] = "about forty"

    problems = problems_in(cast.steve, VALUES, xlsx_bytes(VALUE_HEADERS, rows))

    assert problems == [(bad_position + 2, "Value", "Enter the value as a number, like 147")]
    assert recorded() == []


def test_every_problem_is_listed_in_the_words_of_the_indicator_page(cast, indicators):
    f.IndicatorFactory(partnership=cast.partnership, code="AN-1", frequency=Frequency.ANNUAL)
    future = current_quarter().next().label
    rows = [
        ["XX-9", LAST.label, 5, None, None, None],
        ["TR-1", "2026/27 Q5", 5, None, None, None],
        ["TR-1", future, 5, None, None, None],
        ["SC-1", LAST.label, 101, None, None, None],
        ["SC-1", BEFORE.label, None, 80, 71, None],
        ["TR-1", BEFORE.label, "12%", None, None, None],
        ["AN-1", LAST.label, 3, None, None, None],
        ["TR-1", LAST.label, 7, None, None, None],
        ["TR-1", LAST.label, 8, None, None, None],
        ["TR-1", None, 8.123, None, None, None],
    ]
    problems = problems_in(cast.steve, VALUES, xlsx_bytes(VALUE_HEADERS, rows))

    assert problems == [
        (
            2,
            "Indicator code",
            "There is no indicator with the code XX-9 in Northshire Safeguarding Children Partnership",
        ),
        (
            3,
            "Period",
            "“2026/27 Q5” is not a period: write it like 2023/24 Q1, Q1 23/24, Q1 2023/24, 2023-24 Q1, "
            "a quarter's last day such as 30/06/2023, or 2023/24",
        ),
        (4, "Period", f"{future} has not started yet"),
        (5, "Value", "A percentage cannot be more than 100"),
        (6, "Value", "Enter the value"),
        (6, "Numerator", "The numerator cannot be more than the denominator"),
        (7, "Value", "Enter the value as a number, like 147, without a % sign"),
        (8, "Period", f"AN-1 is annual: give a financial year, such as {LAST.year_label}"),
        (10, "Period", f"TR-1 {LAST.label} is also in row 9"),
        (11, "Period", "Enter the period, like 2026/27 Q2"),
        (11, "Value", "Give the value with no more than 2 decimal places"),
    ]


def test_a_period_excel_turned_into_a_date_is_explained(cast, indicators):
    import datetime

    rows = [["TR-1", datetime.datetime(2026, 7, 1), 5, None, None, None]]
    assert problems_in(cast.steve, VALUES, xlsx_bytes(VALUE_HEADERS, rows)) == [
        (
            2,
            "Period",
            "01/07/2026 is not the last day of a quarter. Enter the period as text, like 2026/27 Q2: "
            "Excel may have changed it into a date (format the column as Text)",
        )
    ]


def test_a_sponsor_may_import_only_the_values_their_agency_supplies(cast, indicators):
    rows = [["TR-1", LAST.label, 5, None, None, None], ["SC-1", LAST.label, 50, None, None, None]]
    assert problems_in(cast.sam, VALUES, xlsx_bytes(VALUE_HEADERS, rows)) == [
        (3, "Indicator code", "You cannot enter values for SC-1: its figures come from Northshire Council")
    ]
    assert recorded() == []
    run_import(cast.sam, VALUES, xlsx_bytes(VALUE_HEADERS, rows[:1]), "values.xlsx")
    assert recorded() == [("TR-1", LAST.label, Decimal("5"), None, None, "")]


def test_board_members_cannot_import_values(cast, indicators):
    data = xlsx_bytes(VALUE_HEADERS, [["TR-1", LAST.label, 5, None, None, None]])
    with pytest.raises(PermissionDenied):
        services.upload_create(membership(cast.bea), VALUES, "values.xlsx", data)


def test_another_partnerships_indicator_codes_mean_nothing(cast, indicators):
    data = xlsx_bytes(VALUE_HEADERS, [["TR-1", LAST.label, 5, None, None, None]])
    assert problems_in(cast.charlie, VALUES, data) == [
        (
            2,
            "Indicator code",
            "There is no indicator with the code TR-1 in Southshire Safeguarding Children Partnership",
        )
    ]
    assert recorded() == []


def test_a_note_column_left_out_keeps_the_recorded_note(cast, indicators):
    training, _ = indicators
    f.MeasurementFactory(indicator=training, period=LAST.label, value=80, note="Two courses cancelled")
    run_import(
        cast.steve, VALUES, xlsx_bytes(["Indicator code", "Period", "Value"], [["TR-1", LAST.label, 82]]), "v.xlsx"
    )
    assert recorded() == [("TR-1", LAST.label, Decimal("82"), None, None, "Two courses cancelled")]


def test_problems_found_when_writing_are_mapped_back_to_rows_and_columns(cast, indicators):
    importer = IndicatorValuesImporter(membership(cast.steve))
    data = xlsx_bytes(
        VALUE_HEADERS, [["TR-1", LAST.label, 5, None, None, None], ["TR-1", BEFORE.label, 6, None, None, None]]
    )
    preview, problems = importer.plan(read_table(data, "v.xlsx", importer.columns))
    assert problems == []
    # The indicator became annual between the check and the write.
    importer.indicators["tr-1"].frequency = Frequency.ANNUAL

    with pytest.raises(ImportProblems) as refused:
        importer.apply(preview)

    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "Period"), (3, "Period")]
    assert recorded() == []


def test_a_note_holding_an_nhs_number_is_refused_and_nothing_is_recorded(cast, indicators):
    rows = [["TR-1", LAST.label, 12, None, None, "Includes the twins, NHS 401-023-2137"]]

    problems = problems_in(cast.steve, VALUES, xlsx_bytes(VALUE_HEADERS, rows))

    assert problems == [
        (2, "Note", "Remove the NHS number: the portal must not hold information that identifies a child")
    ]
    assert recorded() == []


def test_a_value_that_happens_to_pass_the_nhs_check_is_an_ordinary_figure(cast, indicators):
    rows = [["TR-1", LAST.label, 4010232137, None, None, "Ring 0121 496 0000 with questions"]]

    run_import(cast.steve, VALUES, xlsx_bytes(VALUE_HEADERS, rows), "values.xlsx")

    assert recorded() == [("TR-1", LAST.label, Decimal("4010232137"), None, None, "Ring 0121 496 0000 with questions")]


def test_the_indicator_values_template_lists_only_the_indicators_the_person_may_enter(cast, indicators, client_for):
    client = client_for(cast.sam)
    book = template_workbook(client, VALUES)

    assert book.sheetnames == ["Indicator values", "Instructions", "Indicators"]
    assert [list(row) for row in book["Indicator values"].iter_rows(values_only=True)] == [TEMPLATE_VALUE_HEADERS]
    listed = list(book["Indicators"].iter_rows(values_only=True))[3:]
    assert listed == [("TR-1", "Staff trained", "Count", "Quarterly", "Northshire ICB")]
    guide = instructions(book)
    assert guide["Indicator code"][2] == "TR-1 (see the Indicators sheet)"

    example = [values[3] for values in guide.values()]
    book["Indicator values"].append(example)
    buffer = io.BytesIO()
    book.save(buffer)
    run_import(cast.sam, VALUES, buffer.getvalue(), "values.xlsx")
    assert Measurement.objects.get().indicator.code == "TR-1"


@freeze_time("2026-11-29 10:00")
def test_a_row_for_a_quarter_that_has_not_ended_is_refused_by_row_and_column_and_nothing_is_imported(cast, indicators):
    rows = [
        ["TR-1", "2026/27 Q2", 40, None, None, None],
        ["TR-1", "Q3 26/27", 12, None, None, None],
    ]

    problems = problems_in(cast.steve, VALUES, xlsx_bytes(VALUE_HEADERS, rows))

    assert problems == [(3, "Period", "2026/27 Q3 has not ended yet: record its value from 1 January 2027")]
    assert recorded() == []


@freeze_time("2026-11-29 10:00")
def test_a_monthly_indicators_quarter_so_far_imports_once_its_first_month_has_ended(cast, indicators):
    training, _ = indicators
    training.frequency = Frequency.MONTHLY
    training.save()

    run_import(cast.steve, VALUES, xlsx_bytes(VALUE_HEADERS, [["TR-1", "2026/27 Q3", 12, None, None, None]]), "v.xlsx")

    assert recorded() == [("TR-1", "2026/27 Q3", Decimal("12"), None, None, "")]
