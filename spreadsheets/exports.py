"""The sheets of the .xlsx exports, made from the selectors' data.

The action plan export has the import template's columns first, in the same
order, so the file can be edited and imported again; the columns after them
(BRAG, overdue, the latest update) are for reading and are ignored on import.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from outcomes.models import Unit
from spreadsheets.importers.action_plan import COLUMNS as ACTION_COLUMNS
from spreadsheets.selectors import ActionPlanExport, ScorecardExport
from spreadsheets.xlsx import Sheet

ACTION_READING_COLUMNS = ("BRAG", "Overdue", "Latest update date", "Latest update")
SCORECARD_HEADERS = (
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


def action_plan_sheet(export: ActionPlanExport, partnership, today: datetime.date) -> Sheet:
    title = export.strategy.title if export.strategy else "No active strategy"
    shown = f"Filtered by {', '.join(export.filters)}." if export.filters else "Every action of the strategy."
    notes = [
        f"Action plan of {partnership.name}: {title}",
        f"Exported on {today:%-d %B %Y}. {shown}",
        "To change the plan, edit the rows and import this file. "
        "The columns from BRAG onwards are for reading and are not imported.",
    ]
    headers = [column.header for column in ACTION_COLUMNS] + list(ACTION_READING_COLUMNS)
    return Sheet("Action plan", headers, [_action_row(action, today) for action in export.actions], notes)


def _action_row(action, today) -> list:
    return [
        action.priority.number,
        action.reference,
        action.title,
        action.description or None,
        action.success_measure,
        action.lead_agency.name,
        action.lead.email if action.lead else None,
        action.start_date,
        action.due_date,
        action.get_status_display(),
        action.due_date_change_reason or None,
        action.brag_label,
        "Yes" if action.is_overdue(today) else "No",
        action.latest_update_date,
        action.latest_update_narrative,
    ]


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
    return Sheet("Scorecard", SCORECARD_HEADERS, rows, notes)


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
