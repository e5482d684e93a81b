"""Reads of the outcomes framework: the scorecard, built in two queries whatever its size.

The scorecard is plain data (strings and numbers, no models) so that the web
page, the spreadsheet export and a quarterly report's frozen snapshot are all
made from the same structure.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import F, Min, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404

from accounts import access
from accounts.models import Agency
from neglect_portal.periods import Period, current_quarter
from outcomes import rating
from outcomes.comparator_selectors import Comparison, comparator_values_by_indicator, scorecard_comparisons
from outcomes.history import IndicatorHistoryEntry, indicator_history
from outcomes.models import BY_QUARTER, Indicator, Measurement, Polarity, RBACategory, Unit
from priorities.models import Priority

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
    is_illustrative: bool = False  # invented for demonstration, not a published figure
    is_estimated: bool = False  # an estimate, as the person who entered it said: not yet the final figure
    not_published: str = ""  # the source's marker ("<5", "*") of a figure it did not publish; value is then ""
    # As published (outcomes.published, decision 48): the value (then "", display "[c]"), numerator or denominator
    # hidden as a small number, or the counts rounded; or, for those who see the figures as recorded, what the
    # outputs do to it ("Suppressed in outputs").
    suppressed: bool = False
    numerator_suppressed: bool = False
    denominator_suppressed: bool = False
    rounded: bool = False
    in_outputs: str = ""


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
    # In a quarterly report: the latest figure is older than the same quarter a year earlier, so it is not rated.
    out_of_date: bool = False
    # The latest period's figure was not published by its source ("<5"): shown as such, not rated, not compared.
    not_published_latest: bool = False
    # The numerator and denominator of each point of the trend, so a point resting on a small number is left out.
    trend_parts: list[tuple[int | None, int | None]] = field(default_factory=list)
    # England and the statistical neighbours' average for the latest comparable period (decision 44).
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def comparison_words(self) -> str:
        """ "England 42.1 per 10,000 / neighbours 47 per 10,000"."""
        return " / ".join(f"{c.short} {c.display}" for c in self.comparisons)

    @property
    def comparison_periods(self) -> str:
        """The comparators' period, once when they share it: "2025/26", or "England 2025/26, neighbours 2024/25"."""
        periods = {c.period for c in self.comparisons}
        if len(periods) == 1:
            return periods.pop()
        return ", ".join(f"{c.short} {c.period}" for c in self.comparisons)

    @property
    def stale_comparisons(self) -> str:
        """Which comparators are older than two years: "" (none), "all", or "England"."""
        stale = [c.short for c in self.comparisons if c.stale]
        if not stale:
            return ""
        return "all" if len(stale) == len(self.comparisons) else " and ".join(stale)

    @property
    def illustrative_comparisons(self) -> bool:
        return any(c.is_illustrative for c in self.comparisons)

    @property
    def trend_values(self) -> tuple[float, ...]:
        return tuple(value for _, value in self.trend)

    @property
    def trend_periods(self) -> str:
        return f"{self.trend[0][0]} to {self.trend[-1][0]}" if self.trend else ""

    @property
    def trend_words(self) -> str:
        """What the trend line shows, as its alt text.

        "Up from 60.3% in 2025/26 Q1 to 64.8% in 2026/27 Q2, target 75%".
        """
        if len(self.trend) < 2:
            return ""
        (first_period, first), (last_period, last) = self.trend[0], self.trend[-1]
        first_text, last_text = rating.display(first, self.unit), rating.display(last, self.unit)
        if first_text == last_text:
            words = f"Level at {last_text} from {first_period} to {last_period}"
        else:
            direction = "Up" if last > first else "Down"
            words = f"{direction} from {first_text} in {first_period} to {last_text} in {last_period}"
        return f"{words}, target {self.target_display}" if self.target_display else words


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
    suppression_note: str = ""  # the footnote of figures suppressed or rounded as published (outcomes.published)

    @property
    def rows(self) -> list[ScorecardRow]:
        return [row for group in self.groups for row in group.rows]

    def rag_counts(self) -> dict[str, int]:
        """Indicators by RAG; one whose latest figure was not published is among the not rated."""
        counts = {"green": 0, "amber": 0, "red": 0, "not_rated": 0}
        for row in self.rows:
            counts[row.rag or "not_rated"] += 1
        return counts

    @property
    def not_published_count(self) -> int:
        return sum(row.not_published_latest for row in self.rows)

    def as_data(self) -> dict:
        """JSON-ready data (for a report snapshot); :func:`scorecard_from_data` reads it back."""
        return dataclasses.asdict(self)


def scorecard(partnership, *, as_of: Period | None = None, priority=None, comparators=True) -> Scorecard:
    """Every active indicator of the partnership grouped by RBA question, with its latest figure.

    ``as_of``: only figures for periods that had ended by the end of this period
    count (a quarterly report shows what was known at its quarter). ``priority``:
    only the indicators linked to it. Two queries, whatever the number of
    indicators and periods, reading only the values the scorecard shows, and
    one more for the England and neighbours' figures unless ``comparators`` is false.
    """
    indicators = (
        Indicator.objects.current()
        .filter(partnership=partnership, is_active=True)
        .select_related("source_agency", "priority")
    )
    if priority is not None:
        indicators = indicators.filter(priority=priority)
    indicators = list(indicators.order_by("code"))
    by_indicator = shown_measurements(indicators, as_of=as_of)

    threshold = settings.SMALL_NUMBER_THRESHOLD
    rows = [scorecard_row(indicator, by_indicator.get(indicator.pk, []), threshold) for indicator in indicators]
    found_by_indicator = comparator_values_by_indicator(indicators, as_of=as_of) if comparators else {}
    for row, indicator in zip(rows, indicators, strict=True):
        latest = row.latest.period if row.latest else None
        found = found_by_indicator.get(indicator.pk, [])
        row.comparisons = scorecard_comparisons(found, indicator.unit, latest, today=as_of.end if as_of else None)
    groups = [
        ScorecardGroup(category.value, category.label, [row for row in rows if row.rba_category == category.value])
        for category in RBACategory
    ]
    return Scorecard(as_of.label if as_of else None, [g for g in groups if g.rows], threshold)


def _months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    return day.replace(year=index // 12, month=index % 12 + 1)


def _known_at(as_of: Period) -> Q:
    """Values of periods that had ended by the end of ``as_of`` (a quarter ends three months after it starts)."""
    after = as_of.next().start
    quarter = Q(period__contains="Q")
    return Q(period_start__lte=as_of.start) & (
        (quarter & Q(period_start__lte=_months_before(after, 3)))
        | (~quarter & Q(period_start__lte=_months_before(after, 12)))
    )


@dataclass(slots=True)
class ShownValue:
    """What a scorecard row, its figures and a turn-the-curve chart read of a measurement.

    A scorecard of a hundred indicators reads a thousand values: as models, with who entered each and its
    version, they cost more than the rest of the scorecard.
    """

    indicator_id: int
    period: str
    period_start: datetime.date
    value: object  # a Decimal, or None when not published
    not_published: str
    numerator: int | None
    denominator: int | None
    note: str
    is_illustrative: bool
    is_estimated: bool

    @property
    def is_published(self) -> bool:
        return not self.not_published

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)


SHOWN_FIELDS = tuple(f.name for f in dataclasses.fields(ShownValue))


def shown_measurements(indicators, *, as_of: Period | None = None) -> dict[int, list[ShownValue]]:
    """The last ``TREND_POINTS`` values of each indicator, oldest first: all that a scorecard row shows.

    One windowed query, never an indicator's whole history. The previous and year-earlier periods
    are always among them: between a quarter and the same quarter a year earlier lie at most three
    quarters and one year's value, and between two years at most the four quarters of the first.
    """
    ids = [indicator.pk for indicator in indicators]
    if not ids:
        return {}
    values = Measurement.objects.current().filter(indicator_id__in=ids)
    if as_of is not None:
        values = values.filter(_known_at(as_of))
    newest_first = Window(
        RowNumber(), partition_by=[F("indicator_id")], order_by=[F("period_start").desc(), F("period").desc()]
    )
    recent = values.annotate(newest=newest_first).filter(newest__lte=TREND_POINTS)
    by_indicator: dict[int, list[ShownValue]] = {}
    for row in recent.order_by("indicator_id", "period_start", "period").values_list(*SHOWN_FIELDS):
        value = ShownValue(*row)
        by_indicator.setdefault(value.indicator_id, []).append(value)
    return by_indicator


def report_scorecard(partnership, quarter: Period) -> Scorecard:
    """The scorecard as known at the end of a report's ``quarter``, with out-of-date figures not rated.

    A latest figure for a period that ended before the same quarter a year earlier began (a
    2019/20 figure in a 2026/27 report) is not news: it is kept, marked ``out_of_date`` ("last
    reported 2019/20") and left out of the RAG counts, so the board is not told it is the latest.
    """
    card = scorecard(partnership, as_of=quarter)
    oldest = quarter.year_earlier().start
    for group in card.groups:
        group.rows = [_out_of_date(row) if _older(row, oldest) else row for row in group.rows]
    return card


def _older(row: ScorecardRow, oldest) -> bool:
    return row.latest is not None and Period.parse(row.latest.period).end < oldest


def _out_of_date(row: ScorecardRow) -> ScorecardRow:
    return dataclasses.replace(
        row,
        out_of_date=True,
        rag=None,
        rag_label="Not rated",
        rag_colour="grey",
        rag_reason=f"Last reported {row.latest.period}: too old to rate this quarter",
    )


def scorecard_row(indicator: Indicator, measurements: list[Measurement], threshold: int) -> ScorecardRow:
    """One indicator's row from its measurements (oldest first; those of :func:`shown_measurements` suffice)."""
    by_period = {m.period: m for m in measurements}
    latest = measurements[-1] if measurements else None
    period = latest.period_obj if latest else None
    previous = by_period.get(period.previous().label) if period else None
    year_earlier = by_period.get(period.year_earlier().label) if period else None
    on_previous = change_between(indicator, latest, previous)
    on_year = change_between(indicator, latest, year_earlier)
    rag = rate_measurement(indicator, latest)
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
        # Published figures only: the sparkline joins the ones either side of a figure not published.
        trend=[(m.period, float(m.value)) for m in measurements[-TREND_POINTS:] if m.is_published],
        trend_parts=[(m.numerator, m.denominator) for m in measurements[-TREND_POINTS:] if m.is_published],
        not_published_latest=bool(latest and not latest.is_published),
    )


def change_between(indicator, measurement, earlier) -> rating.Change:
    """The change from ``earlier`` to ``measurement`` (either may be None or a figure not published)."""
    return rating.change(
        measurement.value if measurement else None,
        earlier.value if earlier else None,
        indicator.unit,
        current_not_published=bool(measurement and not measurement.is_published),
        previous_not_published=bool(earlier and not earlier.is_published),
    )


def rate_measurement(indicator, measurement) -> rating.Rating:
    """The RAG of one period's figure; a figure not published is not rated."""
    return rating.rate(
        measurement.value if measurement else None,
        target=indicator.target,
        polarity=indicator.polarity,
        amber_tolerance=indicator.amber_tolerance,
        is_context=indicator.is_context,
        not_published=measurement.not_published if measurement else "",
    )


def indicator_rows(indicators: list[Indicator]) -> dict[int, ScorecardRow]:
    """Each indicator's scorecard row (latest figure, changes, RAG, travel) by its id, in one query for them all.

    For lists of indicators that are not a whole scorecard, such as a page of the API's
    indicator list. Select the indicators with their ``source_agency`` and ``priority``.
    """
    by_indicator = shown_measurements(indicators)
    threshold = settings.SMALL_NUMBER_THRESHOLD
    return {i.pk: scorecard_row(i, by_indicator.get(i.pk, []), threshold) for i in indicators}


def figure(indicator: Indicator, measurement: Measurement | None, threshold: int) -> Figure | None:
    if measurement is None:
        return None
    return Figure(
        period=measurement.period,
        value=rating.plain(measurement.value),
        display=rating.display(measurement.value, indicator.unit, measurement.not_published),
        numerator=measurement.numerator,
        denominator=measurement.denominator,
        note=measurement.note,
        small_number=rating.is_small_number(
            value=measurement.value, denominator=measurement.denominator, unit=indicator.unit, threshold=threshold
        ),
        is_illustrative=measurement.is_illustrative,
        is_estimated=measurement.is_estimated,
        not_published=measurement.not_published,
    )


def scorecard_from_data(data: dict) -> Scorecard:
    """A :class:`Scorecard` back from :meth:`Scorecard.as_data` (for example out of a report snapshot)."""

    def row(values):
        values = dict(values)
        for name in ("latest", "previous", "year_earlier"):
            values[name] = Figure(**values[name]) if values[name] else None
        values["trend"] = [tuple(point) for point in values["trend"]]
        values["trend_parts"] = [tuple(parts) for parts in values.get("trend_parts", [])]
        values["comparisons"] = [Comparison(**c) for c in values.get("comparisons", [])]
        return ScorecardRow(**values)

    groups = [ScorecardGroup(g["category"], g["label"], [row(r) for r in g["rows"]]) for g in data.get("groups", [])]
    threshold = data.get("small_number_threshold", settings.SMALL_NUMBER_THRESHOLD)
    return Scorecard(data.get("as_of"), groups, threshold, data.get("suppression_note", ""))


# --- the indicator page ------------------------------------------------------


@dataclass
class PeriodRow:
    """One period of an indicator's table: its value, the change on the period before, RAG and note."""

    period: str
    value: str  # "1,204"; "" when not published
    number: float | None  # for the chart; None (a gap) when not published
    display: str
    numerator: int | None
    denominator: int | None
    change: str
    rag_label: str
    rag_colour: str
    rag_reason: str
    small_number: bool
    note: str
    is_illustrative: bool
    measurement_id: int | None = None
    is_estimated: bool = False
    not_published: str = ""
    # As published or marked (outcomes.published), as on the scorecard's Figure.
    suppressed: bool = False
    numerator_suppressed: bool = False
    denominator_suppressed: bool = False
    in_outputs: str = ""


@dataclass
class IndicatorPage:
    indicator: Indicator
    rows: list[PeriodRow]  # newest first
    history: list[IndicatorHistoryEntry]  # newest first
    withdrawn_values: list[Measurement] = field(default_factory=list)
    suppression_note: str = ""  # the footnote of values published as [c] or rounded (outcomes.published)

    @cached_property
    def chart_series(self) -> list[tuple[str, float | None]]:
        """(period, value) from the first period to the latest, oldest first; a period without a value is a gap.

        Only periods of the latest value's kind (quarters or years) are drawn,
        and at most the last ``CHART_POINTS`` of them.
        """
        if not self.rows:
            return []
        quarterly = Period.parse(self.rows[0].period).is_quarter
        values = {row.period: row.number for row in self.rows if Period.parse(row.period).is_quarter == quarterly}
        first, period = min(Period.parse(label) for label in values), Period.parse(self.rows[0].period)
        series = []
        while period >= first and len(series) < CHART_POINTS:
            series.append((period.label, values.get(period.label)))
            period = period.previous()
        return series[::-1]

    @property
    def chart_labels(self) -> list[str]:
        return [label for label, _ in self.chart_series]

    @property
    def chart_values(self) -> list[float | None]:
        return [value for _, value in self.chart_series]

    @property
    def has_ratio(self) -> bool:
        """Whether the numerator and denominator columns mean anything for this indicator."""
        return self.indicator.unit in RATIO_UNITS or any(row.denominator is not None for row in self.rows)

    @property
    def is_rated(self) -> bool:
        """Whether any period can be rated: not for context measures, either-way indicators or without a target."""
        indicator = self.indicator
        return not indicator.is_context and indicator.polarity != Polarity.NEITHER and indicator.target is not None

    @property
    def has_small_numbers(self) -> bool:
        return any(row.small_number for row in self.rows)

    @property
    def has_estimates(self) -> bool:
        return any(row.is_estimated for row in self.rows)

    @property
    def has_chart(self) -> bool:
        return sum(value is not None for value in self.chart_values) > 1

    @property
    def latest(self) -> PeriodRow | None:
        return self.rows[0] if self.rows else None

    @property
    def last_published(self) -> PeriodRow | None:
        return next((row for row in self.rows if not row.not_published), None)

    def _shown(self, value) -> str:
        return rating.display(value, self.indicator.unit) if value is not None else ""

    @property
    def baseline_display(self) -> str:
        return self._shown(self.indicator.baseline)

    @property
    def target_display(self) -> str:
        return self._shown(self.indicator.target)

    @property
    def tolerance_display(self) -> str:
        tolerance = self.indicator.amber_tolerance
        if tolerance is None:
            return ""
        if self.indicator.unit == Unit.PERCENTAGE:
            # A tolerance on a percentage is a distance in points, not a percentage of the target.
            return f"{rating.plain(tolerance)} percentage point{'' if tolerance == 1 else 's'}"
        return self._shown(tolerance)

    @property
    def chart_alt(self) -> str:
        labels = self.chart_labels
        target = f", with the target of {self.target_display} as a dashed line" if self.target_display else ""
        return (
            f"Line chart of {self.indicator.code} from {labels[0]} to {labels[-1]}{target}. "
            "The same figures are in the table below."
        )


def indicator_for(partnership, pk) -> Indicator:
    """One indicator of the partnership, active or not; other partnerships' indicators answer 404."""
    queryset = Indicator.objects.filter(partnership=partnership).select_related(
        "source_agency", "priority__strategy", "withdrawn_by"
    )
    return get_object_or_404(queryset, pk=pk)


def measurement_for(partnership, pk) -> Measurement:
    """One value of the partnership's indicators; other partnerships' values answer 404."""
    queryset = Measurement.objects.for_partnership(partnership).select_related("indicator")
    return get_object_or_404(queryset, pk=pk)


def indicator_measurements(indicator) -> list[Measurement]:
    """The indicator's current values, oldest first."""
    return list(indicator.measurements.current().order_by("period_start", "period"))


def period_rows(indicator, measurements) -> list:
    """A row per value (``measurements`` oldest first), newest first, each with its change on the period before."""
    by_period = {m.period: m for m in measurements}
    threshold = settings.SMALL_NUMBER_THRESHOLD
    return [
        period_row(indicator, m, by_period.get(m.period_obj.previous().label), threshold)
        for m in reversed(measurements)
    ]


def indicator_page(partnership, pk) -> IndicatorPage:
    """An indicator with a row per period and the history of its definition and values, in six queries."""
    indicator = indicator_for(partnership, pk)
    rows = period_rows(indicator, indicator_measurements(indicator))
    withdrawn = list(indicator.measurements.withdrawn().select_related("withdrawn_by"))
    return IndicatorPage(indicator, rows, indicator_history(partnership, indicator), withdrawn)


def period_row(indicator, measurement, previous, threshold) -> PeriodRow:
    shown = figure(indicator, measurement, threshold)
    on_previous = change_between(indicator, measurement, previous)
    rag = rate_measurement(indicator, measurement)
    return PeriodRow(
        period=shown.period,
        value=shown.value,
        number=float(measurement.value) if measurement.is_published else None,
        display=shown.display,
        numerator=shown.numerator,
        denominator=shown.denominator,
        change=on_previous.words,
        rag_label=rag.label,
        rag_colour=rag.colour,
        rag_reason=rag.reason,
        small_number=shown.small_number,
        note=shown.note,
        is_illustrative=measurement.is_illustrative,
        is_estimated=measurement.is_estimated,
        measurement_id=measurement.pk,
        not_published=measurement.not_published,
    )


# --- lists and choices -------------------------------------------------------

AS_AT_LIMIT = 60  # quarters offered for "as at" on the scorecard: fifteen years
RECENT_QUARTERS = 12  # quarters offered for a new value: three years
RECENT_YEARS = 6
RATIO_UNITS = (Unit.PERCENTAGE, Unit.RATE_PER_10K)  # units worked out from a numerator and a denominator
CHART_POINTS = 40  # ten years of quarters on an indicator's chart


def as_at_quarters(partnership, today=None) -> list[Period]:
    """Quarters the scorecard can be read "as at": from the first recorded value to now, newest first."""
    recorded = Measurement.objects.current().filter(indicator__partnership=partnership)
    first = recorded.aggregate(first=Min("period_start"))["first"]
    last = current_quarter(today)
    start = Period.quarter_of(first) if first else last
    count = min(AS_AT_LIMIT, (last.year - start.year) * 4 + (last.quarter - start.quarter) + 1)
    return [last.shift(-offset) for offset in range(max(count, 1))]


def recordable_periods(indicator, measurements, today=None) -> list[Period]:
    """Periods a value may be entered for: recent ones up to now and any already recorded, newest first."""
    if indicator.frequency in BY_QUARTER:
        last, recent = current_quarter(today), RECENT_QUARTERS
    else:
        last, recent = current_quarter(today).financial_year(), RECENT_YEARS
    periods = {last.shift(-offset) for offset in range(recent)}
    periods |= {m.period_obj for m in measurements if m.period_obj.is_quarter == last.is_quarter}
    return sorted((p for p in periods if p <= last), reverse=True)


def default_period(indicator, labels: list[str], today=None) -> str:
    """The period a new value is most likely for: the last one to have ended."""
    if indicator.frequency in BY_QUARTER:
        ended = current_quarter(today).previous()
    else:
        ended = current_quarter(today).financial_year().previous()
    return ended.label if ended.label in labels else (labels[0] if labels else "")


def scorecard_priorities(partnership) -> list[Priority]:
    """The priorities an indicator may be linked to: those of every strategy of the partnership."""
    return list(
        Priority.objects.filter(strategy__partnership=partnership)
        .select_related("strategy")
        .order_by("-strategy__start_date", "strategy__title", "number")
    )


def indicators_for(partnership, withdrawn=False):
    """Every current indicator of the partnership, active or not (or those withdrawn), for the paginated list."""
    indicators = Indicator.objects.filter(partnership=partnership).select_related("source_agency", "priority")
    if withdrawn:
        return indicators.withdrawn().select_related("withdrawn_by")
    return indicators.current().order_by("-is_active", "code")


# --- the API's lists (the ids are the partnerships the user is an active member of) ---------------


def indicators_in(partnership_ids):
    """The indicators of these partnerships, withdrawn ones too, for the API to filter and page."""
    return Indicator.objects.select_related("partnership", "source_agency", "priority", "withdrawn_by").filter(
        partnership_id__in=partnership_ids
    )


def measurements_in(partnership_ids):
    """The values of these partnerships' indicators, withdrawn ones too, for the API to filter and page."""
    return Measurement.objects.select_related("indicator__partnership", "entered_by", "withdrawn_by").filter(
        indicator__partnership_id__in=partnership_ids
    )


def indicators_by_code(partnership) -> dict[str, Indicator]:
    """The partnership's indicators by code, and by case-folded code where that is unambiguous."""
    indicators = list(Indicator.objects.current().filter(partnership=partnership).select_related("partnership"))
    folded: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        folded.setdefault(indicator.code.casefold(), []).append(indicator)
    by_code = {code: found[0] for code, found in folded.items() if len(found) == 1}
    by_code.update({indicator.code: indicator for indicator in indicators})
    return by_code


# --- the quarter entry form ---------------------------------------------------


def supplying_agencies(partnership) -> list[Agency]:
    """The agencies a plan editor may enter a quarter's values for: all the partnership's."""
    return list(Agency.objects.of_partnership(partnership))


@dataclass
class EntryRow:
    """A quarterly indicator on the quarter entry form, with its value for the quarter and the one before."""

    indicator: Indicator
    current: Measurement | None
    previous: Measurement | None

    @property
    def previous_display(self) -> str:
        if self.previous is None:
            return ""
        return rating.display(self.previous.value, self.indicator.unit, self.previous.not_published)


def quarter_entry_rows(membership, quarter: Period, agency=None) -> list[EntryRow]:
    """The active quarterly indicators the member may record (of ``agency`` if given), in two queries."""
    indicators = (
        Indicator.objects.current()
        .filter(access.indicators_recordable_filter(membership), is_active=True, frequency__in=BY_QUARTER)
        .select_related("source_agency")
    )
    if agency is not None:
        indicators = indicators.filter(source_agency=agency)
    indicators = list(indicators.order_by("code"))
    labels = [quarter.label, quarter.previous().label]
    found = {
        (m.indicator_id, m.period): m
        for m in Measurement.objects.current().filter(indicator__in=indicators, period__in=labels)
    }
    return [EntryRow(i, found.get((i.pk, labels[0])), found.get((i.pk, labels[1]))) for i in indicators]


# --- the scorecard export -------------------------------------------------------


@dataclass
class ScorecardExport:
    scorecard: Scorecard
    priority: Priority | None


def scorecard_export(partnership, params) -> ScorecardExport:
    """The scorecard for the ``priority`` (a priority's id) and ``as_at`` (a period label) asked for.

    ``as_at`` is the scorecard page's own parameter, so its export link passes the
    page's query on; ``as_of``, the API's name, is read too. Values that are not a
    priority of this partnership or not a period are ignored, and the file says
    what it shows.
    """
    priority = None
    if str(params.get("priority", "")).isdigit():
        priority = Priority.objects.filter(strategy__partnership=partnership, pk=params["priority"]).first()
    label = params.get("as_at") or params.get("as_of")
    try:
        as_of = Period.parse(label) if label else None
    except ValueError:
        as_of = None
    # The export's columns are the scorecard's own figures: it reads no comparators.
    return ScorecardExport(scorecard(partnership, as_of=as_of, priority=priority, comparators=False), priority)
