"""A plan kept the council's own way: its columns matched once, remembered for the next file of that layout."""

import datetime
import io
import re

from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from actions.models import Action, ProgressUpdate, Status
from priorities.models import Quarter
from spreadsheets.models import ColumnMapping, Upload
from tests import factories as f
from tests.actions.helpers import PLAN_HEADERS, plan_row
from tests.spreadsheets.helpers import problems_in, run_import, upload, xlsx_bytes

IMPORT = reverse("spreadsheets:action_plan_import")
COUNCIL_HEADERS = ["Priority", "Ref", "Action", "Lead", "Timescale", "RAG", "Progress update"]


def council_plan(rows=None):
    """A plan as councils keep it: a title row, a blank row, merged priority cells, their own column names."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Neglect action plan"
    sheet.append(["Northshire neglect strategy: action plan 2024-27"])
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(COUNCIL_HEADERS)
    rows = rows or [
        ["Priority 1: Early help", "1.1", "Train health visitors in the toolkit", "Northshire ICB",
         datetime.date(2025, 3, 31), "On track", "Two of four sessions delivered"],
        [None, "1.2", "Neglect champions in every GP practice", "Northshire ICB",
         datetime.date(2025, 9, 30), "At risk", None],
        [None, "1.3", "Early help assessment uses the toolkit", "Northshire Council",
         datetime.date(2026, 3, 31), "Not started", None],
        ["Priority 2: Recognising neglect", "2.1", "Multi-agency neglect training", "Northshire Police",
         datetime.date(2025, 12, 31), "Completed", "Delivered to 240 staff"],
    ]  # fmt: skip
    first = sheet.max_row + 1
    for row in rows:
        sheet.append(row)
    sheet.merge_cells(f"A{first}:A{first + min(len(rows), 3) - 1}")  # priority 1 over its actions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def selected(page):
    """{select name: the option chosen} on the columns page."""
    chosen = {}
    for name, body in re.findall(r'<select[^>]*name="(column_\d+)"[^>]*>(.*?)</select>', page, re.S):
        match = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        chosen[name] = match[1] if match else ""
    return chosen


def test_a_council_plan_with_its_own_columns_imports_after_one_matching_step(cast, client_for):
    client = client_for(cast.steve)
    response = client.post(IMPORT, {"file": upload(council_plan(), "council-plan.xlsx")})
    kept = Upload.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("spreadsheets:columns", args=[kept.pk])
    assert kept.status == Upload.Status.COLUMNS and not Action.objects.filter(reference="1.1").exists()

    page = client.get(response["Location"]).content.decode()
    assert "Match the columns of your file" in page
    assert "For example: Priority 1: Early help, Priority 1: Early help, Priority 1: Early help" in page  # filled down
    # Each column of the file is suggested a field from its header's words.
    assert selected(page) == {
        "column_1": "priority",
        "column_2": "reference",
        "column_3": "title",
        "column_4": "lead_agency",
        "column_5": "due_date",
        "column_6": "status",
        "column_7": "update",
    }

    preview = client.post(reverse("spreadsheets:columns", args=[kept.pk]), selected(page), follow=True)
    shown = text(preview)
    assert "Check what will change" in shown
    assert "<li>An Excel workbook (.xlsx).</li>" in shown
    assert "<li>Headings found on row 3: the rows above them are not read.</li>" in shown
    assert "Merged cells are read as they show: each row of a merged cell has its value." in shown
    assert (
        '<dt class="govuk-summary-list__key">Timescale</dt> <dd class="govuk-summary-list__value">Due date</dd>'
        in shown
    )
    assert 'New actions</dt> <dd class="govuk-summary-list__value app-number">4</dd>' in shown
    assert "Start date:</strong> 1 Apr 2024 (not in the file)" in shown
    assert "Progress update:</strong> " in shown and "Two of four sessions delivered" in shown

    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', preview.content.decode())[1]
    done = client.post(reverse("spreadsheets:confirm", args=[kept.pk]), {"digest": digest}, follow=True)
    assert "4 actions added" in text(done)

    under_merged_cell = Action.objects.get(reference="1.3")
    assert under_merged_cell.priority == cast.p1 and under_merged_cell.lead_agency == cast.council
    assert under_merged_cell.due_date == datetime.date(2026, 3, 31)
    assert under_merged_cell.success_measure == "Not given in the imported plan"
    assert Action.objects.get(reference="2.1").priority == cast.p2
    assert Action.objects.get(reference="2.1").status == Status.COMPLETED
    history = ProgressUpdate.objects.get(action__reference="1.1")
    assert (history.narrative, history.imported, history.status) == ("Two of four sessions delivered", True, "on_track")
    assert ProgressUpdate.objects.filter(action__reference__in=["1.2", "1.3"]).count() == 0

    action_page = text(client.get(reverse("actions:detail", args=[history.action_id])))
    assert "Imported from a spreadsheet" in action_page


def test_the_next_file_with_the_same_headers_needs_no_matching_step(cast, client_for):
    client = client_for(cast.steve)
    first = client.post(IMPORT, {"file": upload(council_plan(), "council-plan.xlsx")})
    page = client.get(first["Location"]).content.decode()
    client.post(first["Location"], selected(page))
    assert ColumnMapping.objects.filter(partnership=cast.partnership).count() == 1

    later = council_plan(
        [["Priority 2", "2.5", "Neglect screening at A&E", "Northshire ICB", datetime.date(2026, 6, 30), None, None]]
    )
    response = client.post(IMPORT, {"file": upload(later, "council-plan-june.xlsx")})
    kept = Upload.objects.get(original_name="council-plan-june.xlsx")
    assert response["Location"] == reverse("spreadsheets:preview", args=[kept.pk])
    shown = text(client.get(response["Location"]))
    assert "As you matched them for the last file with these columns." in shown
    assert "2.5 Neglect screening at A&amp;E" in shown
    assert reverse("spreadsheets:columns", args=[kept.pk]) in shown  # a way to change the match


def test_a_field_chosen_twice_or_a_needed_field_left_out_is_refused_and_nothing_is_remembered(cast, client_for):
    client = client_for(cast.steve)
    response = client.post(IMPORT, {"file": upload(council_plan(), "council-plan.xlsx")})
    page = client.get(response["Location"]).content.decode()
    choice = {**selected(page), "column_5": "title", "column_4": ""}

    refused = client.post(response["Location"], choice)
    shown = text(refused)
    assert refused.status_code == 200 and "There is a problem" in shown
    assert "What will be done is chosen for Action and Timescale: choose it for one column only" in shown
    assert "Choose which column holds Lead agency" in shown
    assert not ColumnMapping.objects.exists() and Upload.objects.get().status == Upload.Status.COLUMNS


def plan_without_priorities(rows):
    """A council plan of the columns "Ref | Action | Lead | Timescale | RAG | Progress update": no priority column."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Neglect action plan"])
    sheet.append(COUNCIL_HEADERS[1:])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_plan_without_a_priority_column_takes_each_actions_priority_from_its_reference(cast, client_for):
    client = client_for(cast.steve)
    rows = [
        ["1.7", "Family hubs screen for neglect", "Northshire ICB", "March 2027", "G", None],
        ["P2.7", "Neglect briefings for schools", "Northshire Council", "Q4 2026/27", "Amber", None],
    ]
    response = client.post(IMPORT, {"file": upload(plan_without_priorities(rows), "plan.xlsx")})
    page = client.get(response["Location"]).content.decode()
    assert "priority is the number its reference starts with (“1.3” or “P1.3”: priority 1)" in page
    assert "priority" not in selected(page).values()

    preview = text(client.post(response["Location"], selected(page), follow=True))
    assert "Priority: 1 (from the reference “1.7”)" in re.sub(r"</?strong>", "", preview)
    assert "Priority: 2 (from the reference “P2.7”)" in re.sub(r"</?strong>", "", preview)
    kept = Upload.objects.get()
    client.post(reverse("spreadsheets:confirm", args=[kept.pk]), {"digest": kept.preview["digest"]})
    assert Action.objects.get(reference="1.7").priority == cast.p1
    assert Action.objects.get(reference="P2.7").priority == cast.p2


def test_priority_headings_merged_across_the_plan_give_the_priority_of_the_rows_under_them(cast, client_for):
    book = Workbook()
    sheet = book.active
    sheet.append(["Northshire neglect action plan"])
    sheet.merge_cells("A1:F1")
    sheet.append(COUNCIL_HEADERS[1:])
    sheet.append(["Priority 2: Recognising neglect"])
    sheet.merge_cells("A3:F3")
    sheet.append(["A", "Neglect briefings for schools", "Northshire Council", "March 2027", "G", None])
    sheet.append(["B", "Neglect briefings for GPs", "Northshire ICB", "March 2027", "R", None])
    sheet.append(["Priority 1 - Early help", None, None, None, None, None])  # typed in its first cell only
    sheet.append(["C", "Family hubs screen for neglect", "Northshire ICB", "Ongoing", "A", None])
    buffer = io.BytesIO()
    book.save(buffer)
    client = client_for(cast.steve)
    response = client.post(IMPORT, {"file": upload(buffer.getvalue(), "plan.xlsx")})
    page = client.get(response["Location"]).content.decode()
    preview = re.sub(r"</?strong>", "", text(client.post(response["Location"], selected(page), follow=True)))
    assert 'New actions</dt> <dd class="govuk-summary-list__value app-number">3</dd>' in preview
    assert "Priority: 2 (from the heading “Priority 2: Recognising neglect” in row 3)" in preview
    assert "Priority: 1 (from the heading “Priority 1 - Early help” in row 6)" in preview
    kept = Upload.objects.get()
    client.post(reverse("spreadsheets:confirm", args=[kept.pk]), {"digest": kept.preview["digest"]})
    added = dict(Action.objects.filter(reference__in=["A", "B", "C"]).values_list("reference", "priority"))
    assert added == {"A": cast.p2.pk, "B": cast.p2.pk, "C": cast.p1.pk}


def test_a_reference_that_names_no_priority_is_refused_on_its_row_and_nothing_is_imported(cast, client_for):
    client = client_for(cast.steve)
    rows = [
        ["1.8", "Family hubs screen for neglect", "Northshire ICB", "March 2027", "G", None],
        ["9.1", "Neglect briefings for schools", "Northshire Council", "March 2027", "G", None],
        ["A.1", "Neglect briefings for GPs", "Northshire Council", "March 2027", "G", None],
    ]
    response = client.post(IMPORT, {"file": upload(plan_without_priorities(rows), "plan.xlsx")})
    page = client.get(response["Location"]).content.decode()
    client.post(response["Location"], selected(page))
    kept = Upload.objects.get()
    assert kept.status == Upload.Status.REFUSED
    said = "does not start with the number of a priority of Northshire Neglect Strategy 2024–2027 (1, 2)"
    assert [(row, column, message.split(":")[0]) for row, column, message in kept.problems] == [
        (4, "Reference", f"9.1 {said}"),
        (5, "Reference", f"A.1 {said}"),
    ]
    assert not Action.objects.filter(reference="1.8").exists()


def test_the_columns_or_names_address_of_a_file_at_another_step_leads_to_that_step(cast, client_for):
    client = client_for(cast.steve)
    template_file = xlsx_bytes(PLAN_HEADERS, [plan_row("P1.5")])
    previewed = Upload.objects.get(
        pk=client.post(IMPORT, {"file": upload(template_file, "plan.xlsx")})["Location"].split("/")[-2]
    )
    assert previewed.status == Upload.Status.PREVIEWED
    for step in ("columns", "names"):
        response = client.get(reverse(f"spreadsheets:{step}", args=[previewed.pk]))
        assert response["Location"] == reverse("spreadsheets:preview", args=[previewed.pk])
    waiting = client.post(IMPORT, {"file": upload(council_plan(), "council-plan.xlsx")})["Location"]
    kept = Upload.objects.get(original_name="council-plan.xlsx")
    assert client.get(reverse("spreadsheets:names", args=[kept.pk]), follow=True).redirect_chain[-1][0] == waiting


def test_someone_else_cannot_match_the_columns_of_an_upload(cast, client_for):
    response = client_for(cast.steve).post(IMPORT, {"file": upload(council_plan(), "council-plan.xlsx")})
    columns = response["Location"]
    assert client_for(cast.alice).get(columns).status_code == 404
    assert client_for(cast.charlie).post(columns, {"column_1": "priority"}).status_code in (403, 404)
    assert not ColumnMapping.objects.exists()


def plan_with_history_sheet(history):
    """The template's plan sheet, and a second sheet of the plan's update history, as councils keep it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(PLAN_HEADERS)
    sheet.append(plan_row("P1.5", title="Neglect screening at A&E"))
    updates = book.create_sheet("Update history")
    updates.append(["Action reference", "Date", "Status", "Update", "Author"])
    for row in history:
        updates.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_second_sheet_of_update_history_imports_as_dated_updates_marked_as_imported(cast):
    history = [
        ["P1.5", datetime.date(2024, 6, 30), "On track", "Screening tool agreed with the ED leads", "Jo Bloggs"],
        ["P1.5", datetime.date(2024, 9, 30), "At risk", "Recruitment of the nurse delayed", "Jo Bloggs"],
        ["p1.1", datetime.date(2024, 9, 30), "On track", "Health visitors trained in two localities", "A. Khan"],
    ]
    data = plan_with_history_sheet(history)

    result = run_import(cast.steve, "action_plan", data, "plan.xlsx")

    assert result.counts == {"new": 1, "changed": 1, "unchanged": 0}
    updates = ProgressUpdate.objects.filter(imported=True).order_by("update_date", "action__reference")
    assert [(u.action.reference, u.update_date, u.status, u.author_name) for u in updates] == [
        ("P1.5", datetime.date(2024, 6, 30), "on_track", "Jo Bloggs"),
        ("P1.1", datetime.date(2024, 9, 30), "on_track", "A. Khan"),
        ("P1.5", datetime.date(2024, 9, 30), "at_risk", "Jo Bloggs"),
    ]
    # The same file again adds nothing twice.
    assert run_import(cast.steve, "action_plan", data, "plan.xlsx").counts == {"new": 0, "changed": 0, "unchanged": 1}
    assert ProgressUpdate.objects.filter(imported=True).count() == 3


def test_an_update_for_an_action_nobody_has_is_named_by_its_row_and_sheet_and_nothing_is_imported(cast):
    data = plan_with_history_sheet([["P9.9", datetime.date(2024, 6, 30), "On track", "Something", "Jo"]])

    problems = problems_in(cast.steve, "action_plan", data)

    assert problems == [
        (2, "Action reference (update history sheet)", "There is no action P9.9 in the plan or in the file")
    ]
    assert not Action.objects.filter(reference="P1.5").exists()


def test_an_update_dated_in_a_locked_quarter_is_refused_by_its_row_and_nothing_is_imported(cast):
    quarter = f.SignedOffQuarterFactory(strategy=cast.strategy, period="2024/25 Q2", signed_off_by=cast.alice)
    Quarter.objects.filter(pk=quarter.pk).update(locked_at=timezone.now())
    data = plan_with_history_sheet(
        [
            ["P1.5", datetime.date(2024, 6, 30), "On track", "Screening tool agreed", "Jo Bloggs"],
            ["P1.5", datetime.date(2024, 9, 30), "At risk", "Recruitment delayed", "Jo Bloggs"],
        ]
    )

    problems = problems_in(cast.steve, "action_plan", data)

    assert problems == [
        (
            3,
            "Date (update history sheet)",
            "2024/25 Q2 is locked: its report has been issued. Add this update on the action's page, "
            "with the reason for the correction",
        )
    ]
    assert not ProgressUpdate.objects.filter(imported=True).exists()
