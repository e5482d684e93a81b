"""The demo's strategies are those of their documents, which ended before 2026: the demo runs each on to March
2027, and the dashboard says the strategy is extended past the years of its title rather than leave
"2021–2024" to read as current."""

import pytest
from django.urls import reverse

from demo.services import demo_load
from priorities.models import Priority, Strategy
from tests.outcomes.helpers import text

pytestmark = pytest.mark.django_db


def test_walsalls_strategy_of_2021_to_2024_is_shown_as_extended_to_march_2027_and_the_extension_as_illustrative(
    client,
):
    demo_load(only={"walsall"})
    strategy = Strategy.objects.get(partnership__slug="walsall", status=Strategy.Status.ACTIVE)
    assert strategy.title == "Neglect Matters Strategy 2021–2024" and strategy.extended_beyond_title

    chair = strategy.partnership.memberships.get(user__email="walsall.chair@example.org").user
    client.force_login(chair)
    page = text(client.get(reverse("accounts:dashboard")))
    assert (
        "Neglect Matters Strategy 2021–2024 Runs from 1 April 2021 to 31 March 2027 Extended past the years in its title."
        in page
    )
    told = Priority.objects.filter(strategy=strategy, description__contains="(an illustrative extension)")
    assert told.count() == 1
    assert "an illustrative extension" in text(client.get(reverse("priorities:detail", args=[told.get().pk])))
