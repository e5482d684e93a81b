"""Reads of audits: grades in numbers and words, the audit page, the tracker and the report's data."""

import datetime
import json

import pytest
from django.urls import reverse
from freezegun import freeze_time

from audits import selectors, services
from audits.models import Audit, Finding, Recommendation
from neglect_portal.periods import Period
from tests import factories as f
from tests.audits.conftest import membership

TODAY = datetime.date(2026, 11, 23)


def grow(cast, audit, count):
    """``count`` more findings and recommendations, each answered by two new actions and changed once."""
    steve = membership(cast.steve)
    for n in range(count):
        f.FindingFactory(audit=audit, kind=Finding.Kind.IMPROVEMENT if n % 2 else Finding.Kind.STRENGTH)
        recommendation = services.recommendation_create(
            steve, audit, reference=f"G{n}", text=f"Recommendation {n}", owner_agency=cast.health, owner=cast.sam
        )
        actions = [f.ActionFactory(priority=cast.p1, reference=f"G{n}.{k}", lead_agency=cast.health) for k in (1, 2)]
        services.recommendation_set_actions(steve, recommendation, actions)
        services.recommendation_update_status(steve, recommendation, Recommendation.Status.IN_PROGRESS)


# --- grades -------------------------------------------------------------------------


def test_grades_come_with_percentages_and_a_sentence(audit_cast):
    grades = selectors.grade_distribution(audit_cast.audit)

    assert [(row.label, row.count, row.percent) for row in grades.rows] == [
        ("Outstanding", 1, 8),
        ("Good", 7, 58),
        ("Requires improvement", 3, 25),
        ("Inadequate", 1, 8),
    ]
    assert grades.sentence == "Two thirds of the 12 cases were graded good or outstanding."
    assert grades.not_graded == 0
    assert "Good 7" in grades.chart_alt


def test_cases_not_graded_are_counted_and_the_sentence_speaks_of_the_graded_ones(cast):
    audit = f.AuditFactory(partnership=cast.partnership, case_count=15, grade_good=3, grade_inadequate=3)

    grades = selectors.grade_distribution(audit)

    assert grades.not_graded == 9
    assert grades.chart_labels[-1] == "Not graded"
    assert grades.sentence == "Half of the 6 graded cases were graded good or outstanding."


def test_an_audit_without_grades_has_no_distribution(cast):
    assert selectors.grade_distribution(f.AuditFactory(partnership=cast.partnership, case_count=4)) is None


# --- the audit page -------------------------------------------------------------------


@freeze_time(TODAY)
def test_the_audit_page_groups_findings_and_flags_overdue_recommendations(audit_cast, cast):
    page = selectors.audit_page(cast.partnership, audit_cast.audit.pk)

    assert page.strengths == [audit_cast.strength]
    assert page.improvements == [audit_cast.improvement]
    rows = {row.recommendation.reference: row for row in page.recommendations}
    assert rows["R1"].actions == [cast.a11] and not rows["R1"].overdue
    assert rows["R2"].actions == [] and rows["R2"].overdue
    assert not rows["R3"].overdue  # completed
    assert (page.counts.total, page.counts.open, page.counts.completed) == (3, 2, 1)
    assert (page.counts.overdue, page.counts.without_action) == (1, 2)


def test_the_history_says_who_changed_what(audit_cast, cast):
    steve = membership(cast.steve)
    services.audit_update(steve, audit_cast.audit, case_count=14)
    services.recommendation_update_status(steve, audit_cast.r1, Recommendation.Status.IN_PROGRESS)
    services.recommendation_set_actions(steve, audit_cast.r1, [cast.a11, cast.a21])
    services.finding_withdraw(steve, audit_cast.improvement, "Recorded against the wrong audit")

    history = selectors.audit_page(cast.partnership, audit_cast.audit.pk).history
    mine = [(entry.subject, [(c.field, c.old, c.new) for c in entry.changes]) for entry in history if entry.who]

    assert mine == [
        ("Area for improvement withdrawn", []),
        ("Recommendation R1 changed", [("Linked actions", "P1.1", "P1.1, P2.1")]),
        ("Recommendation R1 changed", [("Status", "Open", "In progress")]),
        ("Audit details changed", [("Number of cases", "12", "14")]),
    ]
    assert {entry.who for entry in history if entry.who} == {cast.steve}


@pytest.mark.parametrize("count", [2, 30])
def test_the_audit_page_runs_a_fixed_number_of_queries(
    audit_cast, cast, client_for, django_assert_max_num_queries, count
):
    grow(cast, audit_cast.audit, count)
    # Two of them read the withdrawn findings and recommendations, whatever their number, and one the evidence
    # files of the audit and all its findings.
    with django_assert_max_num_queries(14):
        selectors.audit_page(cast.partnership, audit_cast.audit.pk)
    client = client_for(cast.sam)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("audits:detail", args=[audit_cast.audit.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_the_audit_list_runs_a_fixed_number_of_queries(
    audit_cast, cast, client_for, django_assert_max_num_queries, count
):
    for n in range(count):
        audit = f.AuditFactory(partnership=cast.partnership, case_count=4, grade_good=2)
        f.RecommendationFactory(audit=audit, reference=f"R{n}").actions.add(cast.a11)
    client = client_for(cast.bea)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("audits:list"))
    assert response.status_code == 200


# --- the tracker -----------------------------------------------------------------------


@freeze_time(TODAY)
def test_the_tracker_counts_open_overdue_completed_and_without_action(audit_cast, cast):
    summary = selectors.tracker_summary(cast.partnership)

    assert (summary.total, summary.open, summary.in_progress, summary.completed) == (3, 2, 0, 1)
    assert (summary.overdue, summary.without_action) == (1, 2)


@freeze_time(TODAY)
def test_the_tracker_lists_open_work_first_by_due_date_and_never_another_partnerships(audit_cast, cast):
    rows = selectors.tracker_rows(selectors.tracker_recommendations(cast.partnership))

    assert [r.reference for r in rows] == ["R2", "R1", "R3"]
    assert [r.overdue for r in rows] == [True, False, False]
    assert [r.action_count for r in rows] == [0, 1, 0]


@pytest.mark.parametrize("count", [2, 30])
def test_the_tracker_runs_a_fixed_number_of_queries(audit_cast, cast, client_for, django_assert_max_num_queries, count):
    grow(cast, audit_cast.audit, count)
    with django_assert_max_num_queries(4):
        selectors.tracker_summary(cast.partnership)
        selectors.tracker_page(selectors.tracker_recommendations(cast.partnership), 1)
    client = client_for(cast.lee)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("audits:tracker"), {"status": "in_progress", "page": 1})
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("audits:tracker_export")).status_code == 200


# --- the quarterly report's data ----------------------------------------------------------


@pytest.fixture
def report_cast(cast, audit_cast):
    """R1 added in Q1 and completed in 2026/27 Q2 (by Steve), R3 recorded as already completed."""
    added = datetime.datetime(2026, 4, 2, 9, 0, tzinfo=datetime.UTC)
    Recommendation.history.filter(history_type="+").update(history_date=added)
    with freeze_time("2026-08-14"):
        services.recommendation_update_status(membership(cast.steve), audit_cast.r1, Recommendation.Status.COMPLETED)
    f.AuditFactory(
        partnership=cast.partnership, title="Audit after the quarter", completed_on=datetime.date(2026, 12, 1)
    )
    return audit_cast


def test_the_report_data_lists_what_was_not_done_before_the_quarter(report_cast, cast):
    data = selectors.recommendations_for_report(cast.partnership, Period.parse("2026/27 Q2"), today=TODAY)

    assert data["period"] == "2026/27 Q2" and data["as_of"] == "2026-09-30"
    [audit] = data["audits"]
    assert audit["title"] == "Neglect and the toxic trio"
    rows = {row["reference"]: row for row in audit["recommendations"]}
    assert set(rows) == {"R1", "R2"}  # R3 was completed before; the December audit is later
    assert rows["R1"]["completed_in_period"] and not rows["R1"]["overdue"]
    assert rows["R1"]["actions"] == [
        {
            "id": cast.a11.pk,
            "reference": "P1.1",
            "title": "Train health visitors",
            "status": "on_track",
            "status_label": "On track",
            "brag_colour": "green",
            "brag_label": "Green",
        }
    ]
    assert rows["R2"]["overdue"] and rows["R2"]["due_date"] == "2025-03-31"
    assert rows["R2"]["owner"] == "Lee Example" and rows["R2"]["owner_agency"] == "Northshire Council"
    assert audit["counts"] == data["counts"]
    assert data["counts"] == {
        "total": 2,
        "open": 1,
        "in_progress": 0,
        "completed": 1,
        "completed_in_period": 1,
        "overdue": 1,
        "without_action": 1,
    }
    assert json.loads(json.dumps(data)) == data


def test_a_recommendation_completed_in_an_earlier_quarter_is_left_out(report_cast, cast):
    data = selectors.recommendations_for_report(cast.partnership, Period.parse("2026/27 Q3"), today=TODAY)

    assert [row["reference"] for row in data["audits"][0]["recommendations"]] == ["R2"]


def test_overdue_in_a_running_quarter_is_judged_on_today(cast):
    audit = f.AuditFactory(partnership=cast.partnership, completed_on=datetime.date(2026, 4, 1))
    f.RecommendationFactory(audit=audit, reference="R1", due_date=datetime.date(2026, 12, 1))

    data = selectors.recommendations_for_report(cast.partnership, Period.parse("2026/27 Q3"), today=TODAY)

    assert data["as_of"] == "2026-11-23"
    assert not data["audits"][0]["recommendations"][0]["overdue"]


@pytest.mark.parametrize("count", [2, 30])
def test_the_report_data_runs_a_fixed_number_of_queries(audit_cast, cast, django_assert_max_num_queries, count):
    grow(cast, audit_cast.audit, count)
    with django_assert_max_num_queries(3):
        data = selectors.recommendations_for_report(cast.partnership, Period.parse("2026/27 Q3"), today=TODAY)
    assert data["counts"]["total"] == count + 2


def test_no_audits_make_an_empty_report_section(cast):
    data = selectors.recommendations_for_report(cast.partnership, Period.parse("2026/27 Q3"), today=TODAY)

    assert data["audits"] == [] and data["counts"]["total"] == 0


def test_audit_years_are_financial_years(cast):
    f.AuditFactory(partnership=cast.partnership, completed_on=datetime.date(2026, 3, 31))
    f.AuditFactory(partnership=cast.partnership, completed_on=datetime.date(2026, 4, 1))

    assert [p.label for p in selectors.audit_years(cast.partnership)] == ["2026/27", "2025/26"]
    assert Audit.objects.count() == 2
