"""The report's "Turning the curve" section: every red indicator's plan and each one chosen for the board.

Built on the Northshire world (tests/reports/conftest.py, 2026/27 Q2, reported on 21 October 2026): CP-01
(children on a plan for neglect, lower is better, target 100) is red at 120; TR-01 is amber; HAL-01 is a
context measure.
"""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from outcomes.curve.selectors import plans_for_report
from outcomes.curve.services import curve_plan_save
from outcomes.models import CurvePlan, Polarity
from outcomes.selectors import report_scorecard
from reports import selectors
from tests import factories as f
from tests.reports.conftest import QUARTER, REPORT_DAY, issued_report, membership_of

pytestmark = pytest.mark.django_db

STORY = "Fewer health visitors, and two large sibling groups moved in."


@pytest.fixture
def history(world):
    """CP-01's values for the four quarters of 2025/26, 80 rising by 10 a quarter, before 110 and 120."""
    for quarter, value in zip(("Q1", "Q2", "Q3", "Q4"), (70, 80, 90, 100), strict=True):
        f.MeasurementFactory(indicator=world.indicators.plans, period=f"2025/26 {quarter}", value=value)
    return world


def plan_cp01(world, **fields):
    return curve_plan_save(
        membership_of(world.steve),
        world.indicators.plans,
        story=STORY,
        other_partners="Parent carer forum: tells us what help reaches families",
        what_works="Graded Care Profile 2 used early.",
        evidence_links="GCP2 evaluation https://example.org/gcp2",
        partner_agencies=[world.council],
        actions=[world.a12],
        **fields,
    )


def pdf_text(report) -> str:
    with report.pdf.open("rb") as stored:
        pdf = PdfReader(io.BytesIO(stored.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)


def plans_of(world):
    return selectors.report_data(world.strategy, QUARTER, REPORT_DAY)["curve_plans"]


def test_a_red_indicators_plan_is_in_the_report_with_its_forecast_story_and_actions(history):
    plan_cp01(history)
    (plan,) = plans_of(history)
    assert plan["code"] == "CP-01" and plan["why"] == "Red this quarter"
    # 70, 80, 90, 100, 110, 120: ten more a quarter, continued.
    assert [p["display"] for p in plan["forecast"]["points"]] == ["130", "140", "150", "160"]
    assert plan["story"] == STORY
    assert plan["partner_agencies"] == ["Northshire Council"]
    assert plan["evidence"] == [{"title": "GCP2 evaluation", "url": "https://example.org/gcp2"}]
    assert [(a["reference"], a["status_label"]) for a in plan["actions"]] == [("P1.2", "Off track")]


def test_a_red_indicator_without_a_plan_is_listed_as_having_none(world):
    (plan,) = plans_of(world)
    assert plan["code"] == "CP-01" and not plan["has_plan"]
    assert "only 2 published values" in plan["forecast"]["reason"]


def test_a_plan_the_steering_group_chose_is_included_and_one_not_chosen_is_not(world):
    for indicator in (world.indicators.training, world.indicators.contacts):
        curve_plan_save(membership_of(world.steve), indicator, story=f"About {indicator.code}.")
    CurvePlan.objects.filter(indicator=world.indicators.training).update(in_board_report=True)
    plans = plans_of(world)
    # In the scorecard's order: "How much did we do?" (TR-01) before "Is anyone better off?" (CP-01).
    assert [(p["code"], p["why"]) for p in plans] == [
        ("TR-01", "Chosen by the steering group"),
        ("CP-01", "Red this quarter"),
    ]
    assert "HAL-01" not in [p["code"] for p in plans]


def test_the_report_pdf_has_the_turning_the_curve_section(history):
    plan_cp01(history)
    text = pdf_text(issued_report(history))
    section = text[text.index("Turning the curve") :]
    assert "CP-01 Children on a child protection plan for neglect" in section
    assert "If nothing changes: 130 in 2026/27 Q3, 140 in 2026/27 Q4, 150 in 2027/28 Q1, 160 in 2027/28 Q2" in section
    assert "last 8 published values" in section
    assert STORY in section
    assert "Parent carer forum" in section
    assert "GCP2 evaluation (https://example.org/gcp2)" in section
    assert "P1.2 Recruit family support workers" in section


def test_an_issued_report_keeps_the_plan_as_it_was(history, client):
    plan = plan_cp01(history)
    report = issued_report(history)
    curve_plan_save(membership_of(history.steve), history.indicators.plans, version=plan.version, story="Rewritten.")
    client.force_login(history.bea)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert STORY in page and "Rewritten." not in page


@pytest.mark.parametrize("count", [1, 6])
def test_the_reports_plans_take_the_same_queries_however_many_there_are(world, count, django_assert_max_num_queries):
    for n in range(count):
        indicator = f.IndicatorFactory(
            partnership=world.partnership, code=f"RED-{n}", polarity=Polarity.LOWER_BETTER, target=10
        )
        for quarter in ("Q1", "Q2"):
            f.MeasurementFactory(indicator=indicator, period=f"2026/27 {quarter}", value=20)
        curve_plan_save(
            membership_of(world.steve), indicator, story="Why.", partner_agencies=[world.council], actions=[world.a12]
        )
    card = report_scorecard(world.partnership, QUARTER)
    with django_assert_max_num_queries(4):
        plans = plans_for_report(world.partnership, card, QUARTER)
    assert len(plans) == count + 1  # and CP-01, red without a plan
    assert all(plan["actions"][0]["reference"] == "P1.2" for plan in plans if plan["has_plan"])
