"""The action plan as an .xlsx sheet (written safely by ``spreadsheets.xlsx``), with its "About" sheet.

The sheet has the import template's columns first, in the same order, so the
file can be edited and imported again; the columns after them (BRAG, overdue,
the latest update) are for reading and are ignored on import.
"""

from __future__ import annotations

import datetime

from actions.imports import COLUMNS
from actions.models import NO_DUE_DATE, Action
from spreadsheets.xlsx import About, Sheet, person_words

READING_COLUMNS = ("BRAG", "Overdue", "Latest update date", "Latest update")


def action_plan_sheet(actions, today: datetime.date) -> Sheet:
    """``actions`` annotated by ``selectors.with_latest_update``, one a row."""
    headers = [column.header for column in COLUMNS] + list(READING_COLUMNS)
    return Sheet("Action plan", headers, [_action_row(action, today) for action in actions])


def action_plan_about(strategy, filters: list[str], partnership, user, now: datetime.datetime) -> About:
    """The "About" sheet: ``strategy`` (None: no active strategy), ``filters`` in words (see ``filter_words``)."""
    return About(
        what=f"Action plan: {strategy.title if strategy else 'no active strategy'}",
        partnership=partnership.name,
        exported_by=person_words(user),
        exported_at=now,
        filters=filters,
        unfiltered="None: every action of the strategy.",
        notes=[
            "To change the plan, edit the rows of the Action plan sheet and import this file. "
            "The columns from BRAG onwards are for reading and are not imported.",
        ],
    )


def filter_words(filterset) -> list[str]:
    """The filters of an action table that apply, in words; none when the filters are invalid (and ignored)."""
    if not filterset.is_bound or not filterset.is_valid():
        return []
    cleaned = filterset.form.cleaned_data
    words = []
    if cleaned.get("priority"):
        words.append(f"priority {cleaned['priority'].number}")
    if cleaned.get("sponsor_agency"):
        words.append(f"sponsoring agency {cleaned['sponsor_agency'].name}")
    if cleaned.get("mine"):
        words.append(f"priorities {filterset.membership.agency.name} sponsors")
    if cleaned.get("status"):
        words.append(f"status {Action(status=cleaned['status']).get_status_display()}")
    if cleaned.get("lead_agency"):
        words.append(f"lead agency {cleaned['lead_agency'].name}")
    if cleaned.get("overdue"):
        words.append("overdue only")
    if cleaned.get("no_update"):
        words.append("no update this quarter")
    if cleaned.get("no_due_date"):
        words.append("no due date")
    return words


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
        action.due_date or NO_DUE_DATE,
        action.get_status_display(),
        action.due_date_change_reason or None,
        action.brag_label,
        "Yes" if action.is_overdue(today) else "No",
        action.latest_update_date,
        action.latest_update_narrative,
    ]
