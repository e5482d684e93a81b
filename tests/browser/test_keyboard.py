"""Keyboard only: the skip link leaves no fragment behind, and focus lands where GOV.UK says it should."""

import pytest

from accounts.models import User
from actions.models import ProgressUpdate
from tests.browser.conftest import choose, sign_in
from tests.security import authenticator, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_IN = "(selector) => !!(document.activeElement && document.activeElement.closest(selector))"


def skip_to_main_content(page):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main-content'")
    page.wait_for_function("window.location.hash === ''")


def tab_to(page, name):
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("(document.activeElement.textContent || document.activeElement.value || '').trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_signing_in_after_the_skip_link_lands_on_the_dashboard_without_a_fragment(page, cast):
    device = authenticator(User.objects.get(email="lee@example.org"))
    page.goto("/sign-in/")
    skip_to_main_content(page)
    page.fill("#id_username", "lee@example.org")
    page.fill("#id_password", "correct-horse-battery")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    if "/sign-in/two-factor/" in page.url:
        page.fill("#id_code", current_code(device))
        page.press("#id_code", "Enter")
        page.wait_for_load_state()
    assert "/sign-in/" not in page.url and "#" not in page.url


def test_after_the_skip_link_an_empty_update_focuses_the_error_summary_and_a_good_one_the_banner(page, cast):
    sign_in(page, "lee@example.org")
    page.goto(f"/actions/{cast.a21.pk}/updates/new/")

    skip_to_main_content(page)
    tab_to(page, "Add the update")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    page.wait_for_function(FOCUS_IN, arg=".govuk-error-summary")
    assert "#" not in page.url
    assert ProgressUpdate.objects.count() == 0

    choose(page, "Status now", "On track (Green)")
    page.get_by_label("What has happened").fill("Toolkit briefings booked with every team.")
    tab_to(page, "Add the update")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-notification-banner--success")
    page.wait_for_function(FOCUS_IN, arg=".govuk-notification-banner--success")
    assert "#" not in page.url
    assert ProgressUpdate.objects.filter(action=cast.a21).count() == 1


def test_on_a_phone_the_filters_fold_behind_a_filter_button_and_stay_open_without_javascript(
    browser, live_server, cast
):
    # Two people: an authenticator code is accepted once.
    for javascript, email in ((True, "steve@example.org"), (False, "alice@example.org")):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 375, "height": 812}, java_script_enabled=javascript
        )
        page = context.new_page()
        sign_in(page, email)
        page.goto("/actions/")
        status = page.get_by_label("Status")
        if javascript:
            toggle = page.get_by_role("button", name="Filter", exact=True)
            assert toggle.get_attribute("aria-expanded") == "false" and not status.is_visible()
            toggle.click()
            assert toggle.get_attribute("aria-expanded") == "true" and status.is_visible()
        else:
            assert page.get_by_role("button", name="Filter", exact=True).count() == 0
            assert status.is_visible()
        context.close()
