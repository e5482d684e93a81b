"""The report's web page in parts, when one page would be too big to read or to load.

A big partnership's report has a hundred exceptions told in full, a scorecard of over a hundred
indicators and an appendix of more than a thousand actions: about 2 MB on one page. When the report
shows more than ``WHOLE_PAGE_ROWS`` rows in all, its web page is split into parts, each its own page
(``?part=scorecard``) with a contents list; the turn-the-curve plans are a part of their own, paged
``PLANS_PER_PAGE`` plans a page (each plan's forecast chart is a picture of about 55 KB), and the appendix is
paged, ``APPENDIX_ROWS`` actions a page; every page stays under 200 KB. A smaller report stays one page, as
does the PDF, which is always whole.

A report's figures are frozen (an issued report never changes: a correction is a new version, with a page of
its own; a draft's change only when refreshed), so what its page shows of them is rendered once for each part
and each way of reading its figures (as published, or as recorded) and kept in the cache that every web
process shares (:func:`page_content`): a big report's frozen data is over a megabyte, and reading and
rendering it again for every reader was most of the page's time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.safestring import SafeString, mark_safe

from neglect_portal import fragments
from reports.selectors import COMMENTARY_FIELDS

WHOLE_PAGE_ROWS = 150
APPENDIX_ROWS = 100
PLANS_PER_PAGE = 2  # a plan is about 60 KB with its chart: two a page, with the rest of the page, about 130 KB
CONTENT_SECONDS = 7 * 24 * 60 * 60

# (slug, title, the sections of reports/_body.html it shows)
PARTS = (
    ("", "Summary and progress by priority", ("summary",)),
    ("scorecard", "Scorecard", ("scorecard",)),
    ("plans", "Turning the curve", ("plans",)),
    ("recommendations", "Recommendations and the quarter ahead", ("recommendations",)),
    ("appendix", "Appendix: further off-track, at-risk and overdue actions", ("appendix",)),
)
EVERY_SECTION = ("summary", "scorecard", "plans", "recommendations", "appendix")
PAGED = {"plans": "curve_plans", "appendix": "appendix"}  # the parts that are paged, and the data they page


@dataclass
class Part:
    slug: str
    title: str
    current: bool


@dataclass
class ReportParts:
    """What the report's page shows: which sections (``show``), the contents when in parts, the page of plans
    or of the appendix shown."""

    show: dict
    contents: list[Part] = field(default_factory=list)
    title: str = ""
    plans_page: object = None
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
    """The parts of the report's page and the data it shows (the plans or the appendix cut to the page asked for).

    ``data`` has its appendix already (:func:`reports.pdf.with_appendix`); an unknown part, or a paged part the
    report has nothing in, is the first.
    """
    if rows_of(data, scorecard) <= WHOLE_PAGE_ROWS:
        return ReportParts(show=dict.fromkeys(EVERY_SECTION, True)), data
    shown = [(slug, name, sections) for slug, name, sections in PARTS if slug not in PAGED or data.get(PAGED[slug])]
    slugs = [slug for slug, _, _ in shown]
    if part not in slugs:
        part = ""
    _, title, sections = shown[slugs.index(part)]
    contents = [Part(slug, name, slug == part) for slug, name, _ in shown]
    parts = ReportParts(show={name: name in sections for name in EVERY_SECTION}, contents=contents, title=title)
    if part == "plans":
        parts.plans_page = Paginator(data["curve_plans"], PLANS_PER_PAGE).get_page(page_number)
        data = {**data, "curve_plans": list(parts.plans_page.object_list)}
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


@dataclass
class PageContent:
    """The report's own content on its page, rendered, and the partnership's name as the report gives it."""

    html: SafeString
    caption: str


def page_content(report, *, published: bool, part: str, page_number, render: Callable[[], PageContent]):
    """What ``render`` gives for the report's ``part`` (and appendix page), from the cache once drawn.

    Only a report whose figures are frozen is kept: an issued one, which never changes, or a draft since its
    figures were last refreshed. The key names the report, its version and state, when its figures were
    frozen, the commentary a draft shows over them, how its figures are read, the part and page asked for,
    and the release of the portal: a page never shows a report other than as it is now, nor as an older
    release of the portal drew it.
    """
    if report.snapshot_at is None:  # a draft built as it is opened
        return render()
    key = _content_key(report, published, part, page_number)
    found = cache.get(key)
    if found is None:
        found = render()
        cache.set(key, {"html": str(found.html), "caption": found.caption}, CONTENT_SECONDS)
        return found
    return PageContent(html=mark_safe(found["html"]), caption=found["caption"])  # noqa: S308 (rendered by us)


def _content_key(report, published, part, page_number) -> str:
    slug = part if part in {slug for slug, _, _ in PARTS} else ""
    page = str(page_number) if slug in PAGED and str(page_number).isdigit() and len(str(page_number)) < 5 else "1"
    state = f"{report.pk}:v{report.version}:{report.status}:{report.snapshot_at.timestamp()}:{_commentary(report)}"
    reading = "published" if published else "recorded"
    return f"report-page:{state}:{reading}:{slug or 'summary'}:{page}:{fragments.release()}"


def _commentary(report) -> str:
    """A digest of what a draft shows over its frozen figures: its commentary and who wrote it, and when."""
    author = report.commentary_by
    written = [getattr(report, name) for name in COMMENTARY_FIELDS]
    written += [author.get_full_name() if author else "", author.email if author else "", str(report.commentary_at)]
    return hashlib.sha256("\x1f".join(written).encode()).hexdigest()[:16]
