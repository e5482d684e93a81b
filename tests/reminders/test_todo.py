"""To do: the home page of action leads and sponsors. What is overdue, what has no update this quarter, what is
due in the next 30 days and the values to submit, each with one link; completed and closed actions on Done."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from actions.models import Status
from tests import factories as f

TODAY = datetime.date(2026, 11, 20)  # 2026/27 Q3
TODO = reverse("accounts:todo")


def link_to_update(action):
    return f'href="{reverse("actions:add_update", args=[action.pk])}"'


@freeze_time(TODAY)
def test_a_lead_starts_at_to_do_and_the_steering_group_at_the_dashboard(cast, client_for):
    for person in (cast.lee, cast.sam):
        home = client_for(person).get("/").content.decode()
        assert '<h1 class="govuk-heading-xl">To do</h1>' in home
    steering = client_for(cast.steve).get("/")
    assert steering.status_code == 200 and "Priority 1" in steering.content.decode()
    page = client_for(cast.lee).get(TODO).content.decode()
    assert f'href="{reverse("accounts:dashboard")}"' in page  # the dashboard, one click away
    assert client_for(cast.lee).get(reverse("accounts:dashboard")).status_code == 200


@freeze_time(TODAY)
def test_to_do_lists_what_is_overdue_without_update_or_due_soon_each_with_its_link(cast, client_for):
    lee = cast.lee
    overdue = f.ActionFactory(priority=cast.p2, reference="P2.2", lead=lee, due_date=datetime.date(2026, 10, 31))
    due_soon = f.ActionFactory(priority=cast.p2, reference="P2.3", lead=lee, due_date=datetime.date(2026, 12, 10))
    f.ProgressUpdateFactory(action=due_soon, author=lee, update_date=datetime.date(2026, 11, 2))
    later = f.ActionFactory(priority=cast.p2, reference="P2.4", lead=lee, due_date=datetime.date(2027, 6, 30))
    f.ProgressUpdateFactory(action=later, author=lee, update_date=datetime.date(2026, 11, 2))
    done = f.ActionFactory(
        priority=cast.p2, reference="P2.5", lead=lee, status=Status.COMPLETED, completed_on=datetime.date(2026, 9, 1)
    )
    page = client_for(lee).get(TODO).content.decode()
    assert "Overdue since 31 Oct 2026" in page and link_to_update(overdue) in page
    assert "No update this quarter" in page and link_to_update(cast.a21) in page  # P2.1, due in January
    assert "Due in 2" in page and link_to_update(due_soon) in page
    assert ">P2.4<" not in page and ">P2.5<" not in page and ">P1.1<" not in page
    assert page.index(">P2.2<") < page.index(">P2.1<") < page.index(">P2.3<")  # most pressing first

    finished = client_for(lee).get(TODO, {"tab": "done"}).content.decode()
    assert ">P2.5<" in finished and "1 Sep 2026" in finished and ">P2.2<" not in finished
    assert link_to_update(done) not in finished


@freeze_time(TODAY)
def test_values_still_to_submit_for_the_quarter_collected_are_one_link(cast, client_for):
    indicator = f.IndicatorFactory(partnership=cast.partnership, source_agency=cast.council)
    f.IndicatorFactory(partnership=cast.partnership, source_agency=cast.health)
    page = client_for(cast.lee).get(TODO).content.decode()
    assert "Enter the 2026/27 Q2 values" in page and "1 indicator you record has no value yet" in page
    assert f"{reverse('outcomes:quarter_entry')}?quarter=2026/27 Q2" in page
    f.MeasurementFactory(indicator=indicator, period="2026/27 Q2")
    assert "Enter the 2026/27 Q2 values" not in client_for(cast.lee).get(TODO).content.decode()


@freeze_time(TODAY)
def test_to_do_never_shows_another_partnerships_actions(cast, client_for):
    f.ActionFactory(priority=cast.other_priority, reference="S9.9", lead=cast.lee, due_date=datetime.date(2026, 1, 1))
    page = client_for(cast.lee).get(TODO).content.decode()
    assert "S9.9" not in page


@freeze_time(TODAY)
def test_a_board_member_has_nothing_to_do_and_starts_at_the_dashboard(cast, client_for):
    assert client_for(cast.bea).get("/").status_code == 200
    page = client_for(cast.bea).get(TODO).content.decode()
    assert "Nothing is overdue" in page and "Add a progress update" not in page


@freeze_time(TODAY)
def test_to_do_is_paginated(cast, client_for):
    for n in range(30):
        f.ActionFactory(priority=cast.p2, reference=f"P2.{n + 10}", lead=cast.lee, due_date=datetime.date(2026, 6, 30))
    client = client_for(cast.lee)
    first = client.get(TODO).content.decode()
    assert first.count("Overdue since") == 25 and 'aria-label="Page 2"' in first
    assert client.get(TODO, {"page": 2}).content.decode().count("Overdue since") == 5
    assert client.get(TODO, {"page": "nonsense"}).status_code in (200, 404)


@pytest.mark.parametrize("count", [3, 30])
@freeze_time(TODAY)
def test_to_do_runs_a_fixed_number_of_queries_as_the_plan_grows_ten_fold(
    cast, client_for, django_assert_max_num_queries, count
):
    for n in range(count):
        action = f.ActionFactory(priority=cast.p1, reference=f"P1.{n + 10}", lead=cast.sam, lead_agency=cast.health)
        f.ProgressUpdateFactory(action=action, author=cast.sam, update_date=datetime.date(2026, 8, 1))
        f.IndicatorFactory(partnership=cast.partnership, source_agency=cast.health)
    client = client_for(cast.sam)
    with django_assert_max_num_queries(14):
        page = client.get(TODO).content.decode()
    assert "No update this quarter" in page
    with django_assert_max_num_queries(12):
        client.get(TODO, {"tab": "done"})
