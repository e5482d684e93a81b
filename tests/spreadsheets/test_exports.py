"""The .xlsx exports: the action plan (which imports back unchanged) and the scorecard."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import Action, ProgressUpdate
from neglect_portal.periods import current_quarter
from outcomes.models import Polarity, RBACategory, Unit
from spreadsheets.models import Upload
from tests import factories as f
from tests.spreadsheets.conftest import PLAN_HEADERS, run_import

EXPORT = reverse("spreadsheets:action_plan_export")
SCORECARD = reverse("spreadsheets:scorecard_export")
READING_HEADERS = ["BRAG", "Overdue", "Latest update date", "Latest update"]


def sheet_of(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content)).active


def table(sheet):
    """The header row and the rows below it, skipping the note lines above."""
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if row[0] in ("Priority number", "RBA question"))
    return rows[:start], rows[start], rows[start + 1 :]


def test_the_action_plan_export_has_the_template_columns_then_status_words_and_the_latest_update(cast, client_for):
    cast.a21.description = "Toolkit and guidance for every practitioner"
    cast.a21.save()
    ProgressUpdate.objects.create(
        action=cast.a21, author=cast.lee, update_date=datetime.date(2026, 9, 1), status="on_track", narrative="Older"
    )
    ProgressUpdate.objects.create(
        action=cast.a21, author=cast.lee, update_date=datetime.date(2026, 10, 5), status="on_track", narrative="Newest"
    )

    response = client_for(cast.bea).get(EXPORT)

    assert response["Content-Disposition"].startswith('attachment; filename="northshire-action-plan-')
    notes, headers, rows = table(sheet_of(response))
    assert (
        notes[0][0]
        == "Action plan of Northshire Safeguarding Children Partnership: Northshire Neglect Strategy 2024–2027"
    )
    assert headers == PLAN_HEADERS + READING_HEADERS
    assert [row[1] for row in rows] == ["P1.1", "P2.1"]  # nothing of Southshire's
    p21 = rows[1]
    assert p21[:7] == [
        2,
        "P2.1",
        "Roll out the neglect toolkit",
        "Toolkit and guidance for every practitioner",
        "Measured by audit.",
        "Northshire Council",
        "lee@example.org",
    ]
    assert [value.date() for value in p21[7:9]] == [datetime.date(2025, 4, 1), datetime.date(2027, 1, 31)]
    assert p21[9:] == ["On track", None, "Green", "No", datetime.datetime(2026, 10, 5), "Newest"]


def test_the_action_plan_export_is_filtered_like_the_action_plan_page(cast, client_for):
    client = client_for(cast.steve)
    notes, _, rows = table(sheet_of(client.get(EXPORT, {"priority": cast.p2.pk, "status": "on_track"})))
    assert [row[1] for row in rows] == ["P2.1"]
    assert notes[1][0].endswith("Filtered by priority 2, status On track.")
    _, _, rows = table(sheet_of(client.get(EXPORT, {"priority": cast.other_priority.pk, "status": "nonsense"})))
    assert [row[1] for row in rows] == ["P1.1", "P2.1"]  # filters that do not apply are ignored, as on the page


def test_overdue_actions_are_flagged(cast, client_for):
    Action.objects.filter(pk=cast.a11.pk).update(due_date=datetime.date(2025, 6, 30))
    _, _, rows = table(sheet_of(client_for(cast.sam).get(EXPORT)))
    assert [(row[1], row[12]) for row in rows] == [("P1.1", "Yes"), ("P2.1", "No")]


def exported_plan(client):
    response = client.get(EXPORT)
    return response.content


def test_the_exported_action_plan_imports_back_unchanged_formula_looking_text_included(cast, client_for):
    Action.objects.filter(pk=cast.a21.pk).update(
        title="=1+1",
        description="@SUM(A1)",
        success_measure="+10% more families helped\r\nsecond line",
        due_date=datetime.date(2027, 3, 31),
        original_due_date=datetime.date(2027, 1, 31),
        due_date_change_reason="-5 days slip",
    )
    client = client_for(cast.steve)
    data = exported_plan(client)
    sheet = load_workbook(io.BytesIO(data)).active
    title_cell = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "=1+1")
    assert title_cell.data_type == "s" and title_cell.quotePrefix
    history = Action.history.count()

    result = run_import(cast.steve, Upload.Kind.ACTION_PLAN, data, "northshire-action-plan.xlsx")

    assert result.counts == {"new": 0, "changed": 0, "unchanged": 2}
    assert Action.history.count() == history
    action = Action.objects.get(pk=cast.a21.pk)
    assert (action.title, action.description, action.due_date_change_reason) == ("=1+1", "@SUM(A1)", "-5 days slip")


def test_an_edited_export_imports_only_what_was_edited(cast, client_for):
    book = load_workbook(io.BytesIO(exported_plan(client_for(cast.steve))))
    sheet = book.active
    row = next(row for row in sheet.iter_rows() if row[1].value == "P2.1")
    row[8].value = datetime.datetime(2027, 5, 31)
    row[10].value = "=Waiting for the new training contract"
    row[10].data_type, row[10].quotePrefix = "s", True  # typed as text, as Excel keeps '=...
    buffer = io.BytesIO()
    book.save(buffer)

    result = run_import(cast.steve, Upload.Kind.ACTION_PLAN, buffer.getvalue(), "plan.xlsx")

    assert result.counts == {"new": 0, "changed": 1, "unchanged": 1}
    action = Action.objects.get(pk=cast.a21.pk)
    assert (action.due_date, action.due_date_change_reason) == (
        datetime.date(2027, 5, 31),
        "=Waiting for the new training contract",
    )


@pytest.mark.parametrize("count", [2, 40])
def test_the_action_plan_export_runs_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries, count):
    for n in range(count):
        action = f.ActionFactory(priority=cast.p1, reference=f"P1.{n + 10}", lead_agency=cast.health, lead=cast.sam)
        f.ProgressUpdateFactory(action=action, author=cast.sam)
    client = client_for(cast.bea)
    with django_assert_max_num_queries(12):
        response = client.get(EXPORT, {"priority": cast.p1.pk})
    assert len(table(sheet_of(response))[2]) == count + 1


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

    notes, headers, rows = table(sheet_of(response))
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

    notes, _, rows = table(sheet_of(client.get(link)))

    assert [row[1] for row in rows] == ["TR-1"]
    assert rows[0][7:9] == [73, last.previous().label]
    assert notes[1][0] == f"Figures as at {last.previous().label}." and notes[2][0] == "Indicators of priority 1 only."
    response = client.get(SCORECARD, {"priority": cast.other_priority.pk, "as_of": "someday"})
    assert [row[1] for row in table(sheet_of(response))[2]] == ["TR-1", "SC-1"]


@pytest.mark.parametrize("count", [2, 30])
def test_the_scorecard_export_runs_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries, count):
    for n in range(count):
        indicator = f.IndicatorFactory(partnership=cast.partnership, code=f"IX-{n:02d}")
        for quarter in range(1, 4):
            f.MeasurementFactory(indicator=indicator, period=f"2025/26 Q{quarter}", value=n + quarter)
    client = client_for(cast.bea)
    with django_assert_max_num_queries(10):
        response = client.get(SCORECARD)
    assert len(table(sheet_of(response))[2]) == count


def test_the_action_plan_page_links_to_the_export_with_its_filters_and_to_the_import_for_plan_editors(cast, client_for):
    page = client_for(cast.steve).get(reverse("actions:list"), {"status": "on_track"}).content.decode()
    assert f'href="{EXPORT}?status=on_track"' in page
    assert reverse("spreadsheets:action_plan_import") in page
    page = client_for(cast.bea).get(reverse("actions:list")).content.decode()
    assert f'href="{EXPORT}"' in page and reverse("spreadsheets:action_plan_import") not in page
