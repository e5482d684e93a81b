"""Each main form sent empty or wrong: the GOV.UK error summary comes first, takes focus, names each problem and
links to its field, and the page passes axe; with JavaScript off the summary and its links work the same way
(axe itself needs scripts, so it checks these pages with JavaScript on)."""

import pytest

from actions.models import Action, ProgressUpdate
from audits.models import Finding
from neglect_portal.periods import current_quarter
from outcomes.models import Measurement
from tests import factories as f
from tests.browser.conftest import assert_accessible, sign_in
from tests.security import authenticator, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def forms(cast):
    """Where each form is, what to get wrong on it, its button and the message its first problem gets."""
    indicator = f.IndicatorFactory(partnership=cast.partnership, code="TR-1", name="Trained", source_agency=cast.health)
    audit = f.AuditFactory(partnership=cast.partnership)
    quarter = current_quarter().previous().label
    return [
        (
            "action",
            f"/actions/{cast.a21.pk}/change/",
            [("#id_title", "")],
            "Save the action",
            "Enter what will be done",
        ),
        (
            "progress-update",
            f"/actions/{cast.a21.pk}/updates/new/",
            [],
            "Add the update",
            "Choose the status",
        ),
        (
            "indicator-value",
            f"/outcomes/indicators/{indicator.pk}/values/?period={quarter}",
            [("#id_value", "")],
            "Save the value",
            "Enter the value",
        ),
        (
            "quarter-entry",
            f"/outcomes/enter/?quarter={quarter}&agency=",
            [(f"#id_i{indicator.pk}-value", "eighty")],
            f"Save the values for {quarter}",
            "TR-1: Enter the value as a number, like 147 or 51.8",
        ),
        (
            "finding",
            f"/audits/{audit.pk}/findings/new/",
            [],
            "Save the finding",
            "Choose strength or area for improvement",
        ),
    ]


def stored():
    return [
        model.objects.count() for model in (Action.history.model, ProgressUpdate, Measurement, Finding.history.model)
    ]


def send_wrong(page, url, fills, button):
    page.goto(url)
    for selector, value in fills:
        page.fill(selector, value)
    page.get_by_role("button", name=button).click()
    page.wait_for_selector(".govuk-error-summary")


def first_link_target(page):
    link = page.locator(".govuk-error-summary__list a").first
    return link, link.get_attribute("href").removeprefix("#")


def test_each_forms_error_summary_takes_focus_and_links_to_the_field(page, cast, forms):
    sign_in(page, "steve@example.org")
    before = stored()
    for name, url, fills, button, message in forms:
        send_wrong(page, url, fills, button)
        page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
        summary = page.locator(".govuk-error-summary")
        assert "There is a problem" in summary.inner_text() and message in summary.inner_text(), name
        assert page.evaluate("document.querySelector('main .govuk-error-summary') !== null")
        assert page.title().startswith("Error: "), name
        link, target = first_link_target(page)
        assert page.locator(f"[id='{target}']").count() == 1, f"{name}: the summary links to #{target}, not on the page"
        assert_accessible(page, f"errors-{name}")
        link.click()
        page.wait_for_function("(id) => document.activeElement && document.activeElement.id === id", arg=target)
    assert stored() == before


def test_error_summaries_work_with_javascript_off(browser, live_server, cast, forms):
    device = authenticator(cast.steve)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/sign-in/")
    page.fill("#id_username", "steve@example.org")
    page.fill("#id_password", "correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.fill("#id_code", current_code(device))
    page.get_by_role("button", name="Continue").click()
    before = stored()
    for name, url, fills, button, message in forms:
        if name not in ("progress-update", "quarter-entry"):
            continue
        send_wrong(page, url, fills, button)
        summary = page.locator(".govuk-error-summary")
        assert message in summary.inner_text(), name
        assert summary.locator("[role=alert]").count() == 1
        # Without a script, the summary's link is an ordinary jump to the field's id.
        link, target = first_link_target(page)
        assert page.locator(f"[id='{target}']").count() == 1
        link.click()
        assert page.url.endswith(f"#{target}")
        assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    assert stored() == before
    context.close()
