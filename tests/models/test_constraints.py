"""Integrity rules the database itself enforces, whichever door the data comes through."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Membership, Role
from actions.models import ProgressUpdate
from tests import factories as f


def refused(callable_, *args, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_(*args, **kwargs)
    return True


def test_one_measurement_per_indicator_and_period(cast):
    indicator = f.IndicatorFactory(partnership=cast.partnership)
    f.MeasurementFactory(indicator=indicator, period="2023/24 Q1")
    assert refused(f.MeasurementFactory, indicator=indicator, period="2023/24 Q1")
    # The label is normalised first, so another spelling of the same quarter is the same period.
    assert refused(f.MeasurementFactory, indicator=indicator, period="2023-24 q1")


def test_measurement_sorts_by_the_start_of_its_period(cast):
    indicator = f.IndicatorFactory(partnership=cast.partnership)
    m = f.MeasurementFactory(indicator=indicator, period="2023/24 Q4")
    assert m.period_start == datetime.date(2024, 1, 1)


def test_measurement_denominator_must_be_positive(cast):
    indicator = f.IndicatorFactory(partnership=cast.partnership)
    assert refused(f.MeasurementFactory, indicator=indicator, numerator=0, denominator=0)


def test_measurement_numerator_cannot_exceed_denominator(cast):
    indicator = f.IndicatorFactory(partnership=cast.partnership)
    assert refused(f.MeasurementFactory, indicator=indicator, numerator=11, denominator=10)


def test_action_due_date_cannot_be_before_its_start(cast):
    assert refused(
        f.ActionFactory, priority=cast.p1, start_date=datetime.date(2026, 5, 1), due_date=datetime.date(2026, 4, 30)
    )


def test_action_clean_explains_a_due_date_before_the_start(cast):
    action = f.ActionFactory.build(
        priority=cast.p1,
        lead_agency=cast.health,
        start_date=datetime.date(2026, 5, 1),
        due_date=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "due_date" in error.value.message_dict


def test_action_reference_is_unique_within_a_priority(cast):
    assert refused(f.ActionFactory, priority=cast.p1, reference="P1.1")


def test_strategy_cannot_end_before_it_starts(cast):
    assert refused(
        f.StrategyFactory,
        partnership=cast.partnership,
        status="draft",
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2025, 3, 31),
    )


def test_a_partnership_has_at_most_one_active_strategy(cast):
    assert refused(f.StrategyFactory, partnership=cast.partnership, status="active")
    f.StrategyFactory(partnership=cast.partnership, status="archived")  # archived ones are fine


def test_priority_numbers_are_unique_within_a_strategy(cast):
    assert refused(f.PriorityFactory, strategy=cast.strategy, number=1, sponsor_agency=cast.health)


def test_one_membership_per_person_and_partnership(cast):
    assert refused(Membership.objects.create, user=cast.sam, partnership=cast.partnership, role=Role.BOARD)


def test_a_person_may_belong_to_several_partnerships(cast):
    Membership.objects.create(user=cast.sam, partnership=cast.other, role=Role.BOARD)
    assert cast.sam.memberships.count() == 2


def test_audit_grades_cannot_add_up_to_more_than_the_cases(cast):
    assert refused(f.AuditFactory, partnership=cast.partnership, case_count=5, grade_good=4, grade_inadequate=2)
    f.AuditFactory(partnership=cast.partnership, case_count=6, grade_good=4, grade_inadequate=2)


def test_indicator_code_is_unique_in_a_partnership_but_not_across_partnerships(cast):
    f.IndicatorFactory(partnership=cast.partnership, code="N1")
    f.IndicatorFactory(partnership=cast.other, code="N1")
    assert refused(f.IndicatorFactory, partnership=cast.partnership, code="N1")


def test_one_report_per_strategy_and_quarter(cast):
    from reports.models import QuarterlyReport

    QuarterlyReport.objects.create(strategy=cast.strategy, period="2026/27 Q2", period_start=datetime.date(2026, 7, 1))
    assert refused(
        QuarterlyReport.objects.create,
        strategy=cast.strategy,
        period="2026/27 Q2",
        period_start=datetime.date(2026, 7, 1),
    )


class TestProgressUpdatesAreAppendOnly:
    def test_an_update_cannot_be_changed_once_saved(self, cast):
        update = f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)
        update.narrative = "Rewritten history"
        with pytest.raises(PermissionError):
            update.save()
        assert ProgressUpdate.objects.get(pk=update.pk).narrative == "Work continues as planned."

    def test_an_update_cannot_be_deleted(self, cast):
        update = f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)
        with pytest.raises(PermissionError):
            update.delete()
        assert ProgressUpdate.objects.filter(pk=update.pk).exists()

    def test_updates_cannot_be_changed_or_deleted_in_bulk(self, cast):
        f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)
        with pytest.raises(PermissionError):
            ProgressUpdate.objects.all().update(narrative="x")
        with pytest.raises(PermissionError):
            ProgressUpdate.objects.filter(action=cast.a11).delete()
        assert ProgressUpdate.objects.count() == 1

    def test_new_updates_can_be_added(self, cast):
        f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)
        f.ProgressUpdateFactory(action=cast.a11, author=cast.sam, status="at_risk")
        assert cast.a11.updates.count() == 2


def test_history_records_who_changed_an_action(cast):
    cast.a11.status = "at_risk"
    cast.a11._history_user = cast.steve
    cast.a11.save()
    latest = cast.a11.history.first()
    assert latest.status == "at_risk"
    assert latest.history_user == cast.steve
    assert latest.diff_against(latest.prev_record).changed_fields == ["status"]
