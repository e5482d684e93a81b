"""Spreadsheets built in memory for the import tests, and the cast's indicators."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from outcomes.models import Frequency, Unit
from tests import factories as f

PLAN_HEADERS = [
    "Priority number",
    "Reference",
    "What will be done",
    "Description",
    "How success will be measured",
    "Lead agency",
    "Lead e-mail",
    "Start date",
    "Due date",
    "Status",
    "Reason for due date change",
]
VALUE_HEADERS = ["Indicator code", "Period", "Value", "Numerator", "Denominator", "Note"]


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


def plan_row(reference="P1.2", priority=1, title="Run neglect awareness sessions in GP practices", **fields):
    """A good action plan row for the cast, as a list in template order."""
    values = {
        "description": "",
        "measure": "Every practice has had a session",
        "agency": "Northshire ICB",
        "lead": "sam@example.org",
        "start": datetime.date(2026, 4, 1),
        "due": datetime.date(2027, 3, 31),
        "status": "On track",
        "reason": "",
        **fields,
    }
    return [
        priority,
        reference,
        title,
        values["description"],
        values["measure"],
        values["agency"],
        values["lead"],
        values["start"],
        values["due"],
        values["status"],
        values["reason"],
    ]


@pytest.fixture
def indicators(cast):
    """Two quarterly indicators: a count supplied by health (Sam's agency) and a percentage by the council."""
    training = f.IndicatorFactory(
        partnership=cast.partnership, code="TR-1", name="Staff trained", source_agency=cast.health
    )
    screening = f.IndicatorFactory(
        partnership=cast.partnership,
        code="SC-1",
        name="Assessments using the toolkit",
        unit=Unit.PERCENTAGE,
        frequency=Frequency.QUARTERLY,
        source_agency=cast.council,
    )
    return training, screening


def membership(user):
    return user.memberships.get()


def run_import(user, kind, data, name):
    """Upload, preview and confirm a file as ``user``, as the pages do; returns the import result."""
    from spreadsheets import selectors, services

    member = membership(user)
    kept = services.upload_create(member, kind, name, data)
    preview = selectors.upload_preview(member, kept)
    return services.upload_confirm(member, kept, preview.digest())


def problems_in(user, kind, data, name="file.xlsx"):
    """The (row, column, message) of every problem found on upload; the upload must be refused."""
    from spreadsheets import services
    from spreadsheets.importers import ImportProblems

    with pytest.raises(ImportProblems) as refused:
        services.upload_create(membership(user), kind, name, data)
    return [(p.row, p.column, p.message) for p in refused.value.problems]
