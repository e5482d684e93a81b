"""How an indicator is doing: change between periods, RAG against target, direction of travel.

Pure functions of values (no database), so the scorecard, the indicator page,
the spreadsheet export and the quarterly report all say the same thing in the
same words. Halton's published figures are the check: 73 → 147 → 195 is "up
101%" then "up 33%"; 690 → 868 → 895 is "up 26%" then "up 3%".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from outcomes.models import Polarity, Unit

HUNDRED = Decimal(100)


def _number(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def plain(value) -> str:
    """A number without needless decimals and with thousands separators: 1,234 / 51.8 / 0.5."""
    number = _number(value)
    if number is None:
        return ""
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def not_published_words(marker: str) -> str:
    """How a figure its source did not publish is shown: "Not published (<5)"."""
    if not marker or marker.casefold() == "not published":
        return "Not published"
    return f"Not published ({marker})"


def display(value, unit, not_published: str = "") -> str:
    """A value in its unit, as people write it: 195, 63.5%, 51.8 per 10,000, 23 days; or "Not published (<5)"."""
    if not_published:
        return not_published_words(not_published)
    if _number(value) is None:
        return "No data"
    text = plain(value)
    if unit == Unit.PERCENTAGE:
        return f"{text}%"
    if unit == Unit.RATE_PER_10K:
        return f"{text} per 10,000"
    if unit == Unit.DAYS:
        return f"{text} day" if text == "1" else f"{text} days"
    return text


@dataclass(frozen=True)
class Change:
    """The change from ``previous`` to ``current``: a difference and, where it means something, a percentage."""

    current: Decimal | None
    previous: Decimal | None
    unit: str = Unit.COUNT
    # A figure of the two was not published: nothing is compared, and the words say why.
    current_not_published: bool = False
    previous_not_published: bool = False

    @property
    def not_published(self) -> str:
        """Why the two figures are not compared, when one was not published; else ""."""
        if self.current_not_published:
            return "not published"
        return "earlier figure not published" if self.previous_not_published and self.current is not None else ""

    @property
    def is_known(self) -> bool:
        return self.current is not None and self.previous is not None and not self.not_published

    @property
    def difference(self) -> Decimal | None:
        return self.current - self.previous if self.is_known else None

    @property
    def percent(self) -> Decimal | None:
        """Percentage change, or None when there is no earlier value or it was zero (division by zero)."""
        if not self.is_known or self.previous == 0:
            return None
        return (self.current - self.previous) / abs(self.previous) * HUNDRED

    @property
    def direction(self) -> str | None:
        """``up``, ``down``, ``same``, or None when there is nothing to compare with."""
        if not self.is_known:
            return None
        if self.current > self.previous:
            return "up"
        return "down" if self.current < self.previous else "same"

    @property
    def words(self) -> str:
        """ "up 101%", "down 3%", "no change", "up 4.2 points", "up 5 from zero" or "no earlier figure"."""
        direction = self.direction
        if self.not_published:
            return f"not compared: {self.not_published}"
        if direction is None:
            return "no earlier figure"
        if direction == "same":
            return "no change"
        size = abs(self.difference)
        if self.unit == Unit.PERCENTAGE:
            # A change of a percentage is told in percentage points, not as a percentage of a percentage.
            return f"{direction} {plain(size)} point{'' if size == 1 else 's'}"
        if self.previous == 0:
            return f"{direction} {plain(size)} from zero"
        percent = abs(self.percent).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if percent == 0:
            return f"{direction} less than 1%"
        return f"{direction} {percent}%"


PERCENT_UNIT = "%"
POINTS_UNIT = "percentage points"
FROM_ZERO_UNIT = "difference from zero"
NO_EARLIER_UNIT = "no earlier figure"


def change_number(change: Change) -> tuple[Decimal | None, str]:
    """The change as a signed number and its unit, for a spreadsheet: the number ``words`` says.

    (101, "%") for "up 101%"; (-4.2, "percentage points") for "down 4.2 points" (a
    percentage's change); (5, "difference from zero"); (None, "no earlier figure").
    A change under 1% keeps one decimal place, so it is not written as 0.
    """
    if change.not_published:
        return None, change.words
    if not change.is_known:
        return None, NO_EARLIER_UNIT
    if change.unit == Unit.PERCENTAGE:
        return change.difference, POINTS_UNIT
    if change.previous == 0:
        return change.difference, FROM_ZERO_UNIT
    percent = change.percent.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if percent == 0:
        percent = change.percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return percent, PERCENT_UNIT


def change(current, previous, unit=Unit.COUNT, *, current_not_published=False, previous_not_published=False) -> Change:
    """The change between two figures; either may be a figure its source did not publish (then not compared)."""
    return Change(_number(current), _number(previous), unit, current_not_published, previous_not_published)


@dataclass(frozen=True)
class Rating:
    """A RAG rating: ``code`` is green, amber, red or None (not rated), ``colour`` the govuk-tag modifier."""

    code: str | None
    label: str
    colour: str
    reason: str


NOT_RATED_COLOUR = "grey"


def rate(value, *, target, polarity, amber_tolerance=None, is_context=False, not_published="") -> Rating:
    """Red, amber or green against the target, in the indicator's own direction.

    Higher is better: green at or above the target, amber up to ``amber_tolerance``
    below it, red further below. Lower is better: the mirror image. Context
    measures, indicators where neither direction is better, indicators without a
    target and periods without a value (or whose figure was not published) are not rated.
    """
    value, target = _number(value), _number(target)
    tolerance = _number(amber_tolerance) or Decimal(0)
    if is_context:
        return Rating(None, "Not rated", NOT_RATED_COLOUR, "A context measure: monitored, not rated")
    if polarity == Polarity.NEITHER:
        return Rating(None, "Not rated", NOT_RATED_COLOUR, "Neither higher nor lower is better")
    if target is None:
        return Rating(None, "Not rated", NOT_RATED_COLOUR, "No target set")
    if not_published:
        return Rating(None, "Not rated", NOT_RATED_COLOUR, f"{not_published_words(not_published)}: not rated")
    if value is None:
        return Rating(None, "Not rated", NOT_RATED_COLOUR, "No value for the period")
    shortfall = target - value if polarity == Polarity.HIGHER_BETTER else value - target
    if shortfall <= 0:
        return Rating("green", "Green", "green", "Target met")
    if shortfall <= tolerance:
        return Rating("amber", "Amber", "yellow", "Within the amber tolerance of the target")
    return Rating("red", "Red", "red", "Short of the target by more than the amber tolerance")


@dataclass(frozen=True)
class Travel:
    """Direction of travel since the previous period: an arrow for the eye and words for everyone."""

    symbol: str
    words: str


def travel(change_: Change, polarity) -> Travel:
    """Which way the indicator moved, judged by its polarity: improving, getting worse, or just up or down."""
    direction = change_.direction
    if change_.not_published:
        return Travel("", f"Not compared: {change_.not_published}")
    if direction is None:
        return Travel("", "No earlier figure")
    if direction == "same":
        return Travel("▶", "No change")
    symbol = "▲" if direction == "up" else "▼"
    if polarity == Polarity.NEITHER:
        return Travel(symbol, "Up" if direction == "up" else "Down")
    better = (direction == "up") == (polarity == Polarity.HIGHER_BETTER)
    return Travel(symbol, "Improving" if better else "Getting worse")


def is_small_number(*, value, denominator, unit, threshold) -> bool:
    """True when a figure rests on so few cases that a change in it may mean little.

    A rate or percentage with a denominator under ``threshold``, or a count under it.
    """
    denominator = _number(denominator)
    if denominator is not None:
        return denominator < threshold
    value = _number(value)
    return unit == Unit.COUNT and value is not None and value < threshold
