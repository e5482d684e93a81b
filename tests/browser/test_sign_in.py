"""Signing in, in a real browser, on accessible pages."""

import pytest

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_sign_in_page_is_accessible_and_shows_errors_in_a_summary_that_takes_focus(page, cast):
    page.goto("/sign-in/")
    assert_accessible(page, "sign-in")
    page.press("#id_password", "Enter")
    page.wait_for_selector(".govuk-error-summary")
    assert "Enter your e-mail address" in page.inner_text(".govuk-error-summary")
    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
    assert_accessible(page, "sign-in-with-errors")


def test_a_member_signs_in_and_lands_on_their_partnerships_strategy(page, cast):
    sign_in(page, "steve@example.org")  # the steering group's home page is the strategy's dashboard
    assert page.inner_text("h1") == "Northshire Neglect Strategy 2024–2027"
    assert "Northshire Safeguarding Children Partnership" in page.inner_text(".govuk-service-navigation")
    assert_accessible(page, "home")
