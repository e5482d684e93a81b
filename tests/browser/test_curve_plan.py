"""An indicator's turn-the-curve plan in a real browser, checked with axe: its forecast, linked actions,
form and history."""

from decimal import Decimal

import pytest

from neglect_portal.periods import current_quarter
from outcomes.curve.services import curve_plan_save
from outcomes.models import Unit
from tests import factories as f
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def red(cast):
    """SC-2, a percentage linked to P1 and red: eight quarters falling from 64% by 2 points a quarter, with a plan."""
    last = current_quarter().previous()
    indicator = f.IndicatorFactory(
        partnership=cast.partnership,
        code="SC-2",
        name="Assessments with a completed neglect screening tool",
        unit=Unit.PERCENTAGE,
        priority=cast.p1,
        target=Decimal(75),
        amber_tolerance=Decimal(5),
    )
    for offset in range(8):
        f.MeasurementFactory(indicator=indicator, period=last.shift(offset - 7).label, value=64 - 2 * offset)
    curve_plan_save(
        cast.steve.memberships.get(),
        indicator,
        story="Newly qualified staff have not been trained in the tool.",
        what_works="Training followed by supervision that asks for the tool.",
        evidence_links="Growing up neglected https://www.gov.uk/government/publications/growing-up-neglected-a-multi-agency-response-to-older-children",
        partner_agencies=[cast.health],
        actions=[cast.a11],
    )
    return indicator


def test_the_plan_page_shows_the_forecast_and_linked_actions_accessibly(page, cast, red):
    sign_in(page, "bea@example.org")
    page.goto("/outcomes/")
    page.get_by_role("link", name="Turn-the-curve plan for SC-2").click()
    assert page.inner_text("h1") == "SC-2 Assessments with a completed neglect screening tool"
    chart = page.locator("img.app-chart")
    alt = chart.get_attribute("alt")
    assert "trend continued as a dashed line to 42% in" in alt and "target of 75%" in alt
    assert "last 8 published values" in page.inner_text("[data-test=forecast-method]")
    figures = page.get_by_role("table", name="SC-2 by period, oldest first, then the forecast")
    assert figures.locator("tbody tr").count() == 12  # eight recorded, four forecast
    actions = page.get_by_role("table", name="Actions of the strategy that turn the curve")
    assert "P1.1 Train health visitors" in actions.inner_text()
    assert page.get_by_role("link", name="Growing up neglected").count() == 1
    assert page.get_by_role("link", name="Change the plan").count() == 0  # a board member reads it
    assert_accessible(page, "curve-plan")


def test_the_sponsor_changes_the_plan_and_the_history_tells_the_change(page, cast, red):
    sign_in(page, "sam@example.org")
    page.goto(f"/outcomes/indicators/{red.pk}/plan/")
    page.get_by_role("link", name="Change the plan").click()
    assert_accessible(page, "curve-plan-form")
    page.get_by_label("The story behind the curve").fill("Two teams have had no training since the spring.")
    page.get_by_label("P2.1 Roll out the neglect toolkit").check()
    page.get_by_role("button", name="Save the plan").click()
    assert "The turn-the-curve plan for SC-2 has been saved." in page.inner_text("main")
    page.get_by_role("link", name="History of the plan").click()
    history = page.inner_text("main")
    assert "Two teams have had no training since the spring." in history
    assert "Linked actions: P1.1 → P1.1, P2.1" in history
    assert_accessible(page, "curve-plan-history")
