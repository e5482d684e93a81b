"""Reads for the record of reminders and escalations shown to the business manager and steering group."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count

from accounts import access
from neglect_portal.periods import Period
from reports.models import Delivery, Reminder
from reports.reminders import escalations_from, update_reminders_from


@dataclass(frozen=True)
class ReminderSchedule:
    """When this quarter's reminders and escalations go, in words for the record page."""

    quarter: Period
    working_days: int
    reminders_from: datetime.date
    escalations_from: datetime.date


def reminder_schedule(partnership, today: datetime.date) -> ReminderSchedule:
    quarter = Period.quarter_of(today)
    return ReminderSchedule(
        quarter=quarter,
        working_days=partnership.reminder_working_days,
        reminders_from=update_reminders_from(partnership, quarter),
        escalations_from=escalations_from(quarter),
    )


def reminder_records(membership, *, period="", kind="", status=""):
    """The reminder rows the member may see, newest quarter first (a queryset to paginate)."""
    rows = Reminder.objects.filter(access.reminders_visible_filter(membership)).select_related("user")
    chosen = {"period": period, "kind": kind, "status": status}
    rows = rows.filter(**{name: value for name, value in chosen.items() if value})
    return rows.order_by("-period", "kind", "user__first_name", "user__last_name", "user__email", "pk")


def reminder_status_counts(rows) -> list[tuple[str, str, int]]:
    """(status, its label, how many of ``rows``) for each sending status, in one query."""
    counts = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in Delivery.Status.choices]


def reminder_periods(membership, today: datetime.date) -> list[str]:
    """Quarters to filter the record by: those with reminders, and this and last quarter, newest first."""
    rows = Reminder.objects.filter(access.reminders_visible_filter(membership))
    recorded = set(rows.order_by().values_list("period", flat=True).distinct())
    quarter = Period.quarter_of(today)
    return sorted(recorded | {quarter.label, quarter.previous().label}, reverse=True)
