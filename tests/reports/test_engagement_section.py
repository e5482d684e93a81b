"""The report's agency engagement section: each agency's figures for the quarter, frozen with the report.

On the reports' world (tests/reports/conftest.py), 2026/27 Q2, reported on 21 October 2026 (the day the
report is due, so the collection deadline itself):
- Health leads P1.1 (updated 1 September), P1.2 (updated 10 August, and 5 October after the quarter),
  P1.3 (no update) and P1.4 (completed 20 August): 2 of 4 updated (50%), none overdue, last update
  1 September, 29 days before 30 September. It supplies TR-01, with no value for the quarter: 0 of 1.
- The council leads P2.1 (updated 15 July) and P2.2 (updated 20 July, due 15 September: overdue); P2.3
  was completed in May, P2.4 starts in October and P2.5 is cancelled: 2 of 2 updated (100%), 1 overdue,
  72 days since 20 July. It supplies CP-01, whose value was entered on 12 October: 1 of 1 so far.
- The police lead nothing and supply nothing: not in the section.
"""

import datetime
import io

from django.urls import reverse
from pypdf import PdfReader

from outcomes.models import Measurement
from reports import selectors
from tests.reports.conftest import QUARTER, REPORT_DAY, issued_report


def _entered_on_12_october(world):
    value = Measurement.objects.get(indicator=world.indicators.plans, period=QUARTER.label)
    value.history.update(history_date=datetime.datetime(2026, 10, 12, 9, tzinfo=datetime.UTC))


def data_for(world):
    return selectors.report_data(world.strategy, QUARTER, REPORT_DAY)


def _agencies(data):
    return {row["agency"]: row for row in data["engagement"]["agencies"]}


def test_the_reports_engagement_figures_are_those_worked_out_by_hand(world):
    _entered_on_12_october(world)
    data = data_for(world)
    section = data["engagement"]
    assert section["period"] == "2026/27 Q2" and section["deadline"] == "2026-10-21"
    assert section["periods"] == ["2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2"]
    agencies = _agencies(data)
    assert list(agencies) == ["Northshire Council", "Northshire ICB"]
    health, council = agencies["Northshire ICB"]["quarters"][-1], agencies["Northshire Council"]["quarters"][-1]
    assert (health["actions"], health["updated"], health["updated_share"], health["overdue"]) == (4, 2, 50, 0)
    assert (health["days_since_update"], health["values_due"], health["on_time"]) == (29, 1, 0)
    assert (council["actions"], council["updated"], council["updated_share"], council["overdue"]) == (2, 2, 100, 1)
    assert (council["days_since_update"], council["values_due"], council["on_time"]) == (72, 1, 1)
    assert council["values_text"] == "1 of 1 (100%) so far"
    q1_council = agencies["Northshire Council"]["quarters"][2]
    assert (q1_council["period"], q1_council["actions"], q1_council["updated"]) == ("2026/27 Q1", 3, 0)


def test_the_report_ranks_agencies_only_where_the_partnership_turns_it_on(world):
    _entered_on_12_october(world)
    assert all(row["position"] is None for row in data_for(world)["engagement"]["agencies"])
    world.partnership.rank_agency_engagement = True
    world.partnership.save()
    data = data_for(world)
    assert data["engagement"]["ranked"]
    # Council: the mean of 100% and 100% = 100; health: of 50% and 0% = 25.
    assert [(row["position"], row["agency"]) for row in data["engagement"]["agencies"]] == [
        (1, "Northshire Council"),
        (2, "Northshire ICB"),
    ]


def test_the_pdf_has_the_engagement_section_with_each_agencys_figures(world):
    _entered_on_12_october(world)
    report = issued_report(world)
    with report.pdf.open("rb") as stored:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.read())).pages)
    text = " ".join(text.split())
    assert "Agency engagement in 2026/27 Q2" in text
    assert "21 October 2026" in text
    # The PDF's text runs a table's cells together, with or without a space between them.
    packed = text.replace(" ", "")
    assert "NorthshireICB2of4(50%)0of1(0%)sofar029days" in packed
    assert "NorthshireCouncil2of2(100%)1of1(100%)sofar172days" in packed
    assert "Trend over the last four quarters" in text


def test_an_issued_report_keeps_its_engagement_figures_when_the_plan_changes(world, client_for):
    report = issued_report(world)
    frozen = report.snapshot["engagement"]
    world.a12.delete()
    assert report.__class__.objects.get(pk=report.pk).snapshot["engagement"] == frozen
    page = client_for(world.bea).get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Agency engagement in 2026/27 Q2" in page and "2 of 4 (50%)" in page
