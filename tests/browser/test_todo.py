"""A lead starts at To do, which passes the accessibility check, and follows its one link to update an action;
with JavaScript off, a form's mistakes still come back in the GOV.UK error summary."""

import datetime

import pytest

from actions.models import ProgressUpdate
from tests import factories as f
from tests.browser.conftest import assert_accessible, choose, sign_in
from tests.security import authenticator, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DATES = {"start_date": datetime.date(2025, 4, 1), "due_date": datetime.date(2025, 10, 31)}


def test_a_lead_starts_at_to_do_and_updates_an_overdue_action_from_it(page, cast):
    overdue = f.ActionFactory(priority=cast.p2, reference="P2.2", lead=cast.lee, **DATES)
    sign_in(page, "lee@example.org")
    page.goto("/")
    assert page.inner_text("h1") == "To do"
    assert "Overdue since 31 Oct 2025" in page.inner_text("main")
    assert_accessible(page, "todo")

    page.get_by_role("link", name="Add a progress update to P2.2").click()
    choose(page, "Status now", "Off track (Red)")
    page.get_by_label("What has happened").fill("The venue fell through; a new date is being found.")
    page.get_by_role("button", name="Add the update").click()
    assert "status changed from On track (Green) to Off track (Red)" in page.inner_text(".app-timeline")
    assert ProgressUpdate.objects.get(action=overdue).previous_status == "on_track"


def test_with_javascript_off_a_link_that_is_not_a_web_address_is_named_in_the_error_summary(browser, live_server, cast):
    device = authenticator(cast.lee)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in/")
    page.fill("#id_username", "lee@example.org")
    page.fill("#id_password", "correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.fill("#id_code", current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.goto(f"/actions/{cast.a21.pk}/updates/new/")
    page.get_by_label("What has happened").fill("Briefings held.")
    page.get_by_label("Link to evidence").fill("not a link")
    page.get_by_role("button", name="Add the update").click()
    summary = page.inner_text(".govuk-error-summary")
    assert "Choose the status" in summary
    assert "Enter the evidence link as a web address" in summary
    assert not ProgressUpdate.objects.filter(action=cast.a21).exists()
    context.close()
