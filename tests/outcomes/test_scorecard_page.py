"""The scorecard page: indicators by RBA question, a summary in words, filters and explanations."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from outcomes.models import Frequency
from tests import factories as f
from tests.outcomes.helpers import text, values

pytestmark = pytest.mark.usefixtures("today")


def scorecard(client, **query):
    return client.get(reverse("outcomes:scorecard"), query)


def test_the_scorecard_groups_indicators_by_rba_question_and_links_each_to_its_page(cast, framework, client_for):
    response = scorecard(client_for(cast.bea))
    page = text(response)
    assert page.index("How much did we do?") < page.index("TR-1") < page.index("How well did we do it?")
    assert page.index("How well did we do it?") < page.index("SC-1")
    assert reverse("outcomes:indicator", args=[framework.training.pk]) in response.content.decode()
    assert "82 2026/27 Q2" in page and "Up 17% from 70 in 2026/27 Q1" in page


def test_the_summary_says_in_words_how_many_indicators_are_green_amber_red_and_not_rated(cast, framework, client_for):
    page = text(scorecard(client_for(cast.bea)))
    # TR-1 82 against 75: green. SC-1 50% against 75% with 10 points' tolerance: red. CO-1 context: not rated.
    assert "3 indicators:" in page
    assert "Green 1 met its target" in page
    assert "Amber 0 close to their target" in page
    assert "Red 1 short of its target" in page
    assert "Not rated 1 not rated" in page


def test_an_inactive_indicator_drops_off_the_scorecard(cast, framework, client_for):
    page = text(scorecard(client_for(cast.steve)))
    assert "OLD-1" not in page and "A measure no longer used" not in page


def test_the_small_numbers_flag_is_shown_and_explained_with_the_configured_threshold(
    cast, framework, client_for, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 12
    page = text(scorecard(client_for(cast.steve)))  # a board member reads SC-1's 4 of 8 as [c] (decision 48)
    assert "50% 2026/27 Q2 Small numbers" in page  # SC-1 rests on 8 cases
    assert "rest on fewer than 12 cases" in page
    assert "Green: the target is met" in page and "▲ up, ▼ down" in page


def test_filtering_by_priority_shows_only_the_indicators_linked_to_it(cast, framework, client_for):
    response = scorecard(client_for(cast.sam), priority=cast.p2.pk)
    page = text(response)
    assert "SC-1" in page and "TR-1" not in page and "CO-1" not in page
    assert "Latest figures for priority 2" in page
    assert re.search(rf'name="priority"[^>]*value="{cast.p2.pk}"\s*checked', response.content.decode())


def test_as_at_a_quarter_the_scorecard_shows_the_figures_known_then(cast, framework, client_for):
    page = text(scorecard(client_for(cast.bea), as_at="2019/20 Q4"))
    assert "Figures as at the end of 2019/20 Q4" in page
    assert "195 2019/20 Up 33% from 147 in 2018/19" in page  # CO-1: Halton's published contacts
    assert "Practitioners trained in neglect No data" in page  # TR-1's first value came in 2026/27


def test_as_at_quarters_run_from_the_first_recorded_value_to_now(cast, framework, client_for):
    html = scorecard(client_for(cast.bea)).content.decode()
    assert '<option value="2026/27 Q3">As at 2026/27 Q3</option>' in html
    assert '<option value="2017/18 Q1">As at 2017/18 Q1</option>' in html
    assert "2027/28 Q1" not in html and "2016/17 Q4" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"priority": "999999"}, "Choose a priority from the list"),
        ({"as_at": "1066 Q1"}, "Choose a quarter from the list"),
    ],
)
def test_a_choice_that_is_not_on_the_list_is_explained_and_the_whole_scorecard_shown(
    cast, framework, client_for, query, message
):
    response = scorecard(client_for(cast.bea), **query)
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page and message in page
    assert "TR-1" in page and "SC-1" in page


def test_another_partnerships_priority_cannot_filter_the_scorecard(cast, framework, client_for):
    page = text(scorecard(client_for(cast.bea), priority=cast.other_priority.pk))
    assert "Choose a priority from the list" in page and "SOUTH-1" not in page


def test_a_partnership_without_indicators_is_told_so(cast, client_for):
    page = text(scorecard(client_for(cast.bea)))
    assert "The partnership has no active indicators yet." in page


@pytest.mark.parametrize("count", [3, 30])
def test_the_scorecard_page_runs_the_same_queries_whatever_the_number_of_indicators(
    cast, client_for, django_assert_max_num_queries, count
):
    for n in range(count):
        indicator = f.IndicatorFactory(
            partnership=cast.partnership, code=f"Q-{n:02d}", frequency=Frequency.QUARTERLY, target=Decimal(10)
        )
        values(indicator, [("2025/26 Q2", n), ("2026/27 Q1", n + 1), ("2026/27 Q2", n + 2)])
        f.ComparatorValueFactory(indicator=indicator, period="2025/26", value=Decimal(40 + n))
        f.ComparatorValueFactory(indicator=indicator, kind="neighbours", period="2025/26", value=Decimal(50 + n))
    client = client_for(cast.bea)
    with django_assert_max_num_queries(13):  # one of them reads every indicator's comparator figures
        response = scorecard(client, priority="")
    assert text(response).count("Q-") >= count
    assert text(response).count("/ neighbours") == count


def test_the_scorecard_of_the_biggest_partnership_stays_under_200_kb(cast, client_for):
    """128 indicators with ten quarters of values each (the biggest real framework), a quarter of them red,
    every figure marked illustrative and a story behind each red one: the page's weight, not its time,
    is what is pinned."""
    from neglect_portal.periods import Period
    from outcomes.models import ComparatorValue, Indicator, Measurement, Polarity, RBACategory, Unit

    categories, units = list(RBACategory), [Unit.COUNT, Unit.PERCENTAGE, Unit.RATE_PER_10K, Unit.DAYS]
    indicators = Indicator.objects.bulk_create(
        Indicator(
            partnership=cast.partnership,
            code=f"BIG-{n:03d}",
            name=f"Children subject to a plan for neglect reviewed on time, measure {n}",
            rba_category=categories[n % 3],
            unit=units[n % 4],
            polarity=Polarity.HIGHER_BETTER,
            frequency=Frequency.QUARTERLY,
            target=Decimal(90),
            amber_tolerance=Decimal(5),
        )
        for n in range(128)
    )
    last = Period.parse("2026/27 Q2")
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            period=last.shift(-k).label,
            period_start=last.shift(-k).start,
            value=Decimal(80 + (k * 7 + n) % 20),  # a quarter of them red, as in the biggest partnership
            note="Two large sibling groups became subject to plans in the quarter." if k == 0 else "",
            is_illustrative=True,
        )
        for n, indicator in enumerate(indicators)
        for k in range(10)
    )
    ComparatorValue.objects.bulk_create(
        ComparatorValue(
            indicator=indicator,
            kind=kind,
            period="2025/26",
            period_start=Period.parse("2025/26").start,
            value=Decimal(f"{55 + n % 30}.5"),
            source="DfE Characteristics of children in need 2025/26",
            published=datetime.date(2026, 10, 30),
            is_illustrative=True,
        )
        for n, indicator in enumerate(indicators)
        for kind in ("england", "neighbours")
    )
    response = scorecard(client_for(cast.steve))
    assert response.content.decode().count('<span class="app-scorecard__sub">BIG-') == 128
    assert text(response).count("/ neighbours") == 128
    assert len(response.content) < 200 * 1024
