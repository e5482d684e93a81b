"""Exported workbooks: formula-looking text is inert and reads back as the same text."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from spreadsheets.xlsx import Sheet, workbook


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
