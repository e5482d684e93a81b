"""The scorecard as an .xlsx sheet (written safely by ``spreadsheets.xlsx``) from ``selectors.scorecard_export``.

Figures are written as numbers Excel can sum and chart.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from outcomes.models import Unit
from outcomes.selectors import ScorecardExport
from spreadsheets.xlsx import Sheet

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
    "Value a year earlier",
    "Period a year earlier",
    "Change on a year earlier",
    "Target",
    "RAG",
    "Why this RAG",
    "Direction of travel",
    "Small numbers",
    "Numerator",
    "Denominator",
    "Note",
)


def scorecard_sheet(export: ScorecardExport, partnership, today: datetime.date) -> Sheet:
    card = export.scorecard
    threshold = card.small_number_threshold
    notes = [
        f"Scorecard of {partnership.name}",
        f"Figures as at {card.as_of}." if card.as_of else "The latest figure of each indicator.",
        f"Indicators of priority {export.priority.number} only." if export.priority else "Every active indicator.",
        f"Exported on {today:%-d %B %Y}. Small numbers: a figure built on fewer than {threshold} cases "
        "can change a lot by chance; read it with care.",
    ]
    rows = [_scorecard_row(group.label, row) for group in card.groups for row in group.rows]
    return Sheet("Scorecard", HEADERS, rows, notes)


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
        _number(latest.value) if latest else None,
        latest.period if latest else "No data",
        _number(previous.value) if previous else None,
        previous.period if previous else None,
        row.change_previous,
        _number(year.value) if year else None,
        year.period if year else None,
        row.change_year,
        _number(row.target),
        row.rag_label,
        row.rag_reason,
        f"{row.travel_symbol} {row.travel_words}".strip(),
        "Yes" if latest and latest.small_number else "No",
        latest.numerator if latest else None,
        latest.denominator if latest else None,
        (latest.note or None) if latest else None,
    ]


def _number(text: str):
    """A figure shown as "1,234" or "51.8", as a number Excel can sum and chart."""
    if not text:
        return None
    return Decimal(text.replace(",", ""))
