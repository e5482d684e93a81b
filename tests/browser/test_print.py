"""Printing: the action plan, a priority, the scorecard and the tracker on paper carry their content only,
with a line saying whose page it is, which page and when, and tables whose header repeats on every sheet."""

import pytest

from tests import factories as f
from tests.browser.conftest import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Seen on a screen, gone on paper.
SCREEN_ONLY = [
    ".govuk-service-navigation",
    ".govuk-phase-banner",
    ".govuk-footer",
    ".app-filter-panel",
    ".govuk-button",
    ".govuk-pagination",
]


def shown(page, selector):
    """Whether any element matching ``selector`` takes up room on the page (as printed, once media is print)."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].some(
            (el) => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none')""",
        selector,
    )


def printed(page, name):
    """The page as printed, kept as a screenshot under var/screenshots/."""
    page.emulate_media(media="print")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"print-{name}.png"), full_page=True)
    return page


def test_the_action_plan_prints_its_table_without_navigation_filters_or_page_links(page, cast):
    for n in range(30):  # more than a page of 25, so the page links are there on screen
        f.ActionFactory(priority=cast.p1, reference=f"P1.{n + 2}", title=f"Action number {n + 2}")
    sign_in(page, "steve@example.org")
    page.goto("/actions/")
    assert shown(page, ".govuk-service-navigation") and shown(page, ".app-filter-panel")
    assert shown(page, ".govuk-pagination")
    assert not shown(page, "[data-test=print-heading]")

    printed(page, "action-plan")
    for selector in SCREEN_ONLY:
        assert not shown(page, selector), f"{selector} is printed"
    table = page.get_by_role("table", name="Actions of the action plan")
    assert table.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('main thead')).display") == "table-header-group"
    assert page.evaluate("getComputedStyle(document.querySelector('main tbody tr')).breakInside") == "avoid"
    # The table takes the width of the page, not the three quarters beside the filter.
    table_width = table.bounding_box()["width"]
    main_width = page.locator("main").bounding_box()["width"]
    assert table_width > 0.9 * main_width
    heading = page.inner_text("[data-test=print-heading]")
    assert "Northshire Safeguarding Children Partnership: Action plan" in heading
    assert "Printed from the Neglect Strategy Portal as it stood on" in heading and "/actions/" in heading
    # No address after a link inside the table; a status keeps its words.
    link = page.locator("main tbody a").first
    assert page.evaluate("(a) => getComputedStyle(a, '::after').content", link.element_handle()) in ("none", "normal")
    assert "Not started" in table.inner_text() or "On track" in table.inner_text()


def test_the_scorecard_prints_and_chromium_makes_a_pdf_of_it(page, cast):
    f.IndicatorFactory(partnership=cast.partnership, code="TR-1", name="Practitioners trained", priority=cast.p1)
    sign_in(page, "bea@example.org")
    page.goto("/outcomes/")
    assert shown(page, "form.app-filter-row")

    printed(page, "scorecard")
    assert not shown(page, "form.app-filter-row") and not shown(page, ".govuk-service-navigation")
    assert not shown(page, ".govuk-details")
    assert page.locator("main table").first.is_visible()
    assert "Outcomes scorecard" in page.inner_text("[data-test=print-heading]")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_the_recommendation_tracker_prints_without_its_filter(page, cast):
    sign_in(page, "steve@example.org")
    page.goto("/audits/tracker/")
    printed(page, "tracker")
    assert not shown(page, ".app-filter-bar") and not shown(page, ".govuk-phase-banner")
    assert "Recommendation tracker" in page.inner_text("[data-test=print-heading]")
    assert page.inner_text("h1") == "Recommendation tracker"
