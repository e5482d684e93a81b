"""Adding and changing indicators: who may, and what is refused, naming the field."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from outcomes.models import Frequency, Indicator
from outcomes.services import indicator_create, indicator_update
from tests import factories as f


def membership(user):
    return user.memberships.get()


def new_indicator(**fields):
    return {"code": "EH-01", "name": "Families offered early help", "rba_category": "how_much", **fields}


def errors_of(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_the_business_manager_adds_an_indicator_recorded_in_history_with_her_name(cast):
    indicator = indicator_create(membership(cast.alice), **new_indicator(source_agency=cast.council, target=60))

    assert indicator.partnership == cast.partnership and indicator.target == 60
    assert [h.history_user for h in indicator.history.all()] == [cast.alice]


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_only_plan_editors_add_or_change_indicators(cast, role):
    existing = f.IndicatorFactory(partnership=cast.partnership, code="HV-01")

    with pytest.raises(PermissionDenied):
        indicator_create(membership(getattr(cast, role)), **new_indicator())
    with pytest.raises(PermissionDenied):
        indicator_update(membership(getattr(cast, role)), existing, name="Renamed")

    assert list(Indicator.objects.values_list("code", "name")) == [("HV-01", existing.name)]


def test_an_indicator_of_another_partnership_cannot_be_changed(cast):
    southshire = f.IndicatorFactory(partnership=cast.other, code="SS-01")

    with pytest.raises(PermissionDenied):
        indicator_update(membership(cast.alice), southshire, name="Taken over")


def test_a_code_already_used_in_the_partnership_is_refused_in_any_case(cast):
    f.IndicatorFactory(partnership=cast.partnership, code="HV-01")
    f.IndicatorFactory(partnership=cast.other, code="EH-01")  # another partnership's code is no clash

    assert indicator_create(membership(cast.alice), **new_indicator()).code == "EH-01"
    errors = errors_of(lambda: indicator_create(membership(cast.alice), **new_indicator(code=" hv-01 ")))
    assert errors == {"code": ["The partnership already has an indicator with the code hv-01"]}


def test_an_agency_or_priority_of_another_partnership_is_refused_naming_each(cast):
    errors = errors_of(
        lambda: indicator_create(
            membership(cast.alice), **new_indicator(source_agency=cast.other_agency, priority=cast.other_priority)
        )
    )

    assert errors["source_agency"] == ["Choose an agency of this partnership"]
    assert errors["priority"] == ["Choose a priority of this partnership"]
    assert not Indicator.objects.exists()


def test_a_negative_amber_tolerance_and_a_missing_name_are_refused_together(cast):
    errors = errors_of(
        lambda: indicator_create(membership(cast.steve), **new_indicator(name="", amber_tolerance=Decimal("-1")))
    )

    assert errors["amber_tolerance"] == ["The amber tolerance cannot be negative"]
    assert "name" in errors


def test_a_change_is_kept_with_who_made_it_and_a_refused_change_leaves_the_indicator_as_it_was(cast):
    indicator = indicator_create(membership(cast.alice), **new_indicator(target=60))

    changed = indicator_update(membership(cast.steve), indicator, target=Decimal("65"))
    assert changed.target == 65
    assert [h.history_user for h in changed.history.order_by("history_date")] == [cast.alice, cast.steve]

    with pytest.raises(ValidationError):
        indicator_update(membership(cast.steve), changed, target=Decimal("70"), amber_tolerance=Decimal("-2"))
    assert changed.target == 65
    changed.refresh_from_db()
    assert changed.target == 65 and changed.amber_tolerance is None


def test_the_frequency_of_an_indicator_with_values_cannot_change(cast):
    indicator = f.IndicatorFactory(partnership=cast.partnership, code="HV-01", frequency=Frequency.QUARTERLY)
    unused = f.IndicatorFactory(partnership=cast.partnership, code="HV-02", frequency=Frequency.QUARTERLY)
    f.MeasurementFactory(indicator=indicator, period="2026/27 Q1")

    errors = errors_of(lambda: indicator_update(membership(cast.alice), indicator, frequency=Frequency.ANNUAL))
    assert errors == {"frequency": ["HV-01 already has values, so its frequency cannot change"]}
    assert indicator_update(membership(cast.alice), unused, frequency=Frequency.ANNUAL).frequency == Frequency.ANNUAL


def test_a_member_of_two_partnerships_adds_indicators_to_the_one_she_acts_in(cast):
    dana = f.UserFactory(email="dana@example.org")
    f.MembershipFactory(user=dana, partnership=cast.partnership, role=Role.STEERING)
    southshire = f.MembershipFactory(user=dana, partnership=cast.other, role=Role.BOARD)

    with pytest.raises(PermissionDenied):
        indicator_create(southshire, **new_indicator())
    indicator = indicator_create(dana.memberships.get(partnership=cast.partnership), **new_indicator())
    assert indicator.partnership == cast.partnership


def test_fields_that_are_not_an_indicators_definition_are_not_accepted(cast):
    with pytest.raises(ValueError, match="partnership"):
        indicator_create(membership(cast.alice), **new_indicator(partnership=cast.other))


def test_a_refused_change_leaves_the_indicator_as_it_was_even_in_memory(cast, framework):
    training = framework.training
    with pytest.raises(ValidationError, match="target cannot be negative"):
        indicator_update(membership(cast.steve), training, name="Renamed", target=Decimal("-1"))
    assert (training.name, training.target) == ("Practitioners trained in neglect", Decimal("75"))
    training.refresh_from_db()
    assert training.name == "Practitioners trained in neglect"
