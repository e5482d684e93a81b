"""Each indicator's scorecard row for any list of indicators, in one query."""

from decimal import Decimal

from outcomes import selectors
from outcomes.models import Indicator
from tests import factories as f


def test_indicator_rows_match_the_scorecard_and_take_one_query_for_every_indicator(cast, django_assert_num_queries):
    for code, values in [("HV-01", [70, 78]), ("HV-02", [5]), ("HV-03", [])]:
        indicator = f.IndicatorFactory(partnership=cast.partnership, code=code, target=Decimal("75"))
        for period, value in zip(["2026/27 Q1", "2026/27 Q2"], values, strict=False):
            f.MeasurementFactory(indicator=indicator, period=period, value=value)
    indicators = list(Indicator.objects.select_related("source_agency", "priority").order_by("code"))

    with django_assert_num_queries(1):
        rows = selectors.indicator_rows(indicators)

    card = {row.code: row for row in selectors.scorecard(cast.partnership).rows}
    assert [rows[i.pk] for i in indicators] == [card[i.code] for i in indicators]
    assert rows[indicators[0].pk].change_previous == "up 11%"
    assert rows[indicators[2].pk].latest is None


def test_indicator_rows_of_no_indicators_are_empty(db):
    assert selectors.indicator_rows([]) == {}
