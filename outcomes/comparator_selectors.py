"""Reads of comparator values: England, regional and neighbours' figures beside an indicator's own.

A comparator figure is marked "Older than two years" when its period ended more than two years
before the figure it is compared with: the indicator's latest value's period, or today for an
indicator without values (decision 44). The scorecard compares each indicator with England and the
statistical neighbours' average for the latest comparable period; the indicator page shows every series.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from neglect_portal.periods import Period
from outcomes import rating
from outcomes.models import ComparatorKind, ComparatorValue, Measurement

STALE_YEARS = 2
STALE_WORDS = "Older than two years"
# The series the scorecard shows beside each indicator, with the short word it uses for each.
SCORECARD_SERIES = ((ComparatorKind.ENGLAND, "England"), (ComparatorKind.NEIGHBOURS, "neighbours"))


def stale_before(reference: datetime.date) -> datetime.date:
    """The day two years before ``reference``: a period ending before it is older than two years."""
    try:
        return reference.replace(year=reference.year - STALE_YEARS)
    except ValueError:  # 29 February
        return reference.replace(year=reference.year - STALE_YEARS, day=28)


def is_stale(period: str, reference: datetime.date) -> bool:
    return Period.parse(period).end < stale_before(reference)


def reference_date(latest_period: str | None, today=None) -> datetime.date:
    """What a comparator's age is measured against: the end of the indicator's latest period, or today."""
    if latest_period:
        return Period.parse(latest_period).end
    return today or timezone.localdate()


@dataclass
class Comparison:
    """One comparator figure, ready to show (plain data: a report's snapshot keeps it)."""

    kind: str
    series: str  # "England", "Statistical neighbours' average", "West Midlands"
    short: str  # the scorecard's word: "England", "neighbours"
    period: str
    value: str  # exact, as text ("42.1")
    display: str  # with its unit ("42.1 per 10,000")
    source: str
    published: str  # ISO date
    stale: bool
    is_illustrative: bool = False

    @property
    def published_date(self) -> datetime.date:
        return datetime.date.fromisoformat(self.published)

    @property
    def stale_words(self) -> str:
        return STALE_WORDS if self.stale else ""


def comparison(comparator: ComparatorValue, unit: str, reference: datetime.date, short: str = "") -> Comparison:
    return Comparison(
        kind=comparator.kind,
        series=comparator.series,
        short=short or comparator.series,
        period=comparator.period,
        value=rating.plain(comparator.value),
        display=rating.display(comparator.value, unit),
        source=comparator.source,
        published=comparator.published.isoformat(),
        stale=is_stale(comparator.period, reference),
        is_illustrative=comparator.is_illustrative,
    )


def _known_at(as_of: Period) -> Q:
    """Figures published by the end of ``as_of``, for periods that had begun by then."""
    return Q(published__lte=as_of.end, period_start__lte=as_of.start)


def comparator_values_by_indicator(indicators, as_of: Period | None = None) -> dict[int, list[ComparatorValue]]:
    """The current comparator figures of ``indicators`` (objects or ids), oldest first, in one query."""
    ids = [getattr(indicator, "pk", indicator) for indicator in indicators]
    if not ids:
        return {}
    values = ComparatorValue.objects.current().filter(indicator_id__in=ids)
    if as_of is not None:
        values = values.filter(_known_at(as_of))
    found: dict[int, list[ComparatorValue]] = {}
    for value in values.order_by("indicator_id", "period_start", "period"):
        found.setdefault(value.indicator_id, []).append(value)
    return found


def _comparable(values: list[ComparatorValue], latest: Period | None) -> ComparatorValue | None:
    """The figure to set beside the latest value: the same period's if there is one, else the newest that had
    ended by the end of the latest period (of the same kind of period where two end together)."""
    if latest is None:
        return max(values, key=lambda v: (v.period_obj.end, v.period_obj.is_quarter), default=None)
    same = next((v for v in values if v.period == latest.label), None)
    if same is not None:
        return same
    earlier = [v for v in values if v.period_obj.end <= latest.end]
    return max(earlier, key=lambda v: (v.period_obj.end, v.period_obj.is_quarter == latest.is_quarter), default=None)


def scorecard_comparisons(values: list[ComparatorValue], unit: str, latest_period: str | None, today=None):
    """England and the statistical neighbours' average for the scorecard row whose latest period is given."""
    latest = Period.parse(latest_period) if latest_period else None
    reference = reference_date(latest_period, today)
    found = []
    for kind, short in SCORECARD_SERIES:
        chosen = _comparable([v for v in values if v.kind == kind], latest)
        if chosen is not None:
            found.append(comparison(chosen, unit, reference, short))
    return found


# --- the indicator page --------------------------------------------------------------


@dataclass
class ComparatorRow:
    comparison: Comparison
    pk: int
    number: float


@dataclass
class ComparatorSeries:
    """One comparator series of an indicator (England, a region, a neighbour), its figures newest first."""

    kind: str
    series: str
    rows: list[ComparatorRow] = field(default_factory=list)


KIND_ORDER = {kind: position for position, kind in enumerate(ComparatorKind.values)}


def indicator_comparators(indicator, latest_period: str | None, today=None) -> list[ComparatorSeries]:
    """Every current comparator series of an indicator, England first, in one query."""
    reference = reference_date(latest_period, today)
    values = list(indicator.comparator_values.current().order_by("-period_start", "-period"))
    series: dict[tuple, ComparatorSeries] = {}
    for value in sorted(values, key=lambda v: (KIND_ORDER.get(v.kind, 99), v.name.casefold())):
        key = (value.kind, value.name.casefold())
        found = series.setdefault(key, ComparatorSeries(value.kind, value.series))
        found.rows.append(ComparatorRow(comparison(value, indicator.unit, reference), value.pk, float(value.value)))
    for found in series.values():
        found.rows.sort(key=lambda row: (Period.parse(row.comparison.period).end, row.comparison.period), reverse=True)
    return list(series.values())


def chart_lines(series: list[ComparatorSeries], labels: list[str]) -> tuple[tuple[str, tuple], ...]:
    """Each series' figures at the chart's periods, ``(name, values)``; None where it has none.

    A financial year's figure on a chart of quarters is drawn at the year's fourth quarter.
    """
    lines = []
    for one in series:
        at = {}
        for row in one.rows:
            period = Period.parse(row.comparison.period)
            label = period.label
            if not period.is_quarter and labels and Period.parse(labels[-1]).is_quarter:
                label = f"{period.label} Q4"
            at.setdefault(label, row.number)
        values = tuple(at.get(label) for label in labels)
        if any(value is not None for value in values):
            lines.append((one.series, values))
    return tuple(lines)


def withdrawn_comparators(indicator) -> list[ComparatorValue]:
    return list(indicator.comparator_values.withdrawn().select_related("withdrawn_by"))


def comparator_for(partnership, pk) -> ComparatorValue:
    """One comparator figure of the partnership's indicators; other partnerships' answer 404."""
    queryset = ComparatorValue.objects.for_partnership(partnership).select_related("indicator")
    return get_object_or_404(queryset, pk=pk)


def _latest_periods():
    """Each figure's indicator's latest value's period, as a subquery (what its age is measured against)."""
    latest = Measurement.objects.current().filter(indicator_id=OuterRef("indicator_id"))
    return Subquery(latest.order_by("-period_start", "-period").values("period")[:1])


def comparator_values_in(partnership_ids):
    """The comparator figures of these partnerships' indicators, withdrawn ones too, for the API: each with
    its indicator's latest period (``latest_period``), so a page of them is read in one query."""
    return (
        ComparatorValue.objects.select_related("indicator", "entered_by", "withdrawn_by")
        .filter(indicator__partnership_id__in=partnership_ids)
        .annotate(latest_period=_latest_periods())
    )


def latest_period_of(indicator) -> str | None:
    latest = indicator.measurements.current().order_by("-period_start", "-period").first()
    return latest.period if latest else None
