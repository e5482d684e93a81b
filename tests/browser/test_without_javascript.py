"""The portal works with JavaScript switched off: plain links and forms."""

import pytest

from actions.models import ProgressUpdate
from tests.security import authenticator, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_signs_in_and_records_an_update_with_javascript_off(browser, live_server, cast):
    device = authenticator(cast.lee)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in/")
    page.fill("#id_username", "lee@example.org")
    page.fill("#id_password", "correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.fill("#id_code", current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="My actions").click()
    page.get_by_role("link", name="P2.1", exact=True).click()
    page.get_by_role("link", name="Add a progress update").click()
    page.get_by_role("radio", name="Off track (Red)").check()
    page.get_by_label("What has happened").fill("Venue lost; training moved to February.")
    page.get_by_role("button", name="Add the update").click()
    assert "Venue lost" in page.inner_text("main")
    assert ProgressUpdate.objects.get(action=cast.a21).status == "off_track"
    context.close()
