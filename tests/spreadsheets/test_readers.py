"""Reading uploads: files judged by their content, the header row found, every row numbered as in Excel."""

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook

from spreadsheets.readers import Column, FileRefused, described, read_layout, read_table, size_words
from tests.spreadsheets.helpers import csv_bytes, xlsx_bytes

COLUMNS = (
    Column("reference", "Reference", required=True, aliases=("ref",)),
    Column("due_date", "Due date", required=True),
    Column("note", "Note"),
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
NOT_A_SPREADSHEET = "The file is not an Excel spreadsheet (.xlsx) or a CSV file"


def refusal(data, name):
    with pytest.raises(FileRefused) as refused:
        read_table(data, name, COLUMNS)
    return refused.value.message


def test_an_xlsx_file_gives_its_rows_with_their_spreadsheet_row_numbers():
    data = xlsx_bytes(["Reference", "Due date", "Note"], [["P1.1", datetime.date(2027, 3, 31), "First"]])
    table = read_table(data, "plan.xlsx", COLUMNS)
    assert [(row.number, row.values) for row in table.rows] == [
        (2, {"reference": "P1.1", "due_date": datetime.datetime(2027, 3, 31), "note": "First"})
    ]
    assert table.present == {"reference", "due_date", "note"}


def test_the_header_row_is_found_below_title_lines_whatever_its_case_spacing_and_column_order():
    data = xlsx_bytes(
        ["  due   DATE ", "Notes here", "REF"],
        [["31/03/2027", "x", "P1.1"], [None, None, None], ["30/06/2027", None, "P1.2"]],
        before=[["Northshire action plan"], ["Exported on 1 May 2026"], []],
    )
    table = read_table(data, "plan.xlsx", COLUMNS)
    assert [(row.number, row.values["reference"], row.values["due_date"]) for row in table.rows] == [
        (5, "P1.1", "31/03/2027"),
        (7, "P1.2", "30/06/2027"),
    ]
    assert table.present == {"reference", "due_date"}  # "Notes here" is not the Note column


def test_a_csv_file_in_utf8_with_a_byte_order_mark_is_read():
    table = read_table(csv_bytes(["Reference", "Due date"], [["P1.1", "31/03/2027"], ["", ""]]), "plan.csv", COLUMNS)
    assert [(row.number, row.values) for row in table.rows] == [(2, {"reference": "P1.1", "due_date": "31/03/2027"})]


def test_a_csv_file_saved_by_excel_on_windows_is_read_as_windows_1252():
    data = csv_bytes(["Reference", "Due date", "Note"], [["P1.1", "31/03/2027", "Café – £20"]], encoding="cp1252")
    assert read_table(data, "plan.csv", COLUMNS).rows[0].values["note"] == "Café – £20"


def test_a_quoted_csv_cell_with_line_breaks_stays_one_row():
    data = b'Reference,Due date,Note\r\nP1.1,31/03/2027,"two\r\nlines"\r\nP1.2,30/06/2027,\r\n'
    rows = read_table(data, "plan.csv", COLUMNS).rows
    assert [(row.number, row.values["note"]) for row in rows] == [(2, "two\nlines"), (3, None)]


def test_missing_required_columns_are_named():
    message = refusal(xlsx_bytes(["Reference", "Note"], [["P1.1", "x"]]), "plan.xlsx")
    assert message == "The file has no Due date column. Add it to the header row (row 1)"
    message = refusal(csv_bytes(["Note", "Other"], [["x", "y"]]), "plan.csv")
    assert message == "The file is missing the columns Reference, Due date. Add them to the header row (row 1)"
    message = refusal(csv_bytes(["Something", "Other"], [["x", "y"]]), "plan.csv")
    assert message == "The file has no header row naming its columns. The first row must name them: Reference, Due date"


def test_a_column_named_twice_is_refused():
    message = refusal(xlsx_bytes(["Reference", "Due date", "ref"], [["P1.1", "x", "P1.2"]]), "plan.xlsx")
    assert message == "The column Reference is in the header row twice (columns A and C): remove one of them"


@pytest.mark.parametrize(
    ("data", "how"),
    [
        (b"Reference;Due date;Note\nP1.1;31/03/2027;64,8\n", "semicolons, decimal comma"),
        (b"Reference\tDue date\tNote\r\nP1.1\t31/03/2027\tone, two; three\r\n", "tabs"),
        (b'Reference,Due date,Note\nP1.1,31/03/2027,"a; b; c"\n', "commas, semicolons in quoted text"),
        ("\ufeffReference;Due date;Note\nP1.1;31/03/2027;Café\n".encode(), "semicolons, UTF-8 with a BOM"),
    ],
)
def test_a_csv_file_separated_by_commas_semicolons_or_tabs_is_read_by_its_own_separator(data, how):
    table = read_table(data, "plan.csv", COLUMNS)
    assert [row.values["reference"] for row in table.rows] == ["P1.1"], how
    assert table.rows[0].values["due_date"] == "31/03/2027"
    assert table.present == {"reference", "due_date", "note"}


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"Reference;Due date;Note\nP1.1;31/03/2027;64,8\n", "separated by semicolons, its characters read as UTF-8."),
        (b"Reference\tDue date\tNote\r\nP1.1\t31/03/2027\tx\r\n", "separated by tabs, its characters read as UTF-8."),
        (
            "Reference,Due date,Note\nP1.1,31/03/2027,Café\n".encode("cp1252"),
            "separated by commas, its characters read as Windows-1252",
        ),
        (
            "\ufeffReference,Due date\nP1.1,31/03/2027\n".encode(),
            "read as UTF-8 (with the mark Excel adds to “CSV UTF-8”).",
        ),
    ],
    ids=["semicolons", "tabs", "windows-1252", "utf-8-bom"],
)
def test_a_csv_file_is_described_by_its_separator_and_characters(data, said):
    assert said in described(data, "plan.csv")[0]


def test_a_workbook_is_described_with_its_title_rows_and_merged_cells():
    data = xlsx_bytes(["Reference", "Due date"], [["P1.1", "31/03/2027"]], before=[["Title"], []])
    assert described(data, "plan.xlsx", read_layout(data, "plan.xlsx", COLUMNS)) == [
        "An Excel workbook (.xlsx).",
        "Headings found on row 3: the rows above them are not read.",
    ]


def test_a_semicolon_separated_windows_1252_file_is_read():
    data = "Reference;Due date;Note\r\nP1.1;31/03/2027;Café – £20\r\n".encode("cp1252")
    assert read_table(data, "plan.csv", COLUMNS).rows[0].values["note"] == "Café – £20"


def test_a_file_with_a_header_and_no_rows_is_refused():
    assert refusal(xlsx_bytes(["Reference", "Due date"], [[None, None]]), "plan.xlsx") == (
        "The file has no rows to import below its header row (row 1)"
    )


@pytest.mark.parametrize("name", ["plan.xlsx", "plan.csv"])
@pytest.mark.parametrize("content", [PNG, PDF], ids=["png", "pdf"])
def test_a_picture_or_pdf_renamed_as_a_spreadsheet_is_refused(content, name):
    assert refusal(content, name) == NOT_A_SPREADSHEET


def test_a_binary_file_renamed_csv_is_refused():
    assert refusal(bytes(range(256)) * 4, "plan.csv") == NOT_A_SPREADSHEET
    assert refusal(b"Reference,Due date\n\x01\x02\x03,\x04\n", "plan.csv") == NOT_A_SPREADSHEET


def test_a_text_file_renamed_xlsx_is_refused():
    assert refusal(csv_bytes(["Reference", "Due date"], [["P1.1", "31/03/2027"]]), "plan.xlsx") == NOT_A_SPREADSHEET


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert refusal(buffer.getvalue(), "plan.xlsx") == NOT_A_SPREADSHEET


def test_an_old_xls_workbook_is_refused_with_how_to_save_it_as_xlsx():
    old_excel = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    message = refusal(old_excel, "plan.xls")
    assert "old Excel 97-2003 workbook (.xls)" in message and "Excel Workbook (.xlsx)" in message


def test_a_damaged_workbook_is_refused():
    data = bytearray(xlsx_bytes(["Reference", "Due date"], [["P1.1", "31/03/2027"]]))
    data[200:400] = b"\x00" * 200
    assert refusal(bytes(data), "plan.xlsx").startswith(("The file could not be read", NOT_A_SPREADSHEET))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    assert refusal(b"x" * (10 * 1024 * 1024 + 1), "plan.csv") == "The file must be smaller than 10 MB"
    settings.IMPORT_MAX_BYTES = 1000
    assert refusal(PNG * 100, "plan.xlsx") == "The file must be smaller than 1 KB"


def test_an_empty_file_is_refused():
    assert refusal(b"", "plan.csv") == "The selected file is empty"


def test_a_workbook_that_unpacks_to_a_huge_size_is_refused_unopened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b" " * (60 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    assert refusal(buffer.getvalue(), "plan.xlsx").startswith("The spreadsheet is too large once unpacked")


def test_too_many_rows_are_refused_with_a_clear_message(settings):
    settings.IMPORT_MAX_ROWS = 3
    data = csv_bytes(["Reference", "Due date"], [[f"P1.{n}", "31/03/2027"] for n in range(4)])
    assert (
        refusal(data, "plan.csv")
        == "The file has more than 3 rows. Split it into files of up to 3 rows and upload each one"
    )


def _with_cached_value(data: bytes, formula: str, value: str) -> bytes:
    """Give a formula the saved result Excel would write next to it."""
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(f"<f>{formula}</f><v />".encode(), f"<f>{formula}</f><v>{value}</v>".encode())
            new.writestr(item, content)
    return target.getvalue()


def test_a_formula_without_a_saved_value_is_reported_for_its_cell_and_one_with_a_value_gives_the_value():
    data = xlsx_bytes(["Reference", "Due date", "Note"], [["P1.1", "=TODAY()", "=2*3"], ["P1.2", "=1+1", None]])
    data = _with_cached_value(data, "2*3", "6")
    table = read_table(data, "plan.xlsx", COLUMNS)
    assert [(p.row, p.column, p.message) for p in table.problems] == [
        (2, "Due date", "The cell has a formula but no saved value: type the value instead of a formula"),
        (3, "Due date", "The cell has a formula but no saved value: type the value instead of a formula"),
    ]
    assert table.rows[0].values["note"] == 6


def test_a_text_cell_that_looks_like_a_formula_is_just_text():
    book = Workbook()
    sheet = book.active
    sheet.append(["Reference", "Due date", "Note"])
    sheet.append(["P1.1", "31/03/2027", "=1+1"])
    sheet.append(["P1.2", "31/03/2027", "-5 days slip"])
    for cell in (sheet["C2"], sheet["C3"]):
        cell.data_type, cell.quotePrefix = "s", True
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "plan.xlsx", COLUMNS)
    assert [row.values["note"] for row in table.rows] == ["=1+1", "-5 days slip"]
    assert table.problems == []
    csv_table = read_table(csv_bytes(["Reference", "Due date", "Note"], [["P1", "x", "@SUM(A1)"]]), "p.csv", COLUMNS)
    assert csv_table.rows[0].values["note"] == "@SUM(A1)"


def test_a_cell_formatted_as_a_percentage_reads_as_the_user_sees_it():
    book = Workbook()
    sheet = book.active
    sheet.append(["Reference", "Due date", "Note"])
    sheet.append(["P1.1", "31/03/2027", 0.635])
    sheet["C2"].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_table(buffer.getvalue(), "plan.xlsx", COLUMNS).rows[0].values["note"] == "63.5%"


def test_sizes_are_told_in_words():
    assert (size_words(2 * 1024 * 1024), size_words(1536 * 1024), size_words(1000)) == ("2 MB", "1.5 MB", "1 KB")
