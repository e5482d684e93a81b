"""Each agency's engagement with the plan and the scorecard, quarter by quarter (decision 46).

For an agency and a quarter:

- *Actions updated*: of the actions it leads (the strategy's current actions whose lead agency it is)
  that were under way in the quarter, how many have a progress update dated in it. Under way: started
  by the quarter's end and not closed before it began (open now, or completed on or after its first
  day); cancelled actions, and completed ones without a completion date, are left out.
- *Overdue*: of those, the ones past their due date and still open when the quarter closed (on the
  day after its last day; on today while it runs), as the report counts them.
- *Days since last update*: from the newest update of those actions to the quarter's last day (today
  while it runs); none when they have no update by then.
- *Values on time*: of the indicators it supplies (in use, recorded by quarter, with it as source
  agency), how many have the quarter's value entered by the collection deadline: the day the quarter's
  report is due (``priorities.selectors.values_due``), to the end of that day in the partnership's time
  zone. A value is entered when it was first recorded (its first history record).

Everything is counted in the database, grouped by agency, in a fixed number of queries whatever the
number of agencies, actions, values or quarters.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import dateformat

from accounts.models import Agency
from actions.models import CLOSED_STATUSES, Action, ProgressUpdate, Status
from neglect_portal.periods import Period
from outcomes.models import BY_QUARTER, Indicator, Measurement
from priorities.models import Strategy
from priorities.selectors import values_due

TREND_QUARTERS = 4


def _share(part: int, whole: int) -> int | None:
    """A whole percentage, or None when there is nothing to count."""
    return round(100 * part / whole) if whole else None


@dataclass
class AgencyQuarter:
    """One agency's figures for one quarter."""

    period: str
    actions: int = 0
    updated: int = 0
    overdue: int = 0
    last_update: datetime.date | None = None
    days_since_update: int | None = None
    values_due: int = 0
    on_time: int = 0
    values_entered: int = 0
    deadline: datetime.date | None = None
    deadline_passed: bool = True

    @property
    def updated_share(self) -> int | None:
        return _share(self.updated, self.actions)

    @property
    def on_time_share(self) -> int | None:
        return _share(self.on_time, self.values_due)

    @property
    def score(self) -> float | None:
        """The mean of the two shares the agency has, for ranking; None with neither."""
        shares = [s for s in (self.updated_share, self.on_time_share) if s is not None]
        return sum(shares) / len(shares) if shares else None

    @property
    def updated_text(self) -> str:
        if not self.actions:
            return "No actions under way"
        return f"{self.updated} of {self.actions} ({self.updated_share}%)"

    @property
    def values_text(self) -> str:
        if not self.values_due:
            return "No quarterly indicator"
        text = f"{self.on_time} of {self.values_due} ({self.on_time_share}%)"
        if not self.deadline_passed:
            return f"{text} so far"
        late = self.values_entered - self.on_time
        return f"{text}; {late} late" if late > 0 else text

    @property
    def days_text(self) -> str:
        if not self.actions:
            return "–"
        if self.days_since_update is None:
            return "No update yet"
        return f"{self.days_since_update} day{'' if self.days_since_update == 1 else 's'}"

    @property
    def trend_text(self) -> str:
        """The quarter in a trend cell: the shares the agency has, or that it had nothing to count."""
        parts = [f"{self.updated_share}% of actions updated"] if self.actions else []
        if self.values_due:
            parts.append(f"{self.on_time_share}% of values on time" + ("" if self.deadline_passed else " so far"))
        return "; ".join(parts) or "Nothing to count"

    def as_data(self) -> dict:
        return {
            "updated_text": self.updated_text,
            "values_text": self.values_text,
            "days_text": self.days_text,
            "trend_text": self.trend_text,
            "period": self.period,
            "actions": self.actions,
            "updated": self.updated,
            "updated_share": self.updated_share,
            "overdue": self.overdue,
            "last_update": self.last_update.isoformat() if self.last_update else None,
            "days_since_update": self.days_since_update,
            "values_due": self.values_due,
            "on_time": self.on_time,
            "on_time_share": self.on_time_share,
            "values_entered": self.values_entered,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_passed": self.deadline_passed,
        }


@dataclass
class AgencyEngagement:
    """One agency: its figures for each quarter of the trend, oldest first (the last is the quarter shown)."""

    agency_id: int
    name: str
    quarters: list[AgencyQuarter]
    position: int | None = None

    @property
    def current(self) -> AgencyQuarter:
        return self.quarters[-1]

    def as_data(self) -> dict:
        return {
            "agency": self.name,
            "position": self.position,
            "quarters": [quarter.as_data() for quarter in self.quarters],
        }


@dataclass
class Engagement:
    """Every agency's engagement in ``period`` and the three quarters before it."""

    period: Period
    periods: list[Period]
    deadline: datetime.date
    deadline_passed: bool
    ranked: bool
    rows: list[AgencyEngagement] = field(default_factory=list)

    def as_data(self) -> dict:
        return {
            "period": self.period.label,
            "periods": [p.label for p in self.periods],
            "deadline": self.deadline.isoformat(),
            "deadline_text": dateformat.format(self.deadline, "j F Y"),
            "deadline_passed": self.deadline_passed,
            "ranked": self.ranked,
            "agencies": [row.as_data() for row in self.rows],
        }


def engagement(partnership, strategy, period: Period, today: datetime.date) -> Engagement:
    """Each agency's engagement in ``period`` and the three quarters before it (six queries).

    ``strategy`` is the one whose actions count (the active one on the page, the report's own in a
    report); with none, agencies are judged on their values alone. Agencies that lead no action under
    way in any of the quarters and supply no indicator are left out. Where the partnership ranks
    agencies (``rank_agency_engagement``) the rows come best first with their position, else by name.
    """
    periods = [period.shift(-offset) for offset in range(TREND_QUARTERS - 1, -1, -1)]
    deadlines = {p.label: values_due(partnership, p) for p in periods}
    agencies = list(Agency.objects.of_partnership(partnership).values_list("pk", "name"))
    figures = {
        pk: {
            p.label: AgencyQuarter(p.label, deadline=deadlines[p.label], deadline_passed=today > deadlines[p.label])
            for p in periods
        }
        for pk, _ in agencies
    }
    if strategy is not None:
        _count_actions(figures, strategy, periods, today)
        _last_updates(figures, strategy, periods, today)
    _count_values(figures, partnership, periods, deadlines)
    rows = [
        AgencyEngagement(pk, name, [figures[pk][p.label] for p in periods])
        for pk, name in agencies
        if any(q.actions or q.values_due or q.values_entered for q in figures[pk].values())
    ]
    ranked = bool(partnership.rank_agency_engagement)
    if ranked:
        rows = _ranked(rows)
    deadline = deadlines[period.label]
    return Engagement(period, periods, deadline, today > deadline, ranked, rows)


def engagement_page(partnership, period: Period, today: datetime.date) -> tuple[Strategy | None, Engagement]:
    """The page's figures: the active strategy's actions (none without one) and the partnership's values."""
    strategy = Strategy.objects.active_for(partnership)
    return strategy, engagement(partnership, strategy, period, today)


def _judged_on(period: Period, today: datetime.date) -> datetime.date:
    """The day an action is judged overdue for ``period``: the day after it ends, or today while it runs."""
    return period.end + datetime.timedelta(days=1) if today > period.end else today


def _last_day(period: Period, today: datetime.date) -> datetime.date:
    return min(period.end, today)


def _under_way(period: Period, prefix: str = "") -> Q:
    """Actions started by the quarter's end and not closed before it began."""
    open_now = ~Q(**{f"{prefix}status__in": CLOSED_STATUSES})
    completed_since = Q(**{f"{prefix}status": Status.COMPLETED, f"{prefix}completed_on__gte": period.start})
    return Q(**{f"{prefix}start_date__lte": period.end}) & (open_now | completed_since)


def _open_on(day: datetime.date) -> Q:
    return ~Q(status__in=CLOSED_STATUSES) | Q(status=Status.COMPLETED, completed_on__gte=day)


def _count_actions(figures, strategy, periods, today) -> None:
    """Actions under way, updated and overdue, per agency and quarter: one grouped query."""
    counts = {}
    for i, p in enumerate(periods):
        scope = _under_way(p)
        updated = ProgressUpdate.objects.filter(
            action=OuterRef("pk"), update_date__range=(p.start, _last_day(p, today))
        )
        judged_on = _judged_on(p, today)
        counts[f"actions_{i}"] = Count("pk", filter=scope)
        counts[f"updated_{i}"] = Count("pk", filter=scope & Q(Exists(updated)))
        counts[f"overdue_{i}"] = Count("pk", filter=scope & _open_on(judged_on) & Q(due_date__lt=judged_on))
    rows = (
        Action.objects.current().filter(priority__strategy=strategy).values("lead_agency").annotate(**counts).order_by()
    )
    for row in rows:
        by_period = figures.get(row["lead_agency"])
        if by_period is None:
            continue
        for i, p in enumerate(periods):
            quarter = by_period[p.label]
            quarter.actions, quarter.updated = row[f"actions_{i}"], row[f"updated_{i}"]
            quarter.overdue = row[f"overdue_{i}"]


def _last_updates(figures, strategy, periods, today) -> None:
    """The newest update of each agency's actions under way, by each quarter's end: one grouped query."""
    latest = {}
    for i, p in enumerate(periods):
        last_day = _last_day(p, today)
        scope = _under_way(p, prefix="action__")
        latest[f"last_{i}"] = Max("update_date", filter=scope & Q(update_date__lte=last_day))
    rows = (
        ProgressUpdate.objects.filter(action__priority__strategy=strategy, action__withdrawn_at__isnull=True)
        .values("action__lead_agency")
        .annotate(**latest)
        .order_by()
    )
    for row in rows:
        by_period = figures.get(row["action__lead_agency"])
        if by_period is None:
            continue
        for i, p in enumerate(periods):
            last = row[f"last_{i}"]
            quarter = by_period[p.label]
            quarter.last_update = last
            quarter.days_since_update = (_last_day(p, today) - last).days if last else None


def _indicators_supplied(partnership):
    return Indicator.objects.current().filter(
        partnership=partnership, is_active=True, frequency__in=BY_QUARTER, source_agency__isnull=False
    )


def _count_values(figures, partnership, periods, deadlines) -> None:
    """Indicators each agency supplies, and the quarters' values entered and entered on time: two queries."""
    supplied = _indicators_supplied(partnership)
    for row in supplied.values("source_agency").annotate(n=Count("pk")).order_by():
        for quarter in figures.get(row["source_agency"], {}).values():
            quarter.values_due = row["n"]
    zone = ZoneInfo(partnership.time_zone)
    on_time = Q(pk__in=[])
    for p in periods:
        cutoff = datetime.datetime.combine(
            deadlines[p.label] + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        first_recorded = Measurement.history.filter(id=OuterRef("pk"), history_type="+", history_date__lt=cutoff)
        # A value brought in without a history record (none is made by a bulk load) counts from its last save.
        unrecorded = ~Q(Exists(Measurement.history.filter(id=OuterRef("pk"), history_type="+"))) & Q(
            updated_at__lt=cutoff
        )
        on_time |= Q(period=p.label) & (Q(Exists(first_recorded)) | unrecorded)
    rows = (
        Measurement.objects.current()
        .filter(indicator__in=supplied, period__in=[p.label for p in periods])
        .values("indicator__source_agency", "period")
        .annotate(entered=Count("pk"), on_time=Count("pk", filter=on_time))
        .order_by()
    )
    for row in rows:
        quarter = figures.get(row["indicator__source_agency"], {}).get(row["period"])
        if quarter is not None:
            quarter.values_entered, quarter.on_time = row["entered"], row["on_time"]


def _ranked(rows: list[AgencyEngagement]) -> list[AgencyEngagement]:
    """Best first: the higher mean of the two shares, then fewer overdue actions, then fewer days since
    an update; agencies with nothing to score come last, unranked. Equal figures share a position."""

    def key(row):
        q = row.current
        days = q.days_since_update if q.days_since_update is not None else 10**6
        return (-(q.score or 0), q.overdue, days)

    scored = sorted((r for r in rows if r.current.score is not None), key=lambda r: (key(r), r.name))
    unscored = sorted((r for r in rows if r.current.score is None), key=lambda r: r.name)
    previous, position = None, 0
    for index, row in enumerate(scored, start=1):
        if key(row) != previous:
            position, previous = index, key(row)
        row.position = position
    return scored + unscored
