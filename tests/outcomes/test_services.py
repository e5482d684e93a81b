"""Recording indicator values: who may, what is refused and why, and batches that are all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from outcomes.models import Frequency, Measurement, Unit
from outcomes.services import MeasurementBatchError, MeasurementInput, measurement_record, measurements_record_many
from tests import factories as f

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def training(cast):
    """A quarterly count supplied by health (Sam's agency)."""
    return f.IndicatorFactory(partnership=cast.partnership, code="TR-1", source_agency=cast.health)


@pytest.fixture
def screening(cast):
    return f.IndicatorFactory(
        partnership=cast.partnership, code="SC-1", unit=Unit.PERCENTAGE, source_agency=cast.council
    )


def membership(user):
    return user.memberships.get()


def test_a_value_is_recorded_and_a_correction_changes_it_with_its_history(cast, training):
    measurement, created = measurement_record(
        membership(cast.steve), MeasurementInput(training, "2026/27 q2", Decimal("82"), note="New course."), TODAY
    )
    assert created and measurement.period == "2026/27 Q2" and measurement.entered_by == cast.steve
    corrected, created = measurement_record(membership(cast.sam), MeasurementInput(training, "2026/27 Q2", 84), TODAY)
    assert not created and corrected.pk == measurement.pk and corrected.value == 84
    assert [h.history_user for h in corrected.history.order_by("history_date")] == [cast.steve, cast.sam]


def test_recording_the_same_value_again_writes_nothing(cast, training):
    entry = MeasurementInput(training, "2026/27 Q2", Decimal("82"))
    measurement_record(membership(cast.steve), entry, TODAY)
    measurement_record(membership(cast.steve), MeasurementInput(training, "2026/27 Q2", Decimal("82")), TODAY)
    assert Measurement.history.count() == 1


@pytest.mark.parametrize("role", ["lee", "bea", "charlie"])
def test_only_plan_editors_and_the_supplying_agency_may_record(cast, training, role):
    with pytest.raises(PermissionDenied):
        measurement_record(membership(getattr(cast, role)), MeasurementInput(training, "2026/27 Q2", 1), TODAY)
    assert Measurement.objects.count() == 0


def test_a_percentage_is_worked_out_from_numerator_and_denominator(cast, screening):
    measurement, _ = measurement_record(
        membership(cast.lee), MeasurementInput(screening, "2026/27 Q1", numerator=46, denominator=71), TODAY
    )
    assert measurement.value == Decimal("64.8")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"period": "2026 Q5"}, "period", "is not a period"),
        ({"period": "2026/27"}, "period", "TR-1 is quarterly: give a quarter, such as 2026/27 Q1"),
        ({"period": "2027/28 Q1"}, "period", "2027/28 Q1 has not started yet"),
        ({"value": None}, "value", "Enter the value"),
        ({"value": "lots"}, "value", "Enter the value as a number, like 147 or 51.8"),
        ({"value": Decimal("-1")}, "value", "The value cannot be negative"),
        ({"value": Decimal("1.234")}, "value", "Give the value with no more than 2 decimal places"),
        ({"numerator": 5}, "denominator", "Enter the denominator as well as the numerator"),
        ({"numerator": 5, "denominator": 0}, "denominator", "The denominator must be more than 0"),
        ({"numerator": 9, "denominator": 5}, "numerator", "The numerator cannot be more than the denominator"),
        ({"numerator": 1, "denominator": 10**12}, "denominator", "The denominator must be less than 2,147,483,648"),
    ],
)
def test_bad_values_are_refused_with_the_field_and_a_clear_message(cast, training, fields, field, message):
    entry = MeasurementInput(**{"indicator": training, "period": "2026/27 Q2", "value": Decimal("5"), **fields})
    with pytest.raises(ValidationError) as caught:
        measurement_record(membership(cast.steve), entry, TODAY)
    assert any(message in text for text in caught.value.message_dict[field])
    assert Measurement.objects.count() == 0


def test_an_annual_indicator_takes_a_financial_year_and_a_percentage_no_more_than_100(cast, screening):
    annual = f.IndicatorFactory(partnership=cast.partnership, code="AN-1", frequency=Frequency.ANNUAL)
    with pytest.raises(ValidationError, match="AN-1 is annual"):
        measurement_record(membership(cast.steve), MeasurementInput(annual, "2025/26 Q1", 5), TODAY)
    with pytest.raises(ValidationError, match="cannot be more than 100"):
        measurement_record(membership(cast.steve), MeasurementInput(screening, "2025/26 Q1", 101), TODAY)


def test_a_batch_with_any_bad_entry_records_nothing_and_names_every_bad_entry(cast, training, screening):
    entries = [
        MeasurementInput(training, "2026/27 Q2", 80),
        MeasurementInput(screening, "2026/27 Q2", 150),
        MeasurementInput(training, "2026/27 Q1", None),
        MeasurementInput(training, "2026/27 Q2", 81),
    ]
    with pytest.raises(MeasurementBatchError) as caught:
        measurements_record_many(membership(cast.steve), entries, TODAY)
    assert sorted(caught.value.rows) == [1, 2, 3]
    assert "given twice" in caught.value.rows[3]["period"][0]
    assert Measurement.objects.count() == 0


def test_a_batch_with_an_indicator_the_member_may_not_record_is_refused_whole(cast, training, screening):
    entries = [MeasurementInput(training, "2026/27 Q2", 80), MeasurementInput(screening, "2026/27 Q2", 50)]
    with pytest.raises(PermissionDenied, match="SC-1"):
        measurements_record_many(membership(cast.sam), entries, TODAY)
    assert Measurement.objects.count() == 0


def test_a_good_batch_is_recorded(cast, training, screening):
    entries = [MeasurementInput(training, "2026/27 Q2", 80), MeasurementInput(screening, "2026/27 Q2", 50)]
    results = measurements_record_many(membership(cast.alice), entries, TODAY)
    assert [recorded.result for recorded in results] == ["created", "created"]
    assert Measurement.objects.count() == 2


def test_a_value_recorded_by_someone_else_a_moment_ago_is_corrected_not_an_error(cast, training, monkeypatch):
    from outcomes import services

    real_current = Measurement.objects.current

    def first_look_finds_nothing(*args, **kwargs):
        # The other request's value arrives between this one's look and its insert.
        monkeypatch.setattr(Measurement.objects, "current", real_current)
        f.MeasurementFactory(indicator=training, period="2026/27 Q2", value=Decimal("70"))
        return Measurement.objects.none()

    monkeypatch.setattr(Measurement.objects, "current", first_look_finds_nothing)
    measurement, created = services.measurement_record(
        membership(cast.steve), MeasurementInput(training, "2026/27 Q2", Decimal("82")), TODAY
    )
    assert not created and measurement.value == 82
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal("82")]


def test_a_batch_says_which_values_it_created_corrected_and_found_already_recorded(cast, training, screening):
    first = [MeasurementInput(training, "2026/27 Q2", 80), MeasurementInput(screening, "2026/27 Q2", 50)]
    measurements_record_many(membership(cast.alice), first, TODAY)
    again = [
        MeasurementInput(training, "2026/27 Q2", 80),
        MeasurementInput(screening, "2026/27 Q2", 55),
        MeasurementInput(training, "2026/27 Q1", 70),
    ]
    results = measurements_record_many(membership(cast.alice), again, TODAY)
    assert [recorded.result for recorded in results] == ["unchanged", "updated", "created"]
    assert [recorded.measurement.value for recorded in results] == [80, 55, 70]
