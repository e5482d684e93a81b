"""The recommendation tracker as an .xlsx download: same filters as the page, formula-looking text inert."""

import datetime
import io

from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from spreadsheets.xlsx import XLSX_CONTENT_TYPE
from tests import factories as f
from tests.spreadsheets.helpers import about_sheet

TODAY = datetime.date(2026, 11, 23)


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def _table(sheet):
    """The header row and the data rows below the notes."""
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(rows) if row[0] == "Audit")
    return rows[header], rows[header + 1 :]


@freeze_time(TODAY)
def test_the_export_is_a_spreadsheet_of_every_recommendation(audit_cast, client_for, cast):
    response = client_for(cast.bea).get(reverse("audits:tracker_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="recommendation-tracker-2026-11-23.xlsx"'
    sheet = _sheet(response)
    assert sheet.title == "Recommendation tracker"
    about = about_sheet(response)
    assert about["Partnership"] == "Northshire Safeguarding Children Partnership"
    assert about["Exported on"] == datetime.datetime(2026, 11, 23)
    assert about["Exported by"] == "Bea Example (bea@example.org)"
    assert about["Filters"] == "None: every recommendation."
    assert sheet.auto_filter.ref == "A1:L4" and sheet.freeze_panes == "A2"
    header, rows = _table(sheet)
    assert tuple(header) == next(sheet.iter_rows(max_row=1, values_only=True))
    assert header[:5] == ["Audit", "Kind of audit", "Audit date", "Reference", "Recommendation"]
    assert [row[3] for row in rows] == ["R2", "R1", "R3"]
    r2 = dict(zip(header, rows[0], strict=True))
    assert r2["Owning agency"] == "Northshire Council" and r2["Owner"] == "Lee Example"
    assert r2["Due date"] == datetime.datetime(2025, 3, 31)  # a date cell, not text
    assert (r2["Status"], r2["Overdue"], r2["Has an action"]) == ("Open", "Yes", "No")
    r1 = dict(zip(header, rows[1], strict=True))
    assert r1["Actions answering it"] == "P1.1 Train health visitors (On track)" and r1["Has an action"] == "Yes"


@freeze_time(TODAY)
def test_the_export_applies_the_trackers_filters_and_says_which(audit_cast, client_for, cast):
    response = client_for(cast.bea).get(
        reverse("audits:tracker_export"), {"overdue": "on", "owner_agency": cast.council.pk}
    )

    sheet = _sheet(response)
    _, rows = _table(sheet)
    assert [row[3] for row in rows] == ["R2"]
    assert about_sheet(response)["Filters"] == "Owning agency: Northshire Council; Overdue only"


def test_formula_looking_text_is_written_inert(audit_cast, client_for, cast):
    f.RecommendationFactory(audit=audit_cast.audit, reference="=1+1", text='=HYPERLINK("http://evil.example","x")')
    f.RecommendationFactory(audit=audit_cast.audit, reference="@SUM", text="-2+3 more training")

    sheet = _sheet(client_for(cast.alice).get(reverse("audits:tracker_export")))

    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    risky = [cell for cell in cells if cell.value[:1] in "=+-@"]
    assert {cell.value for cell in risky} >= {
        "=1+1",
        '=HYPERLINK("http://evil.example","x")',
        "@SUM",
        "-2+3 more training",
    }
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)


def test_charlie_exports_only_southshires_recommendations(audit_cast, client_for, cast):
    _, rows = _table(_sheet(client_for(cast.charlie).get(reverse("audits:tracker_export"))))

    assert [row[0] for row in rows] == ["Southshire audit"]
