"""Reads of turn-the-curve plans: the plan page, its history, and the plans a quarterly report includes.

The page reads a fixed number of queries whatever the number of values, partners and actions;
the report's plans are plain data (strings, numbers, lists), frozen into an issued report's snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from accounts.models import Agency
from actions.models import BRAG, Action, Status
from neglect_portal.periods import Period
from outcomes import rating
from outcomes.curve.forecast import Forecast, linear_forecast
from outcomes.curve.services import EvidenceLink, evidence_links
from outcomes.models import CurvePlan, Indicator, Unit
from outcomes.selectors import (
    IndicatorPage,
    Scorecard,
    indicator_for,
    indicator_measurements,
    period_rows,
    shown_measurements,
)
from priorities.models import Strategy


def forecast_for(indicator, series: list[tuple[str, float | None]]) -> Forecast:
    """The indicator's trend continued, kept within what its unit allows (no count below 0, no share over 100%).

    ``indicator``: an indicator, or anything with its ``unit`` (a scorecard row)."""
    high = 100.0 if indicator.unit == Unit.PERCENTAGE else None
    return linear_forecast(series, low=0.0, high=high)


def plan_for(indicator) -> CurvePlan | None:
    """The indicator's plan with its partner agencies and linked actions (three queries), or None."""
    actions = Action.objects.current().select_related("priority", "lead_agency", "lead").order_by("reference")
    return (
        CurvePlan.objects.filter(indicator=indicator)
        .select_related("updated_by")
        .prefetch_related(
            Prefetch("partner_agencies", queryset=Agency.objects.order_by("name")),
            Prefetch("actions", queryset=actions),
        )
        .first()
    )


@dataclass
class CurvePlanPage:
    indicator: Indicator
    values: IndicatorPage  # the values by period and the chart series (no history)
    forecast: Forecast
    plan: CurvePlan | None
    partner_agencies: list[Agency] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    links: list[EvidenceLink] = field(default_factory=list)
    other_partners: list[str] = field(default_factory=list)

    @property
    def forecast_labels(self) -> list[str]:
        return [label for label, _ in self.forecast.points]

    @property
    def forecast_values(self) -> list[float]:
        return [value for _, value in self.forecast.points]

    @property
    def forecast_rows(self) -> list[tuple[str, str]]:
        return [(label, rating.display(value, self.indicator.unit)) for label, value in self.forecast.points]

    @property
    def chart_alt(self) -> str:
        labels = self.values.chart_labels
        alt = f"Line chart of {self.indicator.code} from {labels[0]} to {labels[-1]}"
        if self.forecast.is_drawn:
            last, value = self.forecast.points[-1]
            alt += (
                f", with the trend continued as a dashed line to {rating.display(value, self.indicator.unit)} in {last}"
            )
        if self.values.target_display:
            alt += f", and the target of {self.values.target_display} as a dashed line"
        return alt + ". The same figures are in the table below."


def curve_plan_page(partnership, pk) -> CurvePlanPage:
    """An indicator's plan page: its values, forecast, plan, partners and actions (six queries)."""
    indicator = indicator_for(partnership, pk)
    measurements = indicator_measurements(indicator)
    values = IndicatorPage(indicator, period_rows(indicator, measurements), history=[])
    plan = plan_for(indicator)
    page = CurvePlanPage(indicator, values, forecast_for(indicator, values.chart_series), plan)
    if plan is not None:
        page.partner_agencies = list(plan.partner_agencies.all())
        page.actions = list(plan.actions.all())
        page.links = evidence_links(plan.evidence_links)
        page.other_partners = _lines(plan.other_partners)
    for action in page.actions:
        action.overdue = action.is_overdue()
    return page


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def linkable_actions(indicator):
    """The actions a plan may link to: the current actions of the strategy of the indicator's priority, or of
    the partnership's active strategies when the indicator has no priority."""
    actions = Action.objects.current().select_related("priority")
    if indicator.priority_id:
        actions = actions.filter(priority__strategy_id=indicator.priority.strategy_id)
    else:
        active = Strategy.objects.active().filter(partnership_id=indicator.partnership_id)
        actions = actions.filter(priority__strategy__in=active)
    return actions.order_by("priority__number", "reference")


def partner_agencies_offered(indicator, plan):
    """The partnership's agencies to choose from (those since removed kept while the plan names them)."""
    keep = [agency.pk for agency in plan.partner_agencies.all()] if plan else []
    current = Q(retired_at__isnull=True) | Q(pk__in=keep)
    return Agency.objects.of_partnership(indicator.partnership_id).filter(current)


# --- the quarterly report ----------------------------------------------------------


def plans_for_report(partnership, card: Scorecard, quarter: Period, status_at_end: dict | None = None) -> list[dict]:
    """The turn-the-curve plans a report includes: every red indicator's (a red one without a plan is listed
    as such) and each one the steering group chose, in the scorecard's order, as JSON-ready data.

    Values are those known at the quarter's end (the report scorecard's), the forecast fitted to them;
    linked actions carry their status at the quarter's end where ``status_at_end`` (by action id) has it.
    At most four queries, whatever the number of plans.
    """
    rows = {row.indicator_id: row for row in card.rows}
    red = [pk for pk, row in rows.items() if row.rag == "red"]
    actions = Action.objects.current().select_related("lead_agency").order_by("reference")
    wanted = CurvePlan.objects.filter(indicator_id__in=list(rows)).filter(
        Q(in_board_report=True) | Q(indicator_id__in=red)
    )
    plans = {
        plan.indicator_id: plan
        for plan in wanted.prefetch_related(
            Prefetch("partner_agencies", queryset=Agency.objects.order_by("name")),
            Prefetch("actions", queryset=actions),
        )
    }
    chosen = {pk for pk, plan in plans.items() if plan.in_board_report}
    included = [pk for pk in rows if pk in red or pk in chosen]
    if not included:
        return []
    measurements = shown_measurements([Indicator(pk=pk) for pk in included], as_of=quarter)
    return [
        _report_plan(rows[pk], measurements.get(pk, []), plans.get(pk), pk in chosen, status_at_end or {})
        for pk in included
    ]


def _report_plan(row, measurements, plan, chosen, status_at_end) -> dict:
    series = [(m.period, float(m.value) if m.is_published else None) for m in measurements]
    forecast = forecast_for(row, series)
    data = {
        "indicator_id": row.indicator_id,
        "code": row.code,
        "name": row.name,
        "unit": row.unit,
        "rag": row.rag,
        "rag_label": row.rag_label,
        "rag_colour": row.rag_colour,
        "latest": row.latest.display if row.latest else "",
        "latest_period": row.latest.period if row.latest else "",
        "target": row.target_display,
        "why": "Red this quarter" if row.rag == "red" else "Chosen by the steering group",
        "chosen": chosen,
        "chart": {
            "labels": [label for label, _ in series],
            "values": [value for _, value in series],
            "forecast_labels": [label for label, _ in forecast.points],
            "forecast_values": [value for _, value in forecast.points],
            "target": row.target,
        },
        "forecast": {
            "points": [
                {"period": label, "display": rating.display(value, row.unit)} for label, value in forecast.points
            ],
            "reason": forecast.reason,
            "method": forecast.method,
            "caveat": forecast.caveat,
        },
        "chart_alt": _chart_alt(row, series, forecast),
        "unit_label": Unit(row.unit).label,
        "has_plan": plan is not None,
    }
    if plan is not None:
        data |= {
            "story": plan.story,
            "partner_agencies": [agency.name for agency in plan.partner_agencies.all()],
            "other_partners": _lines(plan.other_partners),
            "what_works": plan.what_works,
            "evidence": [{"title": link.title, "url": link.url} for link in evidence_links(plan.evidence_links)],
            "actions": [_report_action(action, status_at_end) for action in plan.actions.all()],
            "is_illustrative": plan.is_illustrative,
        }
    return data


def _chart_alt(row, series, forecast) -> str:
    known = [label for label, value in series if value is not None]
    if len(known) < 2:
        return ""
    alt = f"Line chart of {row.code} from {known[0]} to {known[-1]}"
    if forecast.is_drawn:
        last, value = forecast.points[-1]
        alt += f", with the trend continued as a dashed line to {rating.display(value, row.unit)} in {last}"
    return alt + ". The figures are given in words beside it."


def _report_action(action, status_at_end) -> dict:
    status = status_at_end.get(action.pk)
    if status is None:
        colour, brag = BRAG[action.status]
        status = {"label": Status(action.status).label, "brag": brag, "colour": colour}
    return {
        "reference": action.reference,
        "title": action.title,
        "lead_agency": action.lead_agency.name if action.lead_agency_id else "",
        "status_label": status["label"],
        "brag_label": status["brag"],
        "brag_colour": status["colour"],
    }
