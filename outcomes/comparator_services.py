"""The one home of every write to comparator values: an indicator's England, regional and neighbours' figures.

The indicator page's form, the CSV import and the API all call these. Each call checks
``accounts.access.can_manage_comparators`` (the rule for changing the indicator itself) and
validates with :func:`comparator_errors` before changing anything; a batch is all or nothing.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import access
from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.periods import Period
from neglect_portal.versioning import refuse_stale
from neglect_portal.withdrawal import refuse_if_withdrawn, withdraw
from outcomes.models import NAMED_COMPARATORS, ComparatorKind, ComparatorValue, Indicator, Unit

MAX_VALUE = Decimal("9999999999.99")  # the column holds 12 digits, 2 after the point
SOURCE_LENGTH = ComparatorValue._meta.get_field("source").max_length
NAME_LENGTH = ComparatorValue._meta.get_field("name").max_length
COMPARATOR_FORMS = (
    "England, Statistical neighbours, Region (or Region: West Midlands), or Neighbour: followed by the area, "
    "like Neighbour: Sandwell"
)
# What people write for the two series that have no name of their own, once folded by ``_fold``.
_UNNAMED = {
    "england": ComparatorKind.ENGLAND,
    "england average": ComparatorKind.ENGLAND,
    "statistical neighbours": ComparatorKind.NEIGHBOURS,
    "statistical neighbours average": ComparatorKind.NEIGHBOURS,
    "statistical neighbour average": ComparatorKind.NEIGHBOURS,
    "neighbours": ComparatorKind.NEIGHBOURS,
    "neighbours average": ComparatorKind.NEIGHBOURS,
    "sn average": ComparatorKind.NEIGHBOURS,
    "region": ComparatorKind.REGION,
}
_NAMED = {"region": ComparatorKind.REGION, "neighbour": ComparatorKind.NEIGHBOUR}

# What recording a value did: added it, corrected it, or found it already so.
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _fold(text: str) -> str:
    text = str(text or "").replace("’", "'").replace("'", "").casefold()
    return " ".join(text.split())


def comparator_read(written) -> tuple[str, str]:
    """The comparator series a person wrote, as ``(kind, name)``; ``ValueError`` saying the forms allowed.

    "England", "Statistical neighbours" (or "neighbours' average"), "Region" or "Region: West Midlands",
    "Neighbour: Sandwell".
    """
    text = " ".join(str(written or "").split())
    if not text:
        raise ValueError(f"Enter the comparator: {COMPARATOR_FORMS}")
    if kind := _UNNAMED.get(_fold(text)):
        return kind, ""
    head, colon, name = text.partition(":")
    kind = _NAMED.get(_fold(head)) if colon else None
    if kind is None or not name.strip():
        raise ValueError(f"“{text}” is not a comparator: use {COMPARATOR_FORMS}")
    return kind, name.strip()


def comparator_written(kind: str, name: str) -> str:
    """The series as the CSV and the API write it: the inverse of :func:`comparator_read`."""
    return ComparatorValue(kind=kind, name=name).comparator


@dataclass
class ComparatorInput:
    """One comparator figure to record, as typed or read (checked and tidied by :func:`comparator_errors`)."""

    indicator: Indicator | None
    kind: str
    name: str = ""
    period: object = ""  # a label such as 2024/25 or 2024/25 Q2 (or a quarter's last day); a Period once checked
    value: object = None
    source: str = ""
    published: datetime.date | None = None
    # The version of the value the change was made from; None: not checked.
    version: int | None = None


class ComparatorBatchError(ValidationError):
    """Some entries of a batch are invalid; ``rows`` maps each bad entry's index to its field errors."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]):
        self.rows = rows
        super().__init__(
            {f"{index}.{name}": messages for index, fields in rows.items() for name, messages in fields.items()}
        )


def comparator_errors(entry: ComparatorInput, today=None) -> dict[str, list[str]]:
    """Every problem with one entry, by field (indicator, kind, name, period, value, source, published).

    Empty when it is good; the entry is then tidied: ``period`` a label, ``value`` a ``Decimal``.
    """
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if entry.indicator is None:
        errors["indicator"] = ["Choose the indicator"]
    elif entry.indicator.is_withdrawn:
        errors["indicator"] = [f"{entry.indicator.code} has been withdrawn: it takes no more comparator figures"]
    errors |= _series_errors(entry)
    period = _period(entry, errors, today)
    _value(entry, errors)
    source = " ".join(str(entry.source or "").split())
    if not source:
        errors["source"] = ["Enter the source, like DfE Children in need statistics"]
    elif len(source) > SOURCE_LENGTH:
        errors["source"] = [f"The source must be {SOURCE_LENGTH} characters or fewer (it has {len(source)})"]
    else:
        entry.source = source
        _no_child(errors, "source", source)
    published = entry.published
    if not isinstance(published, datetime.date):
        errors["published"] = ["Enter the date the figure was published, like 31/10/2025"]
    elif published > today:
        errors["published"] = ["The publication date cannot be in the future"]
    elif period is not None and published < period.end:
        errors["published"] = [
            f"A figure for {period.label} cannot be published before it ends ({period.end:%-d %B %Y})"
        ]
    if not errors and period is not None:
        entry.period = period.label
    return errors


def _series_errors(entry: ComparatorInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if entry.kind not in ComparatorKind.values:
        return {"kind": [f"Choose the comparator: {COMPARATOR_FORMS}"]}
    name = " ".join(str(entry.name or "").split())
    if entry.kind not in NAMED_COMPARATORS:
        entry.name = ""
        return errors
    if entry.kind == ComparatorKind.NEIGHBOUR and not name:
        errors["name"] = ["Enter the neighbouring area's name, like Sandwell"]
    elif len(name) > NAME_LENGTH:
        errors["name"] = [f"The name must be {NAME_LENGTH} characters or fewer (it has {len(name)})"]
    else:
        entry.name = name
        _no_child(errors, "name", name)
    return errors


def _no_child(errors, field, text):
    try:
        refuse_child_identifiers(text)
    except ValidationError as error:
        errors[field] = error.messages


def _period(entry: ComparatorInput, errors, today) -> Period | None:
    if isinstance(entry.period, Period):
        period = entry.period
    else:
        written = entry.period if isinstance(entry.period, datetime.date) else str(entry.period or "").strip()
        if not written:
            errors["period"] = ["Enter the period, like 2024/25 or 2024/25 Q2"]
            return None
        try:
            period = Period.read(written)
        except ValueError as error:
            errors["period"] = [str(error).rstrip(".")]
            return None
    if period.end >= today:
        errors["period"] = [f"{period.label} has not ended yet: a comparator figure is for a period that has ended"]
        return None
    return period


def _value(entry: ComparatorInput, errors):
    if entry.value is None or str(entry.value).strip() == "":
        errors["value"] = ["Enter the value"]
        return
    try:
        text = str(entry.value).strip().replace(",", "")
        percent = entry.indicator is not None and entry.indicator.unit == Unit.PERCENTAGE
        if percent and text.endswith("%"):
            text = text[:-1].strip()
        if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", text):
            raise InvalidOperation
        value = Decimal(text)
    except (InvalidOperation, TypeError, ValueError):
        errors["value"] = ["Enter the value as a number, like 42.1"]
        return
    if abs(value) > MAX_VALUE:
        errors["value"] = ["Enter a value smaller than 10 billion"]
    elif value < 0:
        errors["value"] = ["The value cannot be negative"]
    elif entry.indicator is not None and entry.indicator.unit == Unit.PERCENTAGE and value > 100:
        errors["value"] = ["A percentage cannot be more than 100"]
    elif value != value.quantize(Decimal("0.01")):
        errors["value"] = ["Give the value with no more than 2 decimal places"]
    else:
        entry.value = value


def _refuse_unless_allowed(membership, indicator):
    if indicator is not None and not access.can_manage_comparators(membership, indicator):
        refuse_if_withdrawn(indicator)
        raise PermissionDenied(access.COMPARATORS_REFUSAL)


def _current(entry: ComparatorInput):
    return (
        ComparatorValue.objects.current()
        .filter(indicator=entry.indicator, kind=entry.kind, name=entry.name, period=entry.period)
        .first()
    )


def _already_there(entry: ComparatorInput) -> dict[str, list[str]]:
    series = ComparatorValue(kind=entry.kind, name=entry.name).series
    return {"period": [f"{series} already has a figure for {entry.period}: correct that one instead"]}


@transaction.atomic
def comparator_value_add(membership, entry: ComparatorInput, today=None) -> ComparatorValue:
    """Add one comparator figure to an indicator; a figure its series already has for the period is refused."""
    _refuse_unless_allowed(membership, entry.indicator)
    errors = comparator_errors(entry, today)
    if errors:
        raise ValidationError(errors)
    if _current(entry) is not None:
        raise ValidationError(_already_there(entry))
    try:
        with transaction.atomic():  # a savepoint: the same figure added by another request a moment ago
            return _save(membership, ComparatorValue(indicator=entry.indicator), entry)
    except IntegrityError:
        raise ValidationError(_already_there(entry)) from None


@transaction.atomic
def comparator_value_update(membership, comparator: ComparatorValue, entry: ComparatorInput, today=None):
    """Correct a comparator figure (its series, period, value, source or date); ``entry.version``: as opened."""
    refuse_if_withdrawn(comparator)
    _refuse_unless_allowed(membership, comparator.indicator)
    entry.indicator = comparator.indicator
    errors = comparator_errors(entry, today)
    if errors:
        raise ValidationError(errors)
    refuse_stale(comparator, entry.version)
    other = _current(entry)
    if other is not None and other.pk != comparator.pk:
        raise ValidationError(_already_there(entry))
    return _save(membership, comparator, entry)


@transaction.atomic
def comparator_values_record_many(membership, entries: list[ComparatorInput], today=None):
    """Record a batch of comparator figures, all or nothing: a figure for a series and period that has one
    corrects it. Returns ``(value, result)`` entry by entry (``CREATED``, ``UPDATED`` or ``UNCHANGED``).

    ``PermissionDenied`` if any indicator is not the member's to change; :class:`ComparatorBatchError`
    listing every bad entry, changing nothing, if any is invalid or given twice.
    """
    denied = sorted(
        {
            e.indicator.code
            for e in entries
            if e.indicator and not access.can_manage_comparators(membership, e.indicator)
        }
    )
    if denied:
        raise PermissionDenied(f"{access.COMPARATORS_REFUSAL} ({', '.join(denied)})")
    rows = {index: errors for index, entry in enumerate(entries) if (errors := comparator_errors(entry, today))}
    seen = {}
    for index, entry in enumerate(entries):
        if index in rows:
            continue
        key = (entry.indicator.pk, entry.kind, entry.name.casefold(), entry.period)
        if key in seen:
            rows[index] = {"period": [f"{entry.indicator.code} has this figure twice (also entry {seen[key] + 1})"]}
        seen.setdefault(key, index)
    if rows:
        raise ComparatorBatchError(rows)
    recorded = []
    for entry in entries:
        current = _current(entry)
        if current is not None and _says_the_same(current, entry):
            recorded.append((current, UNCHANGED))
            continue
        saved = _save(membership, current or ComparatorValue(indicator=entry.indicator), entry)
        recorded.append((saved, UPDATED if current else CREATED))
    return recorded


FIELDS = ("kind", "name", "period", "value", "source", "published")


def _says_the_same(comparator: ComparatorValue, entry: ComparatorInput) -> bool:
    return all(getattr(comparator, name) == getattr(entry, name) for name in FIELDS)


def _save(membership, comparator: ComparatorValue, entry: ComparatorInput) -> ComparatorValue:
    for name in FIELDS:
        setattr(comparator, name, getattr(entry, name))
    comparator.is_illustrative = False
    comparator.entered_by = membership.user
    comparator._history_user = membership.user
    comparator.save()
    return comparator


def comparator_value_withdraw(membership, comparator: ComparatorValue, reason) -> ComparatorValue:
    """Withdraw a comparator figure entered by mistake: it leaves the chart, scorecard and reports, and stays
    on record with who withdrew it and why."""
    refuse_if_withdrawn(comparator)
    _refuse_unless_allowed(membership, comparator.indicator)
    return withdraw(comparator, membership.user, reason)
