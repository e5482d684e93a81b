"""The scorecard as an .xlsx download: every figure by RBA question, as filtered on the scorecard page."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from neglect_portal.periods import current_quarter
from outcomes.models import Polarity, RBACategory, Unit
from tests import factories as f
from tests.spreadsheets.helpers import downloaded_sheet, sheet_table

SCORECARD = reverse("spreadsheets:scorecard_export")
ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]


def table(response):
    return sheet_table(downloaded_sheet(response), "RBA question")


@pytest.mark.parametrize("role", ROLES)
def test_every_member_may_download_their_own_partnerships_scorecard(cast, client_for, role):
    response = client_for(getattr(cast, role)).get(SCORECARD)
    assert response.status_code == 200
    partnership = cast.other if role == "charlie" else cast.partnership
    assert table(response)[0][0][0] == f"Scorecard of {partnership.name}"


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

    response = client_for(cast.bea).get(SCORECARD)

    notes, headers, rows = table(response)
    assert notes[0][0] == "Scorecard of Northshire Safeguarding Children Partnership"
    assert notes[1][0] == "The latest figure of each indicator."
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
    assert trained[11:20] == [
        "up 101%",
        40,
        last.year_earlier().label,
        "up 268%",
        100,
        "Green",
        "Target met",
        "▲ Improving",
        "No",
    ]
    assert trained[22] == "=Two new courses"
    assert screened[0] == "How well did we do it?" and screened[7] == 62.5
    assert screened[16:] == [
        "Red",
        "Short of the target by more than the amber tolerance",
        "No earlier figure",
        "Yes",
        5,
        8,
        None,
    ]


def test_the_scorecard_pages_export_link_downloads_the_scorecard_as_filtered_on_the_page(cast, client_for):
    last = scorecard_indicators(cast)
    client = client_for(cast.steve)
    query = {"priority": cast.p1.pk, "as_at": last.previous().label}
    page = client.get(reverse("outcomes:scorecard"), query).content.decode()
    link = re.search(r'href="([^"]*scorecard\.xlsx[^"]*)"', page).group(1).replace("&amp;", "&")

    notes, _, rows = table(client.get(link))

    assert [row[1] for row in rows] == ["TR-1"]
    assert rows[0][7:9] == [73, last.previous().label]
    assert notes[1][0] == f"Figures as at {last.previous().label}." and notes[2][0] == "Indicators of priority 1 only."
    response = client.get(SCORECARD, {"priority": cast.other_priority.pk, "as_of": "someday"})
    assert [row[1] for row in table(response)[2]] == ["TR-1", "SC-1"]


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
