"""What the help page reads about the partnership: who to contact and when this quarter's steps fall."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from accounts.models import Role, User
from neglect_portal.periods import Period
from reminders.selectors import reminder_schedule
from reports.selectors import send_date


@dataclass(frozen=True)
class QuarterDates:
    quarter: Period
    reminders_from: datetime.date
    quarter_ends: datetime.date
    escalations_from: datetime.date
    report_sent_on: datetime.date
    reminder_working_days: int
    report_send_working_days: int


def business_managers(partnership) -> list[User]:
    """The partnership's business managers (its active members with the admin role), by name."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__partnership=partnership,
            memberships__is_active=True,
            memberships__role=Role.ADMIN,
        ).order_by("first_name", "last_name", "email")
    )


def quarter_dates(partnership, today: datetime.date) -> QuarterDates:
    """This quarter's reminder, escalation and report dates for the partnership (no query)."""
    schedule = reminder_schedule(partnership, today)
    return QuarterDates(
        quarter=schedule.quarter,
        reminders_from=schedule.reminders_from,
        quarter_ends=schedule.quarter.end,
        escalations_from=schedule.escalations_from,
        report_sent_on=send_date(partnership, schedule.quarter),
        reminder_working_days=partnership.reminder_working_days,
        report_send_working_days=partnership.report_send_working_days,
    )
