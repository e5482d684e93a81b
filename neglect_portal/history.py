"""The rows of a "history of changes" table (templates/includes/history_table.html).

Actions, indicators and audits each read their django-simple-history records in
their own selectors and hand the table these.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldChange:
    field: str
    old: str | None  # None: the value was recorded, not changed
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: object  # the person, or None when no one was recorded (a data load or a background job)
    changes: list[FieldChange] = field(default_factory=list)
    subject: str = ""  # what changed, such as "Recommendation R2 added"
    text: str = ""  # what an added or removed item said


def withdrawal_change(old, new) -> FieldChange | None:
    """ "Withdrawn: <reason>" when the history record ``new`` is the object's withdrawal (``old`` the one before)."""
    if getattr(old, "withdrawn_at", None) is None and getattr(new, "withdrawn_at", None) is not None:
        return FieldChange("Withdrawn", None, new.withdrawal_reason)
    return None
