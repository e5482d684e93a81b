"""The report's PDF is tagged PDF/UA, so a screen-reader user on the board can read it."""

import io

from pypdf import PdfReader

from tests.reports.conftest import issued_report


def test_an_issued_reports_pdf_is_tagged_pdf_ua_with_its_title_and_language(world):
    report = issued_report(world)
    with report.pdf.open("rb") as stored:
        pdf = PdfReader(io.BytesIO(stored.read()))
    catalog = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    title = "Northshire Safeguarding Children Partnership: neglect strategy report for 2026/27 Q2"
    assert pdf.metadata.title == title
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file name, is shown
    assert "pdfuaid" in pdf.xmp_metadata.rdf_root.toxml() and pdf.xmp_metadata.dc_title["x-default"] == title
