"""The values people write for numbers, suppressed figures and due dates, read the same way everywhere."""

import datetime
from decimal import Decimal

import pytest

from neglect_portal.values import ValueProblem, not_published_marker, read_due_date, read_number
from spreadsheets import cells, colours


@pytest.mark.parametrize(
    ("written", "number"),
    [("1,234", Decimal(1234)), ("1 234", Decimal(1234)), ("64.8%", Decimal("64.8")), (12.5, Decimal("12.5"))],
)
def test_numbers_are_read_with_thousands_separators_and_percent_signs(written, number):
    assert read_number(written, "Enter a number", allow_percent_sign=True) == number


def test_a_percent_sign_where_no_percentage_is_expected_says_so():
    with pytest.raises(ValueProblem, match=r"^Enter a number, without a % sign$"):
        read_number("64.8%", "Enter a number")


@pytest.mark.parametrize(
    "written", ["*", "<5", "< 5", "≤10", "n/a", "N/A", "[c]", "[x]", "x", "c", "..", "-", "Suppressed"]
)
def test_suppressed_markers_are_recognised_as_written(written):
    assert not_published_marker(written) == written


@pytest.mark.parametrize("written", ["5", "0", "none", "", None, 5])
def test_figures_and_empty_cells_are_not_suppression_markers(written):
    assert not_published_marker(written) is None


@pytest.mark.parametrize(
    ("written", "due", "how"),
    [
        ("March 2024", datetime.date(2024, 3, 31), "the last day of March 2024"),
        ("feb 2024", datetime.date(2024, 2, 29), "the last day of February 2024"),
        ("Mar-24", datetime.date(2024, 3, 31), "the last day of March 2024"),
        ("by end of June 2025", datetime.date(2025, 6, 30), "the last day of June 2025"),
        ("Q4 2023/24", datetime.date(2024, 3, 31), "the last day of 2023/24 Q4"),
        ("2023/24 Q2", datetime.date(2023, 9, 30), "the last day of 2023/24 Q2"),
        ("2024/25", datetime.date(2025, 3, 31), "the last day of the financial year 2024/25"),
        ("31/03/2027", datetime.date(2027, 3, 31), ""),
        (datetime.datetime(2027, 3, 31), datetime.date(2027, 3, 31), ""),
    ],
)
def test_due_dates_are_read_from_dates_months_and_financial_quarters(written, due, how):
    read = read_due_date(written, cells.date)
    assert (read.date, read.how) == (due, how)


@pytest.mark.parametrize("written", ["Ongoing", "on-going", "ONGOING ", "Quarterly", "TBC"])
def test_ongoing_and_recurring_due_dates_have_no_date(written):
    assert read_due_date(written, cells.date).ongoing


def test_a_due_date_that_cannot_be_read_says_what_to_write():
    with pytest.raises(cells.CellError, match=r"^Enter a date like 31/03/2027, a month like March 2027, or Ongoing$"):
        cells.due_date("soon")


@pytest.mark.parametrize(
    ("rgb", "rag"),
    [
        ("FF0000", "red"),
        ("C00000", "red"),
        ("FFC7CE", "red"),
        ("FFC000", "amber"),
        ("FFEB9C", "amber"),
        ("FFFF00", "amber"),
        ("ED7D31", "amber"),
        ("00B050", "green"),
        ("92D050", "green"),
        ("C6EFCE", "green"),
        ("0070C0", "blue"),
        ("9BC2E6", "blue"),
        ("D9D9D9", None),
        ("FFFFFF", None),
        ("000000", None),
        ("7030A0", None),
    ],
)
def test_a_fill_colour_is_read_as_the_nearest_rag_colour_and_greys_are_none(rgb, rag):
    assert colours.rag_colour(rgb) == rag
