"""Searching from the box in the service navigation: the results page and its error pass the accessibility
check, a result leads to its page, and it all works with JavaScript off."""

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.search.conftest import WORD, words  # noqa: F401  (a fixture)
from tests.security import authenticator, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_board_member_searches_from_the_menu_and_opens_a_result(page, cast, words):  # noqa: F811
    sign_in(page, "bea@example.org")
    page.goto("/")
    page.get_by_role("searchbox", name="Search the partnership's plan, outcomes and audits").fill(WORD)
    page.get_by_role("button", name="Search", exact=True).click()
    assert page.inner_text("h2#results") == f"6 results for ‘{WORD}’"
    assert page.locator("mark").first.inner_text().lower() == WORD
    assert "Southshire" not in page.inner_text("main")
    assert_accessible(page, "search")

    page.get_by_role("link", name="Progress updates (1)").click()
    assert page.locator(".app-search-result").count() == 1
    page.get_by_role("link", name="Progress update of 15 October 2026").click()
    assert page.url.endswith(words.northshire[1])
    assert f"Two {WORD} cases were discussed." in page.inner_text(".app-timeline")


def test_a_search_of_only_symbols_is_refused_in_the_error_summary(page, cast, words):  # noqa: F811
    sign_in(page, "bea@example.org")
    page.goto("/search/")
    page.get_by_label("Search the partnership's plan, outcomes and audits").fill("%&*!")
    page.get_by_role("button", name="Search", exact=True).click()
    summary = page.inner_text(".govuk-error-summary")
    assert "Enter a word or a number to search for, not only symbols" in summary
    assert page.title().startswith("Error: Search")
    assert page.locator(".app-search-result").count() == 0
    assert_accessible(page, "search-error")


def test_with_javascript_off_the_menus_search_box_finds_results(browser, live_server, cast, words):  # noqa: F811
    device = authenticator(cast.lee)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in/")
    page.fill("#id_username", "lee@example.org")
    page.fill("#id_password", "correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.fill("#id_code", current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("searchbox").fill(f"{WORD} themed")
    page.get_by_role("button", name="Search", exact=True).click()
    assert page.inner_text("h2#results") == f"1 result for ‘{WORD} themed’"
    context.close()
