"""In a real browser, with axe on every page: a new partnership's next steps, the help, the error pages
and starting a new strategy by rolling the current one over."""

import pytest

from accounts.models import Role
from priorities.models import Strategy
from tests import factories as f
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_partnerships_business_manager_sees_what_to_do_next(page, db):
    partnership = f.PartnershipFactory(name="Westshire Safeguarding Children Partnership")
    manager = f.UserFactory(email="wendy@example.org")
    f.MembershipFactory(user=manager, partnership=partnership, role=Role.ADMIN, agency=None)
    sign_in(page, "wendy@example.org")
    assert page.inner_text("h1") == "Welcome to the Neglect Strategy Portal"
    assert_accessible(page, "first-run-dashboard")
    page.get_by_role("link", name="Add the partner agencies").click()
    assert page.url.endswith("/settings/agencies/")

    page.goto("/help/")
    assert "wendy@example.org" in page.inner_text("#contact ~ ul")
    assert_accessible(page, "help")


def test_the_error_pages_are_in_the_house_style(page, cast):
    sign_in(page, "lee@example.org")
    page.goto("/no-such-page/")
    assert page.inner_text("h1") == "Page not found"
    assert_accessible(page, "error-404")
    page.goto(f"/actions/{cast.a11.pk}/change/")
    assert page.inner_text("h1") == "You cannot do this"
    assert "only its lead, the sponsoring agency and the steering group can" in page.inner_text("main")
    assert_accessible(page, "error-403")
    page.get_by_role("link", name="Go to your home page").click()
    assert page.inner_text("h1") == "To do"  # an action lead's home page


def test_the_business_manager_rolls_the_strategy_over(page, cast):
    f.IndicatorFactory(partnership=cast.partnership, code="EH-01", priority=cast.p1)
    sign_in(page, "alice@example.org")
    page.goto("/settings/strategy/")
    assert_accessible(page, "strategy-settings")
    page.get_by_role("link", name=f"Roll over {cast.strategy.title}").click()
    assert_accessible(page, "strategy-rollover")
    page.get_by_label("Title of the new strategy").fill("Northshire Neglect Strategy 2027–2030")
    page.get_by_label("Priority 2: Recognising neglect (sponsored by Northshire Council)").uncheck()
    page.get_by_label("P2.1 Roll out the neglect toolkit (On track)").uncheck()
    page.get_by_role("button", name="Start the new strategy").click()
    assert "is the partnership's strategy now" in page.inner_text(".govuk-notification-banner")
    assert_accessible(page, "strategy-settings-with-archive")
    assert Strategy.objects.get(pk=cast.strategy.pk).status == Strategy.Status.ARCHIVED

    page.get_by_role("link", name=cast.strategy.title).click()
    assert_accessible(page, "strategy-archived")
    page.get_by_role("link", name="Priority 2: Recognising neglect").click()
    assert "can no longer be changed" in page.inner_text("main")
