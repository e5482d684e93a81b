"""The indicator page: definition, a chart and a table of every period, and the history of changes."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Partnership
from neglect_portal.withdrawal import withdraw
from outcomes import selectors
from outcomes.models import Frequency
from outcomes.services import MeasurementInput, indicator_update, measurement_record
from tests import factories as f
from tests.outcomes.helpers import text, values

pytestmark = pytest.mark.usefixtures("today")


def page_of(client, indicator):
    return client.get(reverse("outcomes:indicator", args=[indicator.pk]))


def test_the_page_shows_the_definition_source_polarity_target_and_linked_priority(cast, framework, client_for):
    response = page_of(client_for(cast.bea), framework.training)
    page = text(response)
    assert "TR-1 Practitioners trained in neglect" in page
    assert "What is measured Practitioners completing the neglect course in the quarter." in page
    assert "Question it answers How much did we do?" in page
    assert "Unit Count" in page and "Polarity Higher is better" in page and "Measured Quarterly" in page
    assert "Supplied by Northshire ICB" in page
    assert "Linked priority Priority 1: Early help" in page
    assert "Target 75" in page and "Amber tolerance 15" in page and "Context measure No" in page
    assert reverse("priorities:detail", args=[cast.p1.pk]) in response.content.decode()


def test_a_percentage_tolerance_is_told_in_percentage_points(cast, framework, client_for):
    page = text(page_of(client_for(cast.bea), framework.screening))
    assert "Target 75%" in page and "Amber tolerance 10 percentage points" in page


def test_every_period_is_in_a_table_with_its_change_rag_small_number_flag_and_note(cast, framework, client_for):
    measurement_record(
        cast.alice.memberships.get(),
        MeasurementInput(framework.screening, "2026/27 Q1", numerator=30, denominator=40, note="New tool launched."),
    )
    # As the steering group reads it, as recorded (a board member reads 4 of 8 as [c]: test_suppression_outputs.py).
    page = text(page_of(client_for(cast.steve), framework.screening))
    table = page.split("SC-1 values, newest first")[1]
    assert table.index("2026/27 Q2") < table.index("2026/27 Q1")
    assert "2026/27 Q2 50% Small numbers Suppressed in outputs 4 8 Down 25 points Red Few cases." in table
    assert "2026/27 Q1 75% 30 40 No earlier figure Green New tool launched." in table


def test_the_chart_has_the_target_and_a_text_alternative_pointing_to_the_table(cast, framework, client_for):
    html = page_of(client_for(cast.bea), framework.training).content.decode()
    assert 'class="app-chart"' in html and "data:image/svg+xml;base64," in html
    assert (
        'alt="Line chart of TR-1 from 2026/27 Q1 to 2026/27 Q2, with the target of 75 as a dashed line. '
        'The same figures are in the table below."' in html
    )


def test_a_missing_period_is_a_gap_in_the_chart_not_a_jump(cast, framework):
    page = selectors.indicator_page(cast.partnership, framework.contacts.pk)
    assert page.chart_labels == ["2017/18", "2018/19", "2019/20"]
    values(framework.contacts, [("2022/23", 210)])
    page = selectors.indicator_page(cast.partnership, framework.contacts.pk)
    assert page.chart_series == [
        ("2017/18", 73.0),
        ("2018/19", 147.0),
        ("2019/20", 195.0),
        ("2020/21", None),
        ("2021/22", None),
        ("2022/23", 210.0),
    ]


def test_an_indicator_with_one_value_or_none_has_no_chart_but_says_so(cast, framework, client_for):
    html = page_of(client_for(cast.bea), framework.retired).content.decode()
    assert 'class="app-chart"' not in html and "25/26 Q4" in html
    empty = f.IndicatorFactory(partnership=cast.partnership, code="NEW-1")
    assert "No values have been recorded yet." in text(page_of(client_for(cast.bea), empty))


def test_an_inactive_indicator_stays_readable_and_says_it_is_off_the_scorecard(cast, framework, client_for):
    page = text(page_of(client_for(cast.lee), framework.retired))
    assert "This indicator is inactive: it is no longer on the scorecard." in page
    assert "12" in page


def test_the_history_shows_who_changed_the_definition_and_values_when_old_to_new(cast, framework, client_for):
    steve, sam = cast.steve.memberships.get(), cast.sam.memberships.get()
    measurement_record(sam, MeasurementInput(framework.training, "2026/27 Q2", 84))
    indicator_update(steve, framework.training, target=Decimal("80"), source_agency=cast.police)
    measurement_record(steve, MeasurementInput(framework.training, "2026/27 Q3", 40, note="Course paused."))
    page = text(page_of(client_for(cast.steve), framework.training))
    history = page.split("History of changes")[1]
    assert "Steve Example Value for 2026/27 Q3 Recorded Value: 40 Note: Course paused." in history
    assert "Steve Example Definition Supplied by: Northshire ICB → Northshire Police Target: 75 → 80" in history
    assert "Sam Example Value for 2026/27 Q2 Value: 82 → 84" in history
    assert history.index("2026/27 Q3 Recorded") < history.index("Definition Supplied") < history.index("Q2 Value: 82")


def test_the_history_names_choices_in_words_and_a_priority_by_its_title(cast, framework):
    indicator_update(cast.steve.memberships.get(), framework.training, polarity="lower_better", priority=cast.p2)
    entry = selectors.indicator_page(cast.partnership, framework.training.pk).history[0]
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        ("Polarity", "Higher is better", "Lower is better"),
        ("Linked priority", "Priority 1: Early help", "Priority 2: Recognising neglect"),
    ]


def test_another_partnerships_indicator_answers_404(cast, framework, client_for):
    assert page_of(client_for(cast.alice), framework.south).status_code == 404


@pytest.mark.parametrize("periods", [4, 40])
def test_the_indicator_page_runs_the_same_queries_whatever_the_number_of_periods(
    cast, client_for, django_assert_max_num_queries, periods
):
    indicator = f.IndicatorFactory(
        partnership=cast.partnership, code="LONG-1", frequency=Frequency.QUARTERLY, source_agency=cast.health
    )
    membership = cast.steve.memberships.get()
    first = 2016
    for n in range(periods):
        label = f"{first + n // 4}/{(first + n // 4 + 1) % 100:02d} Q{n % 4 + 1}"
        measurement_record(membership, MeasurementInput(indicator, label, n + 1))
        measurement_record(membership, MeasurementInput(indicator, label, n + 2, note="Corrected."))
    for n in range(periods // 4):
        indicator_update(membership, indicator, target=Decimal(n + 1))
        year = f"{first + n}/{(first + n + 1) % 100:02d}"
        withdraw(f.ComparatorValueFactory(indicator=indicator, period=year, source="Wrong table"), cast.steve, "Wrong")
        f.ComparatorValueFactory(indicator=indicator, period=year)
    # Values from 1 up: small numbers, which a board member reads without their history unless they are shown.
    Partnership.objects.filter(pk=cast.partnership.pk).update(suppression_mode="show")
    client = client_for(cast.bea)
    # One reads the withdrawn values, whatever their number; two the comparator figures, current and withdrawn.
    with django_assert_max_num_queries(17):
        response = page_of(client, indicator)
    assert text(response).count("Corrected.") == periods * 2
    assert text(response).count("DfE Characteristics") == periods // 4
