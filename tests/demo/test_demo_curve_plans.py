"""The demo's turn-the-curve plans: Walsall's two red indicators have one each, marked illustrative."""

import pytest

from demo.services import demo_load
from outcomes.models import CurvePlan
from outcomes.selectors import scorecard

pytestmark = pytest.mark.django_db


def test_walsalls_red_indicators_have_illustrative_plans_with_actions_and_evidence():
    demo_load(only={"walsall"})
    plans = CurvePlan.objects.filter(indicator__partnership__slug="walsall").select_related("indicator")
    assert sorted(plan.indicator.code for plan in plans) == ["WAL-03", "WAL-06"]
    assert all(plan.is_illustrative for plan in plans)
    card = scorecard(plans[0].indicator.partnership)
    red = {row.code for row in card.rows if row.rag == "red"}
    assert {"WAL-03", "WAL-06"} <= red
    gcp2 = plans.get(indicator__code="WAL-03")
    assert sorted(action.reference for action in gcp2.actions.all()) == ["P1.1", "P2.1"]
    assert gcp2.in_board_report
    assert "https://www.walsall.gov.uk/neglect-strategy-2021-2024" in gcp2.evidence_links
