"""Reads of the outcomes framework: the scorecard, built in two queries whatever its size.

The scorecard is plain data (strings and numbers, no models) so that the web
page, the spreadsheet export and a quarterly report's frozen snapshot are all
made from the same structure.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from neglect_portal.periods import Period
from outcomes import rating
from outcomes.models import Indicator, Measurement, RBACategory

TREND_POINTS = 8


@dataclass
class Figure:
    """One period's value of an indicator, ready to show."""

    period: str
    value: str  # the number as text, exact ("147", "51.8")
    display: str  # with its unit ("51.8 per 10,000")
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""
    small_number: bool = False


@dataclass
class ScorecardRow:
    indicator_id: int
    code: str
    name: str
    rba_category: str
    unit: str
    polarity: str
    polarity_label: str
    frequency: str
    is_context: bool
    source_agency: str
    priority_number: int | None
    target: str  # "" when there is none
    target_display: str
    latest: Figure | None
    previous: Figure | None
    year_earlier: Figure | None
    change_previous: str  # "up 33%"
    change_year: str
    rag: str | None  # green / amber / red / None
    rag_label: str
    rag_colour: str
    rag_reason: str
    travel_symbol: str
    travel_words: str
    trend: list[tuple[str, float]] = field(default_factory=list)  # (period, value), oldest first

    @property
    def trend_values(self) -> tuple[float, ...]:
        return tuple(value for _, value in self.trend)

    @property
    def trend_periods(self) -> str:
        return f"{self.trend[0][0]} to {self.trend[-1][0]}" if self.trend else ""


@dataclass
class ScorecardGroup:
    category: str
    label: str
    rows: list[ScorecardRow]


@dataclass
class Scorecard:
    as_of: str | None  # a period label, or None for the latest figure of each indicator
    groups: list[ScorecardGroup]
    small_number_threshold: int

    @property
    def rows(self) -> list[ScorecardRow]:
        return [row for group in self.groups for row in group.rows]

    def rag_counts(self) -> dict[str, int]:
        counts = {"green": 0, "amber": 0, "red": 0, "not_rated": 0}
        for row in self.rows:
            counts[row.rag or "not_rated"] += 1
        return counts

    def as_data(self) -> dict:
        """JSON-ready data (for a report snapshot); :func:`scorecard_from_data` reads it back."""
        return dataclasses.asdict(self)


def scorecard(partnership, *, as_of: Period | None = None, priority=None) -> Scorecard:
    """Every active indicator of the partnership grouped by RBA question, with its latest figure.

    ``as_of``: only figures for periods that had ended by the end of this period
    count (a quarterly report shows what was known at its quarter). ``priority``:
    only the indicators linked to it. Two queries, whatever the number of
    indicators and periods.
    """
    indicators = Indicator.objects.filter(partnership=partnership, is_active=True).select_related(
        "source_agency", "priority"
    )
    if priority is not None:
        indicators = indicators.filter(priority=priority)
    indicators = list(indicators.order_by("code"))
    measurements = Measurement.objects.filter(indicator__in=indicators).order_by("period_start", "period")
    if as_of is not None:
        measurements = measurements.filter(Q(period_start__lte=as_of.start))
    by_indicator: dict[int, list[Measurement]] = {}
    for measurement in measurements:
        if as_of is not None and measurement.period_obj.end > as_of.end:
            continue
        by_indicator.setdefault(measurement.indicator_id, []).append(measurement)

    threshold = settings.SMALL_NUMBER_THRESHOLD
    rows = [scorecard_row(indicator, by_indicator.get(indicator.pk, []), threshold) for indicator in indicators]
    groups = [
        ScorecardGroup(category.value, category.label, [row for row in rows if row.rba_category == category.value])
        for category in RBACategory
    ]
    return Scorecard(as_of.label if as_of else None, [g for g in groups if g.rows], threshold)


def scorecard_row(indicator: Indicator, measurements: list[Measurement], threshold: int) -> ScorecardRow:
    """One indicator's row from its measurements (oldest first)."""
    by_period = {m.period: m for m in measurements}
    latest = measurements[-1] if measurements else None
    period = latest.period_obj if latest else None
    previous = by_period.get(period.previous().label) if period else None
    year_earlier = by_period.get(period.year_earlier().label) if period else None
    value = latest.value if latest else None
    on_previous = rating.change(value, previous.value if previous else None, indicator.unit)
    on_year = rating.change(value, year_earlier.value if year_earlier else None, indicator.unit)
    rag = rating.rate(
        value,
        target=indicator.target,
        polarity=indicator.polarity,
        amber_tolerance=indicator.amber_tolerance,
        is_context=indicator.is_context,
    )
    travel = rating.travel(on_previous, indicator.polarity)
    return ScorecardRow(
        indicator_id=indicator.pk,
        code=indicator.code,
        name=indicator.name,
        rba_category=indicator.rba_category,
        unit=indicator.unit,
        polarity=indicator.polarity,
        polarity_label=indicator.get_polarity_display(),
        frequency=indicator.frequency,
        is_context=indicator.is_context,
        source_agency=indicator.source_agency.name if indicator.source_agency else "",
        priority_number=indicator.priority.number if indicator.priority else None,
        target=rating.plain(indicator.target),
        target_display=rating.display(indicator.target, indicator.unit) if indicator.target is not None else "",
        latest=figure(indicator, latest, threshold),
        previous=figure(indicator, previous, threshold),
        year_earlier=figure(indicator, year_earlier, threshold),
        change_previous=on_previous.words,
        change_year=on_year.words,
        rag=rag.code,
        rag_label=rag.label,
        rag_colour=rag.colour,
        rag_reason=rag.reason,
        travel_symbol=travel.symbol,
        travel_words=travel.words,
        trend=[(m.period, float(m.value)) for m in measurements[-TREND_POINTS:]],
    )


def indicator_rows(indicators: list[Indicator]) -> dict[int, ScorecardRow]:
    """Each indicator's scorecard row (latest figure, changes, RAG, travel) by its id, in one query for them all.

    For lists of indicators that are not a whole scorecard, such as a page of the API's
    indicator list. Select the indicators with their ``source_agency`` and ``priority``.
    """
    by_indicator: dict[int, list[Measurement]] = {}
    for measurement in Measurement.objects.filter(indicator__in=indicators).order_by("period_start", "period"):
        by_indicator.setdefault(measurement.indicator_id, []).append(measurement)
    threshold = settings.SMALL_NUMBER_THRESHOLD
    return {i.pk: scorecard_row(i, by_indicator.get(i.pk, []), threshold) for i in indicators}


def figure(indicator: Indicator, measurement: Measurement | None, threshold: int) -> Figure | None:
    if measurement is None:
        return None
    return Figure(
        period=measurement.period,
        value=rating.plain(measurement.value),
        display=rating.display(measurement.value, indicator.unit),
        numerator=measurement.numerator,
        denominator=measurement.denominator,
        note=measurement.note,
        small_number=rating.is_small_number(
            value=measurement.value, denominator=measurement.denominator, unit=indicator.unit, threshold=threshold
        ),
    )


def scorecard_from_data(data: dict) -> Scorecard:
    """A :class:`Scorecard` back from :meth:`Scorecard.as_data` (for example out of a report snapshot)."""

    def row(values):
        values = dict(values)
        for name in ("latest", "previous", "year_earlier"):
            values[name] = Figure(**values[name]) if values[name] else None
        values["trend"] = [tuple(point) for point in values["trend"]]
        return ScorecardRow(**values)

    groups = [ScorecardGroup(g["category"], g["label"], [row(r) for r in g["rows"]]) for g in data.get("groups", [])]
    return Scorecard(data.get("as_of"), groups, data.get("small_number_threshold", settings.SMALL_NUMBER_THRESHOLD))
