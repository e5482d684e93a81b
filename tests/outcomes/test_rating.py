"""Change, RAG and direction of travel: the words the scorecard, exports and reports all use."""

from decimal import Decimal

import pytest

from outcomes import rating
from outcomes.models import Polarity, Unit


@pytest.mark.parametrize(
    ("previous", "current", "words"),
    [
        (73, 147, "up 101%"),  # Halton: Level 2 neglect contacts 2017/18 → 2018/19
        (147, 195, "up 33%"),  # 2018/19 → 2019/20
        (690, 868, "up 26%"),  # Level 3 neglect contacts
        (868, 895, "up 3%"),
        (895, 868, "down 3%"),
        (200, 200, "no change"),
        (1000, 1001, "up less than 1%"),
    ],
)
def test_the_percentage_change_is_computed_from_the_values_as_halton_publishes_it(previous, current, words):
    assert rating.change(current, previous).words == words


def test_a_change_from_zero_gives_the_difference_not_a_division_by_zero():
    change = rating.change(5, 0)
    assert change.percent is None
    assert change.difference == 5
    assert change.words == "up 5 from zero"


def test_a_missing_previous_period_gives_no_change_and_says_so():
    change = rating.change(Decimal("51.8"), None)
    assert (change.difference, change.percent, change.direction) == (None, None, None)
    assert change.words == "no earlier figure"
    assert rating.change(None, 10).words == "no earlier figure"


def test_a_percentage_indicator_changes_in_percentage_points():
    assert rating.change(Decimal("63.4"), Decimal("59.2"), Unit.PERCENTAGE).words == "up 4.2 points"
    assert rating.change(60, 61, Unit.PERCENTAGE).words == "down 1 point"


def rate(value, polarity, target=100, tolerance=10, is_context=False):
    return rating.rate(value, target=target, polarity=polarity, amber_tolerance=tolerance, is_context=is_context)


@pytest.mark.parametrize(
    ("value", "expected"), [(120, "green"), (100, "green"), (95, "amber"), (90, "amber"), (89.9, "red"), (0, "red")]
)
def test_higher_is_better_is_green_at_target_amber_within_tolerance_below_red_further(value, expected):
    assert rate(value, Polarity.HIGHER_BETTER).code == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(80, "green"), (100, "green"), (105, "amber"), (110, "amber"), (110.5, "red")]
)
def test_lower_is_better_is_green_at_or_under_target_and_red_well_over_it(value, expected):
    assert rate(value, Polarity.LOWER_BETTER).code == expected


def test_without_a_tolerance_anything_short_of_target_is_red():
    assert rate(99, Polarity.HIGHER_BETTER, tolerance=None).code == "red"
    assert rate(101, Polarity.LOWER_BETTER, tolerance=None).code == "red"


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"is_context": True}, "A context measure: monitored, not rated"),
        ({"polarity": Polarity.NEITHER}, "Neither higher nor lower is better"),
        ({"target": None}, "No target set"),
        ({"value": None}, "No value for the period"),
    ],
)
def test_context_measures_and_indicators_without_a_direction_or_target_get_no_rag(kwargs, reason):
    arguments = {"value": 50, "polarity": Polarity.HIGHER_BETTER, **kwargs}
    result = rate(**arguments)
    assert (result.code, result.label, result.colour, result.reason) == (None, "Not rated", "grey", reason)


def test_the_amber_colour_is_the_govuk_yellow_tag_and_every_rating_has_words():
    amber = rate(95, Polarity.HIGHER_BETTER)
    assert (amber.label, amber.colour) == ("Amber", "yellow")


@pytest.mark.parametrize(
    ("previous", "current", "polarity", "symbol", "words"),
    [
        (10, 12, Polarity.HIGHER_BETTER, "▲", "Improving"),
        (12, 10, Polarity.HIGHER_BETTER, "▼", "Getting worse"),
        (12, 10, Polarity.LOWER_BETTER, "▼", "Improving"),
        (10, 12, Polarity.LOWER_BETTER, "▲", "Getting worse"),
        (147, 195, Polarity.NEITHER, "▲", "Up"),
        (10, 10, Polarity.HIGHER_BETTER, "▶", "No change"),
        (None, 10, Polarity.HIGHER_BETTER, "", "No earlier figure"),
    ],
)
def test_the_direction_of_travel_is_judged_by_the_indicators_polarity(previous, current, polarity, symbol, words):
    travel = rating.travel(rating.change(current, previous), polarity)
    assert (travel.symbol, travel.words) == (symbol, words)


@pytest.mark.parametrize(
    ("value", "denominator", "unit", "small"),
    [
        (Decimal("50.0"), 8, Unit.PERCENTAGE, True),
        (Decimal("50.0"), 10, Unit.PERCENTAGE, False),
        (7, None, Unit.COUNT, True),
        (73, None, Unit.COUNT, False),
        (Decimal("5.2"), None, Unit.RATE_PER_10K, False),
    ],
)
def test_values_built_on_small_numbers_are_flagged(value, denominator, unit, small):
    assert rating.is_small_number(value=value, denominator=denominator, unit=unit, threshold=10) is small


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("1234"), Unit.COUNT, "1,234"),
        (Decimal("63.50"), Unit.PERCENTAGE, "63.5%"),
        (Decimal("51.8"), Unit.RATE_PER_10K, "51.8 per 10,000"),
        (Decimal("23.00"), Unit.DAYS, "23 days"),
        (None, Unit.COUNT, "No data"),
    ],
)
def test_values_are_shown_in_their_unit(value, unit, text):
    assert rating.display(value, unit) == text
