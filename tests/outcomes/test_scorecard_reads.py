"""The scorecard reads only the values it shows, and shows exactly what the whole history would give."""

import random
from decimal import Decimal

import pytest
from django.conf import settings
from django.db.models.signals import post_init

from neglect_portal.periods import Period
from outcomes import selectors
from outcomes.models import Frequency, Measurement
from tests import factories as f


def values_read(during):
    """How many indicator values were loaded from the database while ``during()`` ran, and its result."""
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=Measurement)
    try:
        result = during()
    finally:
        post_init.disconnect(count, sender=Measurement)
    return len(loaded), result


def long_history(partnership, code, quarters=40, frequency=Frequency.QUARTERLY, gaps=(), annual=False):
    indicator = f.IndicatorFactory(partnership=partnership, code=code, frequency=frequency, target=50)
    first = Period(2017, 1)
    values = [
        Measurement(
            indicator=indicator, period=first.shift(n).label, period_start=first.shift(n).start, value=Decimal(n % 17)
        )
        for n in range(quarters)
        if n not in gaps
    ]
    if annual:
        values += [
            Measurement(indicator=indicator, period=Period(year).label, period_start=Period(year).start, value=year)
            for year in range(2017, 2017 + quarters // 4)
        ]
    Measurement.objects.bulk_create(values)
    return indicator


def test_the_scorecard_reads_at_most_eight_plus_three_values_of_each_indicator_it_shows(cast):
    for n in range(6):
        long_history(cast.partnership, f"LONG-{n}", annual=n % 2 == 0, gaps=(38,) if n == 1 else ())
    read, card = values_read(lambda: selectors.scorecard(cast.partnership))
    assert len(card.rows) == 6
    assert read <= (selectors.TREND_POINTS + 3) * len(card.rows)
    assert all(len(row.trend) == selectors.TREND_POINTS for row in card.rows)


def test_as_at_a_quarter_the_scorecard_still_reads_only_what_it_shows(cast):
    for n in range(4):
        long_history(cast.partnership, f"LONG-{n}", annual=True)
    read, card = values_read(lambda: selectors.scorecard(cast.partnership, as_of=Period.parse("2020/21 Q3")))
    assert read <= (selectors.TREND_POINTS + 3) * len(card.rows)
    assert {row.latest.period for row in card.rows} == {"2020/21 Q3"}


def test_a_page_of_the_api_indicator_list_reads_only_the_values_its_rows_show(cast):
    indicators = [long_history(cast.partnership, f"LONG-{n}") for n in range(3)]
    read, rows = values_read(lambda: selectors.indicator_rows(indicators))
    assert len(rows) == 3 and read <= (selectors.TREND_POINTS + 3) * 3


def whole_history_row(indicator, as_of):
    """The row as the scorecard made it from every value of the indicator (the reference)."""
    values = Measurement.objects.current().filter(indicator=indicator).order_by("period_start", "period")
    if as_of is not None:
        values = [m for m in values if m.period_start <= as_of.start and m.period_obj.end <= as_of.end]
    return selectors.scorecard_row(indicator, list(values), settings.SMALL_NUMBER_THRESHOLD)


@pytest.mark.parametrize("as_of", [None, "2019/20 Q4", "2021/22 Q1", "2019/20", "2030/31 Q2"])
def test_the_scorecard_shows_the_same_rows_as_from_the_whole_history(cast, as_of):
    """Quarterly and annual values, gaps, long silences, and as at quarters, years and the future."""
    randomly = random.Random(13)
    indicators = [
        long_history(cast.partnership, "ANNUAL", quarters=36, annual=True),
        long_history(cast.partnership, "GAPS", gaps=set(randomly.sample(range(40), 15))),
        # Years of silence between the older values and the last three.
        long_history(cast.partnership, "SPARSE", gaps=set(range(20, 39)) - {34, 35}),
        long_history(cast.partnership, "SHORT", quarters=3),
    ]
    period = Period.parse(as_of) if as_of else None
    card = selectors.scorecard(cast.partnership, as_of=period)
    shown = {row.code: row for row in card.rows}
    for indicator in indicators:
        assert shown[indicator.code] == whole_history_row(indicator, period), indicator.code


def test_a_withdrawn_value_is_neither_read_nor_shown(cast):
    indicator = long_history(cast.partnership, "W", quarters=10)
    latest = indicator.measurements.get(period=Period(2017, 1).shift(9).label)
    Measurement.objects.filter(pk=latest.pk).update(withdrawn_at="2026-01-01T00:00:00Z")
    row = selectors.scorecard(cast.partnership).rows[0]
    assert row.latest.period == Period(2017, 1).shift(8).label
