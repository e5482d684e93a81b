"""The action plan as a spreadsheet: the import template's headers and a good row for the cast."""

import datetime

PLAN_HEADERS = [
    "Priority number",
    "Reference",
    "What will be done",
    "Description",
    "How success will be measured",
    "Lead agency",
    "Lead e-mail",
    "Start date",
    "Due date",
    "Status",
    "Reason for due date change",
]
# The template also has the plan's update history (the export has the latest update instead).
TEMPLATE_PLAN_HEADERS = [*PLAN_HEADERS, "Progress update", "Date of the update"]


def plan_row(reference="P1.2", priority=1, title="Run neglect awareness sessions in GP practices", **fields):
    """A good action plan row for the cast, as a list in template order."""
    values = {
        "description": "",
        "measure": "Every practice has had a session",
        "agency": "Northshire ICB",
        "lead": "sam@example.org",
        "start": datetime.date(2026, 4, 1),
        "due": datetime.date(2027, 3, 31),
        "status": "On track",
        "reason": "",
        **fields,
    }
    return [
        priority,
        reference,
        title,
        values["description"],
        values["measure"],
        values["agency"],
        values["lead"],
        values["start"],
        values["due"],
        values["status"],
        values["reason"],
    ]
