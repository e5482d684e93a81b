"""The scorecard as an .xlsx sheet (written safely by ``spreadsheets.xlsx``) from ``selectors.scorecard_export``.

Figures and changes are written as numbers Excel can sum, sort and chart; each change
has a unit column beside it ("%", "percentage points", ...), as the page's words say it.
A figure not published has an empty value cell and its marker in the Not published column.
A row showing any invented figure says so in its Illustrative column; its Estimated column names the periods
of its figures entered as estimates.
"""

from __future__ import annotations

from decimal import Decimal

from neglect_portal.suppression import MARKER
from outcomes import published, rating
from outcomes.models import Unit
from outcomes.selectors import ScorecardExport
from spreadsheets.xlsx import About, Sheet, person_words

HEADERS = (
    "RBA question",
    "Code",
    "Indicator",
    "Priority",
    "Supplied by",
    "Unit",
    "Polarity",
    "Latest value",
    "Latest period",
    "Previous value",
    "Previous period",
    "Change on the previous period",
    "Change on the previous period: unit",
    "Value a year earlier",
    "Period a year earlier",
    "Change on a year earlier",
    "Change on a year earlier: unit",
    "Target",
    "RAG",
    "Why this RAG",
    "Direction of travel",
    "Small numbers",
    "Numerator",
    "Denominator",
    "Note",
    "Illustrative",
    "Estimated",
    "Not published",
)
ILLUSTRATIVE_NOTE = (
    "Rows with Yes in the Illustrative column show figures invented for demonstration, not published figures."
)
ESTIMATED_NOTE = (
    "The Estimated column names the periods of a row's figures that were entered as estimates, not yet final "
    "figures. An estimated latest figure is rated like any other."
)


def scorecard_sheet(export: ScorecardExport) -> Sheet:
    rows = [_scorecard_row(group.label, row) for group in export.scorecard.groups for row in group.rows]
    return Sheet("Scorecard", HEADERS, rows)


def scorecard_about(export: ScorecardExport, partnership, user, now) -> About:
    card = export.scorecard
    filters = []
    if export.priority:
        filters.append(f"indicators of priority {export.priority.number} only")
    if card.as_of:
        filters.append(f"figures as at {card.as_of}")
    notes = [
        "Changes are numbers with their unit in the next column: % is the change as a percentage of the "
        "earlier figure; a percentage's change is in percentage points.",
        f"Small numbers: a figure built on fewer than {card.small_number_threshold} cases can change a lot "
        "by chance; read it with care.",
        "A figure its source did not publish (marked, for example, <5 or *) has an empty value cell; the Not "
        "published column gives its period and marker. It is not rated, and no change is worked out from it.",
    ]
    if card.suppression_note:
        notes.append(card.suppression_note)
    if any(_is_illustrative(row) for row in card.rows):
        notes.append(ILLUSTRATIVE_NOTE)
    if any(_estimated(row) for row in card.rows):
        notes.append(ESTIMATED_NOTE)
    return About(
        what="Scorecard: "
        + ("the figures as at " + card.as_of if card.as_of else "the latest figure of each indicator"),
        partnership=partnership.name,
        exported_by=person_words(user),
        exported_at=now,
        filters=filters,
        unfiltered="None: every active indicator, latest figures.",
        notes=notes,
    )


def _scorecard_row(question: str, row) -> list:
    latest, previous, year = row.latest, row.previous, row.year_earlier
    return [
        question,
        row.code,
        row.name,
        row.priority_number,
        row.source_agency or None,
        Unit(row.unit).label,
        row.polarity_label,
        _value(latest),
        latest.period if latest else "No data",
        _value(previous),
        previous.period if previous else None,
        *_change(latest, previous, row.unit),
        _value(year),
        year.period if year else None,
        *_change(latest, year, row.unit),
        _number(row.target),
        row.rag_label,
        row.rag_reason,
        f"{row.travel_symbol} {row.travel_words}".strip(),
        "Yes" if latest and latest.small_number else "No",
        (MARKER if latest.numerator_suppressed else latest.numerator) if latest else None,
        (MARKER if latest.denominator_suppressed else latest.denominator) if latest else None,
        (latest.note or None) if latest else None,
        "Yes" if _is_illustrative(row) else "No",
        _estimated(row),
        _not_published(row),
    ]


def _estimated(row) -> str | None:
    """The periods of the row's figures entered as estimates: "2026/27 Q2; 2025/26 Q2"."""
    figures = (row.latest, row.previous, row.year_earlier)
    periods = [f.period for f in figures if f is not None and f.is_estimated]
    return "; ".join(dict.fromkeys(periods)) or None


def _not_published(row) -> str | None:
    """The figures of the row its source did not publish, with their markers: "2026/27 Q2: <5"."""
    figures = (row.latest, row.previous, row.year_earlier)
    told = [f"{f.period}: {f.not_published}" for f in figures if f is not None and f.not_published]
    return "; ".join(dict.fromkeys(told)) or None


def _value(figure):
    """A figure's value as a number; "[c]" when it is suppressed as a small number (decision 48)."""
    if figure is None:
        return None
    return MARKER if figure.suppressed else _number(figure.value)


def _change(latest, earlier, unit) -> tuple:
    """(number, unit) of the change from ``earlier`` to ``latest``, as the scorecard's words say it."""
    if latest is not None and earlier is not None and (latest.suppressed or earlier.suppressed):
        return None, published.NOT_COMPARED
    number = rating.change(
        _number(latest.value) if latest else None,
        _number(earlier.value) if earlier else None,
        unit,
        current_not_published=bool(latest and latest.not_published),
        previous_not_published=bool(earlier and earlier.not_published),
    )
    return rating.change_number(number)


def _is_illustrative(row) -> bool:
    return any(figure is not None and figure.is_illustrative for figure in (row.latest, row.previous, row.year_earlier))


def _number(text: str):
    """A figure shown as "1,234" or "51.8", as a number Excel can sum and chart."""
    if not text:
        return None
    return Decimal(text.replace(",", ""))


# --- each agency's engagement (outcomes.engagement) ---------------------------------

ENGAGEMENT_HEADERS = (
    "Position",
    "Agency",
    "Quarter",
    "Actions under way",
    "Actions updated in the quarter",
    "Actions updated (%)",
    "Overdue actions",
    "Last update",
    "Days since the last update",
    "Values due",
    "Values by the deadline",
    "Values by the deadline (%)",
    "Values entered",
    "Collection deadline",
)


def engagement_sheet(figures) -> Sheet:
    """One row per agency and quarter, newest quarter first for each agency, in the page's order."""
    rows = [
        [
            row.position,
            row.name,
            quarter.period,
            quarter.actions,
            quarter.updated,
            quarter.updated_share,
            quarter.overdue,
            quarter.last_update,
            quarter.days_since_update,
            quarter.values_due,
            quarter.on_time,
            quarter.on_time_share,
            quarter.values_entered,
            quarter.deadline,
        ]
        for row in figures.rows
        for quarter in reversed(row.quarters)
    ]
    return Sheet("Agency engagement", ENGAGEMENT_HEADERS, rows)


def engagement_about(figures, partnership, user, now) -> About:
    return About(
        what=f"Agency engagement: {figures.period} and the three quarters before it",
        partnership=partnership.name,
        exported_by=person_words(user),
        exported_at=now,
        unfiltered="None: every agency that leads an action under way or supplies a quarterly indicator.",
        notes=[
            "Actions: those the agency leads in the active strategy that were under way in the quarter; "
            "updated means a progress update dated in it.",
            "Values: the quarter's values of the indicators in use that the agency supplies, entered by the "
            "collection deadline (the day the quarter's report is due).",
            "Position is empty unless the partnership ranks agencies.",
        ],
    )
