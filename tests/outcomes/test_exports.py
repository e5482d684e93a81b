"""The scorecard as an .xlsx download: every figure by RBA question, as filtered on the scorecard page."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Partnership
from neglect_portal.periods import current_quarter
from outcomes.models import Polarity, RBACategory, Unit
from tests import factories as f
from tests.spreadsheets.helpers import about_sheet, downloaded_sheet, sheet_table

SCORECARD = reverse("spreadsheets:scorecard_export")
ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]


def table(response):
    return sheet_table(downloaded_sheet(response), "RBA question")


@pytest.mark.parametrize("role", ROLES)
def test_every_member_may_download_their_own_partnerships_scorecard(cast, client_for, role):
    response = client_for(getattr(cast, role)).get(SCORECARD)
    assert response.status_code == 200
    partnership = cast.other if role == "charlie" else cast.partnership
    assert about_sheet(response)["Partnership"] == partnership.name


def test_signed_out_visitors_are_sent_to_sign_in_for_the_scorecard(db, client):
    response = client.get(SCORECARD)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def scorecard_indicators(cast):
    last = current_quarter().previous()
    trained = f.IndicatorFactory(
        partnership=cast.partnership,
        code="TR-1",
        name="Staff trained in the neglect toolkit",
        source_agency=cast.health,
        priority=cast.p1,
        target=Decimal("100"),
        amber_tolerance=Decimal("10"),
    )
    for period, value in [(last.year_earlier(), 40), (last.previous(), 73), (last, 147)]:
        f.MeasurementFactory(indicator=trained, period=period.label, value=value, note="=Two new courses")
    screened = f.IndicatorFactory(
        partnership=cast.partnership,
        code="SC-1",
        name="Assessments using the toolkit",
        rba_category=RBACategory.HOW_WELL,
        unit=Unit.PERCENTAGE,
        polarity=Polarity.HIGHER_BETTER,
        target=Decimal("80"),
        priority=cast.p2,
    )
    f.MeasurementFactory(indicator=screened, period=last.label, value=Decimal("62.5"), numerator=5, denominator=8)
    return last


def test_the_scorecard_export_groups_indicators_by_rba_question_with_every_figure(cast, client_for):
    last = scorecard_indicators(cast)
    # Every figure as recorded (SC-1's 5 of 8 is a small number): tests/outcomes/test_suppression_outputs.py
    # has what the export does with small numbers.
    Partnership.objects.filter(pk=cast.partnership.pk).update(suppression_mode="show")

    response = client_for(cast.bea).get(SCORECARD)

    notes, headers, rows = table(response)
    assert notes == []
    about = about_sheet(response)
    assert about["Partnership"] == "Northshire Safeguarding Children Partnership"
    assert about["Export"] == "Scorecard: the latest figure of each indicator"
    assert about["Exported by"] == "Bea Example (bea@example.org)"
    assert about["Filters"] == "None: every active indicator, latest figures."
    assert headers[:9] == [
        "RBA question",
        "Code",
        "Indicator",
        "Priority",
        "Supplied by",
        "Unit",
        "Polarity",
        "Latest value",
        "Latest period",
    ]
    trained, screened = rows
    assert trained[:11] == [
        "How much did we do?",
        "TR-1",
        "Staff trained in the neglect toolkit",
        1,
        "Northshire ICB",
        "Count",
        "Higher is better",
        147,
        last.label,
        73,
        last.previous().label,
    ]
    assert trained[11:22] == [
        101,  # "up 101%" on the page, as a number with its unit beside it
        "%",
        40,
        last.year_earlier().label,
        268,
        "%",
        100,
        "Green",
        "Target met",
        "▲ Improving",
        "No",
    ]
    assert trained[24:] == ["=Two new courses", "No", None, None]
    assert screened[0] == "How well did we do it?" and screened[7] == 62.5
    assert screened[11:13] == [None, "no earlier figure"]
    assert screened[18:] == [
        "Red",
        "Short of the target by more than the amber tolerance",
        "No earlier figure",
        "Yes",
        5,
        8,
        None,
        "No",
        None,
        None,
    ]
    sheet = downloaded_sheet(response)
    assert sheet.auto_filter.ref == "A1:AB3" and sheet.freeze_panes == "A2"


def test_scorecard_changes_are_numbers_in_their_unit_and_falls_are_negative(cast, client_for):
    last = current_quarter().previous()
    contacts = f.IndicatorFactory(partnership=cast.partnership, code="NC-1", name="Neglect contacts")
    for period, value in [(last.previous(), 868), (last, 842)]:
        f.MeasurementFactory(indicator=contacts, period=period.label, value=value)
    attendance = f.IndicatorFactory(partnership=cast.partnership, code="AT-1", unit=Unit.PERCENTAGE)
    for period, value in [(last.year_earlier(), Decimal("60.3")), (last.previous(), Decimal("64.8")), (last, 60)]:
        f.MeasurementFactory(indicator=attendance, period=period.label, value=value)
    new = f.IndicatorFactory(partnership=cast.partnership, code="NW-1")
    for period, value in [(last.previous(), 0), (last, 5)]:
        f.MeasurementFactory(indicator=new, period=period.label, value=value)

    _, headers, rows = table(client_for(cast.bea).get(SCORECARD))

    changes = {row[1]: dict(zip(headers, row, strict=True)) for row in rows}
    assert [changes["NC-1"][h] for h in ("Change on the previous period", "Change on the previous period: unit")] == [
        -3,
        "%",
    ]
    assert changes["AT-1"]["Change on the previous period"] == -4.8  # points, not a percentage of a percentage
    assert changes["AT-1"]["Change on the previous period: unit"] == "percentage points"
    assert changes["AT-1"]["Change on a year earlier"] == -0.3
    assert (
        changes["NW-1"]["Change on the previous period"],
        changes["NW-1"]["Change on the previous period: unit"],
    ) == (
        5,
        "difference from zero",
    )


def test_every_scorecard_row_showing_an_invented_figure_is_marked_illustrative(cast, client_for):
    last = current_quarter().previous()
    demo = f.IndicatorFactory(partnership=cast.partnership, code="DM-1")
    f.MeasurementFactory(indicator=demo, period=last.previous().label, value=10, is_illustrative=True)
    f.MeasurementFactory(indicator=demo, period=last.label, value=12)
    published = f.IndicatorFactory(partnership=cast.partnership, code="PB-1")
    f.MeasurementFactory(indicator=published, period=last.label, value=12)

    response = client_for(cast.bea).get(SCORECARD)

    _, headers, rows = table(response)
    assert {row[1]: row[headers.index("Illustrative")] for row in rows} == {"DM-1": "Yes", "PB-1": "No"}
    assert any("invented for demonstration" in note for note in about_sheet(response)["Note"])


def test_the_scorecard_pages_export_link_downloads_the_scorecard_as_filtered_on_the_page(cast, client_for):
    last = scorecard_indicators(cast)
    client = client_for(cast.steve)
    query = {"priority": cast.p1.pk, "as_at": last.previous().label}
    page = client.get(reverse("outcomes:scorecard"), query).content.decode()
    link = re.search(r'href="([^"]*scorecard\.xlsx[^"]*)"', page).group(1).replace("&amp;", "&")

    response = client.get(link)
    _, _, rows = table(response)

    assert [row[1] for row in rows] == ["TR-1"]
    assert rows[0][7:9] == [73, last.previous().label]
    filters = f"indicators of priority 1 only; figures as at {last.previous().label}"
    assert about_sheet(response)["Filters"] == filters
    response = client.get(SCORECARD, {"priority": cast.other_priority.pk, "as_of": "someday"})
    assert [row[1] for row in table(response)[2]] == ["TR-1", "SC-1"]
    assert about_sheet(response)["Filters"] == "None: every active indicator, latest figures."


@pytest.mark.parametrize("count", [2, 30])
def test_the_scorecard_export_runs_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries, count):
    for n in range(count):
        indicator = f.IndicatorFactory(partnership=cast.partnership, code=f"IX-{n:02d}")
        for quarter in range(1, 4):
            f.MeasurementFactory(indicator=indicator, period=f"2025/26 Q{quarter}", value=n + quarter)
    client = client_for(cast.bea)
    # Ten to read and send the sheet, one to record the export in the access audit.
    with django_assert_max_num_queries(11):
        response = client.get(SCORECARD)
    assert len(table(response)[2]) == count
