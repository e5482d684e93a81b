"""The downloadable templates of each import: an .xlsx with its instructions, and a .csv header row."""

from __future__ import annotations

import csv
import io

from spreadsheets.importers.base import Importer
from spreadsheets.xlsx import Sheet, workbook

INSTRUCTION_HEADERS = ("Column", "Required", "What to enter", "Allowed values", "Example")


def template_xlsx(importer: Importer) -> bytes:
    """A workbook whose first sheet is the empty table to fill in, then instructions for each column.

    The importer may add sheets after the instructions (``Importer.template_sheets``).
    """
    guides = importer.guidance()
    notes = [
        f"How to fill in the {importer.sheet_title} sheet for {importer.partnership.name}.",
        f"Keep the header row. Each row below it is {importer.one_row_is}. Empty rows are ignored.",
        "If any row has a problem, nothing is imported and every problem is listed by row and column.",
    ]
    rows = [
        [guide.header, "Required" if guide.required else "Optional", guide.hint, guide.allowed, guide.example]
        for guide in guides
    ]
    sheets = [
        Sheet(importer.sheet_title, [guide.header for guide in guides]),
        Sheet("Instructions", INSTRUCTION_HEADERS, rows, notes),
        *importer.template_sheets(),
    ]
    return workbook(sheets)


def template_csv(importer: Importer) -> bytes:
    """The header row as CSV, in UTF-8 with the byte-order mark Excel looks for."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([column.header for column in importer.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
