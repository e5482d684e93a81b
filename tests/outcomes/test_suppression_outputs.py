"""Small numbers in what leaves the portal (decision 48): the scorecard export, the API and a board member's pages.

UC-1 counts unaccompanied children: 12 in 2026/27 Q1, 3 in 2026/27 Q2. PC-1 is the percentage of plans
reviewed on time: 3 of 40 (7.5%) in 2026/27 Q2. With the default setting (suppress under 5), the 3s are
small numbers: a board member, the export and the API as a board member reads it never show them.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Partnership
from neglect_portal.periods import Period
from outcomes import published
from outcomes.curve.selectors import plans_for_report
from outcomes.models import RBACategory, Unit
from outcomes.selectors import report_scorecard
from tests import factories as f
from tests.outcomes.helpers import text
from tests.spreadsheets.helpers import about_sheet, downloaded_sheet, sheet_table

pytestmark = pytest.mark.usefixtures("today")
SCORECARD = reverse("outcomes:scorecard")
EXPORT = reverse("spreadsheets:scorecard_export")


@pytest.fixture
def small(cast):
    counted = f.IndicatorFactory(
        partnership=cast.partnership, code="UC-1", name="Unaccompanied children looked after", unit=Unit.COUNT
    )
    f.MeasurementFactory(indicator=counted, period="2026/27 Q1", value=Decimal(12))
    f.MeasurementFactory(indicator=counted, period="2026/27 Q2", value=Decimal(3))
    reviewed = f.IndicatorFactory(
        partnership=cast.partnership,
        code="PC-1",
        name="Plans reviewed on time",
        unit=Unit.PERCENTAGE,
        rba_category=RBACategory.HOW_WELL,
        target=Decimal(90),
    )
    f.MeasurementFactory(indicator=reviewed, period="2026/27 Q2", value=Decimal("7.5"), numerator=3, denominator=40)
    return counted, reviewed


@pytest.fixture
def api_for():
    def sign_in(user):
        client = APIClient()
        client.force_login(user)
        return client

    return sign_in


def setting(cast, mode, threshold=5):
    Partnership.objects.filter(pk=cast.partnership.pk).update(suppression_mode=mode, suppression_threshold=threshold)


def row_of(page: str, code: str) -> str:
    """The page's text from an indicator's code to the next indicator's code (or 300 characters on)."""
    start = page.index(code)
    following = [page.find(other, start + 1) for other in ("UC-1", "PC-1", "How well") if other != code]
    return page[start : min([end for end in following if end > start] + [start + 300])]


def export_rows(response) -> dict[str, dict]:
    """The exported scorecard's rows by indicator code, each as {header: cell}."""
    _, headers, rows = sheet_table(downloaded_sheet(response), "RBA question")
    return {row[1]: dict(zip(headers, row, strict=True)) for row in rows}


def numbers(words: str) -> set[str]:
    return set(re.findall(r"(?<![\d./])\d+(?:\.\d+)?(?![\d/])", words))


# --- the portal ------------------------------------------------------------------------------------


def test_a_board_member_reads_the_scorecard_with_small_numbers_suppressed_and_the_change_not_compared(
    cast, small, client_for
):
    page = text(client_for(cast.bea).get(SCORECARD))
    counted = row_of(page, "UC-1")
    assert "[c]" in counted and "3" not in numbers(counted.replace("2026/27 Q2", "").replace("2026/27 Q1", ""))
    assert "Not compared: a figure is suppressed [c]" in counted  # "down 75%" from 12 would tell the 3
    reviewed = row_of(page, "PC-1")
    assert "[c]" in reviewed and "7.5%" not in reviewed
    assert "[c]: not shown because it is fewer than 5" in page
    assert "Suppressed in outputs" not in counted + reviewed


def test_the_steering_group_sees_the_real_figure_marked_suppressed_in_outputs(cast, small, client_for):
    page = text(client_for(cast.steve).get(SCORECARD))
    counted = row_of(page, "UC-1")
    assert "3 2026/27 Q2" in counted and "Suppressed in outputs" in counted
    assert "7.5%" in row_of(page, "PC-1") and "Suppressed in outputs" in row_of(page, "PC-1")
    assert "are shown as [c]" in page


def test_a_board_member_reads_an_indicator_page_without_the_small_value_its_change_or_its_history(
    cast, small, client_for
):
    counted, reviewed = small
    page = text(client_for(cast.bea).get(reverse("outcomes:indicator", args=[counted.pk])))
    assert "2026/27 Q2 [c]" in page and "Not compared: a figure is suppressed" in page
    assert "Value for 2026/27 Q2" not in page  # the history of values would tell it
    page = text(client_for(cast.bea).get(reverse("outcomes:indicator", args=[reviewed.pk])))
    assert "7.5%" not in page and "2026/27 Q2 [c] [c] 40" in page  # the numerator hidden, the denominator shown
    page = text(client_for(cast.steve).get(reverse("outcomes:indicator", args=[reviewed.pk])))
    assert "7.5% Suppressed in outputs 3 40" in page


# --- the export -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["steve", "bea"])
def test_the_scorecard_export_leaves_the_portal_with_small_numbers_suppressed_whoever_downloads_it(
    cast, small, client_for, role
):
    response = client_for(getattr(cast, role)).get(EXPORT)
    rows = export_rows(response)
    counted, reviewed = rows["UC-1"], rows["PC-1"]
    assert counted["Latest value"] == "[c]" and counted["Previous value"] == 12
    assert counted["Change on the previous period"] is None
    assert counted["Change on the previous period: unit"] == "not compared: a figure is suppressed [c]"
    assert (reviewed["Latest value"], reviewed["Numerator"], reviewed["Denominator"]) == ("[c]", "[c]", 40)
    every_cell = [value for row in rows.values() for value in row.values()]
    assert 3 not in every_cell and Decimal("7.5") not in every_cell
    assert any("[c]: not shown because it is fewer than 5" in note for note in about_sheet(response)["Note"])


def test_rounding_rounds_counts_to_the_nearest_five_and_still_hides_a_revealing_percentage(cast, small, client_for):
    setting(cast, "round")
    rows = export_rows(client_for(cast.bea).get(EXPORT))
    assert (rows["UC-1"]["Latest value"], rows["UC-1"]["Previous value"]) == (5, 10)
    assert (rows["UC-1"]["Change on the previous period"], rows["UC-1"]["Change on the previous period: unit"]) == (
        -50,
        "%",
    )  # worked out from the rounded counts: 10 → 5
    assert (rows["PC-1"]["Latest value"], rows["PC-1"]["Numerator"], rows["PC-1"]["Denominator"]) == ("[c]", 5, 40)
    page = text(client_for(cast.bea).get(SCORECARD))
    assert "5 2026/27 Q2" in row_of(page, "UC-1") and "rounded to the nearest 5" in page


def test_show_mode_publishes_every_figure_as_it_is(cast, small, client_for):
    setting(cast, "show")
    rows = export_rows(client_for(cast.bea).get(EXPORT))
    assert rows["UC-1"]["Latest value"] == 3
    assert (rows["PC-1"]["Latest value"], rows["PC-1"]["Numerator"]) == (Decimal("7.5"), 3)
    page = text(client_for(cast.steve).get(SCORECARD))
    counted = row_of(page, "UC-1")
    assert "3 2026/27 Q2" in counted and "Suppressed in outputs" not in counted and "[c]" not in counted
    assert "are shown as [c]" not in page  # no footnote: nothing is changed


def test_a_higher_threshold_protects_more(cast, small, client_for):
    setting(cast, "suppress", threshold=13)
    rows = export_rows(client_for(cast.bea).get(EXPORT))
    assert (rows["UC-1"]["Latest value"], rows["UC-1"]["Previous value"]) == ("[c]", "[c]")


# --- the API --------------------------------------------------------------------------------------


def test_the_api_gives_a_board_member_the_published_figures(cast, small, api_for):
    counted, reviewed = small
    client = api_for(cast.bea)
    card = client.get("/api/v1/scorecard/").json()
    rows = {row["code"]: row for group in card["groups"] for row in group["rows"]}
    assert rows["UC-1"]["latest"] | {"note": ""} == rows["UC-1"]["latest"]  # the shape is the same
    assert (rows["UC-1"]["latest"]["value"], rows["UC-1"]["latest"]["display"]) == (None, "[c]")
    assert rows["UC-1"]["latest"]["suppressed"] is True
    assert rows["UC-1"]["change_previous"] == "not compared: a figure is suppressed [c]"
    assert [point[1] for point in rows["UC-1"]["trend"]] == [12.0]  # the 3 is left out of the trend
    assert rows["PC-1"]["latest"]["numerator"] is None and rows["PC-1"]["latest"]["denominator"] == 40
    assert "[c]" in card["suppression_note"]

    listed = client.get("/api/v1/measurements/", {"indicator": counted.pk}).json()["results"]
    published = {m["period"]: m for m in listed}
    assert (published["2026/27 Q2"]["value"], published["2026/27 Q2"]["display"]) == (None, "[c]")
    assert published["2026/27 Q2"]["suppressed"] is True and published["2026/27 Q1"]["value"] == 12.0
    indicator = client.get(f"/api/v1/indicators/{reviewed.pk}/").json()
    assert indicator["latest"]["value"] is None and indicator["latest"]["numerator"] is None

    everything = str(card) + str(listed) + str(indicator) + str(client.get("/api/v1/indicators/").json())
    assert "7.5" not in everything and not re.search(r"'(value|numerator)': 3(\.0*)?[,}]", everything)


def test_the_api_gives_the_steering_group_the_figures_as_recorded_marked(cast, small, api_for):
    counted, _ = small
    client = api_for(cast.steve)
    listed = client.get("/api/v1/measurements/", {"indicator": counted.pk}).json()["results"]
    latest = next(m for m in listed if m["period"] == "2026/27 Q2")
    assert (latest["value"], latest["suppressed"], latest["in_outputs"]) == (3.0, False, "Suppressed in outputs")
    card = client.get("/api/v1/scorecard/").json()
    rows = {row["code"]: row for group in card["groups"] for row in group["rows"]}
    assert rows["UC-1"]["latest"]["value"] == 3.0 and rows["UC-1"]["latest"]["in_outputs"] == "Suppressed in outputs"


# --- turn the curve ---------------------------------------------------------------------------------


def test_a_board_member_reads_the_turn_the_curve_page_without_the_small_value(cast, small, client_for):
    counted, _ = small
    url = reverse("outcomes:curve_plan", args=[counted.pk])
    page = text(client_for(cast.bea).get(url))
    figures = page[page.index("by period, oldest first") :]
    assert "2026/27 Q2 [c] Recorded" in figures and "2026/27 Q2 3 Recorded" not in figures
    steering = text(client_for(cast.steve).get(url))
    assert "2026/27 Q2 3 Suppressed in outputs Recorded" in steering


def test_a_reports_turn_the_curve_plan_is_published_without_the_small_value(cast, small):
    counted, _ = small
    counted.target, counted.polarity = Decimal(2), "lower_better"  # 3 against 2: red, so the report has its plan
    counted.save()
    quarter = Period.parse("2026/27 Q2")
    card = report_scorecard(cast.partnership, quarter)
    plan = next(p for p in plans_for_report(cast.partnership, card, quarter) if p["code"] == "UC-1")
    assert plan["chart"]["values"] == [12.0, 3.0] and plan["latest"] == "3"
    policy = cast.partnership.suppression
    row = published.scorecard(card, policy, published=True).rows
    row = next(r for r in row if r.code == "UC-1")
    shown = published.curve_plan(plan, row, policy)
    assert shown["chart"]["values"] == [12.0, None] and shown["latest"] == "[c]"
    assert "3" not in {point["display"] for point in shown["forecast"]["points"]}
