"""The report's web page in parts, when one page would be too big to read or to load.

A big partnership's report has a hundred exceptions told in full, a scorecard of over a hundred
indicators and an appendix of more than a thousand actions: about 2 MB on one page. When the report
shows more than ``WHOLE_PAGE_ROWS`` rows in all, its web page is split into parts, each its own page
(``?part=scorecard``) with a contents list, and the appendix is paged, ``APPENDIX_ROWS`` actions a page;
every page stays under 200 KB. A smaller report stays one page, as does the PDF, which is always whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator

WHOLE_PAGE_ROWS = 150
APPENDIX_ROWS = 100

# (slug, title, the sections of reports/_body.html it shows)
PARTS = (
    ("", "Summary and progress by priority", ("summary",)),
    ("scorecard", "Scorecard", ("scorecard",)),
    ("recommendations", "Recommendations and the quarter ahead", ("recommendations",)),
    ("appendix", "Appendix: further off-track, at-risk and overdue actions", ("appendix",)),
)
EVERY_SECTION = ("summary", "scorecard", "recommendations", "appendix")


@dataclass
class Part:
    slug: str
    title: str
    current: bool


@dataclass
class ReportParts:
    """What the report's page shows: which sections (``show``), the contents when in parts, the appendix's page."""

    show: dict
    contents: list[Part] = field(default_factory=list)
    title: str = ""
    appendix_page: object = None


def rows_of(data: dict, scorecard) -> int:
    """How many rows (exceptions, indicators, recommendations, actions listed) the whole report shows."""
    exceptions = sum(len(priority.get("exceptions", [])) for priority in data.get("priorities", []))
    indicators = sum(len(group.rows) for group in scorecard.groups)
    recommendations = sum(len(audit.get("recommendations", [])) for audit in data.get("audits", []))
    ahead = len(data.get("forward_look", {}).get("actions", []))
    appendix = sum(len(priority["actions"]) for priority in data.get("appendix", []))
    return exceptions + indicators + recommendations + ahead + appendix + len(data.get("completed", []))


def report_parts(data: dict, scorecard, part: str, page_number) -> tuple[ReportParts, dict]:
    """The parts of the report's page and the data it shows (the appendix cut to the page asked for).

    ``data`` has its appendix already (:func:`reports.pdf.with_appendix`); an unknown part is the first.
    """
    if rows_of(data, scorecard) <= WHOLE_PAGE_ROWS:
        return ReportParts(show=dict.fromkeys(EVERY_SECTION, True)), data
    slugs = [slug for slug, _, _ in PARTS]
    if part not in slugs or (part == "appendix" and not data.get("appendix")):
        part = ""
    _, title, sections = PARTS[slugs.index(part)]
    contents = [Part(slug, name, slug == part) for slug, name, _ in PARTS if slug != "appendix" or data.get("appendix")]
    parts = ReportParts(show={name: name in sections for name in EVERY_SECTION}, contents=contents, title=title)
    if part == "appendix":
        parts.appendix_page, data = _appendix_page(data, page_number)
    return parts, data


def _appendix_page(data, page_number):
    rows = [(priority, action) for priority in data["appendix"] for action in priority["actions"]]
    page = Paginator(rows, APPENDIX_ROWS).get_page(page_number)
    appendix = []
    for priority, action in page.object_list:
        if not appendix or appendix[-1]["number"] != priority["number"]:
            appendix.append({**priority, "actions": [], "more": len(priority["actions"])})
        appendix[-1]["actions"].append(action)
    return page, {**data, "appendix": appendix}
