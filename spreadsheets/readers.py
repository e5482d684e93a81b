"""Reading uploaded spreadsheets (.xlsx and .csv) safely into numbered rows of named columns.

A file is judged by its content, never its name: a PDF or a picture renamed
``.xlsx`` is refused before any parser sees it, an old ``.xls`` is refused
with the way to fix it, and a workbook is opened only once its zip directory
shows a reasonable unpacked size (zip bombs) and it has the parts of an Excel
workbook. XML entity attacks are stopped by expat itself (2.4 and later).

The header row is found by the template's column names wherever it is in the
first rows and whatever the case and spacing; every data row keeps its row
number in the spreadsheet, so problems can be reported as "Row 7, column Due
date". Values come back as they are in the file: text, numbers, dates.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from spreadsheets.colours import fill_rgb, theme_colours

HEADER_SEARCH_ROWS = 20
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_ROWS = 2000

NOT_A_SPREADSHEET = "The file is not an Excel spreadsheet (.xlsx) or a CSV file"
OLD_EXCEL = (
    "The file is an old Excel 97-2003 workbook (.xls) or is protected by a password. "
    "Open it in Excel, choose Save As, pick Excel Workbook (.xlsx), and upload that file"
)
OPEN_DOCUMENT = (
    "The file is an OpenDocument spreadsheet (.ods). Save it as an Excel Workbook (.xlsx) and upload that file"
)
UTF16_TEXT = "The file is saved as Unicode text. Save it as CSV UTF-8 (comma delimited) and upload that file"
DAMAGED = (
    "The file could not be read as an Excel spreadsheet: it may be damaged. "
    "Open it in Excel, save it as an Excel Workbook (.xlsx) and upload it again"
)
FORMULA_WITHOUT_VALUE = "The cell has a formula but no saved value: type the value instead of a formula"

BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!")  # others hold NUL bytes
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")  # <f>, <f t="shared" ...>, <x:f>
MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})"')


class FileRefused(Exception):
    """The whole file cannot be used; ``message`` says why and how to fix it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """A column of an import template: its key in the rows read, its header, and what goes in it."""

    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    hint: str = ""
    # Words of a file's own header that suggest this column on the page matching a file's columns.
    words: tuple[str, ...] = ()
    # A required column a file of another layout may leave out: what the import does then.
    if_absent: str = ""
    # Suggested for a file's column only if its values look like this (a regular expression).
    looks_like: str = ""

    def names(self) -> set[str]:
        return {normalise_header(name) for name in (self.header, *self.aliases)}


@dataclass
class Row:
    number: int  # the row number in the spreadsheet, as the user sees it
    values: dict[str, object]
    labels: dict[str, str] = field(default_factory=dict)  # a cell's column as the file names it, when not its own
    fills: dict[str, str] = field(default_factory=dict)  # RGB of the solid fill of an empty cell, by column key


@dataclass(frozen=True)
class Wide:
    """A sheet with one row per thing and one column per period ("Q1 23/24", "Q2 23/24", …), read as one
    row per thing and period: ``period_of(heading)`` gives a heading's period label, or None."""

    id_keys: tuple[str, ...]
    period_key: str
    value_key: str
    period_of: Callable[[object], str | None]


@dataclass
class CellProblem:
    row: int | None  # None: about the file as a whole
    column: str  # the column's header, "" when about a whole row
    message: str


@dataclass
class Table:
    """The data rows of a file, with the columns it has and the cells that could not be read."""

    rows: list[Row]
    present: set[str]  # keys of the columns the file has
    problems: list[CellProblem] = field(default_factory=list)


@dataclass(frozen=True)
class CellColour:
    """An empty cell with a solid fill: its colour may be what it says (a RAG rating given only as a colour)."""

    rgb: str


class Unreadable:
    """A cell whose value cannot be used, such as a formula saved without its result."""

    def __init__(self, message: str):
        self.message = message


def normalise_header(text) -> str:
    """ "Due date", " DUE  DATE " and "Due date (dd/mm/yyyy)" all become "duedate"."""
    text = re.sub(r"\(.*?\)", "", str(text or "").lower())
    return re.sub(r"[^a-z0-9]", "", text)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def size_words(size: int) -> str:
    """2097152 → "2 MB"; 1000 → "1 KB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{max(size // 1024, 1)} KB"


def read_table(data: bytes, name: str, columns: Sequence[Column], mapping: ColumnMap | None = None) -> Table:
    """The rows of an uploaded .xlsx or .csv file under the template's ``columns``.

    With ``mapping`` the file's own header row (``mapping.headers``) is looked for and each of its
    columns read as the portal field the person matched it to. Raises :class:`FileRefused` when the
    file cannot be used at all.
    """
    kind = _checked_kind(data, name)
    finder = _Finder(columns, mapping)
    if kind == "xlsx":
        return _read_workbook(data, finder)
    return _table_from_rows(_csv_rows(_decode(data)), finder, csv_file=True)


def read_layout(data: bytes, name: str, columns: Sequence[Column]) -> Layout:
    """Where a file's header row is and what it says; ``matches_template`` when it names the template's columns."""
    kind = _checked_kind(data, name)
    if kind == "xlsx":
        return _workbook_layout(data, columns)
    head = list(itertools.islice(_csv_rows(_decode(data)), HEADER_SEARCH_ROWS))
    return _layout_of(head, columns) or _no_layout(head, columns)


def read_wide(data: bytes, name: str, columns: Sequence[Column], wide: Wide) -> Table | None:
    """The rows of a file with a column per period, one row per thing and period; None if it is not such a file."""
    kind = _checked_kind(data, name)
    if kind == "csv":
        text = _decode(data)
        head = list(itertools.islice(_csv_rows(text), HEADER_SEARCH_ROWS))
        return _wide_table(_csv_rows(text), columns, wide) if _wide_header(head, wide) else None
    with _open_workbook(data, formulas=True) as (values_book, formula_book):
        for index in range(len(values_book.worksheets)):
            if _wide_header(list(_workbook_rows(values_book, formula_book, index, HEADER_SEARCH_ROWS)), wide):
                return _wide_table(_workbook_rows(values_book, formula_book, index), columns, wide)
    return None


SEPARATOR_WORDS = {",": "commas", ";": "semicolons", "\t": "tabs"}


def described(data: bytes, name: str, layout: Layout | None = None) -> list[str]:
    """How the file is read, in a few plain sentences for the preview: its kind, and for a CSV file its separator
    and characters; where its headings are when rows come above them; merged cells, when a workbook has any.

    ``layout`` is the file's :func:`read_layout` (a header row of 0 for a sheet with a column per period).
    """
    sentences = []
    if _checked_kind(data, name) == "csv":
        if data.startswith(b"\xef\xbb\xbf"):
            characters = "UTF-8 (with the mark Excel adds to “CSV UTF-8”)"
        else:
            try:
                data.decode("utf-8")
                characters = "UTF-8"
            except UnicodeDecodeError:
                characters = "Windows-1252 (as Excel saves “CSV” on Windows)"
        separator = SEPARATOR_WORDS[csv_delimiter(_decode(data))]
        sentences.append(f"A CSV file: its columns separated by {separator}, its characters read as {characters}.")
    else:
        sentences.append("An Excel workbook (.xlsx).")
    if layout is not None and layout.header_row == 0:
        sentences.append("A column for each period: every cell is read as the value of its row for that period.")
    elif layout is not None and layout.header_row > 1:
        sentences.append(f"Headings found on row {layout.header_row}: the rows above them are not read.")
    if sentences[0].startswith("An Excel") and _has_merged_cells(data):
        sentences.append("Merged cells are read as they show: each row of a merged cell has its value.")
    return sentences


def _has_merged_cells(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                with archive.open(entry) as member:
                    if MERGE_CELL.search(member.read()):
                        return True
    return False


def is_wide(data: bytes, name: str, wide: Wide) -> bool:
    """Whether a file's header row has a column per period (looking at its first rows only)."""
    kind = _checked_kind(data, name)
    if kind == "csv":
        return bool(_wide_header(list(itertools.islice(_csv_rows(_decode(data)), HEADER_SEARCH_ROWS)), wide))
    with _open_workbook(data, formulas=False) as (book, _):
        return any(
            _wide_header(list(_workbook_rows(book, None, index, HEADER_SEARCH_ROWS)), wide)
            for index in range(len(book.worksheets))
        )


def _wide_header(head, wide: Wide):
    """(row number, {position: period label}) of the first row naming two periods or more, else None."""
    for number, values in head:
        periods = {p: wide.period_of(v) for p, v in enumerate(values) if isinstance(v, str)}
        periods = {p: label for p, label in periods.items() if label}
        if len(periods) >= 2:
            return number, periods
    return None


def _plain_value(values, position):
    """A cell's value; an empty coloured cell is empty here."""
    value = _clean(values[position]) if position < len(values) else None
    return None if isinstance(value, CellColour) else value


def _wide_table(rows, columns: Sequence[Column], wide: Wide) -> Table:
    rows = iter(rows)
    head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    header_number, periods = _wide_header(head, wide)
    headers = next(values for number, values in head if number == header_number)
    names = {name: c.key for c in columns if c.key in wide.id_keys for name in c.names()}
    ids = {
        p: names[normalise_header(v)]
        for p, v in enumerate(headers)
        if p not in periods and isinstance(v, str) and normalise_header(v) in names
    }
    if not ids:  # the first column with a heading names the thing
        first = next((p for p, v in enumerate(headers) if p not in periods and v is not None), None)
        if first is None:
            raise FileRefused("The file has no column naming what each row is. Add one before the period columns")
        ids = {first: wide.id_keys[0]}
    table = Table(rows=[], present={*ids.values(), wide.period_key, wide.value_key})
    following = (row for row in head if row[0] > header_number)
    for number, values in itertools.chain(following, rows):
        named = {key: _plain_value(values, p) for p, key in ids.items()}
        if all(value is None or isinstance(value, Unreadable) for value in named.values()):
            continue
        for position, label in periods.items():
            value = _plain_value(values, position)
            if value is None:
                continue  # nothing given for that period
            heading = str(headers[position]).strip()
            if isinstance(value, Unreadable):
                table.problems.append(CellProblem(number, heading, value.message))
                value = None
            if len(table.rows) >= max_rows():
                raise FileRefused(f"The file has more than {max_rows():,} values. {_split_advice()}")
            cells = {**named, wide.period_key: label, wide.value_key: value}
            table.rows.append(Row(number, cells, {wide.value_key: heading, wide.period_key: heading}))
    if not table.rows:
        raise FileRefused(f"The file has no values to import below its header row (row {header_number})")
    return table


def _checked_kind(data: bytes, name: str) -> str:
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise FileRefused(f"The file must be smaller than {size_words(limit)}")
    if not data:
        raise FileRefused("The selected file is empty")
    return sniff(data, name)


def sniff(data: bytes, name: str) -> str:
    """``xlsx`` or ``csv`` by the file's content; anything else is refused with the reason."""
    suffix = PurePath(name or "").suffix.lower()
    if data.startswith(ZIP_SIGNATURES):
        return _sniff_zip(data)
    if data.startswith(OLE_SIGNATURE):
        raise FileRefused(OLD_EXCEL)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(UTF16_TEXT)
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in data:
        raise FileRefused(NOT_A_SPREADSHEET)
    # Text: a CSV file, unless its name says it is a workbook (Excel would refuse to open it too).
    if suffix == ".xls":
        raise FileRefused(OLD_EXCEL)
    if suffix in (".xlsx", ".xlsm"):
        raise FileRefused(NOT_A_SPREADSHEET)
    return "csv"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                raise FileRefused(OPEN_DOCUMENT)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError) as error:
        raise FileRefused(NOT_A_SPREADSHEET) from error
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise FileRefused(NOT_A_SPREADSHEET)
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise FileRefused(f"The spreadsheet is too large once unpacked. {_split_advice()}")
    return "xlsx"


# --- CSV -------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """UTF-8 (with or without the byte-order mark Excel adds), else Windows-1252 (Excel's "CSV" on Windows)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise FileRefused(NOT_A_SPREADSHEET) from error
    if CONTROL_CHARACTERS.search(text):
        raise FileRefused(NOT_A_SPREADSHEET)
    return text


CSV_DELIMITERS = (",", ";", "\t")  # Excel writes ";" where the decimal mark is a comma, and "Text" files with tabs


def _csv_rows(text: str) -> Iterator[tuple[int, list]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text), strict=False)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise FileRefused(
            f"Row {reader.line_num} of the CSV file could not be read: check its quotation marks"
        ) from error


def csv_delimiter(text: str) -> str:
    """The character separating the columns: the one that splits the first rows into the same number of columns.

    Commas win a tie, so a one-column file or a file whose only separators are in quoted text reads as before.
    """

    def score(delimiter):
        sample = io.StringIO(text[:65536], newline="")
        try:
            widths = [
                len(row) for row in itertools.islice(csv.reader(sample, delimiter=delimiter), HEADER_SEARCH_ROWS) if row
            ]
        except csv.Error:
            return (False, 0, 0)
        if not widths:
            return (False, 0, 0)
        usual = max(set(widths), key=lambda width: (widths.count(width), width))
        return (usual > 1, widths.count(usual), usual)

    return max(CSV_DELIMITERS, key=lambda delimiter: (score(delimiter), -CSV_DELIMITERS.index(delimiter)))


# --- xlsx -------------------------------------------------------------------------


def _read_workbook(data: bytes, finder: _Finder) -> Table:
    """Read the first sheet that has the header row looked for (a template's instructions sheet is skipped)."""
    with _open_workbook(data, formulas=True) as (values_book, formula_book):
        return _table_from_workbook(values_book, formula_book, finder)


@contextmanager
def _open_workbook(data: bytes, formulas: bool):
    try:
        values_book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # A formula-keeping view tells a formula saved without its result from an empty cell;
        # it is a second pass over the file, so it is made only when there are formulas.
        formula_book = load_workbook(io.BytesIO(data), read_only=True) if formulas and _has_formulas(data) else None
    except Exception as error:  # any parser failure on an untrusted file means "damaged"
        raise FileRefused(DAMAGED) from error
    try:
        yield values_book, formula_book
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(DAMAGED) from error
    finally:
        values_book.close()
        if formula_book is not None:
            formula_book.close()


def _workbook_rows(values_book, formula_book, index, limit=None):
    formulas = formula_book.worksheets[index] if formula_book is not None else None
    sheet = values_book.worksheets[index]
    themes = theme_colours(getattr(values_book, "loaded_theme", None))
    return _filled_merges(_sheet_rows(sheet, formulas, limit, themes), _merged_ranges(sheet))


def _table_from_workbook(values_book, formula_book, finder: _Finder) -> Table:
    best, best_score = 0, -1
    for index in range(len(values_book.worksheets)):
        found = finder.find(_workbook_rows(values_book, formula_book, index, HEADER_SEARCH_ROWS))
        if found and finder.complete(found[1]):
            return _table_from_rows(_workbook_rows(values_book, formula_book, index), finder)
        if found and len(found[1]) > best_score:
            best, best_score = index, len(found[1])
    return _table_from_rows(_workbook_rows(values_book, formula_book, best), finder)


def _workbook_layout(data: bytes, columns) -> Layout:
    """The template's header row on any sheet, else the first sheet with a row naming its columns."""
    with _open_workbook(data, formulas=False) as (book, _):
        heads = [list(_workbook_rows(book, None, i, HEADER_SEARCH_ROWS)) for i in range(len(book.worksheets))]
    finder = _Finder(columns, None)
    for head in heads:
        found = finder.find(head)
        if found and finder.complete(found[1]):
            return _layout_of(head, columns)
    for head in heads:
        layout = _layout_of(head, columns)
        if layout is not None:
            return layout
    return _no_layout(heads[0] if heads else [], columns)


def _merged_ranges(sheet) -> list[tuple[int, int, int, int]]:
    """(first row, last row, first column, last column) of each merged range, numbered from 1."""
    path = getattr(sheet, "_worksheet_path", None)
    if path is None:
        return []
    with sheet.parent._archive.open(path) as member:
        xml = member.read()
    ranges = []
    for ref in MERGE_CELL.findall(xml):
        first_col, first_row, last_col, last_row = range_boundaries(ref.decode())
        if last_row > first_row or last_col > first_col:
            ranges.append((first_row, last_row, first_col, last_col))
    return ranges


def _filled_merges(rows, ranges):
    """Every cell of a merged range holds the range's value, as the person sees it (rows under a
    merged priority cell have that priority)."""
    if not ranges:
        yield from rows
        return
    held: dict[tuple[int, int, int, int], object] = {}
    for number, values in rows:
        empty = all(value is None for value in values)  # a row with nothing of its own stays empty
        for merged in ranges:
            first_row, last_row, first_col, last_col = merged
            if not first_row <= number <= last_row:
                continue
            if number == first_row:
                held[merged] = values[first_col - 1] if first_col - 1 < len(values) else None
            if empty:
                continue
            if len(values) < last_col:
                values = values + [None] * (last_col - len(values))
            for column in range(first_col - 1, last_col):
                values[column] = held.get(merged)
        yield number, values


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as member:
                tail = b""
                while chunk := member.read(1024 * 1024):
                    if FORMULA_ELEMENT.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    return False


def _sheet_rows(values_sheet, formula_sheet, limit=None, themes=()) -> Iterator[tuple[int, list]]:
    # Some programs write a wrong sheet size; read every row that is there.
    values_sheet.reset_dimensions()
    formula_rows = iter(())
    if formula_sheet is not None:
        formula_sheet.reset_dimensions()
        formula_rows = formula_sheet.iter_rows()
    for number, cells in enumerate(values_sheet.iter_rows(), start=1):
        if limit is not None and number > limit:
            return
        formulas = next(formula_rows, ())
        yield (
            number,
            [_cell_value(cell, formulas[i] if i < len(formulas) else None, themes) for i, cell in enumerate(cells)],
        )


def _cell_value(cell, formula_cell, themes=()):
    value = cell.value
    if value is None and getattr(formula_cell, "data_type", None) == "f":
        return Unreadable(FORMULA_WITHOUT_VALUE)
    if (value is None or (isinstance(value, str) and not value.strip())) and getattr(cell, "has_style", False):
        rgb = fill_rgb(cell.fill, themes or theme_colours(None))
        return CellColour(rgb) if rgb else None
    if cell.data_type == "e":
        return Unreadable(f"The cell shows the error {value}: type the value instead")
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        # A cell formatted as a percentage holds 0.635 for 63.5%; give it as the user sees it.
        return f"{Decimal(repr(value)) * 100:f}".rstrip("0").rstrip(".") + "%"
    return value


# --- rows to table -----------------------------------------------------------------


def _clean(value):
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return value or None
    return value


@dataclass(frozen=True)
class ColumnMap:
    """How a person matched the columns of a file's own header row to the portal's fields.

    ``headers`` are the header row's texts by position, ``keys`` the field each position is read
    as ("" for a column that is ignored).
    """

    headers: tuple[str, ...]
    keys: tuple[str, ...]

    @property
    def signature(self) -> str:
        return header_signature(self.headers)

    def positions(self) -> dict[int, str]:
        return {position: key for position, key in enumerate(self.keys) if key}


@dataclass
class Layout:
    """A file's header row: its number, its texts by position, and a few values under each column."""

    header_row: int
    headers: list[str]
    matches_template: bool
    samples: list[list[str]] = field(default_factory=list)  # by position, up to SAMPLE_ROWS values

    @property
    def signature(self) -> str:
        return header_signature(self.headers)


SAMPLE_ROWS = 3


def header_signature(headers: Sequence[str]) -> str:
    """The same for two files whose header rows say the same, whatever the case and spacing."""
    names = [normalise_header(header) for header in headers]
    while names and not names[-1]:
        names.pop()
    return hashlib.sha256("|".join(names).encode()).hexdigest()


def _row_texts(values: list) -> list[str]:
    texts = [
        "" if value is None or isinstance(value, Unreadable | CellColour) else str(value).strip() for value in values
    ]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _layout_of(head: list[tuple[int, list]], columns: Sequence[Column]) -> Layout | None:
    """The template's header row if a row names its columns, else the row naming most columns of its own."""
    finder = _Finder(columns, None)
    found = finder.find(head)
    if found and finder.complete(found[1]):
        number, matches = found[0], True
    else:
        # A title merged across the columns repeats one text: count the different texts of a row.
        scored = [
            (len({normalise_header(v) for v in values if isinstance(v, str) and normalise_header(v)}), -n, n)
            for n, values in head
        ]
        best = max(scored, default=(0, 0, 0))
        if best[0] < 2:
            return None
        number, matches = best[2], False
    values = next(values for n, values in head if n == number)
    headers = _row_texts(values)
    below = [values for n, values in head if n > number and any(v is not None for v in values)][:SAMPLE_ROWS]
    samples = [[_sample(row[p]) for row in below if p < len(row) and _sample(row[p])] for p in range(len(headers))]
    return Layout(number, headers, matches, samples)


def _sample(value) -> str:
    if value is None or isinstance(value, Unreadable | CellColour):
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _no_layout(head, columns) -> Layout:
    raise FileRefused(_no_header_message(head, columns, csv_file=False))


class _Finder:
    """Finds the header row: by the template's column names, or by the header texts of a person's mapping."""

    def __init__(self, columns: Sequence[Column], mapping: ColumnMap | None):
        self.columns = columns
        self.mapping = mapping

    def find(self, rows):
        if self.mapping is None:
            return _find_header(rows, self.columns)
        wanted = [normalise_header(h) for h in self.mapping.headers]
        while wanted and not wanted[-1]:
            wanted.pop()
        for number, values in rows:
            if [normalise_header(t) for t in _row_texts(values)] == wanted:
                return number, self.mapping.positions()
        return None

    def complete(self, positions: dict[int, str]) -> bool:
        return not self.missing(positions)

    def missing(self, positions: dict[int, str]) -> list[str]:
        present = set(positions.values())
        return [
            c.header
            for c in self.columns
            if c.required and c.key not in present and not (self.mapping is not None and c.if_absent)
        ]

    def not_found(self, head, csv_file) -> str:
        if self.mapping is None:
            return _no_header_message(head, self.columns, csv_file)
        return "The file no longer has the header row its columns were matched by. Upload it again"


def _find_header(rows: Iterable[tuple[int, list]], columns: Sequence[Column]):
    """The row number and {position: column key} of the row naming most of the template's columns."""
    lookup = {name: column.key for column in columns for name in column.names()}
    best = None
    for number, values in rows:
        found = {}
        for position, value in enumerate(values):
            key = lookup.get(normalise_header(value)) if isinstance(value, str) else None
            if key is None:
                continue
            if key in found.values():
                first = next(p for p, k in found.items() if k == key)
                header = next(c.header for c in columns if c.key == key)
                raise FileRefused(
                    f"The column {header} is in the header row twice (columns {get_column_letter(first + 1)} "
                    f"and {get_column_letter(position + 1)}): remove one of them"
                )
            found[position] = key
        if found and (best is None or len(found) > len(best[1])):
            best = (number, found)
    return best


def _table_from_rows(rows: Iterable[tuple[int, list]], finder: _Finder, csv_file=False) -> Table:
    columns = finder.columns
    rows = iter(rows)
    head = [next(rows, None) for _ in range(HEADER_SEARCH_ROWS)]
    head = [row for row in head if row is not None]
    found = finder.find(head)
    if found is None:
        raise FileRefused(finder.not_found(head, csv_file))
    header_number, positions = found
    missing = finder.missing(positions)
    if len(missing) == 1:
        raise FileRefused(f"The file has no {missing[0]} column. Add it to the header row (row {header_number})")
    if missing:
        raise FileRefused(
            f"The file is missing the columns {', '.join(missing)}. Add them to the header row (row {header_number})"
        )
    by_header = {c.key: c.header for c in columns}
    table = Table(rows=[], present=set(positions.values()))
    following = (row for row in head if row[0] > header_number)
    for number, values in itertools.chain(following, rows):
        cells = {key: _clean(values[p]) if p < len(values) else None for p, key in positions.items()}
        fills = {key: value.rgb for key, value in cells.items() if isinstance(value, CellColour)}
        cells.update(dict.fromkeys(fills))
        if all(value is None for value in cells.values()):
            continue
        if len(table.rows) >= max_rows():
            raise FileRefused(f"The file has more than {max_rows():,} rows. {_split_advice()}")
        for key, value in cells.items():
            if isinstance(value, Unreadable):
                table.problems.append(CellProblem(number, by_header[key], value.message))
                cells[key] = None
        table.rows.append(Row(number, cells, fills=fills))
    if not table.rows:
        raise FileRefused(f"The file has no rows to import below its header row (row {header_number})")
    return table


def _no_header_message(head, columns, csv_file) -> str:
    names = ", ".join(c.header for c in columns if c.required)
    return f"The file has no header row naming its columns. The first row must name them: {names}"


def _split_advice() -> str:
    return f"Split it into files of up to {max_rows():,} rows and upload each one"
