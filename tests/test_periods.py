import datetime
import re

import pytest

from neglect_portal.periods import Period, add_working_days, is_working_day, recent_quarters


def every_day_of(year):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


@pytest.mark.parametrize("year", [2023, 2024])  # 2024 is a leap year
def test_every_date_of_a_year_maps_to_the_financial_quarter_that_contains_it(year):
    for day in every_day_of(year):
        period = Period.quarter_of(day)
        assert period.start <= day <= period.end
        expected_quarter = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3, 1: 4, 2: 4, 3: 4}[day.month]
        assert period.quarter == expected_quarter
        assert period.year == (day.year if day.month >= 4 else day.year - 1)


def test_quarter_one_is_april_to_june():
    q1 = Period.parse("2023/24 Q1")
    assert (q1.start, q1.end) == (datetime.date(2023, 4, 1), datetime.date(2023, 6, 30))


def test_quarter_four_is_january_to_march_of_the_next_calendar_year():
    q4 = Period.parse("2023/24 Q4")
    assert (q4.start, q4.end) == (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))


def test_a_financial_year_runs_from_april_to_march():
    year = Period.parse("2018/19")
    assert (year.start, year.end) == (datetime.date(2018, 4, 1), datetime.date(2019, 3, 31))
    assert not year.is_quarter
    assert [q.label for q in year.quarters()] == ["2018/19 Q1", "2018/19 Q2", "2018/19 Q3", "2018/19 Q4"]


@pytest.mark.parametrize("label", ["2023/24 Q1", "2023/24 Q4", "2018/19", "1999/00", "2099/00 Q2"])
def test_labels_round_trip(label):
    assert Period.parse(label).label == label


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("2023-24 Q2", "2023/24 Q2"),
        ("2023/2024 q3", "2023/24 Q3"),
        (" FY2023/24 ", "2023/24"),
        ("2023/24, Q1", "2023/24 Q1"),
    ],
)
def test_common_ways_of_writing_a_period_are_understood(written, label):
    assert Period.parse(written).label == label


@pytest.mark.parametrize("bad", ["", "2023", "2023/25", "2023/24 Q5", "Q1 2023", "23/24 Q1", "2023/24 Q0"])
def test_labels_that_are_not_periods_are_refused_with_a_message(bad):
    with pytest.raises(ValueError, match=r"period|financial year"):
        Period.parse(bad)


def test_the_previous_period_of_2023_24_q1_is_2022_23_q4():
    assert Period.parse("2023/24 Q1").previous().label == "2022/23 Q4"


def test_next_and_previous_undo_each_other_across_years():
    period = Period.parse("2022/23 Q4")
    assert period.next().label == "2023/24 Q1"
    assert period.next().previous() == period


def test_the_same_period_a_year_earlier():
    assert Period.parse("2023/24 Q3").year_earlier().label == "2022/23 Q3"
    assert Period.parse("2019/20").year_earlier().label == "2018/19"
    assert Period.parse("2019/20").previous().label == "2018/19"


def test_periods_sort_in_time_order():
    labels = ["2023/24 Q2", "2022/23 Q4", "2023/24 Q1", "2021/22"]
    assert [p.label for p in sorted(Period.parse(x) for x in labels)] == [
        "2021/22",
        "2022/23 Q4",
        "2023/24 Q1",
        "2023/24 Q2",
    ]


def test_recent_quarters_end_with_the_given_quarter_oldest_first():
    assert [p.label for p in recent_quarters(3, Period.parse("2024/25 Q1"))] == [
        "2023/24 Q3",
        "2023/24 Q4",
        "2024/25 Q1",
    ]


def test_working_days_skip_weekends_and_english_bank_holidays():
    # 2026/27 Q3 ends on Thursday 31 December 2026; 25, 28 December and 1 January are bank holidays.
    assert not is_working_day(datetime.date(2026, 12, 28))
    assert add_working_days(datetime.date(2026, 12, 31), 1) == datetime.date(2027, 1, 4)
    assert add_working_days(datetime.date(2026, 12, 31), 15) == datetime.date(2027, 1, 22)
    # Ten working days before the end of 2026/27 Q2 (Wednesday 30 September 2026).
    assert add_working_days(datetime.date(2026, 9, 30), -10) == datetime.date(2026, 9, 16)
    assert add_working_days(datetime.date(2026, 9, 30), 0) == datetime.date(2026, 9, 30)


@pytest.mark.parametrize(
    "written",
    [
        "2023/24 Q1",
        "Q1 23/24",
        "Q1 2023/24",
        "2023-24 Q1",
        "Q1 2023-2024",
        "quarter 1 2023/24",
        " q1  fy23/24 ",
        "23/24 Q1",
    ],
)
def test_a_quarter_is_read_in_the_forms_people_write_it(written):
    assert Period.read(written) == Period(2023, 1)


@pytest.mark.parametrize(
    "written", ["30/06/2023", "2023-06-30", datetime.date(2023, 6, 30), datetime.datetime(2023, 6, 30)]
)
def test_a_quarters_last_day_reads_as_the_quarter(written):
    assert Period.read(written) == Period(2023, 1)


def test_a_financial_year_is_read_with_or_without_fy():
    assert Period.read("FY 2023/24") == Period.read("2023-2024") == Period(2023)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("31/05/2024", "31/05/2024 is not the last day of a quarter: enter the quarter, like 2024/25 Q1"),
        ("Q5 23/24", "“Q5 23/24” is not a period: write it like 2023/24 Q1, Q1 23/24"),
        ("2023/25 Q1", "“2023/25 Q1” is not a financial year: the second year must follow the first"),
        ("", "Enter the period, like 2023/24 Q1"),
        (42, "Enter the period, like 2023/24 Q1"),
    ],
)
def test_what_is_not_a_period_is_refused_with_what_to_write(written, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        Period.read(written)
