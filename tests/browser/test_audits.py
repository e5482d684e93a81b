"""Audits in a real browser: accessibility of the audit pages and the tracker, and creating an action from a recommendation."""

import pytest

from actions.models import Action
from tests.audits.conftest import audit_cast  # noqa: F401 - the audit of Northshire used below
from tests.browser.conftest import assert_accessible, choose, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_audit_pages_are_accessible(page, cast, audit_cast):  # noqa: F811
    sign_in(page, "steve@example.org")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Audits").click()
    assert page.inner_text("h1") == "Audits and learning reviews"
    assert_accessible(page, "audit-list")

    page.get_by_role("link", name="Neglect and the toxic trio").click()
    assert "Two thirds of the 12 cases were graded good or outstanding." in page.inner_text("#main-content")
    assert page.get_by_role("img", name="Bar chart of the grades of the 12 cases").count() == 1
    assert_accessible(page, "audit")

    page.get_by_role("link", name="Audits", exact=True).first.click()
    page.get_by_role("link", name="Recommendation tracker").click()
    assert "Use the neglect toolkit in every case." in page.inner_text("table")
    assert_accessible(page, "recommendation-tracker")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Filter recommendations").click()
    assert "1 recommendation matches the filters." in page.inner_text("#main-content")
    assert_accessible(page, "recommendation-tracker-filtered")


def test_the_audit_form_with_errors_is_accessible_and_its_summary_takes_focus(page, cast):
    sign_in(page, "steve@example.org")
    page.goto("/audits/new/")
    assert_accessible(page, "audit-form")
    page.get_by_label("Multi-agency themed audit").check()
    page.get_by_label("Title").fill("Neglect in adolescence")
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Number of cases").fill("10")
    page.get_by_label("Good", exact=True).fill("8")
    page.get_by_label("Inadequate").fill("4")
    page.get_by_role("button", name="Save the audit").click()

    page.wait_for_selector(".govuk-error-summary")
    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
    assert "The grades add up to 12, more than the 10 cases." in page.inner_text(".govuk-error-summary")
    assert_accessible(page, "audit-form-with-errors")


def test_a_steering_member_creates_an_action_from_a_recommendation_and_sees_it_linked(page, cast, audit_cast):  # noqa: F811
    sign_in(page, "steve@example.org")
    page.goto(f"/audits/{audit_cast.audit.pk}/")
    card = page.locator(f"#recommendation-{audit_cast.r2.pk}")
    assert "No action yet" in card.inner_text()

    card.get_by_role("link", name="Create an action for this recommendation").click()
    assert page.inner_text("h1") == "Create an action for this recommendation"
    assert page.get_by_label("What will be done").input_value() == "Use the neglect toolkit in every case."
    choose(page, "Priority", "Priority 2: Recognising neglect")
    page.get_by_label("Reference").fill("P2.2")
    page.get_by_label("How success will be measured").fill("The toolkit is on file in 90% of audited cases.")
    due = page.get_by_role("group", name="Due date")
    due.get_by_label("Day").fill("30")
    due.get_by_label("Month").fill("6")
    due.get_by_label("Year").fill("2027")
    assert_accessible(page, "recommendation-action-form")
    page.get_by_role("button", name="Add the action").click()

    banner = page.locator(".govuk-notification-banner--success")
    assert "P2.2 has been added to the plan and linked to recommendation R2." in banner.inner_text()
    card = page.locator(f"#recommendation-{audit_cast.r2.pk}")
    assert "P2.2" in card.inner_text() and "No action yet" not in card.inner_text()
    action = Action.objects.get(reference="P2.2")
    assert list(action.recommendations.all()) == [audit_cast.r2]

    card.get_by_role("link", name="P2.2").click()
    assert "P2.2 Use the neglect toolkit in every case." in page.inner_text("h1")
    assert "Neglect and the toxic trio, R2" in page.inner_text("#main-content")
