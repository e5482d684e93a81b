"""The active strategy: one rule, ``Strategy.objects.active_for``."""

from priorities.models import Strategy
from tests import factories as f


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
