"""Reads of strategies and priorities, with their queries in one place."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, TextChoices
from django.shortcuts import get_object_or_404

from accounts.models import Partnership
from neglect_portal.periods import Period, add_working_days
from priorities.models import Priority, Quarter, QuarterCorrection, Strategy


def active_strategy_with_priorities(partnership):
    """The partnership's active strategy with its priorities and sponsors, or None."""
    priorities = Priority.objects.select_related("sponsor_agency", "sponsor_lead").order_by("number")
    return Strategy.objects.prefetch_related(Prefetch("priorities", queryset=priorities), "principles").active_for(
        partnership
    )


def strategy_for(partnership, pk) -> Strategy:
    """One strategy of the partnership; other partnerships' strategies answer 404."""
    return get_object_or_404(Strategy.objects.filter(partnership=partnership), pk=pk)


def priorities_to_link(partnership):
    """Every priority of the partnership's strategies, the newest strategy first, for a choice of priority."""
    return (
        Priority.objects.filter(strategy__partnership=partnership)
        .select_related("strategy")
        .order_by("-strategy__start_date", "number")
    )


def priorities_of(strategy):
    """A strategy's priorities by number (none without a strategy), for a choice in a filter."""
    return Priority.objects.filter(strategy=strategy).order_by("number")


def priorities_for(partnership) -> list[Priority]:
    """Every priority of the partnership's strategies, with its sponsor and number of actions."""
    return list(
        Priority.objects.filter(strategy__partnership=partnership)
        .select_related("strategy", "sponsor_agency", "sponsor_lead")
        # Current actions only (``Action.objects.current()``, spelt out: priorities sit below actions).
        .annotate(action_count=Count("actions", filter=Q(actions__withdrawn_at__isnull=True)))
        .order_by("strategy__title", "number")
    )


def priority_for(partnership, pk) -> Priority:
    """One priority of the partnership; other partnerships' priorities answer 404."""
    queryset = Priority.objects.filter(strategy__partnership=partnership).select_related(
        "strategy", "sponsor_agency", "sponsor_lead"
    )
    return get_object_or_404(queryset, pk=pk)


def strategy_archive(partnership) -> list[Strategy]:
    """The partnership's past (archived) strategies, newest first, with their priorities."""
    priorities = Priority.objects.select_related("sponsor_agency").order_by("number")
    return list(
        Strategy.objects.filter(partnership=partnership, status=Strategy.Status.ARCHIVED)
        .prefetch_related(Prefetch("priorities", queryset=priorities))
        .order_by("-start_date", "title")
    )


def strategy_page(partnership, pk) -> Strategy:
    """One strategy of the partnership with its priorities and their sponsors; other partnerships' answer 404."""
    priorities = Priority.objects.select_related("sponsor_agency", "sponsor_lead", "carried_from").order_by("number")
    queryset = Strategy.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("priorities", queryset=priorities), "followed_by"
    )
    return get_object_or_404(queryset.select_related("follows"), pk=pk)


# --- the API's lists (the ids are the partnerships the user is an active member of) ---------------


def partnerships_in(partnership_ids):
    return Partnership.objects.filter(id__in=partnership_ids)


def strategies_in(partnership_ids):
    """The strategies of these partnerships, for the API to filter and page."""
    return Strategy.objects.select_related("partnership").filter(partnership_id__in=partnership_ids)


def priorities_in(partnership_ids):
    """The priorities of these partnerships' strategies, for the API to filter and page."""
    return Priority.objects.select_related("strategy", "sponsor_agency", "sponsor_lead").filter(
        strategy__partnership_id__in=partnership_ids
    )


# --- the quarter's life ---------------------------------------------------------------


class QuarterState(TextChoices):
    OPEN = "open", "Open"
    COLLECTING = "collecting", "Collecting"
    SIGNED_OFF = "signed_off", "Signed off"
    LOCKED = "locked", "Locked"


@dataclass
class QuarterStatus:
    """Where a strategy's quarter is in its life, with the days that matter, for the pages to show."""

    strategy: Strategy
    period: Period
    state: str
    collection_opens: datetime.date
    report_due: datetime.date
    record: Quarter | None = None

    @property
    def label(self) -> str:
        return QuarterState(self.state).label

    @property
    def ended(self) -> datetime.date:
        return self.period.end

    @property
    def signed_off_by_name(self) -> str:
        user = self.record.signed_off_by if self.record else None
        return (user.get_full_name() or user.email) if user else ""

    @property
    def sign_off_withdrawn_by_name(self) -> str:
        user = self.record.sign_off_withdrawn_by if self.record else None
        return (user.get_full_name() or user.email) if user else ""

    def has_ended(self, today: datetime.date) -> bool:
        return today > self.period.end


def collection_opens(partnership, quarter: Period) -> datetime.date:
    """The day a quarter's data collection opens (and action leads are reminded): the partnership's
    ``reminder_working_days`` working days before the quarter's last day."""
    return add_working_days(quarter.end, -partnership.reminder_working_days, partnership.bank_holiday_region)


def report_due(partnership, quarter: Period) -> datetime.date:
    """The day a quarter's report is due to go to the board: ``report_send_working_days`` after it ends."""
    return add_working_days(quarter.end, partnership.report_send_working_days, partnership.bank_holiday_region)


def values_due(partnership, quarter: Period) -> datetime.date:
    """The collection deadline for a quarter's indicator values: the day its report is due to the board
    (decision 46). A value entered by the end of that day is on time for the agency that supplies it."""
    return report_due(partnership, quarter)


def quarter_record(strategy, period: Period) -> Quarter | None:
    return (
        Quarter.objects.select_related("signed_off_by", "sign_off_withdrawn_by")
        .filter(strategy=strategy, period=period.label)
        .first()
    )


def quarter_status(
    strategy, period: Period, today: datetime.date, record: Quarter | None = ..., partnership=None
) -> QuarterStatus:
    """The quarter's state on ``today``: open → collecting → signed off → locked."""
    if record is ...:
        record = quarter_record(strategy, period)
    partnership = partnership or strategy.partnership
    opens = collection_opens(partnership, period)
    if record is not None and record.locked_at:
        state = QuarterState.LOCKED
    elif record is not None and record.signed_off_at:
        state = QuarterState.SIGNED_OFF
    elif today >= opens:
        state = QuarterState.COLLECTING
    else:
        state = QuarterState.OPEN
    return QuarterStatus(strategy, period, state, opens, report_due(partnership, period), record)


def quarters_in_view(strategy, today: datetime.date, partnership=None) -> list[QuarterStatus]:
    """The quarters a partnership is working on: the last closed quarter of the strategy until it is
    locked, and the current one (both only within the strategy's dates), newest first. One query."""
    if strategy is None:
        return []
    current = Period.quarter_of(today)
    candidates = [p for p in (current, current.previous()) if _within(strategy, p)]
    records = {
        q.period: q
        for q in Quarter.objects.select_related("signed_off_by").filter(
            strategy=strategy, period__in=[p.label for p in candidates]
        )
    }
    statuses = [quarter_status(strategy, p, today, records.get(p.label), partnership) for p in candidates]
    return [s for s in statuses if s.period == current or s.state != QuarterState.LOCKED]


def _within(strategy, period: Period) -> bool:
    return period.start <= strategy.end_date and period.end >= strategy.start_date


def locked_periods(partnership, periods) -> set[str]:
    """Which of these period labels are a locked quarter of one of the partnership's strategies."""
    return set(
        Quarter.objects.filter(
            strategy__partnership=partnership, period__in=list(periods), locked_at__isnull=False
        ).values_list("period", flat=True)
    )


def locked_quarters(partnership) -> set[str]:
    """The labels of every locked quarter of the partnership's strategies."""
    return set(
        Quarter.objects.filter(strategy__partnership=partnership, locked_at__isnull=False).values_list(
            "period", flat=True
        )
    )


def corrections_since(partnership, before_period: Period, since) -> list[QuarterCorrection]:
    """Corrections to quarters before ``before_period`` recorded after ``since`` (all if None), oldest first."""
    corrections = QuarterCorrection.objects.filter(partnership=partnership, period__lt=before_period.label)
    if since is not None:
        corrections = corrections.filter(recorded_at__gt=since)
    return list(corrections.select_related("recorded_by").order_by("recorded_at", "pk"))


def corrections_to(partnership, period: Period, since) -> list[QuarterCorrection]:
    """Corrections to ``period`` itself recorded after ``since`` (all if None), oldest first: what a
    corrected version of that quarter's report has changed."""
    corrections = QuarterCorrection.objects.filter(partnership=partnership, period=period.label)
    if since is not None:
        corrections = corrections.filter(recorded_at__gt=since)
    return list(corrections.select_related("recorded_by").order_by("recorded_at", "pk"))
