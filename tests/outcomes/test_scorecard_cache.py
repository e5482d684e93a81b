"""The scorecard from the partnership's fragment cache (decision 49): one drawing for each choice of filters and
each way of reading small numbers, never another partnership's or another reader's, and every write shows on the
next look straight away.

``commit()`` runs what the test's transaction would run when it commits: Django's test transaction never does,
and the cache is only used once a partnership's writes are committed.
"""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import services as account_services
from outcomes import services
from outcomes.models import Frequency, Measurement, Unit
from outcomes.services import MeasurementInput
from tests import factories as f
from tests.outcomes.helpers import text, values

pytestmark = pytest.mark.usefixtures("today")
SCORECARD = reverse("outcomes:scorecard")


def membership(user):
    return user.memberships.get()


@pytest.fixture
def small(cast, framework, commit):
    """UC-1 counts 3 children in 2026/27 Q2: a small number, shown as [c] to a board member."""
    counted = f.IndicatorFactory(partnership=cast.partnership, code="UC-1", name="Unaccompanied", unit=Unit.COUNT)
    values(counted, [("2026/27 Q1", 12), ("2026/27 Q2", 3)])
    commit()
    return counted


def uc_row(response):
    page = text(response)
    start = page.index("UC-1")
    return page[start : start + 200]


def test_a_board_member_and_the_steering_group_each_read_their_own_scorecard_from_the_cache(cast, small, client_for):
    for _ in range(2):  # drawn, then from the cache
        steering = uc_row(client_for(cast.steve).get(SCORECARD))
        board = uc_row(client_for(cast.bea).get(SCORECARD))
        assert "3 2026/27 Q2" in steering and "Suppressed in outputs" in steering
        assert "[c]" in board and "3 2026/27 Q2" not in board and "Suppressed in outputs" not in board


def test_two_partnerships_never_see_each_others_scorecard(cast, small, client_for):
    for _ in range(2):
        northshire = text(client_for(cast.steve).get(SCORECARD))
        southshire = text(client_for(cast.charlie).get(SCORECARD))
        assert "Practitioners trained in neglect" in northshire and "SOUTH-1" not in northshire
        assert "SOUTH-1" in southshire and "TR-1" not in southshire


def test_each_choice_of_filters_is_drawn_for_itself(cast, framework, small, client_for):
    client = client_for(cast.steve)
    for _ in range(2):
        whole = text(client.get(SCORECARD))
        first = text(client.get(SCORECARD, {"priority": cast.p1.pk}))
        back_then = text(client.get(SCORECARD, {"as_at": "2026/27 Q1"}))
        assert "TR-1" in whole and "SC-1" in whole and "UC-1" in whole
        assert "TR-1" in first and "SC-1" not in first and "for priority 1" in first
        assert "Figures as at the end of 2026/27 Q1" in back_then and "82" not in back_then
        chosen = client.get(SCORECARD, {"priority": cast.p1.pk}).content.decode()
        assert re.search(rf'value="{cast.p1.pk}"\s+(checked|selected)', chosen)  # the filters say what is shown


def test_a_nonsense_filter_shares_the_whole_scorecard_and_says_what_was_wrong(cast, small, client_for):
    client = client_for(cast.steve)
    client.get(SCORECARD)
    response = client.get(SCORECARD, {"priority": "999999", "as_at": "nonsense"})
    assert response.status_code == 200
    assert "There is a problem" in text(response) and "UC-1" in text(response)


def _enter_value(cast, framework):
    entry = MeasurementInput(indicator=framework.training, period="2026/27 Q2", value=Decimal("91"))
    services.measurement_record(membership(cast.alice), entry)
    return "91 2026/27 Q2", None


def _withdraw_indicator(cast, framework):
    services.indicator_withdraw(membership(cast.alice), framework.training, "No longer collected.")
    return None, "Practitioners trained in neglect"


def _show_small_numbers(cast, framework):
    account_services.partnership_update(membership(cast.alice), cast.partnership, suppression_mode="show")
    return "3 2026/27 Q2", "Not compared: a figure is suppressed"


def _add_comparator(cast, framework):
    f.ComparatorValueFactory(indicator=framework.training, period="2025/26", value=Decimal("64"))
    return "64", None


def _correct_value_through_the_api(cast, framework):
    api = APIClient()
    api.force_login(cast.alice)
    value = Measurement.objects.get(indicator=framework.training, period="2026/27 Q2")
    assert api.patch(f"/api/v1/measurements/{value.pk}/", {"value": 93}, format="json").status_code == 200
    return "93 2026/27 Q2", None


WRITES = [_enter_value, _withdraw_indicator, _show_small_numbers, _add_comparator, _correct_value_through_the_api]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_a_write_shows_on_the_next_look_at_the_scorecard(cast, framework, small, client_for, commit, write):
    client = client_for(cast.bea)
    before = text(client.get(SCORECARD))
    shown, gone = write(cast, framework)
    commit()
    after = text(client.get(SCORECARD))
    assert shown is None or (shown not in before and shown in after)
    assert gone is None or (gone in before and gone not in after)


def queries(client, **query):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(SCORECARD, query).status_code == 200
    return len(captured)


@pytest.mark.parametrize("count", [3, 30])
def test_the_scorecard_from_the_cache_reads_less_and_the_same_whatever_the_number_of_indicators(
    cast, client_for, commit, django_assert_max_num_queries, count
):
    for n in range(count):
        indicator = f.IndicatorFactory(
            partnership=cast.partnership, code=f"Q-{n:02d}", frequency=Frequency.QUARTERLY, target=Decimal(10)
        )
        values(indicator, [("2025/26 Q2", n), ("2026/27 Q1", n + 1), ("2026/27 Q2", n + 2)])
        f.ComparatorValueFactory(indicator=indicator, period="2025/26", value=Decimal(40 + n))
    commit()
    client = client_for(cast.bea)
    drawn = queries(client, priority="")
    with django_assert_max_num_queries(7):
        # not read: the filters' priorities and quarters, the indicators, their values and comparators
        assert queries(client, priority="") <= drawn - 5
