"""The report lists the actions completed in the quarter with what difference each made; those closed before the
portal asked are flagged, not rewritten."""

from django.template.loader import render_to_string

from actions.models import Action
from actions.selectors import completed_for_report
from reports import selectors
from tests import factories as f
from tests.reports.conftest import QUARTER, REPORT_DAY


def _completed(world):
    return selectors.report_data(world.strategy, QUARTER, REPORT_DAY)["completed"]


def test_an_action_completed_in_the_quarter_without_impact_is_listed_and_flagged(world):
    completed = _completed(world)
    assert [item["reference"] for item in completed] == ["P1.4"]  # P2.3 was completed in an earlier quarter
    assert completed[0]["without_impact"] is True and completed[0]["evidence"] == []
    html = render_to_string("reports/_completed.html", {"completed": completed})
    assert "Completed without impact evidence" in html and "P1.4 Audit health visitor records" in html


def test_an_actioncompleted_for_report_is_listed_with_its_statement_and_evidence(world, cast):
    action = Action.objects.get(reference="P1.4", priority__strategy=world.strategy)
    indicator = f.IndicatorFactory(partnership=world.strategy.partnership, code="REC-1", name="Records audited")
    Action.objects.filter(pk=action.pk).update(
        impact_statement="Health visitors' records now show neglect screening.", impact_evidence="Audit-2026.pdf"
    )
    action.impact_indicators.add(indicator)
    completed = _completed(world)
    assert completed[0]["without_impact"] is False
    assert completed[0]["impact"] == "Health visitors' records now show neglect screening."
    assert completed[0]["evidence"] == ["Indicator REC-1 Records audited", "Audit-2026.pdf"]
    html = render_to_string("reports/_completed.html", {"completed": completed})
    assert "is anyone better off?" in html and "Indicator REC-1 Records audited" in html
    assert "Completed without impact evidence" not in html


def test_the_completed_list_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for number in range(10):
        f.ActionFactory(
            priority=world.p1,
            reference=f"C{number}",
            status="completed",
            completed_on=QUARTER.start,
        )
    with django_assert_max_num_queries(4):
        assert len(completed_for_report(world.strategy, QUARTER)) == 11
