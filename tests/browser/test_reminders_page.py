"""The record of reminders and escalations in a real browser: filtering and accessibility."""

import datetime

import pytest
from django.utils import timezone

from reminders.models import Reminder
from tests.browser.conftest import assert_accessible, choose, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_business_manager_filters_the_record_to_failed_emails(page, cast):
    sent = timezone.now() - datetime.timedelta(days=1)
    Reminder.objects.create(
        partnership=cast.partnership,
        user=cast.lee,
        period="2026/27 Q3",
        kind="update_due",
        status="sent",
        attempts=1,
        sent_at=sent,
    )
    Reminder.objects.create(
        partnership=cast.partnership,
        user=cast.sam,
        period="2026/27 Q3",
        kind="escalation",
        status="failed",
        attempts=1,
        last_error="The mail server refused the message (550 5.1.1 Mailbox does not exist)",
    )
    sign_in(page, "alice@example.org")
    page.goto("/reports/reminders/")
    assert page.inner_text("h1") == "Reminders and escalations"
    assert_accessible(page, "reminders")

    choose(page, "Status", "Failed")
    page.get_by_role("button", name="Filter").click()
    table = page.get_by_role("table", name="Reminders and escalations that match the filter, newest quarter first")
    assert "Mailbox does not exist" in table.inner_text()
    assert "lee@example.org" not in table.inner_text()

    page.goto("/reports/reminders/?period=nonsense")
    assert "Choose a quarter from the list" in page.inner_text(".govuk-error-summary")
    assert_accessible(page, "reminders-with-error")
