"""The quarterly report as an A4 PDF, rendered by WeasyPrint from the same body template as the web page.

Rendering takes seconds for a big partnership, so it is done by a worker (``reports.tasks``), never
inside a web request: pages serve the stored file, or say it is being prepared.
"""

import gc
import hashlib
import json
import threading
from contextlib import contextmanager
from functools import lru_cache

import pydyf
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from reports.selectors import for_reader


def report_title(data: dict) -> str:
    title = f"{data['cover']['partnership']}: neglect strategy report for {data['cover']['period']}"
    if correction := data.get("correction"):
        title += f", correction (version {correction['version']})"
    return title


def report_filename(period_label: str, version: int = 1) -> str:
    """ "neglect-report-2026-27-Q2.pdf" for "2026/27 Q2"; "neglect-report-2026-27-Q2-version-2.pdf" for its
    second version."""
    suffix = f"-version-{version}" if version > 1 else ""
    return f"neglect-report-{period_label.replace('/', '-').replace(' ', '-')}{suffix}.pdf"


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """The document's page references, kept until a page is added.

    pydyf builds the whole tuple again each time it is asked, and WeasyPrint asks once for every tagged
    element of a PDF/UA document (a table cell, a paragraph): tens of thousands of times over a hundred pages
    in a big report, a second of its rendering. The tuple only changes when a page is added.
    """
    kids = pdf.pages["Kids"]
    kept = pdf.__dict__.get("_page_references")
    if kept is None or kept[0] != len(kids):
        kept = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_page_references"] = kept
    return kept[1]


pydyf.PDF.page_references = property(_page_references)


# The most serious off-track, at-risk and overdue actions of a priority told in full in the body;
# the rest are listed in a compact table in the appendix (reference, title, status, lead, due).
EXCEPTIONS_IN_FULL = 20


def with_appendix(data: dict) -> dict:
    """The report's data for the PDF: each priority's exceptions beyond the most serious
    ``EXCEPTIONS_IN_FULL`` (they come most serious first) moved to ``appendix``."""
    priorities, appendix = [], []
    for priority in data.get("priorities", []):
        exceptions = priority.get("exceptions", [])
        rest = exceptions[EXCEPTIONS_IN_FULL:]
        priorities.append({**priority, "exceptions": exceptions[:EXCEPTIONS_IN_FULL], "in_appendix": len(rest)})
        if rest:
            appendix.append({"number": priority["number"], "title": priority["title"], "actions": rest})
    return {**data, "priorities": priorities, "appendix": appendix}


def content_digest(data: dict, is_draft: bool) -> str:
    """A short fingerprint of what a PDF would show: the same content always names the same file."""
    content = json.dumps([data, is_draft], sort_keys=True, default=str).encode()
    return hashlib.sha256(content).hexdigest()[:16]


def report_pdf(data: dict, *, is_draft: bool = False) -> bytes:
    """Render report data (:func:`reports.selectors.report_data`) as PDF bytes.

    Charts are inline PNG data, so nothing is fetched while rendering; any other
    address in the content is refused rather than loaded from the network.
    """
    # The PDF leaves the portal: its small numbers are as published (decision 48).
    data, card = for_reader(data, published=True)
    with collector_unhurried():
        html = _html_of(data, card, is_draft)
    return _pdf_of(html)


def _html_of(data: dict, card, is_draft: bool) -> str:
    return render_to_string(
        "reports/report_pdf.html",
        {
            "data": with_appendix(data),
            "scorecard": card,
            "is_draft": is_draft,
            "title": report_title(data),
            "for_print": True,
        },
    )


# While a document is laid out, the cyclic garbage collector looks at new objects after every 100,000
# allocations instead of every 700 (decision 58). WeasyPrint makes millions of small objects (boxes,
# styles, text runs) that live until the document is written, so at Python's default the collector runs
# thousands of times over the same live boxes, and over every module and model the process has loaded:
# a quarter of a big report's rendering time, for nothing collected.
RENDERING_GC_THRESHOLD = (100_000, 50, 100)
_rendering = threading.Lock()
_renders = 0
_usual_threshold: tuple[int, ...] = ()


@contextmanager
def collector_unhurried():
    """Garbage collection less often while a document is rendered; as before once no render is running
    in the process (a web process's threads may render two drafts at once)."""
    global _renders, _usual_threshold
    with _rendering:
        if _renders == 0:
            _usual_threshold = gc.get_threshold()
            gc.set_threshold(*RENDERING_GC_THRESHOLD)
        _renders += 1
    try:
        yield
    finally:
        with _rendering:
            _renders -= 1
            if _renders == 0:
                gc.set_threshold(*_usual_threshold)


# Rendering takes a second or two; the same page always makes the same document, so a
# worker or web process that is asked again (a draft downloaded twice) renders it once.
@lru_cache(maxsize=8)
def _pdf_of(html: str) -> bytes:
    with collector_unhurried():
        document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"]))
        # PDF/UA-1: a tagged PDF (structure tree, reading order, alternative text), its title shown
        # instead of the file name and its language declared, so a screen reader reads it as the web page.
        return document.write_pdf(pdf_variant="pdf/ua-1")


def forget_rendered() -> None:
    """Forget the documents this process has rendered, so the next one is rendered afresh (the benchmark)."""
    _pdf_of.cache_clear()


def stored_report_pdf(report) -> bytes:
    """An issued report's stored PDF; rendered again from its frozen snapshot if the file has gone missing.

    Only workers call this (the e-mail of a delivery): a page serves the stored file or waits for it.
    """
    try:
        with report.pdf.open("rb") as stored:
            return stored.read()
    except (OSError, ValueError):  # ValueError: no file was ever stored
        return report_pdf(report.snapshot)
