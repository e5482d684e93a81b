"""The recommendation tracker as a spreadsheet (written safely by ``spreadsheets.xlsx``), with its "About" sheet."""

from __future__ import annotations

from spreadsheets.xlsx import About, Sheet, person_words

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


def tracker_sheet(recommendations) -> Sheet:
    """One row per recommendation."""
    return Sheet("Recommendation tracker", HEADERS, [_row(r) for r in recommendations])


def tracker_about(partnership, filters: list[str], user, now) -> About:
    """The "About" sheet; ``filters`` are the filters in force, in words."""
    return About(
        what="Recommendation tracker: the recommendations of the partnership's audits and reviews",
        partnership=partnership.name,
        exported_by=person_words(user),
        exported_at=now,
        filters=filters,
        unfiltered="None: every recommendation.",
    )


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
