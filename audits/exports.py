"""The recommendation tracker as a spreadsheet (written safely by ``spreadsheets.xlsx``)."""

from __future__ import annotations

from spreadsheets.xlsx import Sheet

HEADERS = (
    "Audit",
    "Kind of audit",
    "Audit date",
    "Reference",
    "Recommendation",
    "Owning agency",
    "Owner",
    "Due date",
    "Status",
    "Overdue",
    "Actions answering it",
    "Has an action",
)


def tracker_sheet(partnership, recommendations, filters, today) -> Sheet:
    """One row per recommendation; ``filters`` are the filters in force, in words."""
    notes = [
        f"Recommendation tracker of {partnership.name}, exported on {today:%-d %B %Y}.",
        "Filters: " + ("; ".join(filters) if filters else "none (every recommendation)."),
    ]
    return Sheet("Recommendation tracker", HEADERS, [_row(r) for r in recommendations], notes)


def _row(recommendation) -> list:
    audit = recommendation.audit
    actions = list(recommendation.actions.all())
    return [
        audit.title,
        audit.get_kind_display(),
        audit.completed_on,
        recommendation.reference,
        recommendation.text,
        recommendation.owner_agency.name if recommendation.owner_agency else "",
        (recommendation.owner.get_full_name() or recommendation.owner.email) if recommendation.owner else "",
        recommendation.due_date,
        recommendation.get_status_display(),
        "Yes" if recommendation.overdue else "No",
        "; ".join(f"{a.reference} {a.title} ({a.get_status_display()})" for a in actions),
        "Yes" if actions else "No",
    ]
