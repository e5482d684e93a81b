"""Strategy and priority writes: one home used by the set-up pages and the API alike."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from priorities import services
from priorities.models import Priority, Strategy


def membership(user):
    return user.memberships.get()


def test_a_plan_editor_adds_a_strategy_to_their_partnership_with_its_history(cast):
    strategy = services.strategy_create(
        membership(cast.steve),
        title="Neglect Strategy 2027–2030",
        start_date=datetime.date(2027, 4, 1),
        end_date=datetime.date(2030, 3, 31),
    )
    assert strategy.partnership == cast.partnership and strategy.status == Strategy.Status.DRAFT
    assert strategy.history.first().history_user == cast.steve


@pytest.mark.parametrize("who", ["sam", "lee", "bea"])
def test_only_plan_editors_write_strategies_and_priorities(cast, who):
    member = membership(getattr(cast, who))
    with pytest.raises(PermissionDenied):
        services.strategy_update(member, cast.strategy, title="Renamed")
    with pytest.raises(PermissionDenied):
        services.priority_create(member, strategy=cast.strategy, number=3, title="New", sponsor_agency=cast.police)
    cast.strategy.refresh_from_db()
    assert cast.strategy.title != "Renamed" and cast.strategy.priorities.count() == 2


def test_a_plan_editor_cannot_write_another_partnerships_plan(cast):
    with pytest.raises(PermissionDenied):
        services.priority_update(membership(cast.charlie), cast.p1, title="Taken over")
    assert Priority.objects.get(pk=cast.p1.pk).title == "Early help"


def test_a_strategy_ending_before_it_starts_is_refused_on_its_end_date_and_not_saved(cast):
    with pytest.raises(ValidationError) as refused:
        services.strategy_update(
            membership(cast.alice),
            cast.strategy,
            start_date=datetime.date(2026, 4, 1),
            end_date=datetime.date(2026, 3, 1),
        )
    assert refused.value.message_dict["end_date"] == ["The end date must be on or after the start date."]
    cast.strategy.refresh_from_db()
    assert cast.strategy.end_date != datetime.date(2026, 3, 1)


def test_a_priority_is_added_and_changed_with_who_did_it(cast):
    priority = services.priority_create(
        membership(cast.alice), strategy=cast.strategy, number=3, title="Home conditions", sponsor_agency=cast.police
    )
    services.priority_update(membership(cast.steve), priority, title="Home conditions and neglect")
    priority.refresh_from_db()
    assert priority.title == "Home conditions and neglect"
    assert [h.history_user for h in priority.history.order_by("history_date")] == [cast.alice, cast.steve]


def test_a_sponsor_of_another_partnership_is_refused(cast):
    with pytest.raises(ValidationError):
        services.priority_update(membership(cast.alice), cast.p1, sponsor_agency=cast.other_agency)
    assert Priority.objects.get(pk=cast.p1.pk).sponsor_agency == cast.health


def test_a_field_that_is_not_editable_is_a_programming_error(cast):
    with pytest.raises(ValueError, match="Not editable: partnership"):
        services.strategy_update(membership(cast.alice), cast.strategy, partnership=cast.other)


def test_two_people_adding_the_same_number_at_once_get_a_message_on_the_number(cast, monkeypatch):
    # The second request's checks ran before the first one's insert: only the database sees the clash.
    monkeypatch.setattr(Priority, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as refused:
        services.priority_create(
            membership(cast.alice), strategy=cast.strategy, number=1, title="Again", sponsor_agency=cast.police
        )
    assert refused.value.message_dict == {"number": ["Another priority has just been saved with this number"]}
    assert cast.strategy.priorities.count() == 2


def test_the_page_and_the_api_refuse_a_strategy_ending_before_it_starts_with_the_same_words(cast, client_for):
    from django.urls import reverse
    from rest_framework.test import APIClient

    message = "The end date must be on or after the start date."
    page = client_for(cast.alice).post(
        reverse("priorities:strategy_update", args=[cast.strategy.pk]),
        {
            "title": cast.strategy.title,
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2026",
            "end_date_0": "1",
            "end_date_1": "3",
            "end_date_2": "2026",
            "status": "active",
        },
    )
    api = APIClient()
    api.force_login(cast.alice)
    answer = api.patch(f"/api/v1/strategies/{cast.strategy.pk}/", {"end_date": "2020-01-01"}, format="json")
    assert message in page.content.decode()
    assert answer.status_code == 400 and answer.json()["end_date"] == [message]
    assert Strategy.objects.get(pk=cast.strategy.pk).end_date == cast.strategy.end_date
