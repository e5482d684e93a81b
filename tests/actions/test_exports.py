"""The action plan as an .xlsx download: the page's filters, every member, and a file that imports back unchanged."""

import datetime
import io

import pytest
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from actions.imports import ActionPlanImporter
from actions.models import Action, ProgressUpdate
from tests import factories as f
from tests.actions.helpers import PLAN_HEADERS
from tests.spreadsheets.helpers import about_sheet, downloaded_sheet, run_import, sheet_table

EXPORT = reverse("spreadsheets:action_plan_export")
PLAN = ActionPlanImporter.kind
READING_HEADERS = ["BRAG", "Overdue", "Latest update date", "Latest update"]
ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]


def table(response):
    return sheet_table(downloaded_sheet(response), "Priority number")


@pytest.mark.parametrize("role", ROLES)
def test_every_member_may_download_their_own_partnerships_action_plan(cast, client_for, role):
    response = client_for(getattr(cast, role)).get(EXPORT)
    assert response.status_code == 200
    partnership = cast.other if role == "charlie" else cast.partnership
    assert about_sheet(response)["Partnership"] == partnership.name


def test_signed_out_visitors_are_sent_to_sign_in_for_the_action_plan(db, client):
    response = client.get(EXPORT)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


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
    notes, headers, rows = table(response)
    assert notes == []  # the header is the first row, so the filter buttons and the frozen row sit on it
    assert about_sheet(response)["Export"] == "Action plan: Northshire Neglect Strategy 2024–2027"
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
    response = client.get(EXPORT, {"priority": cast.p2.pk, "status": "on_track"})
    _, _, rows = table(response)
    assert [row[1] for row in rows] == ["P2.1"]
    assert about_sheet(response)["Filters"] == "priority 2; status On track"
    response = client.get(EXPORT, {"priority": cast.other_priority.pk, "status": "nonsense"})
    _, _, rows = table(response)
    assert [row[1] for row in rows] == ["P1.1", "P2.1"]  # filters that do not apply are ignored, as on the page
    assert about_sheet(response)["Filters"] == "None: every action of the strategy."


@freeze_time("2026-07-01 20:40:00")  # 21:40 British Summer Time
def test_the_action_plan_export_says_who_exported_it_and_when_and_filters_from_its_header(cast, client_for):
    response = client_for(cast.steve).get(EXPORT)

    about = about_sheet(response)
    assert about["Exported by"] == "Steve Example (steve@example.org)"
    assert about["Exported on"] == datetime.datetime(2026, 7, 1, 21, 40)  # a date and time, in UK time
    assert about["Partnership"] == "Northshire Safeguarding Children Partnership"
    assert "edit the rows of the Action plan sheet and import this file" in about["Note"][0]
    sheet = downloaded_sheet(response)
    assert sheet.auto_filter.ref == "A1:O3" and sheet.freeze_panes == "A2"


def test_overdue_actions_are_flagged(cast, client_for):
    Action.objects.filter(pk=cast.a11.pk).update(due_date=datetime.date(2025, 6, 30))
    _, _, rows = table(client_for(cast.sam).get(EXPORT))
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

    result = run_import(cast.steve, PLAN, data, "northshire-action-plan.xlsx")

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

    result = run_import(cast.steve, PLAN, buffer.getvalue(), "plan.xlsx")

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
    # The action plan page's reads (its strategy with priorities and principles, the filter's choices), then the rows.
    with django_assert_max_num_queries(14):
        response = client.get(EXPORT, {"priority": cast.p1.pk})
    assert len(table(response)[2]) == count + 1


def test_the_action_plan_page_links_to_the_export_with_its_filters_and_to_the_import_for_plan_editors(cast, client_for):
    page = client_for(cast.steve).get(reverse("actions:list"), {"status": "on_track"}).content.decode()
    assert f'href="{EXPORT}?status=on_track"' in page
    assert reverse("spreadsheets:action_plan_import") in page
    page = client_for(cast.bea).get(reverse("actions:list")).content.decode()
    assert f'href="{EXPORT}"' in page and reverse("spreadsheets:action_plan_import") not in page
