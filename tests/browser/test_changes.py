"""What changed: the chair opens it at the last meeting, follows a change to its action, asks for a date in the
future and is told why not, and prints the list without the menu and the date; the business manager adds a
meeting date. Each page passes the accessibility check."""

import datetime

import pytest

from actions.models import Status
from changes.models import SteeringGroupMeeting
from tests import factories as f
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_print import printed, shown

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_sees_what_changed_since_the_last_meeting_and_follows_a_change(page, cast):
    today = datetime.date.today()
    meeting = today - datetime.timedelta(days=14)
    SteeringGroupMeeting.objects.create(partnership=cast.partnership, date=meeting)
    f.ProgressUpdateFactory(
        action=cast.a11,
        author=cast.sam,
        update_date=today - datetime.timedelta(days=3),
        previous_status=Status.ON_TRACK,
        status=Status.OFF_TRACK,
        narrative="The training venue was lost.",
    )
    f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, update_date=meeting - datetime.timedelta(days=1))
    sign_in(page, "steve@example.org")
    page.goto("/")
    page.get_by_role("link", name="What changed").first.click()
    assert page.inner_text("h1") == f"What changed since {meeting:%-d %B %Y}"
    main = page.inner_text("main")
    assert "On track (Green) → Off track (Red)" in main and "The training venue was lost." in main
    assert "Work continues as planned." not in main  # the day before the meeting
    assert_accessible(page, "changes")

    printed(page, "changes")
    assert not shown(page, ".govuk-service-navigation") and not shown(page, ".app-changes-choose")
    assert shown(page, ".app-changes-table")
    page.emulate_media(media="screen")

    next_year = today.year + 1
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill(str(next_year))
    page.get_by_role("button", name="Show changes").click()
    summary = page.inner_text(".govuk-error-summary")
    assert "The date to show changes since must be today or in the past" in summary
    assert page.locator(".app-changes-table").count() == 0
    assert_accessible(page, "changes-error")

    page.get_by_role("link", name=f"Since the last steering-group meeting ({meeting:%-d %B %Y})").click()
    status_change = page.locator("tr", has_text="Status changed")
    status_change.get_by_role("link", name="P1.1 Train health visitors").click()
    assert page.inner_text("h1").startswith("P1.1")


def test_the_business_manager_adds_a_meeting_date(page, cast):
    sign_in(page, "alice@example.org")
    page.goto("/settings/")
    page.get_by_role("link", name="Steering-group meetings").click()
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add the meeting").click()
    assert "The meeting of 12 October 2026 has been added." in page.inner_text("main")
    assert SteeringGroupMeeting.objects.filter(partnership=cast.partnership, date=datetime.date(2026, 10, 12)).exists()
    assert_accessible(page, "settings-meetings")
