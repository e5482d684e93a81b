"""Nothing the board may have seen is deleted: it is withdrawn with a reason, leaves lists, the scorecard,
reports, reminders and exports, and stays on its own page and in its history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions import selectors as action_selectors
from actions import services as action_services
from actions.models import Action
from audits import selectors as audit_selectors
from audits import services as audit_services
from neglect_portal.child_identifiers import NHS_NUMBER_MESSAGE
from neglect_portal.periods import Period
from outcomes import selectors as outcome_selectors
from outcomes import services as outcome_services
from outcomes.models import Indicator, Measurement
from outcomes.services import MeasurementInput
from reports import selectors as report_selectors
from tests import factories as f


def membership(user):
    return user.memberships.get()


@pytest.fixture
def scorecard(cast):
    """A quarterly count with values for two quarters: 73 in 2025/26 Q4 and 147 in 2026/27 Q1."""
    indicator = f.IndicatorFactory(partnership=cast.partnership, code="HAL-01", source_agency=cast.health)
    older = f.MeasurementFactory(indicator=indicator, period="2025/26 Q4", value=Decimal(73))
    newer = f.MeasurementFactory(indicator=indicator, period="2026/27 Q1", value=Decimal(147))
    return indicator, older, newer


# --- the rule, for every kind -----------------------------------------------------------------


def test_withdrawing_needs_a_reason_and_refuses_one_that_could_identify_a_child(cast):
    steve = membership(cast.steve)
    with pytest.raises(ValidationError) as blank:
        action_services.action_withdraw(steve, cast.a11, "   ")
    with pytest.raises(ValidationError) as identifying:
        action_services.action_withdraw(steve, cast.a11, "Duplicate of the plan for NHS 943 476 5919")

    assert blank.value.message_dict == {"reason": ["Enter why it is being withdrawn"]}
    assert identifying.value.message_dict == {"reason": [NHS_NUMBER_MESSAGE]}
    assert Action.objects.current().filter(pk=cast.a11.pk).exists()


def test_a_withdrawn_action_keeps_everything_and_records_who_when_and_why(cast):
    action_services.action_withdraw(membership(cast.alice), cast.a21, "Merged into P2.2")

    action = Action.objects.get(pk=cast.a21.pk)
    assert (action.withdrawn_by, action.withdrawal_reason, action.title) == (
        cast.alice,
        "Merged into P2.2",
        "Roll out the neglect toolkit",
    )
    assert list(Action.objects.withdrawn()) == [action]
    assert action not in Action.objects.current()
    history = action_selectors.action_page(cast.partnership, action.pk).history
    assert [(c.field, c.new) for c in history[0].changes] == [("Withdrawn", "Merged into P2.2")]
    assert history[0].who == cast.alice


def test_a_withdrawn_action_cannot_be_changed_nor_withdrawn_again_and_leads_no_longer_update_it(cast):
    action_services.action_withdraw(membership(cast.steve), cast.a21, "Merged into P2.2")
    action = Action.objects.get(pk=cast.a21.pk)

    with pytest.raises(PermissionDenied, match="withdrawn"):
        action_services.action_update(membership(cast.lee), action, title="Changed")
    with pytest.raises(PermissionDenied, match="withdrawn"):
        action_services.progress_update_add(membership(cast.lee), action, status="on_track", narrative="More")
    with pytest.raises(PermissionDenied, match="withdrawn"):
        action_services.action_withdraw(membership(cast.steve), action, "Again")
    assert action not in action_selectors.my_actions(membership(cast.lee))


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_only_the_business_manager_and_steering_group_withdraw_actions(cast, role):
    with pytest.raises(PermissionDenied):
        action_services.action_withdraw(membership(getattr(cast, role)), cast.a11, "Not needed")
    assert Action.objects.current().filter(pk=cast.a11.pk).exists()


def test_a_new_action_may_take_the_reference_of_a_withdrawn_one(cast):
    steve = membership(cast.steve)
    action_services.action_withdraw(steve, cast.a11, "Entered under the wrong priority")
    again = action_services.action_create(
        steve,
        priority=cast.p1,
        reference="P1.1",
        title="Train health visitors",
        success_measure="Audit",
        lead_agency=cast.health,
        start_date=datetime.date(2026, 4, 1),
        due_date=datetime.date(2027, 3, 31),
    )
    assert list(Action.objects.filter(priority=cast.p1, reference="P1.1").current()) == [again]


def test_withdrawn_actions_leave_the_dashboard_the_report_and_the_reminders(cast):
    today = datetime.date(2026, 12, 10)
    before = action_selectors.dashboard(cast.partnership, today)
    action_services.action_withdraw(membership(cast.steve), cast.a21, "Merged into P2.2")

    after = action_selectors.dashboard(cast.partnership, today)
    assert [row.total for row in before.priorities] == [1, 1]
    assert [row.total for row in after.priorities] == [1, 0]
    data = report_selectors.report_data(cast.strategy, Period.parse("2026/27 Q3"), today=today)
    assert data["summary"]["actions"]["total"] == 1


def test_withdrawn_findings_and_recommendations_leave_the_audit_and_the_tracker(cast):
    audit = f.AuditFactory(partnership=cast.partnership)
    finding = f.FindingFactory(audit=audit)
    recommendation = f.RecommendationFactory(audit=audit, reference="R1")
    steve = membership(cast.steve)

    audit_services.finding_withdraw(steve, finding, "Recorded twice")
    audit_services.recommendation_withdraw(steve, recommendation, "The panel dropped it")

    page = audit_selectors.audit_page(cast.partnership, audit.pk)
    assert page.strengths == [] and page.recommendations == []
    assert page.withdrawn_findings == [finding] and page.withdrawn_recommendations == [recommendation]
    assert list(audit_selectors.tracker_recommendations(cast.partnership)) == []
    assert audit_selectors.tracker_summary(cast.partnership).total == 0
    subjects = [entry.subject for entry in page.history]
    assert "Strength withdrawn" in subjects and "Recommendation R1 withdrawn" in subjects
    with pytest.raises(PermissionDenied, match="withdrawn"):
        audit_services.recommendation_update(steve, recommendation, text="Changed")


# --- outcomes ------------------------------------------------------------------------------------


def test_a_withdrawn_value_leaves_the_scorecard_which_goes_back_to_the_figure_before(cast, scorecard):
    indicator, _, newer = scorecard
    outcome_services.measurement_withdraw(membership(cast.sam), newer, "Entered for the wrong quarter")

    row = outcome_selectors.scorecard(cast.partnership).rows[0]
    assert row.latest.period == "2025/26 Q4" and row.latest.value == "73"
    page = outcome_selectors.indicator_page(cast.partnership, indicator.pk)
    assert [r.period for r in page.rows] == ["2025/26 Q4"]
    assert page.withdrawn_values == [Measurement.objects.get(pk=newer.pk)]
    assert any(c.field == "Withdrawn" for entry in page.history for c in entry.changes)


def test_a_period_whose_value_was_withdrawn_takes_a_new_value_beside_it(cast, scorecard):
    indicator, _, newer = scorecard
    outcome_services.measurement_withdraw(membership(cast.sam), newer, "Entered for the wrong quarter")

    entry = MeasurementInput(indicator=indicator, period="2026/27 Q1", value=Decimal(150))
    measurement, created = outcome_services.measurement_record(
        membership(cast.sam), entry, today=datetime.date(2026, 11, 1)
    )

    assert created and measurement.pk != newer.pk
    assert Measurement.objects.filter(indicator=indicator, period="2026/27 Q1").count() == 2
    assert outcome_selectors.scorecard(cast.partnership).rows[0].latest.value == "150"


def test_a_withdrawn_indicator_leaves_the_scorecard_and_lists_and_takes_no_values(cast, scorecard):
    indicator, *_ = scorecard
    outcome_services.indicator_withdraw(membership(cast.alice), indicator, "Not part of the framework")

    assert outcome_selectors.scorecard(cast.partnership).rows == []
    assert list(outcome_selectors.indicators_for(cast.partnership)) == []
    assert list(outcome_selectors.indicators_for(cast.partnership, withdrawn=True)) == [indicator]
    indicator = Indicator.objects.get(pk=indicator.pk)
    entry = MeasurementInput(indicator=indicator, period="2026/27 Q2", value=Decimal(5))
    with pytest.raises(PermissionDenied, match="withdrawn"):
        outcome_services.measurement_record(membership(cast.alice), entry, today=datetime.date(2026, 11, 1))


# --- pages ------------------------------------------------------------------------------------------


def test_the_action_page_withdraws_with_a_reason_and_the_plan_shows_it_under_show_withdrawn(cast, client_for):
    client = client_for(cast.steve)
    url = reverse("actions:withdraw", args=[cast.a21.pk])

    assert "Withdraw the action" in client.get(reverse("actions:detail", args=[cast.a21.pk])).content.decode()
    refused = client.post(url, {"reason": ""})
    response = client.post(url, {"reason": "Merged into P2.2"})

    assert "Enter why it is being withdrawn" in refused.content.decode()
    page = client.get(response["Location"]).content.decode()
    assert "This action was withdrawn on" in page and "Merged into P2.2" in page
    assert "Change the action" not in page
    plan = client.get(reverse("actions:list")).content.decode()
    withdrawn = client.get(reverse("actions:list") + "?withdrawn=true").content.decode()
    assert "Roll out the neglect toolkit" not in plan and "Show withdrawn actions" in plan
    assert "Roll out the neglect toolkit" in withdrawn and "Merged into P2.2" in withdrawn


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_others_cannot_open_the_withdraw_page_of_an_action(cast, client_for, role):
    response = client_for(getattr(cast, role)).post(reverse("actions:withdraw", args=[cast.a21.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert Action.objects.current().filter(pk=cast.a21.pk).exists()


def test_another_partnerships_action_cannot_be_withdrawn(cast, client_for):
    response = client_for(cast.charlie).post(reverse("actions:withdraw", args=[cast.a21.pk]), {"reason": "x"})
    assert response.status_code == 404


def test_a_value_is_withdrawn_from_the_indicator_page(cast, client_for, scorecard):
    *_, newer = scorecard
    client = client_for(cast.sam)
    response = client.post(reverse("outcomes:measurement_withdraw", args=[newer.pk]), {"reason": "Wrong quarter"})

    page = client.get(response["Location"]).content.decode()
    assert "The value has been withdrawn." in page and "Show withdrawn values" in page and "Wrong quarter" in page


def test_the_action_plan_and_the_audit_page_take_the_same_queries_whatever_is_withdrawn(
    cast, client_for, django_assert_max_num_queries
):
    client = client_for(cast.steve)
    audit = f.AuditFactory(partnership=cast.partnership)
    steve = membership(cast.steve)

    def pages():
        client.get(reverse("actions:list") + "?withdrawn=true")
        client.get(reverse("audits:detail", args=[audit.pk]))

    for n in range(2):
        action_services.action_withdraw(steve, f.ActionFactory(priority=cast.p1, reference=f"W{n}"), "Not needed")
        audit_services.finding_withdraw(steve, f.FindingFactory(audit=audit), "Twice")
        audit_services.recommendation_withdraw(steve, f.RecommendationFactory(audit=audit), "Dropped")
    with CaptureQueriesContext(connection) as few:
        pages()
    for n in range(2, 8):
        action_services.action_withdraw(steve, f.ActionFactory(priority=cast.p1, reference=f"W{n}"), "Not needed")
        audit_services.finding_withdraw(steve, f.FindingFactory(audit=audit), "Twice")
        audit_services.recommendation_withdraw(steve, f.RecommendationFactory(audit=audit), "Dropped")
    with django_assert_max_num_queries(len(few)):
        pages()
