"""The portal's main journeys in a real browser: updating an action, permissions, errors, accessibility."""

import pytest

from actions.models import ProgressUpdate
from tests.browser.conftest import assert_accessible, choose, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def brag_text(page, number):
    """The visually-hidden BRAG summary of priority ``number`` on the dashboard."""
    block = page.locator(".govuk-\\!-margin-bottom-6").filter(has_text=f"Priority {number}:")
    return block.locator("p.govuk-visually-hidden").inner_text()


def test_a_sponsor_adds_an_at_risk_update_and_the_dashboard_counts_it(page, cast):
    sign_in(page, "sam@example.org")
    assert "At risk (Amber): 0" in brag_text(page, 1)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My actions").click()
    assert page.inner_text("h1") == "My actions"
    page.get_by_role("link", name="P1.1", exact=True).click()
    assert "P1.1 Train health visitors" in page.inner_text("h1")

    page.get_by_role("link", name="Add a progress update").click()
    choose(page, "Status now", "At risk (Amber)")
    page.get_by_label("What has happened").fill("Two of five health visitor teams trained; backfill is short.")
    page.get_by_role("button", name="Add the update").click()

    banner = page.locator(".govuk-notification-banner--success")
    assert "Your progress update on P1.1 has been added." in banner.inner_text()
    assert "Two of five health visitor teams trained" in page.inner_text(".app-timeline")

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    assert "At risk (Amber): 1" in brag_text(page, 1)
    block = page.locator(".govuk-\\!-margin-bottom-6").filter(has_text="Priority 1:")
    assert "At risk (Amber) 1" in block.locator(".app-key").inner_text()


def test_a_board_member_sees_no_edit_buttons_and_cannot_post_an_update(page, cast):
    sign_in(page, "bea@example.org")
    page.goto(f"/actions/{cast.a11.pk}/")
    assert "P1.1 Train health visitors" in page.inner_text("h1")
    assert page.get_by_role("link", name="Add a progress update").count() == 0
    assert page.get_by_role("link", name="Change the action").count() == 0

    before = ProgressUpdate.objects.count()
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    url = f"{page.url.split('/actions/')[0]}/actions/{cast.a11.pk}/updates/new/"
    response = page.request.post(
        url,
        form={"csrfmiddlewaretoken": token, "status": "at_risk", "narrative": "Sneaky"},
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert response.status == 403
    assert ProgressUpdate.objects.count() == before


def test_an_empty_update_shows_an_error_summary_that_takes_focus(page, cast):
    sign_in(page, "steve@example.org")
    page.goto(f"/actions/{cast.a21.pk}/updates/new/")
    # No status chosen and nothing written.
    page.get_by_role("button", name="Add the update").click()

    page.wait_for_selector(".govuk-error-summary")
    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
    summary = page.inner_text(".govuk-error-summary")
    assert "There is a problem" in summary
    assert "Choose the status" in summary
    assert "Enter what has happened since the last update" in summary
    messages = page.inner_text("main form")
    assert "Choose the status" in messages
    assert "Enter what has happened since the last update" in messages
    assert ProgressUpdate.objects.count() == 0


def test_the_main_pages_are_accessible(page, cast):
    sign_in(page, "steve@example.org")
    assert_accessible(page, "dashboard")
    page.goto(f"/priorities/{cast.p2.pk}/")
    assert_accessible(page, "priority")
    page.goto("/actions/")
    assert_accessible(page, "action-plan")
    page.goto(f"/actions/{cast.a21.pk}/")
    assert_accessible(page, "action")
    page.goto(f"/actions/{cast.a21.pk}/updates/new/")
    assert_accessible(page, "form")
    page.get_by_role("button", name="Add the update").click()
    page.wait_for_selector(".govuk-error-summary")
    assert_accessible(page, "form-with-errors")


def test_my_actions_is_accessible(page, cast):
    sign_in(page, "lee@example.org")
    page.goto("/actions/mine/")
    assert "P2.1" in page.inner_text("table")
    assert_accessible(page, "my-actions")
