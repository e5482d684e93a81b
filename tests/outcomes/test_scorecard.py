"""The scorecard selector: each indicator's latest figure, changes, RAG and trend, in two queries."""

import json
from decimal import Decimal

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from neglect_portal.periods import Period
from outcomes import selectors
from outcomes.models import Frequency, Polarity, RBACategory, Unit
from tests import factories as f


def halton_contacts(partnership):
    indicator = f.IndicatorFactory(
        partnership=partnership,
        code="HAL-01",
        name="Level 2 Early Help contacts where neglect is the presenting issue",
        frequency=Frequency.ANNUAL,
        polarity=Polarity.NEITHER,
        is_context=True,
    )
    for period, value in [("2017/18", 73), ("2018/19", 147), ("2019/20", 195)]:
        f.MeasurementFactory(indicator=indicator, period=period, value=value)
    return indicator


def quarterly(partnership, code, values, **fields):
    indicator = f.IndicatorFactory(partnership=partnership, code=code, frequency=Frequency.QUARTERLY, **fields)
    for period, value in values:
        f.MeasurementFactory(indicator=indicator, period=period, value=value)
    return indicator


def row(card, code):
    return next(r for r in card.rows if r.code == code)


def test_the_scorecard_shows_halton_contacts_up_33_percent_on_the_year_before(cast):
    halton_contacts(cast.partnership)
    contacts = row(selectors.scorecard(cast.partnership), "HAL-01")
    assert contacts.latest.period == "2019/20" and contacts.latest.display == "195"
    assert contacts.previous.period == "2018/19" and contacts.change_previous == "up 33%"
    assert contacts.rag is None and contacts.rag_label == "Not rated"
    assert contacts.travel_words == "Up" and contacts.travel_symbol == "▲"
    assert contacts.trend == [("2017/18", 73.0), ("2018/19", 147.0), ("2019/20", 195.0)]


def test_as_at_an_earlier_period_the_scorecard_shows_the_figure_known_then(cast):
    halton_contacts(cast.partnership)
    contacts = row(selectors.scorecard(cast.partnership, as_of=Period.parse("2019/20 Q2")), "HAL-01")
    # 2019/20 had not ended by the end of Q2, so 2018/19 is the latest figure: up 101% on 2017/18.
    assert contacts.latest.period == "2018/19"
    assert contacts.change_previous == "up 101%"


def test_a_quarterly_indicator_compares_with_the_quarter_before_and_the_same_quarter_a_year_earlier(cast):
    quarterly(
        cast.partnership,
        "CP-01",
        [("2025/26 Q2", Decimal("58.4")), ("2026/27 Q1", Decimal("53.9")), ("2026/27 Q2", Decimal("51.8"))],
        unit=Unit.RATE_PER_10K,
        polarity=Polarity.LOWER_BETTER,
        target=Decimal("50"),
        amber_tolerance=Decimal("5"),
        rba_category=RBACategory.BETTER_OFF,
    )
    cp = row(selectors.scorecard(cast.partnership), "CP-01")
    assert cp.latest.display == "51.8 per 10,000"
    assert (cp.previous.period, cp.change_previous) == ("2026/27 Q1", "down 4%")
    assert (cp.year_earlier.period, cp.change_year) == ("2025/26 Q2", "down 11%")
    assert (cp.rag, cp.rag_colour, cp.travel_words) == ("amber", "yellow", "Improving")
    assert cp.target_display == "50 per 10,000"


def test_a_missing_previous_quarter_is_shown_as_no_earlier_figure(cast):
    quarterly(cast.partnership, "TR-01", [("2025/26 Q3", 80), ("2026/27 Q2", 82)], target=75)
    training = row(selectors.scorecard(cast.partnership), "TR-01")
    assert training.previous is None and training.change_previous == "no earlier figure"
    assert training.year_earlier is None and training.travel_words == "No earlier figure"
    assert training.rag == "green"


def test_an_indicator_without_values_is_listed_with_no_data(cast):
    f.IndicatorFactory(partnership=cast.partnership, code="NEW-01")
    new = row(selectors.scorecard(cast.partnership), "NEW-01")
    assert new.latest is None and new.rag is None and new.trend == []


def test_indicators_are_grouped_by_rba_question_in_order_and_filtered_by_priority(cast):
    quarterly(cast.partnership, "B-1", [], rba_category=RBACategory.BETTER_OFF, priority=cast.p1)
    quarterly(cast.partnership, "A-1", [], rba_category=RBACategory.HOW_MUCH, priority=cast.p2)
    quarterly(cast.partnership, "W-1", [], rba_category=RBACategory.HOW_WELL, priority=cast.p1)
    card = selectors.scorecard(cast.partnership)
    assert [g.label for g in card.groups] == ["How much did we do?", "How well did we do it?", "Is anyone better off?"]
    assert [r.code for r in selectors.scorecard(cast.partnership, priority=cast.p1).rows] == ["W-1", "B-1"]


def test_another_partnerships_indicators_never_appear(cast):
    quarterly(cast.other, "SOUTH-1", [("2026/27 Q1", 5)])
    assert selectors.scorecard(cast.partnership).rows == []


def test_a_value_on_a_small_denominator_is_flagged(cast, settings):
    settings.SMALL_NUMBER_THRESHOLD = 10
    indicator = f.IndicatorFactory(partnership=cast.partnership, code="PC-1", unit=Unit.PERCENTAGE)
    f.MeasurementFactory(indicator=indicator, period="2026/27 Q1", value=Decimal("50"), numerator=4, denominator=8)
    assert row(selectors.scorecard(cast.partnership), "PC-1").latest.small_number is True


def test_the_scorecard_goes_into_a_json_snapshot_and_comes_back_the_same(cast):
    halton_contacts(cast.partnership)
    card = selectors.scorecard(cast.partnership)
    data = json.loads(json.dumps(card.as_data(), cls=DjangoJSONEncoder))
    assert selectors.scorecard_from_data(data) == card


@pytest.mark.parametrize("count", [3, 30])
def test_the_scorecard_runs_three_queries_whatever_the_number_of_indicators(cast, django_assert_num_queries, count):
    for n in range(count):
        indicator = quarterly(cast.partnership, f"Q-{n:02d}", [("2026/27 Q1", n), ("2026/27 Q2", n + 1)], target=10)
        f.ComparatorValueFactory(indicator=indicator, period="2025/26")
        f.ComparatorValueFactory(indicator=indicator, kind="neighbours", period="2025/26 Q4")
    with django_assert_num_queries(3):  # indicators, their last values, their comparator figures
        card = selectors.scorecard(cast.partnership)
    assert len(card.rows) == count
    assert all(len(row.comparisons) == 2 for row in card.rows)
