"""The forecast of a turn-the-curve plan: where the curve goes if nothing changes.

A straight line fitted by least squares to the last ``FIT_POINTS`` published
values of one kind of period (quarters, or financial years), continued for
``AHEAD`` periods. Fewer than ``MIN_POINTS`` values is too little to draw a
trend from: the forecast is refused with the reason, and nothing is drawn.

Plain numbers and period labels in and out (no models), so the plan page and a
report's frozen snapshot draw the same line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from neglect_portal.periods import Period

FIT_POINTS = 8
MIN_POINTS = 4
AHEAD = 4

METHOD = (
    f"A straight line fitted by least squares to the last {FIT_POINTS} published values "
    f"(fewer if there are fewer, never under {MIN_POINTS}), continued for {AHEAD} periods."
)
CAVEAT = (
    "The forecast only continues the recent trend: it assumes nothing changes, ignores seasons "
    "and one-off events, and the further ahead it reaches the less it can be relied on. "
    "It is a baseline to turn, not a prediction."
)


@dataclass
class Forecast:
    """The trend continued, or why it is not drawn (``reason``)."""

    points: list[tuple[str, float]] = field(default_factory=list)  # (period, value) ahead, oldest first
    fitted_on: list[str] = field(default_factory=list)  # the periods whose values the line is fitted to
    slope: float = 0.0  # change per period
    reason: str = ""  # why there is no forecast; "" when there is one
    method: str = METHOD
    caveat: str = CAVEAT

    @property
    def is_drawn(self) -> bool:
        return bool(self.points)


def linear_forecast(
    series: list[tuple[str, float | None]],
    *,
    ahead: int = AHEAD,
    low: float | None = None,
    high: float | None = None,
) -> Forecast:
    """The last ``FIT_POINTS`` published values of ``series`` ((period label, value or None), any order)
    continued as a straight line for ``ahead`` periods, kept within ``low`` and ``high`` (a percentage
    cannot go below 0 or above 100).

    Only periods of the latest one's kind count (a quarterly indicator's yearly figures are not mixed in).
    """
    published = [(Period.parse(label), value) for label, value in series if value is not None]
    if not published:
        return Forecast(reason=_too_few(0))
    published.sort(key=lambda point: point[0])
    kind = published[-1][0].is_quarter
    same_kind = [(period, value) for period, value in published if period.is_quarter == kind]
    fitted = same_kind[-FIT_POINTS:]
    if len(fitted) < MIN_POINTS:
        return Forecast(reason=_too_few(len(fitted)), fitted_on=[p.label for p, _ in fitted])
    last = fitted[-1][0]
    xs = [float(_steps_between(last, period)) for period, _ in fitted]
    ys = [float(value) for _, value in fitted]
    slope, intercept = _least_squares(xs, ys)
    points = []
    for step in range(1, ahead + 1):
        value = intercept + slope * step
        if low is not None:
            value = max(low, value)
        if high is not None:
            value = min(high, value)
        points.append((last.shift(step).label, round(value, 1)))  # no more precise than the figures shown
    return Forecast(points=points, fitted_on=[p.label for p, _ in fitted], slope=round(slope, 4))


def _too_few(count: int) -> str:
    have = "no published values" if count == 0 else f"only {count} published value{'' if count == 1 else 's'}"
    return (
        f"No forecast is drawn: a trend needs at least {MIN_POINTS} published values of the same kind of "
        f"period, and this indicator has {have}."
    )


def _steps_between(last: Period, period: Period) -> int:
    """How many periods ``period`` is after ``last`` (0 for the last, negative before it): gaps count."""
    if last.quarter is None:
        return period.year - last.year
    return (period.year * 4 + period.quarter) - (last.year * 4 + last.quarter)


def _least_squares(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """The slope and intercept of the straight line nearest the points (ordinary least squares)."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return slope, mean_y - slope * mean_x
