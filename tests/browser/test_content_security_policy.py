"""No page of the tour breaks the Content-Security-Policy: nothing blocked, nothing reported in the console."""

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tour(cast):
    return [
        "/",
        f"/priorities/{cast.p2.pk}/",
        "/actions/",
        "/actions/mine/",
        f"/actions/{cast.a21.pk}/",
        f"/actions/{cast.a21.pk}/updates/new/",
        "/outcomes/",
        "/audits/",
        "/reports/",
        "/spreadsheets/",
        "/account/",
        "/account/notifications/",
        "/account/sessions/",
        "/account/tokens/",
        "/settings/audit/",
    ]


@pytest.fixture
def page(browser, live_server):
    """A page that keeps the portal's Content-Security-Policy (the shared fixture bypasses it for axe-core)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_no_page_of_the_tour_breaks_the_content_security_policy(page, cast):
    problems = []
    page.on(
        "console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    sign_in(page, "alice@example.org")
    for path in tour(cast):
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        # GOV.UK Frontend ran: its inline snippet and module were allowed.
        assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')"), path
    assert problems == []
