"""Writing .xlsx workbooks that are safe to open, and sending them as downloads.

Text that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) would be taken by a spreadsheet program as a formula: a narrative or
a name typed by a user could then run code on the reader's machine ("CSV
injection"). Such text is written as a plain text cell with Excel's "quote
prefix", so it shows exactly as typed, is never evaluated, and reads back as
the same text when the file is imported again.

Every table has a frozen header row with an autofilter, numbers stay numbers and
dates stay dates. An export also carries an "About" sheet (:class:`About`): what it
holds, for which partnership, when and by whom it was exported, and the filters
that applied, so a file forwarded by e-mail still says what it is.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


@dataclass
class Sheet:
    """One worksheet: a title, a header row and data rows (str, numbers, dates or None)."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence] = field(default_factory=list)
    notes: Sequence[str] = ()  # lines written above the table, such as what the sheet shows and when
    autofilter: bool = True  # a filter button on each header cell


@dataclass
class About:
    """What an export holds, written as its "About" sheet (after the data, so the data opens first)."""

    what: str  # "Action plan: Northshire Neglect Strategy 2024–2027"
    partnership: str
    exported_by: str  # see ``person_words``
    exported_at: datetime.datetime
    filters: Sequence[str] = ()  # the filters that applied, in words; none: everything is shown
    unfiltered: str = "None: every row is shown."
    notes: Sequence[str] = ()  # anything else a reader needs, such as how to read the columns

    def sheet(self) -> Sheet:
        rows = [
            ["Export", self.what],
            ["Partnership", self.partnership],
            ["Exported on", self.exported_at],
            ["Exported by", self.exported_by],
            ["Filters", "; ".join(self.filters) if self.filters else self.unfiltered],
            *(["Note", note] for note in self.notes),
        ]
        return Sheet(ABOUT_TITLE, ["About this file", "Detail"], rows, autofilter=False)


ABOUT_TITLE = "About"


def person_words(user) -> str:
    """A person as an export names them: "Steve Example (steve@example.org)"."""
    name = user.get_full_name().strip()
    return f"{name} ({user.email})" if name else user.email


def write_cell(worksheet, row: int, column: int, value):
    """Put ``value`` in a cell; formula-looking text becomes an inert, quote-prefixed text cell."""
    cell = worksheet.cell(row=row, column=column)
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # A spreadsheet cell has no time zone: the time as read in the portal's own zone.
        value = timezone.localtime(value).replace(tzinfo=None)
    cell.value = value
    if isinstance(value, datetime.datetime):
        cell.number_format = "d mmm yyyy hh:mm"
    elif isinstance(value, datetime.date):
        cell.number_format = "d mmm yyyy"
    elif is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as the bytes of an .xlsx file, headers in bold, frozen below the header row."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        worksheet = book.create_sheet(title=_sheet_title(sheet.title))
        row = 1
        for note in sheet.notes:
            write_cell(worksheet, row, 1, note).font = Font(italic=True)
            row += 1
        if sheet.notes:
            row += 1
        header_row = row
        for column, header in enumerate(sheet.headers, start=1):
            write_cell(worksheet, row, column, header).font = Font(bold=True)
        widths = [len(str(h)) for h in sheet.headers]
        for values in sheet.rows:
            row += 1
            for column, value in enumerate(values, start=1):
                write_cell(worksheet, row, column, value).alignment = Alignment(vertical="top", wrap_text=True)
                if column <= len(widths):
                    widths[column - 1] = max(widths[column - 1], min(len(str(value or "")), MAX_COLUMN_WIDTH))
        for column, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 10), MAX_COLUMN_WIDTH)
        worksheet.freeze_panes = worksheet.cell(row=header_row + 1, column=1)
        if sheet.autofilter and sheet.headers:
            last_column = get_column_letter(len(sheet.headers))
            worksheet.auto_filter.ref = f"A{header_row}:{last_column}{row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet], about: About | None = None) -> HttpResponse:
    """An .xlsx download of ``sheets``, then the ``about`` sheet when given."""
    sheets = [*sheets, about.sheet()] if about is not None else list(sheets)
    response = HttpResponse(workbook(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _sheet_title(title: str) -> str:
    # Excel limits sheet names to 31 characters and forbids some punctuation.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return cleaned[:31] or "Sheet"
