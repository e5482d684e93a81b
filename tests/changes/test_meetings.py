"""The business manager adds and removes the steering group's meeting dates under the settings; nobody else can,
and another partnership's meeting cannot be removed."""

import datetime

from django.urls import reverse
from freezegun import freeze_time

from changes.models import SteeringGroupMeeting

MEETINGS = reverse("settings:meetings")


def date_boxes(day):
    return {"date_0": str(day.day), "date_1": str(day.month), "date_2": str(day.year)}


@freeze_time("2026-10-15")
def test_the_business_manager_adds_a_meeting_and_removes_it(cast, client_for):
    client = client_for(cast.alice)
    response = client.post(MEETINGS, date_boxes(datetime.date(2026, 10, 8)))
    assert response.status_code == 302
    meeting = SteeringGroupMeeting.objects.get(partnership=cast.partnership)
    assert meeting.date == datetime.date(2026, 10, 8) and meeting.created_by == cast.alice
    page = client.get(MEETINGS).content.decode()
    assert "8 October 2026" in page and "The meeting of 8 October 2026 has been added." in page

    assert client.post(MEETINGS, {"remove": meeting.pk}).status_code == 302
    assert not SteeringGroupMeeting.objects.exists()
    assert SteeringGroupMeeting.history.filter(id=meeting.pk, history_type="-").exists()  # its history keeps it


@freeze_time("2026-10-15")
def test_a_date_already_recorded_or_not_a_date_is_refused_at_the_field(cast, client_for):
    client = client_for(cast.alice)
    SteeringGroupMeeting.objects.create(partnership=cast.partnership, date=datetime.date(2026, 10, 8))
    page = client.post(MEETINGS, date_boxes(datetime.date(2026, 10, 8))).content.decode()
    assert "There is a problem" in page and "A meeting on 8 October 2026 is already recorded" in page
    page = client.post(MEETINGS, {"date_0": "31", "date_1": "2", "date_2": "2027"}).content.decode()
    assert "Date of the meeting must be a real date" in page
    assert SteeringGroupMeeting.objects.count() == 1


def test_only_the_business_manager_sets_the_meetings_and_only_their_own(cast, client_for):
    theirs = SteeringGroupMeeting.objects.create(partnership=cast.other, date=datetime.date(2026, 10, 8))
    for person in (cast.steve, cast.sam, cast.lee, cast.bea):
        client = client_for(person)
        assert client.get(MEETINGS).status_code == 403
        assert client.post(MEETINGS, date_boxes(datetime.date(2026, 10, 1))).status_code == 403
    assert client_for(cast.alice).post(MEETINGS, {"remove": theirs.pk}).status_code == 404
    assert SteeringGroupMeeting.objects.filter(pk=theirs.pk).exists()
    assert not SteeringGroupMeeting.objects.filter(partnership=cast.partnership).exists()


def test_the_settings_hub_lists_the_meetings_page(cast, client_for):
    assert f'href="{MEETINGS}"' in client_for(cast.alice).get(reverse("settings:hub")).content.decode()
