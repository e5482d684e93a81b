"""The action services the API calls, exercised directly."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from accounts import access
from actions import services
from actions.models import Status


def membership(cast, user):
    return access.membership_for(user, cast.partnership)


def test_completing_an_action_sets_completed_on_and_reopening_clears_it(cast):
    lee = membership(cast, cast.lee)

    impact = {"impact_statement": "Families say the plan helped.", "impact_evidence": "https://example.org/survey"}
    services.progress_update_add(lee, cast.a21, status=Status.COMPLETED, narrative="Done.", **impact)
    assert cast.a21.completed_on is not None

    services.progress_update_add(lee, cast.a21, status=Status.ON_TRACK, narrative="Reopened: more to do.")
    assert cast.a21.completed_on is None


def test_a_progress_update_sets_the_actions_status_and_completion_day(cast):
    update = services.progress_update_add(
        membership(cast, cast.sam),
        cast.a11,
        status=Status.COMPLETED,
        narrative="All health visitors trained.",
        update_date=datetime.date(2026, 11, 2),
        impact_statement="Health visitors now spot neglect earlier.",
        impact_evidence="Training-register-2026.xlsx",
    )

    cast.a11.refresh_from_db()
    assert cast.a11.status == Status.COMPLETED
    assert cast.a11.completed_on == datetime.date(2026, 11, 2)
    assert update.author == cast.sam


def test_a_board_member_cannot_add_progress(cast):
    with pytest.raises(PermissionDenied):
        services.progress_update_add(membership(cast, cast.bea), cast.a11, status=Status.AT_RISK, narrative="No.")
    cast.a11.refresh_from_db()
    assert cast.a11.status == Status.ON_TRACK


def test_two_people_adding_the_same_reference_at_once_get_a_message_not_an_error(cast, monkeypatch):
    from django.core.exceptions import ValidationError

    from actions.models import Action

    # The other person's action is saved between this one's checks and its insert.
    monkeypatch.setattr(Action, "validate_unique", lambda self, exclude=None: None)
    monkeypatch.setattr(Action, "validate_constraints", lambda self, exclude=None: None)
    steve = cast.steve.memberships.get()
    fields = {"reference": "P1.1", "title": "Again", "success_measure": "Audit.", "lead_agency": cast.health}
    fields |= {"start_date": datetime.date(2026, 4, 1), "due_date": datetime.date(2027, 3, 31)}
    with pytest.raises(ValidationError) as refused:
        services.action_create(steve, priority=cast.p1, **fields)
    assert "just been saved with this reference" in refused.value.message_dict["reference"][0]
    assert Action.objects.filter(priority=cast.p1).count() == 1
