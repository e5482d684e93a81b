"""The quarterly report as an A4 PDF, rendered by WeasyPrint from the same body template as the web page."""

from functools import lru_cache

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from outcomes.selectors import scorecard_from_data


def report_title(data: dict) -> str:
    return f"{data['cover']['partnership']}: neglect strategy report for {data['cover']['period']}"


def report_filename(period_label: str) -> str:
    """ "neglect-report-2026-27-Q2.pdf" for "2026/27 Q2"."""
    return f"neglect-report-{period_label.replace('/', '-').replace(' ', '-')}.pdf"


def report_pdf(data: dict, *, is_draft: bool = False) -> bytes:
    """Render report data (:func:`reports.selectors.report_data`) as PDF bytes.

    Charts are inline SVG data, so nothing is fetched while rendering; any other
    address in the content is refused rather than loaded from the network.
    """
    html = render_to_string(
        "reports/report_pdf.html",
        {
            "data": data,
            "scorecard": scorecard_from_data(data["scorecard"]),
            "is_draft": is_draft,
            "title": report_title(data),
        },
    )
    return _pdf_of(html)


# Rendering takes a second or two; the same page always makes the same document, so a
# worker or web process that is asked again (a draft downloaded twice) renders it once.
@lru_cache(maxsize=8)
def _pdf_of(html: str) -> bytes:
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"]))
    # PDF/UA-1: a tagged PDF (structure tree, reading order, alternative text), its title shown
    # instead of the file name and its language declared, so a screen reader reads it as the web page.
    return document.write_pdf(pdf_variant="pdf/ua-1")


def stored_report_pdf(report) -> bytes:
    """An issued report's stored PDF; rendered again from its frozen snapshot if the file has gone missing."""
    try:
        with report.pdf.open("rb") as stored:
            return stored.read()
    except (OSError, ValueError):  # ValueError: no file was ever stored
        return report_pdf(report.snapshot)
