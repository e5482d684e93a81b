"""Spreadsheets built in memory, and the upload → preview → confirm journey, for the import and export tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from spreadsheets import services
from spreadsheets.models import Upload
from spreadsheets.xlsx import XLSX_CONTENT_TYPE


def xlsx_bytes(headers, rows, *, title="Sheet1", before=()):
    """An .xlsx with optional lines ``before`` the header row; cells are written as given (dates stay dates)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for line in before:
        sheet.append(line)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers, rows, *, encoding="utf-8-sig"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode(encoding)


def upload(data, name):
    return SimpleUploadedFile(name, data)


def membership(user):
    return user.memberships.get()


def run_import(user, kind, data, name):
    """Upload, check and confirm a file as ``user``, as the pages do (the tasks run in-process); returns the
    upload as imported, with its ``counts``."""
    member = membership(user)
    kept = services.upload_create(member, kind, name, data)
    kept.refresh_from_db()
    assert kept.status == Upload.Status.PREVIEWED, kept.problems
    done = services.upload_confirm(member, kept, kept.preview["digest"])
    assert done.status == Upload.Status.IMPORTED, done.problems
    done.counts = {key: done.result[key] for key in ("new", "changed", "unchanged")}
    done.summary = done.result["summary"]
    return done


def problems_in(user, kind, data, name="file.xlsx"):
    """The (row, column, message) of every problem found when checking an upload; it must be refused."""
    kept = services.upload_create(membership(user), kind, name, data)
    kept.refresh_from_db()
    assert kept.status == Upload.Status.REFUSED
    return [tuple(problem) for problem in kept.problems]


def refusal_of(user, kind, data, name="file.xlsx"):
    """Why a whole file was refused when it was checked."""
    kept = services.upload_create(membership(user), kind, name, data)
    kept.refresh_from_db()
    assert kept.status == Upload.Status.REFUSED and len(kept.problems) == 1 and kept.problems[0][0] is None
    return kept.problems[0][2]


def downloaded_sheet(response):
    """The first sheet of an .xlsx download."""
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    return load_workbook(io.BytesIO(response.content)).active


def about_sheet(response) -> dict:
    """An export's "About" sheet as {item: detail}; its notes as a list under "Note"."""
    rows = list(load_workbook(io.BytesIO(response.content))["About"].iter_rows(values_only=True))
    assert rows[0][0] == "About this file"
    about = {}
    for item, detail in rows[1:]:
        if item == "Note":
            about.setdefault("Note", []).append(detail)
        else:
            about[item] = detail
    return about


def sheet_table(sheet, first_header):
    """The note lines above the table, its header row (the one starting ``first_header``) and the rows below."""
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if row[0] == first_header)
    return rows[:start], rows[start], rows[start + 1 :]


def template_download(client, kind, extension):
    """An import's template, downloaded as ``extension`` (xlsx or csv)."""
    response = client.get(reverse(f"spreadsheets:{kind}_template", args=[extension]))
    assert response.status_code == 200
    return response


def template_workbook(client, kind):
    response = template_download(client, kind, "xlsx")
    assert response["Content-Disposition"].endswith('template.xlsx"')
    return load_workbook(io.BytesIO(response.content))


def instructions(book):
    """The Instructions sheet of a template: for each column, (required, what to enter, allowed values, example)."""
    rows = list(book["Instructions"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "Column")
    return {row[0]: row[1:] for row in rows[start + 1 :]}
