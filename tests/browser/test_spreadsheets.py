"""Importing an action plan in a real browser: every problem listed accessibly, then a preview to confirm."""

import datetime

import pytest

from actions.models import Action
from tests import factories as f
from tests.actions.helpers import PLAN_HEADERS, plan_row
from tests.browser.conftest import assert_accessible, sign_in
from tests.spreadsheets.helpers import xlsx_bytes
from tests.spreadsheets.test_column_mapping import council_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def choose_file(page, name, rows):
    page.get_by_label("Upload the spreadsheet").set_input_files(
        {"name": name, "mimeType": XLSX, "buffer": xlsx_bytes(PLAN_HEADERS, rows)}
    )
    page.get_by_role("button", name="Upload and check the file").click()


def test_a_file_with_problems_lists_them_accessibly_and_a_corrected_file_is_previewed_and_imported(page, cast):
    sign_in(page, "steve@example.org")
    page.goto("/actions/")
    page.get_by_role("link", name="Import from a spreadsheet").click()
    page.wait_for_url("**/spreadsheets/import/action-plan/")
    assert page.inner_text("h1") == "Import an action plan"

    choose_file(
        page, "plan.xlsx", [plan_row("P1.2"), plan_row("P1.3", due="end of March"), plan_row("P1.4", agency=None)]
    )

    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
    assert "plan.xlsx has 2 problems. Nothing has been imported" in page.inner_text(".govuk-error-summary")
    problems = page.get_by_role("table", name="Problems in plan.xlsx, by row and column").inner_text()
    assert "3\tDue date\tEnter a date like 31/03/2027" in problems
    assert "4\tLead agency\tEnter the lead agency" in problems
    assert_accessible(page, "spreadsheets-import-with-problems")
    assert not Action.objects.filter(reference__in=["P1.2", "P1.3", "P1.4"]).exists()

    choose_file(page, "plan.xlsx", [plan_row("P1.2"), plan_row("P1.3", due=datetime.date(2027, 3, 31))])

    page.wait_for_url("**/spreadsheets/uploads/*/")
    assert page.inner_text("h1") == "Check what will change"
    assert (
        "P1.3 Run neglect awareness sessions in GP practices"
        in page.get_by_role("table", name="Rows that will change").inner_text()
    )
    assert_accessible(page, "spreadsheets-preview")
    page.get_by_role("button", name="Confirm and import").click()
    page.wait_for_url("**/spreadsheets/import/action-plan/")

    assert "plan.xlsx has been imported: 2 actions added, 0 changed and 0 unchanged." in page.inner_text(
        ".govuk-notification-banner--success"
    )
    assert Action.objects.filter(reference__in=["P1.2", "P1.3"]).count() == 2
    assert "Steve Example" in page.get_by_role("table", name="Past imports, newest first").inner_text()
    assert_accessible(page, "spreadsheets-imported")

    page.get_by_role("link", name="Import and export").click()
    page.wait_for_url("**/spreadsheets/")
    assert page.get_by_role("link", name="Download the action plan (.xlsx)").count() == 1
    assert_accessible(page, "spreadsheets-index")


def test_a_council_plan_has_its_columns_matched_on_an_accessible_page_then_imports(page, cast):
    sign_in(page, "steve@example.org")
    page.goto("/spreadsheets/import/action-plan/")
    page.get_by_label("Upload the spreadsheet").set_input_files(
        {"name": "council-plan.xlsx", "mimeType": XLSX, "buffer": council_plan()}
    )
    page.get_by_role("button", name="Upload and check the file").click()

    page.wait_for_url("**/spreadsheets/uploads/*/columns/")
    assert page.inner_text("h1") == "Match the columns of your file"
    assert page.get_by_label("Timescale").input_value() == "due_date"  # suggested from the header's words
    assert page.get_by_label("RAG").input_value() == "status"
    assert_accessible(page, "spreadsheets-columns")
    page.get_by_label("Progress update").select_option(label="Ignore this column")
    page.get_by_role("button", name="Save the columns and check the file").click()

    page.wait_for_url("**/spreadsheets/uploads/*/")
    assert (
        "Due date"
        in page.get_by_role("heading", name="How the columns were read")
        .locator("xpath=following-sibling::dl[1]")
        .inner_text()
    )
    page.get_by_role("button", name="Confirm and import").click()
    page.wait_for_url("**/spreadsheets/import/action-plan/")
    assert "council-plan.xlsx has been imported: 4 actions added" in page.inner_text(
        ".govuk-notification-banner--success"
    )
    assert Action.objects.filter(reference__in=["1.1", "1.2", "1.3", "2.1"]).count() == 4


def test_agencies_a_plan_names_otherwise_are_chosen_once_on_an_accessible_page(page, cast):
    police = f.AgencyFactory(partnership=cast.partnership, name="West Midlands Police")
    sign_in(page, "steve@example.org")
    page.goto("/spreadsheets/import/action-plan/")
    choose_file(page, "plan.xlsx", [plan_row("P1.2", agency="WMP"), plan_row("P1.3", agency="CCG")])

    page.wait_for_url("**/spreadsheets/uploads/*/names/")
    assert page.inner_text("h1") == "Choose what the names in your file mean"
    wmp = page.get_by_role("group", name="“WMP” is not an agency of this partnership: choose which agency it means")
    assert wmp.get_by_label("West Midlands Police").is_checked()  # the likely agency, chosen already
    ccg = page.get_by_role("group", name="“CCG” is not an agency of this partnership: choose which agency it means")
    assert not any(ccg.get_by_role("radio").nth(n).is_checked() for n in range(ccg.get_by_role("radio").count()))
    assert_accessible(page, "spreadsheets-names")

    page.get_by_role("button", name="Save and check the file again").click()
    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
    assert "Choose which agency “CCG” means, or None of these" in page.inner_text(".govuk-error-summary")
    assert_accessible(page, "spreadsheets-names-error")

    page.get_by_role(
        "group", name="“CCG” is not an agency of this partnership: choose which agency it means"
    ).get_by_label("Northshire ICB").check()
    page.get_by_role("button", name="Save and check the file again").click()
    page.wait_for_url("**/spreadsheets/uploads/*/")
    rows = page.get_by_role("table", name="Rows that will change").inner_text()
    assert "Lead agency: West Midlands Police (from “WMP”)" in rows
    assert "Lead agency: Northshire ICB (from “CCG”)" in rows
    page.get_by_role("button", name="Confirm and import").click()
    page.wait_for_url("**/spreadsheets/import/action-plan/")
    assert Action.objects.get(reference="P1.2").lead_agency == police
