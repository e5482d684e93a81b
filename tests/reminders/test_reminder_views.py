"""The record of reminders and escalations: who may see it, what it shows, and its cost in queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import Role
from reminders.models import Reminder
from tests import factories as f

URL = reverse("reports:reminders")
ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]


def record(partnership, user, period="2026/27 Q3", kind="update_due", **fields):
    return Reminder.objects.create(partnership=partnership, user=user, period=period, kind=kind, **fields)


@pytest.fixture
def records(cast):
    sent = timezone.make_aware(datetime.datetime(2026, 12, 15, 7, 5))
    record(cast.partnership, cast.lee, status="sent", attempts=1, sent_at=sent)
    record(
        cast.partnership,
        cast.sam,
        kind="escalation",
        period="2026/27 Q2",
        status="failed",
        attempts=1,
        last_error="The mail server refused the message (550 5.1.1 Mailbox does not exist)",
    )
    record(cast.other, cast.charlie, kind="escalation", status="sent", attempts=1, sent_at=sent)
    return cast


@pytest.mark.parametrize("role", ROLES)
def test_only_the_business_manager_and_steering_group_see_the_record_of_their_own_partnership(
    records, client_for, role
):
    response = client_for(getattr(records, role)).get(URL)
    expected = {"alice": 200, "steve": 200, "charlie": 200}.get(role, 403)
    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        assert ("charlie@example.org" in page) == (role == "charlie")
        assert ("lee@example.org" in page) == (role != "charlie")


def test_signing_in_is_required(records, client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_a_post_to_the_record_changes_nothing(records, client_for, role):
    before = list(Reminder.objects.order_by("pk").values())
    response = client_for(getattr(records, role)).post(URL, {"status": "sent"})
    assert response.status_code in (403, 405)
    assert list(Reminder.objects.order_by("pk").values()) == before


def test_the_record_shows_person_kind_quarter_status_attempts_error_and_sent_time(records, client_for):
    page = client_for(records.alice).get(URL).content.decode()
    for text in [
        "Lee Example",
        "lee@example.org",
        "Update due before quarter end",
        "2026/27 Q3",
        'govuk-tag--green">Sent',
        "15 Dec 2026, 07:05",
        "Escalation to sponsor",
        "2026/27 Q2",
        'govuk-tag--red">Failed',
        "550 5.1.1 Mailbox does not exist",
        "Not sent",
    ]:
        assert text in page, text
    assert page.index("2026/27 Q3") < page.index("Escalation to sponsor"), "newest quarter first"


def test_the_record_says_when_this_quarters_reminders_and_escalations_go(records, client_for):
    with freeze_time("2026-11-23"):
        page = client_for(records.steve).get(URL).content.decode()
    assert "Tuesday 15 December 2026" in page and "10 working days" in page
    assert "Monday 4 January 2027" in page


def test_the_record_can_be_filtered_by_quarter_kind_and_status(records, client_for):
    client = client_for(records.alice)
    by_quarter = client.get(URL, {"period": "2026/27 Q2"}).content.decode()
    assert "sam@example.org" in by_quarter and "lee@example.org" not in by_quarter
    by_status = client.get(URL, {"status": "sent"}).content.decode()
    assert "lee@example.org" in by_status and "sam@example.org" not in by_status
    by_kind = client.get(URL, {"kind": "escalation", "period": "2026/27 Q3"}).content.decode()
    assert "No reminders or escalations match the filter." in by_kind


def test_the_quarter_filter_offers_quarters_with_records_and_the_current_and_last_quarter(records, client_for):
    with freeze_time("2027-01-04"):
        page = client_for(records.alice).get(URL).content.decode()
    for label in ("2026/27 Q4", "2026/27 Q3", "2026/27 Q2"):
        assert f'value="{label}"' in page


def test_the_counts_of_each_status_follow_the_filter(records, client_for):
    response = client_for(records.alice).get(URL, {"period": "2026/27 Q2"})
    counts = {label: n for _status, label, n in response.context["counts"]}
    assert counts == {"Waiting to send": 0, "Sending": 0, "Sent": 0, "Failed": 1}


def test_an_unknown_quarter_is_explained_in_an_error_summary_not_a_failure(records, client_for):
    response = client_for(records.alice).get(URL, {"period": "1999 Q9", "status": "lost"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_period_1">Choose a quarter from the list</a>' in page
    assert '<a href="#id_status_1">Choose a status from the list</a>' in page
    assert "lee@example.org" in page, "the whole record is still shown"


def test_the_record_is_paginated(cast, client_for):
    for n in range(30):
        record(cast.partnership, f.UserFactory(first_name=f"Person{n:02d}"))
    client = client_for(cast.alice)
    first = client.get(URL)
    assert len(first.context["reminders"]) == 25
    second = client.get(URL, {"page": 2, "period": "2026/27 Q3"})
    assert len(second.context["reminders"]) == 5
    assert "period=2026%2F27+Q3&amp;page=1" in second.content.decode()


def grow(cast, n):
    for i in range(n):
        user = f.UserFactory()
        f.MembershipFactory(user=user, partnership=cast.partnership, role=Role.LEAD)
        record(cast.partnership, user, period=f"2026/27 Q{i % 4 + 1}", status="sent", attempts=1)


def test_the_records_queries_do_not_grow_with_its_rows(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.alice)
    grow(cast, 2)
    with django_assert_max_num_queries(12) as small:
        client.get(URL)
    grow(cast, 40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(URL, {"page": 2})


@pytest.mark.parametrize(("role", "linked"), [("alice", True), ("steve", True), ("sam", False), ("bea", False)])
def test_the_report_archive_links_to_the_record_for_those_who_may_see_it(cast, client_for, role, linked):
    page = client_for(getattr(cast, role)).get(reverse("reports:archive")).content.decode()
    assert (f'href="{URL}"' in page) is linked
