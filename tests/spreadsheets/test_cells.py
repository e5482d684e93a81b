"""Cell values read the way people type them in Excel, or refused with the message for that cell."""

import datetime
from decimal import Decimal

import pytest

from spreadsheets import cells

MARCH_31 = datetime.date(2027, 3, 31)


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2027, 3, 31),
        MARCH_31,
        "31/03/2027",
        "31/3/2027",
        "31/03/27",
        "2027-03-31",
        "2027-03-31 00:00:00",
        "31 Mar 2027",
        "31 March 2027",
        " 31/03/2027 ",
    ],
)
def test_dates_are_read_from_excel_dates_and_the_ways_people_write_them(value):
    assert cells.date(value) == MARCH_31


@pytest.mark.parametrize("value", ["31/02/2027", "next March", "03/31/2027", 45000, datetime.datetime(2027, 3, 31, 9)])
def test_anything_else_in_a_date_column_asks_for_a_date(value):
    with pytest.raises(cells.CellError, match=r"^Enter a date like 31/03/2027$"):
        cells.date(value)


def test_a_date_with_an_unlikely_year_asks_to_check_the_year():
    with pytest.raises(cells.CellError, match=r"^Check the year: enter a date like 31/03/2027$"):
        cells.date("31/03/0227")


@pytest.mark.parametrize(("value", "expected"), [(147, "147"), (51.8, "51.8"), ("1,234", "1234"), ("-2.5", "-2.5")])
def test_numbers_are_read_exactly(value, expected):
    assert cells.number(value, "Enter a number") == Decimal(expected)


def test_a_percent_sign_is_allowed_only_where_a_percentage_is_expected():
    assert cells.number("63.5%", "Enter a number", allow_percent_sign=True) == Decimal("63.5")
    with pytest.raises(cells.CellError, match=r"^Enter a number, without a % sign$"):
        cells.number("63.5%", "Enter a number")


@pytest.mark.parametrize("value", ["about 40", "1.2.3", True, datetime.date(2027, 1, 1)])
def test_text_in_a_number_column_is_refused(value):
    with pytest.raises(cells.CellError, match=r"^Enter a number$"):
        cells.number(value, "Enter a number")


def test_whole_numbers_accept_excel_floats_and_text_but_not_fractions():
    assert [cells.whole_number(v, "Whole") for v in (46, 46.0, "46", "1,046")] == [46, 46, 46, 1046]
    with pytest.raises(cells.CellError, match=r"^Whole$"):
        cells.whole_number(46.5, "Whole")


def test_text_is_what_excel_shows_and_long_text_is_refused():
    assert [cells.text(v) for v in (None, 3, 1.0, 1.5, MARCH_31, "  P1.1 ")] == [
        "",
        "3",
        "1",
        "1.5",
        "31/03/2027",
        "P1.1",
    ]
    with pytest.raises(cells.CellError, match=r"^The reference must be 5 characters or fewer \(it has 6\)$"):
        cells.text("P1.100", max_length=5, label="The reference")
