"""The one home of every write to indicators and their values (measurements).

The indicator page, the quarter entry form, spreadsheet imports and the API
(including an agency system pushing a whole period) all call these. Each call
checks access through ``accounts.access`` and validates with
:func:`measurement_errors` (or :func:`indicator_errors`) before changing
anything; a batch is all or nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from accounts import access
from neglect_portal.periods import Period
from neglect_portal.scoping import objects_outside
from neglect_portal.values import NOT_PUBLISHED_EXAMPLES, not_published_marker
from neglect_portal.versioning import StaleVersion, refuse_stale
from neglect_portal.withdrawal import refuse_if_withdrawn, withdraw
from outcomes import rating
from outcomes.models import BY_QUARTER, Frequency, Indicator, Measurement, Polarity, Unit
from outcomes.signals import indicator_turned_red
from priorities.selectors import locked_periods
from priorities.services import correction_reason_required, correction_record

MAX_VALUE = Decimal("9999999999.99")  # the column holds 12 digits, 2 after the point
MAX_COUNT = 2_147_483_647  # the largest numerator or denominator the database column holds

# Fields of an indicator's definition that plan editors set through ``indicator_create`` and ``indicator_update``.
INDICATOR_FIELDS = (
    "code",
    "name",
    "definition",
    "rba_category",
    "unit",
    "polarity",
    "frequency",
    "is_context",
    "source_agency",
    "baseline",
    "target",
    "amber_tolerance",
    "priority",
    "is_active",
    "library_code",
)
NUMBER_FIELDS = {"baseline": "baseline", "target": "target", "amber_tolerance": "amber tolerance"}


@dataclass
class MeasurementInput:
    """One value to record; ``value`` may be left out for a percentage given as numerator and denominator."""

    indicator: Indicator
    period: str
    value: Decimal | None = None
    # The marker of a figure its source did not publish ("*", "<5", "n/a"), given instead of a value.
    not_published: str = ""
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""
    # An estimate, not yet the final figure: marked Estimated wherever the value is shown.
    is_estimated: bool = False
    # The version of the period's value the entry was made from (0: there was none); None: not checked.
    version: int | None = None
    # Why a value of a locked quarter (its report issued) is being corrected: required there, recorded.
    correction_reason: str = ""


class StaleValues(StaleVersion):
    """Values someone else entered or changed after the form was loaded; nothing was saved.

    ``stale`` lists ``(index, entry, current)``: the entry's position in the batch, what was sent, and
    the period's value now (None if it was withdrawn since).
    """

    def __init__(self, stale):
        self.stale = stale
        _, entry, current = stale[0]
        instance = current or Measurement(indicator=entry.indicator, period=_label(entry.period))
        super().__init__(instance, entry.version, current.version if current else 0)
        codes = ", ".join(f"{entry.indicator.code} {_label(entry.period)}" for _, entry, _ in stale)
        self.error_dict = ValidationError(
            {NON_FIELD_ERRORS: [f"Someone else entered a value after you opened the form ({codes}): nothing was saved"]}
        ).error_dict


# What recording a value did to the period's value: added it, corrected it, or found it already so.
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class Recorded(NamedTuple):
    """A recorded value and what recording it did (``CREATED``, ``UPDATED`` or ``UNCHANGED``)."""

    measurement: Measurement
    result: str

    @property
    def created(self) -> bool:
        return self.result == CREATED


class MeasurementBatchError(ValidationError):
    """Some entries of a batch are invalid; ``rows`` maps each bad entry's index to its field errors."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]):
        self.rows = rows
        super().__init__(
            {f"{index}.{name}": messages for index, fields in rows.items() for name, messages in fields.items()}
        )


def period_for(indicator, label, today=None) -> tuple[Period | None, list[str]]:
    """The period a value is for, or the reasons it cannot be used for this indicator."""
    try:
        period = Period.parse(str(label or ""))
    except ValueError as error:
        return None, [str(error).rstrip(".")]
    if indicator.frequency in BY_QUARTER and not period.is_quarter:
        how = Frequency(indicator.frequency).name.lower()
        return None, [f"{indicator.code} is {how}: give a quarter, such as {period.label} Q1"]
    if indicator.frequency == Frequency.ANNUAL and period.is_quarter:
        return None, [f"{indicator.code} is annual: give a financial year, such as {period.year_label}"]
    if period.start > (today or timezone.localdate()):
        return None, [f"{period.label} has not started yet"]
    return period, []


def period_not_ended_problem(indicator, period: Period, today=None) -> str | None:
    """Why a value cannot be recorded for ``period`` yet, or None.

    A period's value is its figure once the period has ended. A monthly indicator's
    quarter is the exception: its figure so far may be recorded once a month of it has
    ended (and corrected as the next months end).
    """
    today = today or timezone.localdate()
    if period.end < today:
        return None
    first_month_end = (period.start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    if indicator.frequency == Frequency.MONTHLY and period.is_quarter:
        if first_month_end < today:
            return None
        return (
            f"{period.label} has not ended, nor its first month: record {indicator.code}'s figure for it "
            f"from {first_month_end + datetime.timedelta(days=1):%-d %B %Y}"
        )
    return (
        f"{period.label} has not ended yet: record its value from {period.end + datetime.timedelta(days=1):%-d %B %Y}"
    )


# What a numerator over a denominator is multiplied by to give the value, for the units worked out that way.
MULTIPLIERS = {Unit.PERCENTAGE: Decimal(100), Unit.RATE_PER_10K: Decimal(10_000)}


def worked_out_value(indicator, numerator, denominator) -> Decimal | None:
    """The value of a percentage or rate from its numerator and denominator, to one decimal place
    (46 of 71 is 64.8%; 46 of 71,000 children is 6.5 per 10,000); None for other units or without both."""
    multiplier = MULTIPLIERS.get(indicator.unit)
    if multiplier is None or numerator is None or not denominator:
        return None
    return (multiplier * numerator / denominator).quantize(Decimal("0.1"))


def value_disagreement(entry: MeasurementInput) -> str | None:
    """Why a value typed beside its numerator and denominator is refused, or None when they agree.

    They agree when the value is the worked-out one rounded to the places typed (64.8 or 65 for 46 of 71).
    """
    multiplier = MULTIPLIERS.get(entry.indicator.unit)
    numerator, denominator = entry.numerator, entry.denominator
    if multiplier is None or entry.value is None or numerator is None or not denominator:
        return None
    value = Decimal(entry.value)
    exact = multiplier * numerator / denominator
    places = max(0, -value.as_tuple().exponent)
    if abs(value - exact) <= Decimal(5) / Decimal(10) ** (places + 1):
        return None
    worked = worked_out_value(entry.indicator, numerator, denominator)
    unit = entry.indicator.unit
    return (
        f"{numerator:,} of {denominator:,} is {rating.display(worked, unit)}, not "
        f"{rating.display(value, unit)}: correct the value, or leave it blank to have it worked out"
    )


def measurement_errors(entry: MeasurementInput, today=None) -> dict[str, list[str]]:
    """Every problem with one entry, by field, in words a user understands; empty when it is good.

    Fills in ``entry.value`` for a percentage or rate given only as numerator and denominator.
    """
    errors: dict[str, list[str]] = {}
    if isinstance(entry.value, str) and not entry.value.strip():
        entry.value = None
    if isinstance(entry.value, str) and (marker := not_published_marker(entry.value)):
        entry.value, entry.not_published = None, marker  # "<5" typed where the value goes
    _, period_errors = period_for(entry.indicator, entry.period, today)
    if period_errors:
        errors["period"] = period_errors
    if entry.not_published:
        return errors | _not_published_errors(entry)
    numerator, denominator = entry.numerator, entry.denominator
    if any(count is not None and count > MAX_COUNT for count in (numerator, denominator)):
        for name, count in (("numerator", numerator), ("denominator", denominator)):
            if count is not None and count > MAX_COUNT:
                errors[name] = [f"The {name} must be less than {MAX_COUNT + 1:,}"]
        numerator = denominator = None  # nothing more to say about them, nor a value to work out
    if denominator is not None and denominator <= 0:
        errors["denominator"] = ["The denominator must be more than 0"]
    if numerator is not None and numerator < 0:
        errors["numerator"] = ["The numerator cannot be negative"]
    if numerator is not None and denominator is None:
        errors.setdefault("denominator", []).append("Enter the denominator as well as the numerator")
    if numerator is not None and denominator and denominator > 0 and numerator > denominator:
        errors.setdefault("numerator", []).append("The numerator cannot be more than the denominator")
    computable = numerator is not None and denominator and "numerator" not in errors and "denominator" not in errors
    if entry.value is None and computable:
        entry.value = worked_out_value(entry.indicator, numerator, denominator)
    if entry.value is None:
        errors["value"] = ["Enter the value"]
    else:
        try:
            value = Decimal(entry.value)
        except (InvalidOperation, TypeError, ValueError):
            errors["value"] = ["Enter the value as a number, like 147 or 51.8"]
        else:
            if not value.is_finite() or abs(value) > MAX_VALUE:
                errors["value"] = ["Enter a value smaller than 10 billion"]
            elif value < 0:
                errors["value"] = ["The value cannot be negative"]
            elif entry.indicator.unit == Unit.PERCENTAGE and value > 100:
                errors["value"] = ["A percentage cannot be more than 100"]
            elif value != value.quantize(Decimal("0.01")):
                errors["value"] = ["Give the value with no more than 2 decimal places"]
    return errors


def _not_published_errors(entry: MeasurementInput) -> dict[str, list[str]]:
    """A figure not published is its marker alone: no value beside it, nor the counts it would come from."""
    errors: dict[str, list[str]] = {}
    marker = not_published_marker(str(entry.not_published))
    if marker is None:
        errors["value"] = [f"Mark a figure that is not published as the source did: {NOT_PUBLISHED_EXAMPLES}"]
    elif entry.value is not None:
        errors["value"] = [f"Give the value or say it is not published ({marker}), not both"]
    else:
        entry.not_published = marker
    for name in ("numerator", "denominator"):
        if getattr(entry, name) is not None:
            errors[name] = [f"Leave the {name} empty for a figure that is not published"]
    if entry.is_estimated:
        errors["is_estimated"] = ["A figure that is not published is not an estimate: untick Estimated or give it"]
    return errors


@transaction.atomic
def measurement_record(membership, entry: MeasurementInput, today=None) -> tuple[Measurement, bool]:
    """Enter or correct one indicator's value for one period; returns the measurement and whether it is new.

    With ``entry.version``, a value entered or changed since that version is not overwritten (:class:`StaleValues`).
    """
    refuse_if_withdrawn(entry.indicator)
    if not access.can_record_measurement(membership, entry.indicator):
        raise PermissionDenied(f"You cannot enter values for {entry.indicator.code}.")
    errors = measurement_errors(entry, today)
    if errors:
        raise ValidationError(errors)
    if stale := _moved_on([entry]):
        raise StaleValues(stale)
    corrections = _corrections_of_locked_quarters([entry])
    if corrections.errors:
        raise ValidationError(corrections.errors[0])
    watch = _RedWatch([entry])
    recorded = _save(membership, entry)
    corrections.record(membership, [recorded])
    watch.tell(membership.user)
    return recorded.measurement, recorded.created


@transaction.atomic
def measurements_record_many(membership, entries: list[MeasurementInput], today=None) -> list[Recorded]:
    """Record a batch of values, all or nothing; returns, entry by entry, each value and whether it
    was created, updated or left unchanged (the same values sent again change nothing).

    Refuses the whole batch (``PermissionDenied``) if any indicator is not the
    member's to record, and raises :class:`MeasurementBatchError` listing every
    invalid entry, changing nothing, if any entry is invalid.
    """
    denied = sorted({e.indicator.code for e in entries if not access.can_record_measurement(membership, e.indicator)})
    if denied:
        raise PermissionDenied(f"You cannot enter values for {', '.join(denied)}.")
    rows = {index: errors for index, entry in enumerate(entries) if (errors := measurement_errors(entry, today))}
    seen = {}
    for index, entry in enumerate(entries):
        key = (entry.indicator.pk, _label(entry.period))
        if key in seen and index not in rows:
            rows[index] = {"period": [f"{entry.indicator.code} {key[1]} is given twice (also entry {seen[key] + 1})"]}
        seen.setdefault(key, index)
    if rows:
        raise MeasurementBatchError(rows)
    if stale := _moved_on(entries):
        raise StaleValues(stale)
    corrections = _corrections_of_locked_quarters(entries)
    if corrections.errors:
        raise MeasurementBatchError(corrections.errors)
    watch = _RedWatch(entries)
    recorded = [_save(membership, entry) for entry in entries]
    corrections.record(membership, recorded)
    watch.tell(membership.user)
    return recorded


@dataclass
class EachRecorded:
    """What :func:`measurements_record_each` did, entry by entry (keys are positions in the list given)."""

    recorded: dict[int, Recorded]
    errors: dict[int, dict[str, list[str]]]
    # ``(index, entry, current)`` for each value someone else entered after the form was loaded: not saved.
    stale: list[tuple[int, MeasurementInput, Measurement | None]]


@transaction.atomic
def measurements_record_each(membership, entries: list[MeasurementInput], today=None) -> EachRecorded:
    """Record each good value of a quarter entry form and refuse each bad one, with its reasons (decision 42).

    Unlike :func:`measurements_record_many` (imports and the API's batches: all or nothing) one bad value
    does not hold back the others. Each entry is refused that :func:`measurement_errors` refuses, that is
    for a quarter not yet ended (a monthly indicator: not a month of it), whose typed value disagrees with
    its numerator and denominator, that is given twice, that would change a locked quarter without a reason,
    or that would overwrite a value someone else entered after ``entry.version`` (listed in ``stale``).
    The whole call is refused (``PermissionDenied``) if any indicator is not the member's to record.
    """
    denied = sorted({e.indicator.code for e in entries if not access.can_record_measurement(membership, e.indicator)})
    if denied:
        raise PermissionDenied(f"You cannot enter values for {', '.join(denied)}.")
    errors = {}
    for index, entry in enumerate(entries):
        typed = entry.value is not None and str(entry.value).strip() != ""
        problems = measurement_errors(entry, today)
        period, _ = period_for(entry.indicator, entry.period, today)
        if period is not None and (unended := period_not_ended_problem(entry.indicator, period, today)):
            problems.setdefault("period", []).append(unended)
        if typed and not problems and (disagreement := value_disagreement(entry)):
            problems["value"] = [disagreement]
        if problems:
            errors[index] = problems
    seen = {}
    for index, entry in enumerate(entries):
        key = (entry.indicator.pk, _label(entry.period))
        if key in seen and index not in errors:
            errors[index] = {"period": [f"{entry.indicator.code} {key[1]} is given twice"]}
        seen.setdefault(key, index)
    good = {index: entry for index, entry in enumerate(entries) if index not in errors}
    stale = _moved_on_each(good)
    for index, _, _ in stale:
        good.pop(index)
    order = list(good)
    corrections = _corrections_of_locked_quarters([good[index] for index in order])
    for position, problems in corrections.errors.items():
        errors[order[position]] = problems
    recorded, saved = {}, []
    watch = _RedWatch([good[index] for index in order if index not in errors])
    for position, index in enumerate(order):
        if index in errors:
            continue
        try:
            recorded[index] = _save(membership, good[index])
        except StaleValues as error:  # recorded by another request a moment ago
            stale.append((index, good[index], error.stale[0][2]))
            continue
        saved.append((position, recorded[index]))
    corrections.record_some(membership, saved)
    watch.tell(membership.user)
    return EachRecorded(recorded, errors, sorted(stale, key=lambda found: found[0]))


def _moved_on_each(entries: dict[int, MeasurementInput]):
    """:func:`_moved_on` for entries keyed by their position in a longer list."""
    keys = list(entries)
    return [(keys[position], entry, current) for position, entry, current in _moved_on(list(entries.values()))]


@dataclass
class _Corrections:
    """Entries that change a value of a locked quarter: each needs a reason and is recorded once saved."""

    partnership: object
    entries: dict[int, tuple[MeasurementInput, str]]  # index → (entry, the value before, in words)
    errors: dict[int, dict[str, list[str]]]

    def record(self, membership, recorded: list[Recorded]):
        self.record_some(membership, list(enumerate(recorded)))

    def record_some(self, membership, recorded: list[tuple[int, Recorded]]):
        """Record the corrections among ``(index, result)``: the entries that were saved."""
        results = dict(recorded)
        for index, (entry, before) in self.entries.items():
            result = results.get(index)
            if result is None or result.result == UNCHANGED:
                continue
            after = _in_words(result.measurement)
            correction_record(
                membership.user,
                self.partnership,
                result.measurement.period,
                subject=f"{entry.indicator.code} {entry.indicator.name}, {result.measurement.period}",
                change=f"{before} → {after}",
                reason=entry.correction_reason,
            )


def _corrections_of_locked_quarters(entries) -> _Corrections:
    """Which entries would change a value of a locked quarter, and those among them with no reason given."""
    partnership = entries[0].indicator.partnership if entries else None
    labels = {_label(entry.period) for entry in entries}
    locked = locked_periods(partnership, labels) if entries else set()
    found, errors = {}, {}
    for index, entry in enumerate(entries):
        label = _label(entry.period)
        if label not in locked:
            continue
        current = Measurement.objects.current().filter(indicator=entry.indicator, period=label).first()
        if _says_the_same(current, entry):
            continue
        try:
            correction_reason_required(partnership, label, entry.correction_reason)
        except ValidationError as error:
            errors[index] = error.message_dict
            continue
        found[index] = (entry, _in_words(current) if current else "no value")
    return _Corrections(partnership, found, errors)


def _in_words(measurement) -> str:
    if not measurement.is_published:
        return f"not published ({measurement.not_published})"
    words = f"{measurement.value.normalize():f}"
    if measurement.numerator is not None and measurement.denominator is not None:
        words += f" ({measurement.numerator} of {measurement.denominator})"
    return f"{words}, estimated" if measurement.is_estimated else words


def _moved_on(entries) -> list[tuple[int, MeasurementInput, Measurement | None]]:
    """Entries made from a version of the period's value that is no longer the current one (rows locked).

    An entry that says what the value already says is not a conflict: nothing would be overwritten.
    """
    stale = []
    for index, entry in enumerate(entries):
        if entry.version is None:
            continue
        current = (
            Measurement.objects.current()
            .select_for_update(of=("self",))
            .select_related("entered_by")
            .filter(indicator=entry.indicator, period=_label(entry.period))
            .first()
        )
        if (current.version if current else 0) != entry.version and not _says_the_same(current, entry):
            stale.append((index, entry, current))
    return stale


def _says_the_same(measurement, entry) -> bool:
    if measurement is None:
        return False
    return _fields(entry) == {name: getattr(measurement, name) for name in RECORDED_FIELDS}


RECORDED_FIELDS = ("value", "not_published", "numerator", "denominator", "note", "is_estimated")


def _fields(entry: MeasurementInput) -> dict:
    """What an entry (checked by :func:`measurement_errors`) records, field by field."""
    return {
        "value": Decimal(entry.value) if entry.value is not None else None,
        "not_published": entry.not_published or "",
        "numerator": entry.numerator,
        "denominator": entry.denominator,
        "note": (entry.note or "").strip(),
        "is_estimated": bool(entry.is_estimated),
    }


def _label(period) -> str:
    try:
        return Period.parse(str(period)).label
    except ValueError:
        return str(period)


def _save(membership, entry: MeasurementInput) -> Recorded:
    label = _label(entry.period)
    measurement = Measurement.objects.current().filter(indicator=entry.indicator, period=label).first()
    created = measurement is None
    if created:
        measurement = Measurement(indicator=entry.indicator, period=label)
    fields = _fields(entry)
    if not created and all(getattr(measurement, name) == value for name, value in fields.items()):
        return Recorded(measurement, UNCHANGED)  # no write, no history record
    for name, value in fields.items():
        setattr(measurement, name, value)
    measurement.is_illustrative = False
    measurement.entered_by = membership.user
    measurement._history_user = membership.user
    try:
        with transaction.atomic():  # a savepoint: a refused insert leaves the caller's transaction usable
            measurement.save()
    except IntegrityError:
        if not created:
            raise
        if entry.version is not None:  # another request recorded this period a moment ago: not overwritten
            current = Measurement.objects.current().filter(indicator=entry.indicator, period=label).first()
            raise StaleValues([(0, entry, current)]) from None
        # Another request recorded this period a moment ago: this value corrects it.
        return _save(membership, entry)
    return Recorded(measurement, CREATED if created else UPDATED)


class _RedWatch:
    """Which indicators a write of values turns red: each one's latest rating before and after it.

    Red means the latest value is short of the target by more than the amber tolerance (``rating.rate``).
    Only indicators that can be rated are read, in one query before the write and one after, whatever
    their number; each that is Red now and was not is told to the apps above (``outcomes.signals``).
    """

    def __init__(self, entries):
        candidates = {entry.indicator.pk: entry.indicator for entry in entries}.values()
        self.indicators = {indicator.pk: indicator for indicator in candidates if _can_be_rated(indicator)}
        self.before = _latest_ratings(self.indicators)

    def tell(self, user):
        for pk, (period, code) in _latest_ratings(self.indicators).items():
            was_period, was = self.before.get(pk, (None, None))
            if code == RED and was != RED:
                indicator = self.indicators[pk]
                indicator_turned_red.send(
                    sender=Indicator, indicator=indicator, period=period, was=was, was_period=was_period, by=user
                )


RED = "red"


def _can_be_rated(indicator) -> bool:
    """On the scorecard (active) and rated there: a target, not a context measure, a better direction."""
    return (
        indicator.is_active
        and indicator.target is not None
        and not indicator.is_context
        and indicator.polarity != Polarity.NEITHER
    )


def _latest_ratings(indicators: dict[int, Indicator]) -> dict[int, tuple[str, str | None]]:
    """Each indicator's latest period and its RAG code (as the scorecard rates it), in one query."""
    if not indicators:
        return {}
    newest = Window(
        RowNumber(), partition_by=[F("indicator_id")], order_by=[F("period_start").desc(), F("period").desc()]
    )
    latest = Measurement.objects.current().filter(indicator_id__in=list(indicators)).annotate(newest=newest)
    found = {}
    for measurement in latest.filter(newest=1).only("indicator_id", "period", "value", "not_published"):
        indicator = indicators[measurement.indicator_id]
        rated = rating.rate(
            measurement.value,
            target=indicator.target,
            polarity=indicator.polarity,
            amber_tolerance=indicator.amber_tolerance,
            is_context=indicator.is_context,
            not_published=measurement.not_published,
        )
        found[measurement.indicator_id] = (measurement.period, rated.code)
    return found


# --- indicator definitions ----------------------------------------------------


def indicator_errors(indicator: Indicator, frequency_before=None) -> dict[str, list[str]]:
    """Problems with an indicator's definition that the database would refuse less politely."""
    errors: dict[str, list[str]] = {}
    code = (indicator.code or "").strip()
    taken = Indicator.objects.current().filter(partnership_id=indicator.partnership_id, code__iexact=code)
    if code and taken.exclude(pk=indicator.pk).exists():
        errors["code"] = [f"The partnership already has an indicator with the code {code}"]
    errors |= objects_outside(
        indicator.partnership_id, source_agency=indicator.source_agency, priority=indicator.priority
    )
    for name, words in NUMBER_FIELDS.items():
        value = getattr(indicator, name)
        if value is not None and value < 0:
            errors[name] = [f"The {words} cannot be negative"]
    changed_frequency = frequency_before is not None and indicator.frequency != frequency_before
    if changed_frequency and indicator.measurements.current().exists():
        # Its values are for quarters (or years); a new frequency would leave them meaningless.
        errors["frequency"] = [f"{code} already has values, so its frequency cannot change"]
    return errors


def indicator_create(membership, **fields) -> Indicator:
    """Add an indicator to the member's partnership (business manager and steering group only)."""
    if not access.can_manage_indicators(membership):
        raise PermissionDenied("Only the business manager and steering group can add indicators.")
    return _indicator_save(membership, Indicator(partnership=membership.partnership), fields)


def indicator_update(membership, indicator: Indicator, *, version=None, **changes) -> Indicator:
    """Change an indicator's definition, target or tolerance, or take it off the scorecard (``is_active``).

    ``version``: the version the change was made from (``StaleVersion`` if someone saved one since).
    """
    if not access.can_manage_indicators(membership) or indicator.partnership_id != membership.partnership_id:
        raise PermissionDenied("Only the business manager and steering group can change indicators.")
    refuse_if_withdrawn(indicator)
    return _indicator_save(membership, indicator, changes, version)


def indicator_withdraw(membership, indicator: Indicator, reason) -> Indicator:
    """Withdraw an indicator (one that should never have been on the framework): it leaves the scorecard,
    lists, the quarter entry form, reports and exports, and keeps its page, values and history.

    Taking a sound indicator off the scorecard is ``is_active``, not this.
    """
    if not access.can_manage_indicators(membership) or indicator.partnership_id != membership.partnership_id:
        raise PermissionDenied("Only the business manager and steering group can withdraw indicators.")
    return withdraw(indicator, membership.user, reason)


def measurement_withdraw(membership, measurement: Measurement, reason) -> Measurement:
    """Withdraw one period's value (recorded by mistake): the scorecard and reports go back to the figures
    before it; the value stays on record with who withdrew it and why. Whoever may record it may withdraw it."""
    refuse_if_withdrawn(measurement)
    if not access.can_record_measurement(membership, measurement.indicator):
        raise PermissionDenied(f"You cannot withdraw values of {measurement.indicator.code}.")
    partnership = measurement.indicator.partnership
    with transaction.atomic():
        withdrawn = withdraw(measurement, membership.user, reason)
        # The withdrawal's reason is the correction's: a locked quarter's value withdrawn is listed too.
        if measurement.period in locked_periods(partnership, [measurement.period]):
            correction_record(
                membership.user,
                partnership,
                measurement.period,
                subject=f"{measurement.indicator.code} {measurement.indicator.name}, {measurement.period}",
                change=f"{_in_words(measurement)} → withdrawn",
                reason=reason,
            )
    return withdrawn


@transaction.atomic
def _indicator_save(membership, indicator: Indicator, fields, version=None) -> Indicator:
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not an indicator field: {', '.join(sorted(unknown))}")
    refuse_stale(indicator, version)
    if "code" in fields:
        fields = {**fields, "code": (fields["code"] or "").strip()}
    changed = indicator.pk is None or any(getattr(indicator, name) != value for name, value in fields.items())
    frequency_before = indicator.frequency if indicator.pk else None
    for name, value in fields.items():
        setattr(indicator, name, value)
    if not changed:
        return indicator  # nothing to write: no empty history record
    try:
        errors = indicator_errors(indicator, frequency_before)
        try:
            indicator.full_clean(exclude=list(errors))
        except ValidationError as error:  # every problem at once, not the first kind found
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)
    except ValidationError:
        if indicator.pk is not None:
            indicator.refresh_from_db()  # a refused change leaves no trace, not even in memory
        raise
    indicator._history_user = membership.user
    indicator.save()
    return indicator
