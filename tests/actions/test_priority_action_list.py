"""A priority's page: the priority and the filtered, sorted, paginated table of its actions."""

import datetime

import pytest
from django.urls import reverse

from actions.models import Status
from tests import factories as f

ROLES = ["alice", "steve", "sam", "lee", "bea"]


@pytest.mark.parametrize("role", ROLES)
def test_a_priority_page_shows_its_actions_to_every_role(cast, client_for, role):
    page = client_for(getattr(cast, role)).get(reverse("priorities:detail", args=[cast.p2.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "P2.1" in content and "Roll out the neglect toolkit" in content and "govuk-tag--green" in content


def test_a_member_of_another_partnership_gets_404_for_a_priority(cast, client_for):
    response = client_for(cast.charlie).get(reverse("priorities:detail", args=[cast.p1.pk]))
    assert response.status_code == 404


def test_only_plan_editors_see_the_add_an_action_button(cast, client_for):
    url = reverse("priorities:detail", args=[cast.p1.pk])
    assert "Add an action" in client_for(cast.steve).get(url).content.decode()
    assert "Add an action" not in client_for(cast.bea).get(url).content.decode()


def test_the_actions_of_a_priority_filter_by_status_agency_and_overdue(cast, client_for):
    f.ActionFactory(
        priority=cast.p1,
        reference="P1.2",
        status=Status.AT_RISK,
        lead_agency=cast.police,
        start_date=datetime.date(2024, 4, 1),
        due_date=datetime.date(2025, 3, 31),
    )
    client = client_for(cast.alice)
    url = reverse("priorities:detail", args=[cast.p1.pk])
    by_status = client.get(url, {"status": "at_risk"}).content.decode()
    assert "P1.2" in by_status and "P1.1" not in by_status
    by_agency = client.get(url, {"lead_agency": cast.health.pk}).content.decode()
    assert "P1.1" in by_agency and "P1.2" not in by_agency
    overdue = client.get(url, {"overdue": "on"}).content.decode()
    assert "P1.2" in overdue and "P1.1" not in overdue


def test_actions_without_an_update_this_quarter_can_be_picked_out(cast, client_for):
    f.ActionFactory(priority=cast.p1, reference="P1.2")
    f.ProgressUpdateFactory(action=cast.a11, author=cast.sam, update_date=datetime.date.today())
    page = client_for(cast.alice).get(reverse("priorities:detail", args=[cast.p1.pk]), {"no_update": "on"})
    content = page.content.decode()
    assert "P1.2" in content and "P1.1" not in content


def test_actions_sort_by_due_date_and_paginate_by_25(cast, client_for):
    for n in range(30):
        f.ActionFactory(
            priority=cast.p2, reference=f"X{n:02d}", due_date=datetime.date(2026, 5, 1) + datetime.timedelta(days=n)
        )
    client = client_for(cast.alice)
    url = reverse("priorities:detail", args=[cast.p2.pk])
    first = client.get(url, {"sort": "due"})
    assert len(first.context["actions"]) == 25
    assert first.context["actions"][0].reference == "X00"
    last = client.get(url, {"sort": "-due"})
    assert last.context["actions"][0].reference == "P2.1"
    assert len(client.get(url, {"sort": "due", "page": 2}).context["actions"]) == 6


@pytest.mark.parametrize("count", [2, 40])
def test_the_priority_page_query_count_does_not_grow_with_the_data(
    cast, client_for, django_assert_max_num_queries, count
):
    for n in range(count):
        action = f.ActionFactory(priority=cast.p1, reference=f"X{n}", lead=cast.lee)
        f.ProgressUpdateFactory(action=action, author=cast.lee)
    client = client_for(cast.alice)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("priorities:detail", args=[cast.p1.pk]), {"no_update": "on"}).status_code == 200
