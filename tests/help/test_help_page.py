import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import Role
from tests import factories as f

GLOSSARY_ANCHORS = ["brag", "rag", "rba", "turn-the-curve", "context-measure", "sponsor", "lead"]


def test_anyone_can_read_the_glossary_and_the_quarter(client, db):
    response = client.get(reverse("help:index"))
    assert response.status_code == 200
    page = response.content.decode()
    for anchor in GLOSSARY_ANCHORS:
        assert f'id="{anchor}"' in page
    assert "How the quarter works" in page
    assert "Sign in to see who they are" in page


def test_the_help_tells_how_a_quarter_is_signed_off_and_how_a_sent_report_is_corrected(client, db):
    page = client.get(reverse("help:index")).content.decode()
    assert 'id="sign-off"' in page and "<strong>Sign off the quarter</strong> on the report shows a checklist" in page
    assert "A report cannot be issued for a quarter that has not ended, nor before its quarter is signed off" in page
    assert 'id="corrections"' in page and "<strong>Correct the report</strong>" in page


def test_the_help_says_who_is_alerted_and_where_each_person_chooses_how(client, db):
    page = client.get(reverse("help:index")).content.decode()
    assert 'id="alerts"' in page and "Each alert comes to each person once." in page
    assert f'href="{reverse("accounts:notifications")}"' in page


def test_a_member_sees_their_business_managers_and_not_another_partnerships(client_for, cast):
    second = f.UserFactory(email="bm2@example.org", first_name="Bob", last_name="Manager")
    f.MembershipFactory(user=second, partnership=cast.partnership, role=Role.ADMIN)
    leaver = f.UserFactory(email="gone@example.org", first_name="Gone")
    f.MembershipFactory(user=leaver, partnership=cast.partnership, role=Role.ADMIN, is_active=False)

    page = client_for(cast.lee).get(reverse("help:index")).content.decode()
    assert "mailto:alice@example.org" in page
    assert "mailto:bm2@example.org" in page
    assert "gone@example.org" not in page
    assert "charlie@example.org" not in page  # Southshire's business manager
    assert "Northshire Safeguarding Children Partnership" in page


@freeze_time("2026-11-20")
def test_a_member_sees_this_quarters_real_dates(client_for, cast):
    cast.partnership.reminder_working_days = 10
    cast.partnership.report_send_working_days = 15
    cast.partnership.save()
    page = client_for(cast.sam).get(reverse("help:index")).content.decode()
    # 2026/27 Q3 ends on Thursday 31 December 2026; Christmas and Boxing Day (moved to Monday 28th) are not working days.
    assert "2026/27 Q3" in page
    assert "31 December 2026" in page
    assert "reminders to action leads start on <strong>15 December 2026</strong>" in page
    assert "sponsors hear about missing updates from <strong>4 January 2027</strong>" in page
    assert "the board report is sent on <strong>22 January 2027</strong>" in page


def test_the_help_page_costs_the_same_queries_however_many_business_managers(client_for, cast):
    client = client_for(cast.lee)
    client.get(reverse("help:index"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("help:index"))
    for _ in range(5):
        f.MembershipFactory(partnership=cast.partnership, role=Role.ADMIN)
    with CaptureQueriesContext(connection) as six:
        page = client.get(reverse("help:index")).content.decode()
    assert page.count("mailto:") == 6
    assert len(six) == len(one)


@pytest.mark.parametrize(
    ("url_name", "args", "anchor"),
    [
        ("accounts:dashboard", [], "#brag"),
        ("outcomes:scorecard", [], "#rag"),
        ("outcomes:scorecard", [], "#rba"),
        ("outcomes:scorecard", [], "#context-measure"),
        ("priorities:detail", ["p1"], "#sponsor"),
        ("priorities:detail", ["p1"], "#brag"),
    ],
)
def test_pages_that_use_a_term_link_to_its_explanation(client_for, cast, url_name, args, anchor):
    page = client_for(cast.lee).get(reverse(url_name, args=[getattr(cast, a).pk for a in args])).content.decode()
    assert f'href="/help/{anchor}"' in page


def test_every_page_links_to_the_help_in_its_footer(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'href="/help/">Help</a>' in page


def test_the_dates_follow_the_partnership_settings(client_for, cast):
    cast.partnership.reminder_working_days = 1
    cast.partnership.save()
    with freeze_time(datetime.date(2026, 5, 1)):
        page = client_for(cast.lee).get(reverse("help:index")).content.decode()
    assert "reminders to action leads start on <strong>29 June 2026</strong> (1 working day before" in page


def test_the_help_page_lists_the_status_words_the_imports_understand(client, db):
    page = client.get(reverse("help:index")).content.decode()
    words = page.split('data-test="status-words"')[1].split("</dl>")[0]
    assert "On track</dt>" in words and "Green, G, On target" in words
    assert "At risk</dt>" in words and "Amber, A," in words
    assert "Completed</dt>" in words and "Complete, Blue, B," in words
    assert "Q4 2026/27" in page and "Ongoing" in page
