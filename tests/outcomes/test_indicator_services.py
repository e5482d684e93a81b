"""Defining indicators through the one service the pages (and any other door) use."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from outcomes.models import Indicator, RBACategory
from outcomes.services import indicator_create, indicator_update


def membership(user):
    return user.memberships.get()


def new_fields(**overrides):
    return {"code": "EH-1", "name": "Families offered early help", "rba_category": RBACategory.HOW_MUCH, **overrides}


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_only_the_business_manager_and_steering_group_define_indicators(cast, framework, role):
    with pytest.raises(PermissionDenied):
        indicator_create(membership(getattr(cast, role)), **new_fields())
    with pytest.raises(PermissionDenied):
        indicator_update(membership(getattr(cast, role)), framework.training, name="Changed")
    assert not Indicator.objects.filter(code="EH-1").exists()
    framework.training.refresh_from_db()
    assert framework.training.name == "Practitioners trained in neglect"


def test_an_indicator_is_added_to_the_members_own_partnership_with_its_history_user(cast):
    indicator = indicator_create(membership(cast.steve), **new_fields(source_agency=cast.health))
    assert indicator.partnership == cast.partnership
    assert indicator.history.get().history_user == cast.steve


def test_a_member_of_another_partnership_cannot_change_northshires_indicator(cast, framework):
    with pytest.raises(PermissionDenied):
        indicator_update(membership(cast.charlie), framework.training, name="Southshire was here")
    framework.training.refresh_from_db()
    assert framework.training.name == "Practitioners trained in neglect"


def test_an_agency_or_priority_of_another_partnership_is_refused_by_name(cast):
    with pytest.raises(ValidationError) as caught:
        indicator_create(
            membership(cast.alice), **new_fields(source_agency=cast.other_agency, priority=cast.other_priority)
        )
    assert caught.value.message_dict == {
        "source_agency": ["Choose an agency of this partnership"],
        "priority": ["Choose a priority of this partnership's strategies"],
    }
    assert not Indicator.objects.filter(code="EH-1").exists()


def test_a_refused_change_leaves_the_indicator_as_it_was_even_in_memory(cast, framework):
    training = framework.training
    with pytest.raises(ValidationError, match="target cannot be negative"):
        indicator_update(membership(cast.steve), training, name="Renamed", target=Decimal("-1"))
    assert (training.name, training.target) == ("Practitioners trained in neglect", Decimal("75"))
    training.refresh_from_db()
    assert training.name == "Practitioners trained in neglect"


def test_only_definition_fields_can_be_changed(cast, framework):
    with pytest.raises(ValueError, match="partnership"):
        indicator_update(membership(cast.steve), framework.training, partnership=cast.other)
