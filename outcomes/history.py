"""The history of an indicator: who changed which field of its definition or which period's value, when.

Built from the django-simple-history records of the indicator and of its
measurements, in four queries whatever the number of changes, and told in
words (choice labels, agency and priority names, values in their unit).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from accounts.models import Agency
from neglect_portal.history import FieldChange, withdrawal_change
from outcomes import rating
from outcomes.models import Indicator, Measurement
from outcomes.services import INDICATOR_FIELDS
from priorities.models import Priority


@dataclass
class IndicatorHistoryEntry:
    when: object
    who: object
    period: str | None  # None for the definition, else the period whose value changed
    kind: str  # added, changed or removed
    changes: list[FieldChange]

    @property
    def subject(self) -> str:
        return "Definition" if self.period is None else f"Value for {self.period}"

    @property
    def text(self) -> str:
        if self.kind != "added":
            return ""
        return "Indicator added" if self.period is None else "Recorded"


# The fields a change to the definition is shown for: every field the indicator services set.
DEFINITION_FIELDS = INDICATOR_FIELDS
VALUE_FIELDS = ("value", "not_published", "numerator", "denominator", "note")


def indicator_history(partnership, indicator) -> list[IndicatorHistoryEntry]:
    """Who changed which field of the definition or which period's value, when, old → new; newest first."""
    definition = list(indicator.history.select_related("history_user").order_by("history_date", "history_id"))
    values = list(
        Measurement.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    names = {
        "source_agency": dict(Agency.objects.of_partnership(partnership).values_list("pk", "name")),
        "priority": {
            p.pk: f"Priority {p.number}: {p.title}" for p in Priority.objects.filter(strategy__partnership=partnership)
        },
    }
    entries = _definition_entries(definition, names)
    by_measurement: dict[int, list] = {}
    for record in values:
        by_measurement.setdefault(record.id, []).append(record)
    for records in by_measurement.values():
        entries += _value_entries(indicator, records)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _definition_entries(records, names) -> list[IndicatorHistoryEntry]:
    entries = []
    if records and records[0].history_type == "+":
        entries.append(IndicatorHistoryEntry(records[0].history_date, records[0].history_user, None, "added", []))
    for old, new in itertools.pairwise(records):
        delta = new.diff_against(old, included_fields=list(DEFINITION_FIELDS))
        changed = {c.field: c for c in delta.changes}
        changes = [
            FieldChange(_label(name), _show(name, changed[name].old, names), _show(name, changed[name].new, names))
            for name in DEFINITION_FIELDS
            if name in changed
        ]
        changes += filter(None, [withdrawal_change(old, new)])
        if changes:
            entries.append(IndicatorHistoryEntry(new.history_date, new.history_user, None, "changed", changes))
    return entries


def _value_entries(indicator, records) -> list[IndicatorHistoryEntry]:
    """A period's value recorded, corrected or removed (records of one measurement, oldest first)."""
    unit = indicator.unit
    entries = []
    first = records[0]
    if first.history_type == "+":
        added = [
            FieldChange(_label(name), None, _show_value(name, getattr(first, name), unit)) for name in VALUE_FIELDS
        ]
        added = [change for change in added if change.new != "(none)"]
        entries.append(IndicatorHistoryEntry(first.history_date, first.history_user, first.period, "added", added))
    for old, new in itertools.pairwise(records):
        if new.history_type == "-":
            before = _show_value("value", old.value, unit) if not old.not_published else old.not_published
            removed = FieldChange("Value", before, "(removed)")
            entries.append(IndicatorHistoryEntry(new.history_date, new.history_user, new.period, "removed", [removed]))
            continue
        delta = new.diff_against(old, included_fields=list(VALUE_FIELDS))
        changed = {c.field: c for c in delta.changes}
        changes = [
            FieldChange(
                _label(name), _show_value(name, changed[name].old, unit), _show_value(name, changed[name].new, unit)
            )
            for name in VALUE_FIELDS
            if name in changed
        ]
        changes += filter(None, [withdrawal_change(old, new)])
        if changes:
            entries.append(IndicatorHistoryEntry(new.history_date, new.history_user, new.period, "changed", changes))
    return entries


# The words the indicator page uses for these fields, so the history reads like the page.
LABELS = {
    "definition": "What is measured",
    "rba_category": "Question it answers",
    "frequency": "Measured",
    "is_context": "Context measure",
    "source_agency": "Supplied by",
    "priority": "Linked priority",
    "is_active": "On the scorecard",
}


def _label(name) -> str:
    if name in LABELS:
        return LABELS[name]
    model = Measurement if name in VALUE_FIELDS else Indicator
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _show(name, value, names) -> str:
    """A definition field's value in words: choice labels, Yes or No, names instead of ids."""
    if value is None or value == "":
        return "(none)"
    if name in names:
        return names[name].get(value, "(removed)")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    field = Indicator._meta.get_field(name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, Decimal):
        return rating.plain(value)
    return str(value)


def _show_value(name, value, unit) -> str:
    if value is None or value == "":
        return "(none)"
    if name == "value":
        return rating.display(value, unit)
    return rating.plain(value) if isinstance(value, int | Decimal) else str(value)
