"""The actions section of the quarterly report, read by the actions app for the report to compose."""

import datetime

import pytest

from actions.models import Status
from actions.selectors import actions_for_report
from neglect_portal.periods import Period
from tests import factories as f

QUARTER = Period.parse("2026/27 Q2")  # July to September 2026
REPORT_DAY = datetime.date(2026, 10, 12)


@pytest.fixture
def plan(cast):
    """P1.1 on track with an update in the quarter; P2.1 off track and silent; P1.2 overdue; P2.2 due next quarter."""
    f.ProgressUpdateFactory(action=cast.a11, author=cast.sam, update_date=datetime.date(2026, 8, 3))
    cast.a21.status = Status.OFF_TRACK
    cast.a21.save()
    overdue = f.ActionFactory(priority=cast.p1, reference="P1.2", due_date=datetime.date(2026, 9, 1))
    f.ProgressUpdateFactory(action=overdue, author=cast.sam, update_date=datetime.date(2026, 7, 20), narrative="Late.")
    f.ActionFactory(priority=cast.p2, reference="P2.2", due_date=datetime.date(2026, 11, 30))
    return cast


def test_the_section_counts_each_priority_and_lists_its_exceptions_with_their_latest_update(plan):
    section = actions_for_report(plan.strategy, QUARTER, REPORT_DAY)
    p1, p2 = section["priorities"]
    assert (p1["number"], p1["total"], p1["overdue"]) == (1, 2, 1)
    assert [e["reference"] for e in p1["exceptions"]] == ["P1.2"]
    assert p1["exceptions"][0]["latest_update"]["narrative"] == "Late."
    assert [e["reference"] for e in p2["exceptions"]] == ["P2.1"]
    assert p2["exceptions"][0]["latest_update"] is None
    assert section["summary"]["total"] == 4
    assert section["summary"]["off_track_or_at_risk"] == 1


def test_the_section_names_the_actions_without_an_update_in_the_quarter_and_those_due_next(plan):
    section = actions_for_report(plan.strategy, QUARTER, REPORT_DAY)
    assert [a["reference"] for a in section["without_update"]] == ["P2.1", "P2.2"]
    assert section["summary"]["without_update"] == 2
    assert section["forward_look"]["period"] == "2026/27 Q3"
    assert [a["reference"] for a in section["forward_look"]["actions"]] == ["P2.2"]


@pytest.mark.parametrize("copies", [1, 15])
def test_the_section_takes_the_same_number_of_queries_however_big_the_plan(plan, copies, django_assert_max_num_queries):
    for n in range(copies):
        action = f.ActionFactory(priority=plan.p2, reference=f"X{n}", status=Status.AT_RISK)
        f.ProgressUpdateFactory(action=action, author=plan.sam, update_date=datetime.date(2026, 9, 2))
    # 5, and up to 3 for the actions completed in the quarter with their impact evidence.
    with django_assert_max_num_queries(8):
        section = actions_for_report(plan.strategy, QUARTER, REPORT_DAY)
    assert section["summary"]["total"] == 4 + copies
