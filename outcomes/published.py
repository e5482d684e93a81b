"""Indicator figures as they are published: small numbers suppressed or rounded (decision 48).

A figure that counts people is protected by the partnership's policy
(``neglect_portal.suppression``): a count indicator's value, and the numerator
and denominator of a percentage or rate (with the percentage itself when it
would give a small count away). Whatever is worked out from a protected figure
goes with it: the changes and direction of travel that compare it, and its
point on the trend.

Each function gives either the published form (``published=True``: what the
report, the exports and a board member read) or the figures as recorded with
``in_outputs`` saying what the outputs do to them (what the steering group reads).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from neglect_portal import suppression
from neglect_portal.periods import Period
from neglect_portal.suppression import Policy
from outcomes import rating
from outcomes.curve.forecast import linear_forecast
from outcomes.models import Unit

NOT_COMPARED = f"not compared: a figure is suppressed {suppression.MARKER}"


@dataclasses.dataclass(frozen=True)
class Protection:
    """What publishing does to one figure: hides or rounds its value, numerator and denominator."""

    value: Decimal | None  # the value shown (rounded for a rounded count); None when hidden
    hides_value: bool = False
    numerator: suppression.Shown | None = None
    denominator: suppression.Shown | None = None
    rounded: bool = False

    @property
    def changed(self) -> bool:
        parts = [p for p in (self.numerator, self.denominator) if p is not None]
        return self.hides_value or self.rounded or any(p.suppressed or p.rounded for p in parts)

    @property
    def in_outputs(self) -> str:
        if self.hides_value or any(p is not None and p.suppressed for p in (self.numerator, self.denominator)):
            return suppression.IN_OUTPUTS
        return suppression.ROUNDED_IN_OUTPUTS if self.changed else ""


def protect(value, numerator, denominator, unit, policy: Policy) -> Protection:
    """How ``policy`` publishes one figure of an indicator in ``unit`` (``value`` None: not published)."""
    number = _decimal(value)
    if number is None or not policy.changes_figures:
        return Protection(number)
    if numerator is not None or denominator is not None:
        parts = suppression.ratio(numerator, denominator, policy)
        is_count = unit == Unit.COUNT and numerator is not None and number == numerator
        if is_count:  # a count given with its numerator is the numerator
            shown = parts.numerator
            value = _decimal(shown.value)
            return Protection(value, shown.suppressed, parts.numerator, parts.denominator, shown.rounded)
        return Protection(None if parts.hides_value else number, parts.hides_value, parts.numerator, parts.denominator)
    if unit != Unit.COUNT or number != number.to_integral_value():
        return Protection(number)
    shown = suppression.count(int(number), policy)
    return Protection(_decimal(shown.value), shown.suppressed, rounded=shown.rounded)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value).replace(",", ""))


# --- the scorecard (live, or a report's snapshot) ------------------------------------------------


def scorecard(card, policy: Policy, *, published: bool):
    """The scorecard ``card`` (``outcomes.selectors.Scorecard``) for a reader: published, or marked."""
    if not policy.changes_figures:
        return card
    groups = [
        dataclasses.replace(group, rows=[scorecard_row(row, policy, published=published) for row in group.rows])
        for group in card.groups
    ]
    changed = any(_figure_changed(row) for group in groups for row in group.rows)
    return dataclasses.replace(card, groups=groups, suppression_note=note(policy, published) if changed else "")


def note(policy: Policy, published: bool) -> str:
    """The footnote under figures as published, or under figures marked for what the outputs do to them."""
    if published:
        return policy.footnote
    return (
        f"Figures marked “{suppression.IN_OUTPUTS}” are shown as {suppression.MARKER}, and those marked "
        f"“{suppression.ROUNDED_IN_OUTPUTS}” rounded to the nearest {suppression.ROUNDING_BASE}, in the quarterly "
        "report and its e-mail, the exports, the API and to board members: the partnership protects counts under "
        f"{policy.threshold} in what leaves the portal."
    )


def _figure_changed(row) -> bool:
    return any(f is not None and (f.in_outputs or f.suppressed or f.rounded) for f in _figures(row))


def _figures(row):
    return (row.latest, row.previous, row.year_earlier)


def scorecard_row(row, policy: Policy, *, published: bool):
    """One scorecard row for a reader: its three figures, changes, travel and trend."""
    if not policy.changes_figures:
        return row
    protections = {name: _protection(getattr(row, name), row.unit, policy) for name in FIGURES}
    figures = {name: figure(getattr(row, name), protections[name], row.unit, published=published) for name in FIGURES}
    if not published:
        return dataclasses.replace(row, **figures)
    latest, hidden = protections["latest"], {name for name, p in protections.items() if p and p.hides_value}
    changes = {
        "change_previous": _change(row, protections, "previous", hidden) or row.change_previous,
        "change_year": _change(row, protections, "year_earlier", hidden) or row.change_year,
    }
    travel = {}
    if "latest" in hidden or "previous" in hidden:
        travel = {"travel_symbol": "", "travel_words": NOT_COMPARED[0].upper() + NOT_COMPARED[1:]}
    elif latest and latest.rounded:
        on_previous = rating.change(latest.value, _value(protections["previous"]), row.unit)
        moved = rating.travel(on_previous, row.polarity)
        travel = {"travel_symbol": moved.symbol, "travel_words": moved.words}
    hidden_periods = {getattr(row, name).period for name in hidden}
    return dataclasses.replace(row, **figures, **changes, **travel, trend=trend(row, policy, hidden_periods))


FIGURES = ("latest", "previous", "year_earlier")


def _protection(shown, unit, policy) -> Protection | None:
    if shown is None or shown.not_published:
        return None
    return protect(shown.value, shown.numerator, shown.denominator, unit, policy)


def _value(protection: Protection | None):
    return protection.value if protection else None


def _change(row, protections, earlier: str, hidden: set[str]) -> str:
    """The words of a change with a protected figure: not compared if hidden, from the rounded counts if rounded."""
    if getattr(row, earlier) is None or row.latest is None:
        return ""
    if "latest" in hidden or earlier in hidden:
        return NOT_COMPARED
    latest, other = protections["latest"], protections[earlier]
    if (latest and latest.rounded) or (other and other.rounded):
        return rating.change(_value(latest), _value(other), row.unit).words
    return ""


def figure(shown, protection: Protection | None, unit: str, *, published: bool):
    """One ``outcomes.selectors.Figure`` for a reader: published (value hidden or rounded), or marked."""
    if shown is None or protection is None or not protection.changed:
        return shown
    if not published:
        return dataclasses.replace(shown, in_outputs=protection.in_outputs)
    numerator, denominator = protection.numerator, protection.denominator
    value = protection.value
    return dataclasses.replace(
        shown,
        value="" if protection.hides_value else rating.plain(value),
        display=suppression.MARKER if protection.hides_value else rating.display(value, unit),
        numerator=numerator.value if numerator is not None else shown.numerator,
        denominator=denominator.value if denominator is not None else shown.denominator,
        suppressed=protection.hides_value,
        numerator_suppressed=bool(numerator and numerator.suppressed),
        denominator_suppressed=bool(denominator and denominator.suppressed),
        rounded=protection.rounded or bool(numerator and numerator.rounded),
    )


def trend(row, policy: Policy, hidden_periods=frozenset()) -> list:
    """The trend's points as published: a hidden figure leaves a gap (the line joins the rest), a count is rounded.

    A point is hidden by its own numerator and denominator (``row.trend_parts``) or, for a report
    frozen before they were kept, when it is one of the row's hidden figures (``hidden_periods``).
    """
    parts = row.trend_parts if len(row.trend_parts) == len(row.trend) else [(None, None)] * len(row.trend)
    points = []
    for (period, value), (numerator, denominator) in zip(row.trend, parts, strict=True):
        protection = protect(value, numerator, denominator, row.unit, policy)
        if not protection.hides_value and period not in hidden_periods:
            points.append((period, float(protection.value)))
    return points


# --- the indicator page -------------------------------------------------------------------------


def indicator_page(page, policy: Policy, *, published: bool):
    """An ``IndicatorPage`` for a reader: its values published or marked; a reader of published figures
    sees the history of the definition only (the history of values would tell the figures)."""
    if not policy.changes_figures:
        return page
    rows = period_rows(page.rows, page.indicator.unit, policy, published=published)
    changed = any(new is not old for new, old in zip(rows, page.rows, strict=True))
    history = [entry for entry in page.history if entry.period is None] if published and changed else page.history
    return dataclasses.replace(
        page, rows=rows, history=history, suppression_note=note(policy, published) if changed else ""
    )


def period_rows(rows: list, unit: str, policy: Policy, *, published: bool) -> list:
    """An indicator's ``PeriodRow`` list (newest first) for a reader: published, or marked."""
    if not policy.changes_figures:
        return rows
    protections = {
        row.period: None if row.not_published else protect(row.value, row.numerator, row.denominator, unit, policy)
        for row in rows
    }
    if not published:
        return [_marked_row(row, protections[row.period]) for row in rows]
    return [_published_row(row, protections, unit) for row in rows]


def _marked_row(row, protection):
    if protection is None or not protection.changed:
        return row
    return dataclasses.replace(row, in_outputs=protection.in_outputs)


def _published_row(row, protections, unit):
    protection = protections[row.period]
    if protection is None:
        return row
    earlier_label = Period.parse(row.period).previous().label
    earlier = protections.get(earlier_label)
    change = row.change
    if protection.hides_value or (earlier is not None and earlier.hides_value):
        change = NOT_COMPARED
    elif protection.rounded or (earlier is not None and earlier.rounded):
        change = rating.change(protection.value, earlier.value if earlier else None, unit).words
    if not protection.changed and change == row.change:
        return row
    numerator, denominator = protection.numerator, protection.denominator
    return dataclasses.replace(
        row,
        value="" if protection.hides_value else rating.plain(protection.value),
        number=None if protection.hides_value else float(protection.value),
        display=suppression.MARKER if protection.hides_value else rating.display(protection.value, unit),
        numerator=numerator.value if numerator is not None else row.numerator,
        denominator=denominator.value if denominator is not None else row.denominator,
        numerator_suppressed=bool(numerator and numerator.suppressed),
        denominator_suppressed=bool(denominator and denominator.suppressed),
        change=change,
        suppressed=protection.hides_value,
    )


# --- a turn-the-curve plan in the quarterly report ----------------------------------------------


def curve_plan(plan: dict, row, policy: Policy) -> dict:
    """A report's turn-the-curve plan (``outcomes.curve.selectors.plans_for_report``) as published.

    ``row`` is the indicator's scorecard row already published (:func:`scorecard_row`): its latest figure,
    and its trend, which holds the periods whose figures may be shown (and rounded). The chart keeps those,
    leaves a gap for the rest, and the forecast is fitted again to what is shown.
    """
    if not policy.changes_figures or row is None or "chart" not in plan:
        return plan
    shown = dict(row.trend)
    chart = plan["chart"]
    values = [
        shown.get(label) if value is not None else None
        for label, value in zip(chart["labels"], chart["values"], strict=True)
    ]
    if values == chart["values"]:
        return plan
    unit = plan.get("unit", Unit.COUNT)
    forecast = linear_forecast(
        list(zip(chart["labels"], values, strict=True)), low=0.0, high=100.0 if unit == Unit.PERCENTAGE else None
    )
    known = [label for label, value in zip(chart["labels"], values, strict=True) if value is not None]
    # Every figure may be hidden: then no chart is drawn at all.
    alt = (
        f"Line chart of {plan['code']} from {known[0]} to {known[-1]}, with figures under {policy.threshold} left out"
        if len(known) > 1
        else ""
    )
    return {
        **plan,
        "latest": row.latest.display if row.latest else plan.get("latest", ""),
        "chart": {
            **chart,
            "values": values,
            "forecast_labels": [label for label, _ in forecast.points],
            "forecast_values": [value for _, value in forecast.points],
        },
        "forecast": {
            **plan.get("forecast", {}),
            "points": [{"period": label, "display": rating.display(value, unit)} for label, value in forecast.points],
            "reason": forecast.reason,
        },
        "chart_alt": alt + "." if alt else "",
    }
