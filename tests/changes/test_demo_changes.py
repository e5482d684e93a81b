"""On the demo, What changed starts at the last illustrative meeting and shows the story's changes since then,
not every record as added on the day the demo was loaded."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import User
from changes.models import SteeringGroupMeeting
from demo.services import demo_load

pytestmark = pytest.mark.django_db


@freeze_time("2026-11-30 12:00:00")
def test_the_demo_offers_its_last_illustrative_meeting_and_the_changes_since(client):
    demo_load(only={"walsall"})
    meetings = SteeringGroupMeeting.objects.filter(partnership__slug="walsall")
    assert meetings.count() == 5 and all(meeting.is_illustrative for meeting in meetings)
    client.force_login(User.objects.get(email="walsall.chair@example.org"))
    page = client.get(reverse("changes:list")).content.decode()
    assert "What changed since 20 October 2026" in page
    assert "Illustrative</strong>" in page  # the meeting date, and the demo's invented values
    assert "P4.2 Report the neglect scorecard" in page and "Progress update" in page
    assert "Action added</td>" not in page  # the demo's actions date from their start, long before
