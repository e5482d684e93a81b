"""No silent overwrites: every editable object carries a version, and a change made from an
out-of-date copy is refused (docs/decisions/0015-no-silent-overwrites.md).

- :class:`Versioned` gives a model ``version``, which goes up by one with every saved change,
  whichever door made it (a form, the API, an import, a background job).
- A service that changes an object calls :func:`refuse_stale` with the version the person
  started from: the row is locked and, if someone saved a change since, :class:`StaleVersion`
  is raised and nothing changes. Pages show what the other person changed
  (:func:`changes_since`, from the history the project keeps); the API answers 412.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from neglect_portal.history import FieldChange, HistoryEntry

# Columns that change with every save or are derived: not "what the other person changed".
NOT_SHOWN = {"id", "version", "created_at", "updated_at", "period_start", "withdrawn_by", "withdrawn_at"}


class Versioned(models.Model):
    """A model whose saved changes are numbered 1, 2, 3…; history records keep the number."""

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one with every saved change."
    )

    class Meta:
        abstract = True

    # Integrity, not business logic (like ``auto_now``): every saved change is a new version,
    # whichever door saved it, so no writer can forget it.
    def save(self, *args, **kwargs):
        bumped = not self._state.adding
        if bumped:
            self.version = (self.version or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        try:
            super().save(*args, **kwargs)
        except Exception:
            if bumped:
                self.version -= 1  # nothing was saved: the copy in hand keeps its version
            raise


class StaleVersion(ValidationError):
    """The object was changed by someone else after ``expected``, the version the change was made from."""

    def __init__(self, instance, expected: int, current: int | None):
        self.instance, self.expected, self.current = instance, expected, current
        name = instance._meta.verbose_name
        message = f"Someone else changed this {name} after you opened it: nothing you entered has been saved"
        super().__init__({NON_FIELD_ERRORS: [message]}, code="stale")


def refuse_stale(instance, expected) -> None:
    """Lock ``instance``'s row until the transaction ends; raise :class:`StaleVersion` unless it is still at
    version ``expected``. ``expected`` None: the caller gave no version (an API write without ``If-Match``).

    Call it inside the service's transaction, before changing anything: a second writer waits for the
    first to commit, then finds the new version and is refused.
    """
    if expected is None or instance.pk is None:
        return
    rows = type(instance)._base_manager.select_for_update().filter(pk=instance.pk)
    current = rows.values_list("version", flat=True).first()
    if current != int(expected):
        raise StaleVersion(instance, int(expected), current)
    instance.version = current


# --- what the other person changed ----------------------------------------------------------


@dataclass
class Conflict:
    """What a refused page shows: who changed what since the person's copy, and what of theirs is re-applied."""

    entries: list[HistoryEntry]
    yours: list[str] = field(default_factory=list)  # labels of the fields the person changed
    both: list[str] = field(default_factory=list)  # fields both changed: the form shows the person's value
    noun: str = "item"


def history_since(instance, version):
    """The history record of ``version`` (the copy the person started from; None if not kept) and every later one."""
    records = instance.history.order_by("history_date", "history_id")
    base = records.filter(version__lte=version).last()
    later = list(records.filter(version__gt=version).select_related("history_user"))
    return base, later


def changes_since(instance, version, base=None, later=None) -> list[HistoryEntry]:
    """Field by field, each change saved after ``version``, oldest first."""
    if later is None:
        base, later = history_since(instance, version)
    entries, previous = [], base
    for record in later:
        changes = []
        for model_field in shown_fields(type(instance)):
            value = getattr(record, model_field.attname)
            if previous is None:
                if value not in (None, ""):
                    changes.append(FieldChange(label(model_field), None, display(model_field, value)))
                continue
            old = getattr(previous, model_field.attname)
            if old != value:
                changes.append(FieldChange(label(model_field), display(model_field, old), display(model_field, value)))
        entries.append(HistoryEntry(record.history_date, record.history_user, changes))
        previous = record
    return entries


def shown_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in NOT_SHOWN]


def label(model_field) -> str:
    name = str(model_field.verbose_name)
    return name[:1].upper() + name[1:]


def display(model_field, value) -> str:
    """A recorded value as a person reads it: choices in words, people and agencies by name, dates in full."""
    if value in (None, ""):
        return "Not set"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        found = model_field.related_model._base_manager.filter(pk=value).first()
        if found is None:
            return str(value)
        return (getattr(found, "get_full_name", lambda: "")() or str(found)) if hasattr(found, "email") else str(found)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def plain(value):
    """A form's cleaned value and a history record's value, made comparable (an object by its id)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str):
        return value.strip().replace("\r\n", "\n")
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def reapplied(form, instance, base, later) -> tuple[dict, list[str], list[str]]:
    """The person's own changes, put over the current version: (form initial, fields of theirs, fields both changed).

    A field is theirs when what they sent differs from the copy they started from (``base``);
    every other field takes the current value. Without a base record everything they sent is theirs.
    """
    model_fields = {f.name: f for f in type(instance)._meta.concrete_fields}
    changed_since = {
        name
        for record, before in zip(later, [base, *later[:-1]], strict=False)
        for name, f in model_fields.items()
        if before is None or getattr(before, f.attname) != getattr(record, f.attname)
    }
    initial, yours, both = {}, [], []
    for name, value in form.cleaned_data.items():
        if name == "version":
            continue
        model_field = model_fields.get(name)
        if model_field is None:
            initial[name] = value  # not a column (a reason for a new due date): carried over as sent
            continue
        if base is not None and plain(value) == plain(getattr(base, model_field.attname)):
            continue
        if plain(value) == plain(getattr(instance, model_field.attname)):
            continue  # they made the same change
        initial[name] = value
        yours.append(label(model_field))
        if name in changed_since:
            both.append(label(model_field))
    initial["version"] = instance.version
    return initial, yours, both
