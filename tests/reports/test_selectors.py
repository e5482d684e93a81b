"""What the quarterly report says, built from the plan, scorecard and audits in a fixed number of queries."""

import datetime
import json

import pytest

from actions.models import Status
from neglect_portal.periods import Period
from reports import selectors
from tests import factories as f
from tests.reports.conftest import CP_PLANS_STORY, QUARTER, REPORT_DAY


def data_for(world, period=QUARTER, today=REPORT_DAY):
    return selectors.report_data(world.strategy, period, today)


def priority(data, number):
    return next(p for p in data["priorities"] if p["number"] == number)


def counts(by_status):
    return {item["status"]: item["count"] for item in by_status if item["count"]}


def scorecard_row(data, code):
    rows = [row for group in data["scorecard"]["groups"] for row in group["rows"]]
    return next(row for row in rows if row["code"] == code)


def test_the_report_data_is_plain_json_that_survives_a_round_trip(world):
    data = data_for(world)
    assert json.loads(json.dumps(data)) == data


def test_each_priority_counts_its_actions_by_status_with_its_sponsor(world):
    data = data_for(world)
    first, second = priority(data, 1), priority(data, 2)
    assert first["sponsor_agency"] == "Northshire ICB" and first["sponsor_lead"] == "Sam Example"
    assert counts(first["by_status"]) == {"on_track": 1, "off_track": 1, "at_risk": 1, "completed": 1}
    assert (first["total"], first["completed_in_quarter"], first["overdue"]) == (4, 1, 0)
    assert counts(second["by_status"]) == {"on_track": 2, "completed": 1, "not_started": 1, "cancelled": 1}
    assert (second["total"], second["completed_in_quarter"], second["overdue"]) == (5, 0, 1)


def test_the_summary_adds_up_the_headline_figures(world):
    actions = data_for(world)["summary"]["actions"]
    assert actions["total"] == 9
    assert actions["overdue"] == 1
    assert actions["completed_in_quarter"] == 1
    assert actions["off_track_or_at_risk"] == 2
    assert actions["without_update"] == 1


def test_the_exception_list_puts_off_track_first_and_quotes_the_latest_update_of_the_quarter(world):
    exceptions = priority(data_for(world), 1)["exceptions"]
    assert [(e["reference"], e["label"]) for e in exceptions] == [("P1.2", "Off track"), ("P1.3", "At risk")]
    off_track = exceptions[0]
    # The October update came after the quarter closed: the report quotes August's.
    assert off_track["latest_update"] == {
        "date": "2026-08-10",
        "author": "Sam Example",
        "status_label": "Off track",
        "narrative": "Recruitment has stalled: no applicants.",
    }
    assert exceptions[1]["latest_update"] is None


def test_an_overdue_action_on_track_is_an_exception_too(world):
    exceptions = priority(data_for(world), 2)["exceptions"]
    assert [(e["reference"], e["overdue"]) for e in exceptions] == [("P2.2", True)]
    assert exceptions[0]["latest_update"]["narrative"] == "Sessions booked for September."


def test_the_cover_says_the_data_is_incomplete_and_what_is_missing(world):
    cover = data_for(world)["cover"]
    assert cover["period"] == "2026/27 Q2"
    assert (cover["period_start"], cover["period_end"]) == ("2026-07-01", "2026-09-30")
    assert cover["produced_on"] == "2026-10-21"
    assert cover["data_complete"] is False
    assert [i["code"] for i in cover["missing_values"]] == ["TR-01"]
    # P2.4 starts next quarter, so it needs no update yet; closed actions never do.
    assert [a["reference"] for a in cover["missing_updates"]] == ["P1.3"]


def test_the_cover_says_the_data_is_complete_when_nothing_is_missing(world):
    f.MeasurementFactory(indicator=world.indicators.training, period="2026/27 Q2", value=55)
    f.ProgressUpdateFactory(action=world.a13, update_date=datetime.date(2026, 9, 29), author=world.sam)
    cover = data_for(world)["cover"]
    assert cover["data_complete"] is True
    assert cover["missing_values"] == [] and cover["missing_updates"] == []


def test_the_scorecard_is_as_at_the_quarter_with_the_story_behind_a_red_curve(world):
    data = data_for(world)
    plans = scorecard_row(data, "CP-01")
    assert plans["latest"]["display"] == "120" and plans["latest"]["period"] == "2026/27 Q2"
    assert plans["change_previous"] == "up 9%"
    assert plans["rag"] == "red" and plans["latest"]["note"] == CP_PLANS_STORY
    indicators = {"total": 3, "green": 0, "amber": 1, "red": 1, "not_rated": 1, "out_of_date": 1, "not_published": 0}
    indicators["estimated"] = 0
    assert data["summary"]["indicators"] == indicators
    assert data["red_without_story"] == []


def test_a_red_indicator_without_a_story_is_named(world):
    world.indicators.plans.measurements.filter(period="2026/27 Q2").update(note="")
    assert data_for(world)["red_without_story"] == [
        {"code": "CP-01", "name": "Children on a child protection plan for neglect"}
    ]


def test_a_report_for_a_quarter_of_2019_20_shows_halton_contacts_up_101_percent(world):
    data = data_for(world, period=Period.parse("2019/20 Q2"), today=datetime.date(2019, 10, 21))
    contacts = scorecard_row(data, "HAL-01")
    assert contacts["latest"]["period"] == "2018/19" and contacts["latest"]["display"] == "147"
    assert contacts["previous"]["display"] == "73"
    assert contacts["change_previous"] == "up 101%"


def test_recommendations_known_at_the_quarter_end_are_grouped_by_audit_with_their_answering_actions(world):
    data = data_for(world)
    assert [(a["title"], [r["reference"] for r in a["recommendations"]]) for a in data["audits"]] == [
        ("Neglect in adolescence", ["R1", "R2", "R3"]),
        # Completed long ago: left out. Still open: kept, however old.
        ("Learning review: Child K", ["K2"]),
    ]
    overdue = data["audits"][0]["recommendations"][0]
    assert overdue["overdue"] is True and overdue["status_label"] == "Open"
    assert [(a["reference"], a["status_label"]) for a in overdue["actions"]] == [
        ("P1.2", "Off track"),
        ("P2.1", "On track"),
    ]
    assert data["audits"][0]["recommendations"][1]["completed_in_period"] is True
    assert data["summary"]["recommendations"] == {"total": 4, "open": 3, "overdue": 2, "completed_in_quarter": 1}


def test_the_forward_look_lists_open_actions_due_next_quarter(world):
    forward = data_for(world)["forward_look"]
    assert forward["period"] == "2026/27 Q3"
    assert [a["reference"] for a in forward["actions"]] == ["P2.4"]


def test_the_commentary_comes_from_the_quarters_report(world, draft):
    draft.going_well = "Training is ahead of plan."
    draft.save()
    assert data_for(world)["summary"]["commentary"]["going_well"] == "Training is ahead of plan."


def grow(world, copies):
    """Add ``copies`` more of everything the report reads, so a growing plan can be measured."""
    for n in range(copies):
        for prio in (world.p1, world.p2):
            action = f.ActionFactory(priority=prio, reference=f"X{prio.number}.{n}", status=Status.OFF_TRACK)
            f.ProgressUpdateFactory(action=action, update_date=datetime.date(2026, 8, 1), author=world.lee)
        indicator = f.IndicatorFactory(partnership=world.partnership, code=f"GROW-{n}")
        f.MeasurementFactory(indicator=indicator, period="2026/27 Q1", value=n)
        recommendation = f.RecommendationFactory(audit=world.recommendations.overdue.audit, reference=f"G{n}")
        recommendation.actions.set([world.a12])
        f.PriorityFactory(strategy=world.strategy, number=10 + n, sponsor_agency=world.police)


@pytest.mark.parametrize("copies", [1, 12])
def test_building_the_report_takes_the_same_number_of_queries_however_big_the_plan(
    world, copies, django_assert_max_num_queries
):
    grow(world, copies)
    # 11, up to 3 for the actions completed in the quarter with their impact evidence,
    # 3 for the quarter's sign-off, the previous report and the corrections to earlier quarters,
    # 5 for each agency's engagement (decision 46), and up to 4 for the turn-the-curve plans
    # (the plans with their agencies and actions, and the values).
    with django_assert_max_num_queries(26):
        data = data_for(world)
    assert data["summary"]["actions"]["total"] == 9 + 2 * copies
