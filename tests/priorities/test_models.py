"""The active strategy: one rule, ``Strategy.objects.active_for``; a strategy run on past its title's years."""

import datetime

import pytest
from django.urls import reverse

from priorities.models import Strategy
from tests import factories as f
from tests.outcomes.helpers import text


def test_the_active_strategy_is_the_partnerships_own(cast):
    f.StrategyFactory(partnership=cast.partnership, title="Next strategy", status=Strategy.Status.DRAFT)
    assert Strategy.objects.active_for(cast.partnership) == cast.strategy
    assert Strategy.objects.active_for(cast.other) == cast.other_strategy


def test_a_partnership_whose_strategies_are_drafts_or_archived_has_no_active_strategy(cast):
    cast.strategy.status = Strategy.Status.ARCHIVED
    cast.strategy.save()
    f.StrategyFactory(partnership=cast.partnership, title="Next strategy", status=Strategy.Status.DRAFT)
    assert Strategy.objects.active_for(cast.partnership) is None
    assert list(Strategy.objects.active()) == [cast.other_strategy]


@pytest.mark.parametrize(
    ("title", "end", "extended"),
    [
        ("Neglect Matters Strategy 2021–2024", datetime.date(2027, 3, 31), True),
        ("Neglect Matters Strategy 2021–2024", datetime.date(2025, 3, 31), False),
        ("Neglect strategy 2022-25", datetime.date(2027, 3, 31), True),
        ("Neglect strategy 2024 to 2027", datetime.date(2027, 3, 31), False),
        ("Neglect strategy", datetime.date(2030, 3, 31), False),
    ],
    ids=["ran-on", "as-titled", "short-years", "to", "no-years"],
)
def test_a_strategy_running_on_past_the_years_of_its_title_is_known_as_extended(cast, title, end, extended):
    strategy = Strategy(partnership=cast.partnership, title=title, start_date=datetime.date(2021, 4, 1), end_date=end)
    assert strategy.extended_beyond_title is extended


def test_the_dashboard_and_the_strategys_settings_say_a_strategy_runs_on_past_its_title(cast, client_for):
    strategy = cast.p1.strategy
    strategy.title, strategy.end_date = "Northshire Neglect Strategy 2021–2024", datetime.date(2027, 3, 31)
    strategy.save()
    dashboard = text(client_for(cast.steve).get(reverse("accounts:dashboard")))
    said = f"Runs from {strategy.start_date:%-d %B %Y} to 31 March 2027 Extended past the years in its title."
    assert said in dashboard
    settings_page = text(client_for(cast.alice).get(reverse("settings:strategy_detail", args=[strategy.pk])))
    assert said in settings_page
