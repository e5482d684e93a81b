"""Exported workbooks: formula-looking text is inert and reads back as the same text."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from spreadsheets.xlsx import About, Sheet, workbook


def test_text_that_looks_like_a_formula_is_written_as_plain_text_and_reads_back_unchanged():
    dangerous = ['=HYPERLINK("http://evil.example")', "+1+2", "-2+3", "@SUM(A1:A2)"]
    data = workbook([Sheet("Plan", ["Reference", "Title"], [[f"P1.{n}", text] for n, text in enumerate(dangerous)])])

    sheet = load_workbook(io.BytesIO(data)).active
    cells = [sheet.cell(row=n + 2, column=2) for n in range(len(dangerous))]
    assert [cell.value for cell in cells] == dangerous
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)


def test_numbers_and_dates_stay_numbers_and_dates_and_the_header_is_bold():
    data = workbook(
        [Sheet("Scorecard", ["Value", "Due"], [[Decimal("51.8"), datetime.date(2027, 3, 31)], [-4, None]], ["As at"])]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "As at"
    assert sheet["A3"].font.bold and sheet["A3"].value == "Value"
    assert sheet["A4"].value == 51.8 and sheet["B4"].value.date() == datetime.date(2027, 3, 31)
    assert sheet["A5"].value == -4 and sheet["A5"].data_type == "n"


def test_every_table_has_a_frozen_header_with_filter_buttons_over_its_rows():
    data = workbook([Sheet("Plan", ["Reference", "Title", "Due"], [["P1.1", "Train", None], ["P1.2", "Audit", None]])])

    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet.freeze_panes == "A2"


def test_the_about_sheet_says_what_for_whom_when_by_whom_and_which_filters():
    exported = datetime.datetime(2026, 7, 1, 8, 5, tzinfo=datetime.UTC)
    about = About(
        "Action plan: Strategy", "Northshire", "Steve Example (steve@example.org)", exported, ["status On track"]
    )
    data = workbook([Sheet("Plan", ["Reference"], [["P1.1"]]), about.sheet()])

    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Plan", "About"]
    rows = list(book["About"].iter_rows(values_only=True))
    assert rows == [
        ("About this file", "Detail"),
        ("Export", "Action plan: Strategy"),
        ("Partnership", "Northshire"),
        ("Exported on", datetime.datetime(2026, 7, 1, 9, 5)),  # in the portal's time zone: British Summer Time
        ("Exported by", "Steve Example (steve@example.org)"),
        ("Filters", "status On track"),
    ]
    assert book["About"]["B4"].number_format == "d mmm yyyy hh:mm"
    assert book["About"].auto_filter.ref is None
