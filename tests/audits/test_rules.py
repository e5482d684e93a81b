"""When a recommendation is overdue: one rule (``Recommendation.objects.overdue``) for lists, counts and one in hand."""

import datetime

import pytest

from audits import selectors
from audits.models import Recommendation
from tests import factories as f

DUE = datetime.date(2026, 11, 30)


@pytest.fixture
def audit(cast):
    return f.AuditFactory(partnership=cast.partnership)


def test_a_recommendation_is_overdue_from_the_day_after_its_due_date_until_it_is_completed(audit):
    recommendation = f.RecommendationFactory(audit=audit, due_date=DUE)
    day_after = DUE + datetime.timedelta(days=1)
    for day, overdue in [(DUE, False), (day_after, True)]:
        assert Recommendation.objects.filter(pk=recommendation.pk).overdue(on=day).exists() is overdue
        assert recommendation.is_overdue(day) is overdue
    recommendation.status = Recommendation.Status.COMPLETED
    recommendation.save()
    assert not Recommendation.objects.filter(pk=recommendation.pk).overdue(on=day_after).exists()
    assert not recommendation.is_overdue(day_after)


def test_a_recommendation_without_a_due_date_is_never_overdue(audit):
    recommendation = f.RecommendationFactory(audit=audit, due_date=None)
    assert not Recommendation.objects.filter(pk=recommendation.pk).overdue(on=DUE).exists()
    assert not recommendation.is_overdue(DUE)


def test_the_audit_list_counts_overdue_recommendations_by_the_same_rule(cast, audit):
    f.RecommendationFactory(audit=audit, due_date=DUE)
    f.RecommendationFactory(audit=audit, due_date=DUE + datetime.timedelta(days=10))
    f.RecommendationFactory(audit=audit, due_date=DUE, status=Recommendation.Status.COMPLETED)
    day = DUE + datetime.timedelta(days=1)
    listed = selectors.audits_listed(cast.partnership, day).get(pk=audit.pk)
    assert (
        listed.overdue_recommendation_count == Recommendation.objects.filter(audit=audit).overdue(on=day).count() == 1
    )
