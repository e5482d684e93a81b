"""Setting up the strategy and its priorities in the portal."""

import pytest
from django.urls import reverse

from priorities.models import Priority, Strategy


def test_a_steering_member_adds_a_priority_with_its_sponsor(cast, client_for):
    client = client_for(cast.steve)
    response = client.post(
        reverse("priorities:create", args=[cast.strategy.pk]),
        {"number": 3, "title": "Neglect and the home environment", "sponsor_agency": cast.police.pk},
    )
    priority = Priority.objects.get(strategy=cast.strategy, number=3)
    assert response["Location"] == reverse("priorities:detail", args=[priority.pk])
    assert priority.sponsor_agency == cast.police
    assert priority.history.first().history_user == cast.steve


def test_a_taken_priority_number_is_refused_with_a_message(cast, client_for):
    response = client_for(cast.steve).post(
        reverse("priorities:create", args=[cast.strategy.pk]),
        {"number": 1, "title": "Again", "sponsor_agency": cast.police.pk},
    )
    assert response.status_code == 200
    assert "Priority 1 already exists in this strategy" in response.content.decode()
    assert cast.strategy.priorities.count() == 2


def test_an_empty_priority_form_says_what_is_missing(cast, client_for):
    page = client_for(cast.alice).post(reverse("priorities:create", args=[cast.strategy.pk]), {}).content.decode()
    assert "There is a problem" in page
    for message in [
        "Enter the priority&#x27;s number",
        "Enter the priority&#x27;s title",
        "Choose the sponsoring agency",
    ]:
        assert message in page


def test_an_agency_of_another_partnership_cannot_sponsor_a_priority(cast, client_for):
    response = client_for(cast.steve).post(
        reverse("priorities:update", args=[cast.p1.pk]),
        {"number": 1, "title": "Early help", "sponsor_agency": cast.other_agency.pk},
    )
    assert response.status_code == 200
    cast.p1.refresh_from_db()
    assert cast.p1.sponsor_agency == cast.health


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_sponsors_leads_and_board_members_cannot_change_the_plan(cast, client_for, role):
    client = client_for(getattr(cast, role))
    assert client.get(reverse("priorities:update", args=[cast.p1.pk])).status_code == 403
    response = client.post(
        reverse("priorities:update", args=[cast.p1.pk]),
        {"number": 1, "title": "Renamed", "sponsor_agency": cast.health.pk},
    )
    assert response.status_code == 403
    cast.p1.refresh_from_db()
    assert cast.p1.title == "Early help"
    assert client.get(reverse("priorities:strategy_create")).status_code == 403


def test_another_partnerships_strategy_and_priority_answer_404(cast, client_for):
    client = client_for(cast.charlie)
    assert client.get(reverse("priorities:update", args=[cast.p1.pk])).status_code == 404
    assert client.get(reverse("priorities:strategy_update", args=[cast.strategy.pk])).status_code == 404
    assert client.get(reverse("priorities:create", args=[cast.strategy.pk])).status_code == 404


def strategy_data(**overrides):
    data = {
        "title": "Neglect Strategy 2027–2030",
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": "2027",
        "end_date_0": "31",
        "end_date_1": "3",
        "end_date_2": "2030",
        "vision": "Every child's needs are met.",
        "status": "draft",
    }
    return {**data, **overrides}


def test_the_business_manager_drafts_the_next_strategy(cast, client_for):
    response = client_for(cast.alice).post(reverse("priorities:strategy_create"), strategy_data())
    assert response.status_code == 302
    assert Strategy.objects.get(title="Neglect Strategy 2027–2030").partnership == cast.partnership


def test_a_second_active_strategy_is_refused_with_a_message_not_an_error_page(cast, client_for):
    response = client_for(cast.alice).post(reverse("priorities:strategy_create"), strategy_data(status="active"))
    assert response.status_code == 200
    assert "Another strategy is active" in response.content.decode()
    assert Strategy.objects.filter(partnership=cast.partnership).count() == 1


def test_a_strategy_cannot_end_before_it_starts(cast, client_for):
    response = client_for(cast.alice).post(reverse("priorities:strategy_create"), strategy_data(end_date_2="2026"))
    assert "The end date must be on or after the start date" in response.content.decode()


def test_plan_editors_see_the_set_up_buttons_and_board_members_do_not(cast, client_for):
    assert "Add a priority" in client_for(cast.steve).get(reverse("priorities:list")).content.decode()
    assert "Add a priority" not in client_for(cast.bea).get(reverse("priorities:list")).content.decode()
