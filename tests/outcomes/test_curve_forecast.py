"""The forecast of a turn-the-curve plan: a straight line over the last eight published values, continued."""

import pytest

from outcomes.curve.forecast import AHEAD, FIT_POINTS, MIN_POINTS, linear_forecast


def quarters(values, first_year=2024):
    labels = []
    year, quarter = first_year, 1
    for _ in values:
        labels.append(f"{year}/{str(year + 1)[2:]} Q{quarter}")
        quarter += 1
        if quarter == 5:
            year, quarter = year + 1, 1
    return list(zip(labels, values, strict=True))


def test_a_straight_rise_is_continued_by_the_same_step_for_four_quarters():
    forecast = linear_forecast(quarters([10, 12, 14, 16, 18]))
    assert forecast.is_drawn
    assert forecast.slope == 2
    assert forecast.points == [("2025/26 Q2", 20), ("2025/26 Q3", 22), ("2025/26 Q4", 24), ("2026/27 Q1", 26)]
    assert len(forecast.points) == AHEAD


def test_only_the_last_eight_values_are_fitted_so_an_old_level_does_not_bend_the_line():
    # Four years flat at 100, then eight quarters falling by 5 from 90: the line follows the fall alone.
    series = quarters([100] * 8 + [90, 85, 80, 75, 70, 65, 60, 55])
    forecast = linear_forecast(series)
    assert forecast.fitted_on == [label for label, _ in series[-FIT_POINTS:]]
    assert forecast.slope == -5
    assert forecast.points[0] == ("2028/29 Q1", 50)


def test_the_line_is_the_least_squares_fit_worked_out_by_hand():
    # x = -3..0 for 2, 4, 5, 9: mean x -1.5, mean y 5.
    # Σ(x-x̄)(y-ȳ) = (-1.5)(-3) + (-0.5)(-1) + (0.5)(0) + (1.5)(4) = 4.5 + 0.5 + 0 + 6 = 11; Σ(x-x̄)² = 5
    # slope 2.2, value at x=0: 5 + 2.2 * 1.5 = 8.3, so the next quarter is 10.5.
    forecast = linear_forecast(quarters([2, 4, 5, 9]))
    assert forecast.slope == pytest.approx(2.2)
    assert forecast.points[0][1] == pytest.approx(10.5)


def test_fewer_than_four_published_values_are_refused_with_the_reason():
    forecast = linear_forecast(quarters([10, 12, 14]))
    assert not forecast.is_drawn
    assert forecast.points == []
    assert f"at least {MIN_POINTS} published values" in forecast.reason
    assert "only 3 published values" in forecast.reason


def test_values_not_published_do_not_count_towards_the_four():
    forecast = linear_forecast(quarters([10, None, 14, None, 18]))
    assert not forecast.is_drawn
    assert "only 3 published values" in forecast.reason


def test_no_values_at_all_is_refused_too():
    assert "no published values" in linear_forecast([]).reason


def test_a_gap_in_the_quarters_keeps_the_time_between_the_values():
    # 2024/25 Q1, Q2, Q4 and 2025/26 Q1 rising by 1 a quarter (Q3 missing): still 1 a quarter.
    forecast = linear_forecast([("2024/25 Q1", 1), ("2024/25 Q2", 2), ("2024/25 Q4", 4), ("2025/26 Q1", 5)])
    assert forecast.slope == pytest.approx(1)
    assert forecast.points[0] == ("2025/26 Q2", 6)


def test_yearly_figures_of_a_quarterly_indicator_are_not_mixed_in():
    series = [("2023/24", 500), *quarters([10, 11, 12, 13])]
    assert linear_forecast(series).fitted_on == ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4"]


def test_annual_figures_are_continued_year_by_year():
    forecast = linear_forecast([("2016/17", 73), ("2017/18", 147), ("2018/19", 195), ("2019/20", 221)])
    assert [label for label, _ in forecast.points] == ["2020/21", "2021/22", "2022/23", "2023/24"]


def test_a_forecast_stays_within_what_the_unit_allows():
    falling = linear_forecast(quarters([30, 20, 10, 5]), low=0)
    assert min(value for _, value in falling.points) == 0
    rising = linear_forecast(quarters([70, 80, 90, 98]), high=100)
    assert max(value for _, value in rising.points) == 100


def test_the_method_and_caveat_are_stated():
    forecast = linear_forecast(quarters([1, 2, 3, 4]))
    assert "last 8 published values" in forecast.method
    assert "assumes nothing changes" in forecast.caveat
