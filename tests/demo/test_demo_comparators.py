"""The demo's comparator figures: invented (the seeds publish none with a period and source), so each is
marked illustrative wherever it is shown."""

import pytest
from django.urls import reverse

from demo.services import demo_load
from outcomes.models import ComparatorValue
from outcomes.selectors import scorecard
from tests.outcomes.helpers import text

pytestmark = pytest.mark.django_db


def test_walsalls_comparators_are_illustrative_on_the_scorecard_and_indicator_page(client):
    demo_load(only={"walsall"})
    figures = ComparatorValue.objects.filter(indicator__partnership__slug="walsall")
    assert figures.count() == 6 and all(figure.is_illustrative for figure in figures)
    assert all(figure.source.startswith("Illustrative figure") for figure in figures)
    card = scorecard(figures[0].indicator.partnership)
    row = next(row for row in card.rows if row.code == "WAL-05")
    assert row.comparison_words == "England 18.9 per 10,000 / neighbours 27.6 per 10,000"
    assert row.illustrative_comparisons

    chair = figures[0].indicator.partnership.memberships.get(user__email="walsall.chair@example.org").user
    client.force_login(chair)
    page = text(client.get(reverse("outcomes:indicator", args=[figures[0].indicator_id])))
    assert page.count("Illustrative figure for the demonstration") == 6
    assert "2022/23 19.8 per 10,000 Older than two years Illustrative" in page
    card_page = text(client.get(reverse("outcomes:scorecard")))
    assert "England 18.9 per 10,000 / neighbours 27.6 per 10,000 2024/25, illustrative" in card_page
