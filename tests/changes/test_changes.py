"""What changed since a date: exactly the partnership's changes on or after it, grouped by priority, each linked
with who and when; a date in the future or not a date refused with a message; a fixed number of queries."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from actions.models import Action, Status
from audits.models import Recommendation
from changes.models import SteeringGroupMeeting
from changes.selectors import changes_since
from outcomes.models import Measurement
from tests import factories as f

SINCE = datetime.date(2026, 10, 1)
TODAY = datetime.date(2026, 10, 15)
CHANGES = reverse("changes:list")


def at(day, hour=10):
    return freeze_time(datetime.datetime(2026, *day, hour, 0, tzinfo=datetime.UTC))


def save_as(obj, user):
    """Save ``obj`` recording ``user`` as who changed it in its history."""
    obj._history_user = user
    obj.save()
    return obj


def once(factory, **fields):
    return factory._meta.model.objects.filter(**fields).first() or factory(**fields)


def build(cast, copies=1, start=0):
    """A plan that changed before 1 October 2026 and after it, in Northshire and in Southshire."""
    # The cast was set up when the test started: as if in August.
    for model in (Action, Measurement, Recommendation):
        model.history.update(history_date=datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC))
    indicator = once(
        f.IndicatorFactory, partnership=cast.partnership, code="CP-01", name="Child protection plans", priority=cast.p1
    )
    loose = once(f.IndicatorFactory, partnership=cast.partnership, code="CX-01", name="Context measure")
    other_indicator = once(f.IndicatorFactory, partnership=cast.other, code="SO-01")
    audit = once(f.AuditFactory, partnership=cast.partnership, title="Neglect themed audit")
    other_audit = once(f.AuditFactory, partnership=cast.other, title="Southshire audit")
    for n in range(start, start + copies):
        with at((9, 1)):  # before the date: none of this is listed
            old_action = save_as(
                f.ActionFactory.build(priority=cast.p1, reference=f"P1.{n + 2}", title="Old"), cast.steve
            )
            f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, update_date=datetime.date(2026, 9, 10))
            old_value = save_as(
                f.MeasurementFactory.build(indicator=indicator, period=f"{2010 + n}/{11 + n:02d} Q1"), cast.alice
            )
            recommendation = f.RecommendationFactory(audit=audit, reference=f"R{n + 1}")
            other_recommendation = f.RecommendationFactory(audit=other_audit, reference=f"S{n + 1}")
            withdrawn = f.ActionFactory(
                priority=cast.p2, reference=f"W{n}", withdrawn_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)
            )
        with at((10, 5)):
            f.ProgressUpdateFactory(
                action=cast.a11,
                author=cast.sam,
                update_date=datetime.date(2026, 10, 5),
                previous_status=Status.ON_TRACK,
                status=Status.AT_RISK,
                narrative="The trainer left; a new one starts in November.",
            )
            f.ProgressUpdateFactory(action=cast.other_action, update_date=datetime.date(2026, 10, 5))
            f.ProgressUpdateFactory(action=withdrawn, update_date=datetime.date(2026, 10, 5))
        with at((10, 6)):
            f.ProgressUpdateFactory(
                action=cast.a21,
                author=cast.lee,
                update_date=datetime.date(2026, 10, 6),
                previous_status=Status.ON_TRACK,
                status=Status.ON_TRACK,
                narrative="Toolkit briefings held in two localities.",
            )
        with at((10, 7)):
            save_as(
                f.ActionFactory.build(priority=cast.p2, reference=f"P2.{n + 2}", title="Audit the toolkit"), cast.steve
            )
            save_as(f.ActionFactory.build(priority=cast.other_priority, reference=f"S1.{n + 2}"), cast.charlie)
        with at((10, 8)):
            cast.a21.due_date = cast.a21.due_date + datetime.timedelta(days=59)
            cast.a21.due_date_change_reason = "Waiting for the new toolkit."
            save_as(cast.a21, cast.steve)
            old_action.title = "Old, renamed"  # not a due date: not listed
            save_as(old_action, cast.steve)
        with at((10, 9)):
            save_as(
                f.MeasurementFactory.build(
                    indicator=indicator, period=f"{2030 + n}/{31 + n:02d} Q2", value=Decimal("42")
                ),
                cast.sam,
            )
            save_as(
                f.MeasurementFactory.build(indicator=loose, period=f"{2030 + n}/{31 + n:02d} Q2", value=Decimal("7")),
                cast.alice,
            )
            save_as(
                f.MeasurementFactory.build(indicator=other_indicator, period=f"{2030 + n}/{31 + n:02d} Q2"),
                cast.charlie,
            )
        with at((10, 10)):
            old_value.value = Decimal("12")
            save_as(old_value, cast.alice)
        with at((10, 11)):
            recommendation.status = Recommendation.Status.COMPLETED
            save_as(recommendation, cast.steve)
            other_recommendation.status = Recommendation.Status.COMPLETED
            save_as(other_recommendation, cast.charlie)
    return indicator


@freeze_time(TODAY)
def test_what_changed_since_a_date_lists_exactly_the_partnerships_changes_after_it(cast):
    build(cast)
    changes = changes_since(cast.partnership, SINCE)
    listed = [
        (section.title, change.kind, change.subject, change.detail, change.who)
        for section in changes.sections
        for change in section.changes
    ]
    assert listed == [
        ("Priority 1: Early help", "Value corrected", "CP-01 Child protection plans, 2010/11 Q1", "10 → 12", "Alice Example"),
        ("Priority 1: Early help", "Value entered", "CP-01 Child protection plans, 2030/31 Q2", "42", "Sam Example"),
        ("Priority 1: Early help", "Status changed", "P1.1 Train health visitors", "On track (Green) → At risk (Amber)", "Sam Example"),
        ("Priority 2: Recognising neglect", "Due date moved", "P2.1 Roll out the neglect toolkit", "31 Jan 2027 → 31 Mar 2027", "Steve Example"),
        ("Priority 2: Recognising neglect", "Action added", "P2.2 Audit the toolkit", "Due 31 Mar 2027, On track (Green)", "Steve Example"),
        ("Priority 2: Recognising neglect", "Progress update", "P2.1 Roll out the neglect toolkit", "On track (Green)", "Lee Example"),
        ("Indicators not tied to a priority", "Value entered", "CX-01 Context measure, 2030/31 Q2", "7", "Alice Example"),
        ("Audits and recommendations", "Recommendation completed", "R1 Use the neglect assessment tool in every case.", "Neglect themed audit", "Steve Example"),
    ]  # fmt: skip
    assert changes.counts == {
        "Status changed": 1,
        "Progress update": 1,
        "Action added": 1,
        "Due date moved": 1,
        "Value entered": 2,
        "Value corrected": 1,
        "Recommendation completed": 1,
    }
    assert changes.more == []


@freeze_time(TODAY)
def test_a_corrected_value_says_what_it_was_and_is(cast):
    indicator = build(cast)
    changes = changes_since(cast.partnership, SINCE)
    corrected = [c for s in changes.sections for c in s.changes if c.kind == "Value corrected"]
    assert [(c.subject, c.detail, c.who) for c in corrected] == [
        ("CP-01 Child protection plans, 2010/11 Q1", "10 → 12", "Alice Example")
    ]
    assert corrected[0].url == reverse("outcomes:indicator", args=[indicator.pk])


@freeze_time(TODAY)
def test_the_page_groups_the_changes_by_priority_each_linked_with_who_and_when(cast, client_for):
    build(cast)
    response = client_for(cast.bea).get(CHANGES, {"since": "2026-10-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">What changed since 1 October 2026</h1>' in page
    assert page.index("Priority 1: Early help") < page.index("Priority 2: Recognising neglect")
    assert page.index("Priority 2: Recognising neglect") < page.index("Audits and recommendations")
    assert f'href="{reverse("actions:detail", args=[cast.a11.pk])}">P1.1 Train health visitors</a>' in page
    assert "On track (Green) → At risk (Amber)" in page and "5 Oct 2026" in page and "Sam Example" in page
    assert "The trainer left" in page  # the update's reason
    assert "Southshire" not in page and "S1.2" not in page
    assert f'href="{reverse("changes:export")}?since=2026-10-01"' in page


@freeze_time(TODAY)
def test_every_role_of_the_partnership_sees_it_and_another_partnership_sees_only_its_own(cast, client_for):
    build(cast)
    for person in (cast.alice, cast.steve, cast.sam, cast.lee, cast.bea):
        assert client_for(person).get(CHANGES, {"since": "2026-10-01"}).status_code == 200
    theirs = client_for(cast.charlie).get(CHANGES, {"since": "2026-10-01"}).content.decode()
    assert "S1.2" in theirs and "SO-01" in theirs
    assert "P1.1" not in theirs and "CP-01" not in theirs and "Neglect themed audit" not in theirs


@freeze_time(TODAY)
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "2026-10-16"}, "The date to show changes since must be today or in the past"),
        ({"since_0": "1", "since_1": "1", "since_2": "2027"}, "The date to show changes since must be today or in the past"),
        ({"since": "yesterday"}, "Show changes since must be a real date, for example 1 10 2026"),
        ({"since_0": "31", "since_1": "2", "since_2": "2026"}, "Show changes since must be a real date, for example 1 10 2026"),
        ({"since_0": "", "since_1": "", "since_2": ""}, "Enter the date to show changes since"),
    ],
)  # fmt: skip
def test_a_date_in_the_future_or_not_a_date_is_refused_with_a_message_and_nothing_else(
    cast, client_for, query, message
):
    build(cast)
    response = client_for(cast.steve).get(CHANGES, query)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and message in page
    assert "P1.1" not in page and "govuk-table" not in page
    export = client_for(cast.steve).get(reverse("changes:export"), query)
    assert export.status_code == 400 and message in export.content.decode()


@freeze_time(TODAY)
def test_it_starts_at_the_last_steering_group_meeting_and_offers_it_in_one_click(cast, client_for):
    build(cast)
    SteeringGroupMeeting.objects.create(partnership=cast.partnership, date=datetime.date(2026, 7, 1))
    SteeringGroupMeeting.objects.create(partnership=cast.partnership, date=datetime.date(2026, 10, 8))
    SteeringGroupMeeting.objects.create(partnership=cast.partnership, date=datetime.date(2026, 12, 1))  # planned
    SteeringGroupMeeting.objects.create(partnership=cast.other, date=datetime.date(2026, 10, 14))
    page = client_for(cast.lee).get(CHANGES).content.decode()
    assert "What changed since 8 October 2026" in page
    assert 'href="/changes/?since=2026-10-08"' in page
    assert 'aria-current="page">Since the last steering-group meeting (8 October 2026)' in page
    assert (
        "P2.1 Roll out the neglect toolkit" in page and "Audit the toolkit" not in page
    )  # moved on 8 Oct, added on 7 Oct
    earlier = client_for(cast.lee).get(CHANGES, {"since": "2026-10-01"}).content.decode()
    assert "Audit the toolkit" in earlier and 'aria-current="page">Since the last' not in earlier


@freeze_time(TODAY)
def test_without_a_meeting_it_starts_thirty_days_back_and_says_so(cast, client_for):
    page = client_for(cast.alice).get(CHANGES).content.decode()
    assert "What changed since 15 September 2026" in page
    assert "No steering-group meeting is recorded" in page and f'href="{reverse("settings:meetings")}"' in page


def query_count(client, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(CHANGES, query).status_code == 200
    return len(queries)


@freeze_time(TODAY)
def test_the_page_and_its_export_make_the_same_number_of_queries_at_ten_times_the_changes(cast, client_for):
    client = client_for(cast.steve)
    query = {"since": "2026-10-01"}
    build(cast, copies=2)
    client.get(CHANGES, query)  # the session's first reads
    small = query_count(client, query)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("changes:export"), query)
    small_export = len(queries)
    build(cast, copies=20, start=2)
    assert query_count(client, query) == small
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("changes:export"), query)
    assert len(queries) == small_export
    assert small <= 16


@freeze_time(TODAY)
def test_the_export_holds_the_same_changes_and_says_what_it_is_on_its_about_sheet(cast, client_for):
    build(cast)
    response = client_for(cast.steve).get(reverse("changes:export"), {"since": "2026-10-01"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="northshire-changes-since-2026-10-01.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["What changed", "About"]
    rows = list(book["What changed"].iter_rows(values_only=True))
    assert rows[0] == ("Section", "Date", "What changed", "About", "Change", "Why or what was said", "Who", "Link")
    assert len(rows) == 1 + 8
    status = next(row for row in rows if row[2] == "Status changed")
    assert status[:5] == (
        "Priority 1: Early help",
        datetime.datetime(2026, 10, 5),
        "Status changed",
        "P1.1 Train health visitors",
        "On track (Green) → At risk (Amber)",
    )
    assert status[5] == "The trainer left; a new one starts in November." and status[6] == "Sam Example"
    assert status[7] == f"http://testserver{reverse('actions:detail', args=[cast.a11.pk])}"
    assert not any("Southshire" in str(cell) for row in rows for cell in row)
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Export"] == "What changed since 1 October 2026"
    assert about["Partnership"] == "Northshire Safeguarding Children Partnership"
    assert about["Exported by"] == "Steve Example (steve@example.org)"


def test_the_dashboard_and_the_menu_link_to_what_changed(cast, client_for):
    page = client_for(cast.bea).get(reverse("accounts:dashboard")).content.decode()
    assert page.count(f'href="{CHANGES}"') == 2  # the menu's "What changed" and the dashboard's link
    assert "What changed since the last steering-group meeting</a>" in page
