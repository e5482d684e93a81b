"""``manage.py send_reminders``: send the update reminders and escalations due today, or list them."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import dateformat, timezone

from reminders.models import Reminder
from reminders.selectors import reminders_preview
from reminders.tasks import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the update reminders and escalations due today, as the daily job does. Each person gets each "
        "e-mail once a quarter, however often this runs. --dry-run lists who would be e-mailed and why."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as on this day, written YYYY-MM-DD (for example to catch up a day).")
        parser.add_argument("--dry-run", action="store_true", help="List who would be e-mailed and why; send nothing.")

    def handle(self, *args, date=None, dry_run=False, **options):
        day = self._day(date)
        if dry_run:
            self._list(day)
        else:
            self._send(day)

    def _day(self, value) -> datetime.date:
        if not value:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"“{value}” is not a date: write it as YYYY-MM-DD, for example 2026-12-15.") from None

    def _list(self, day):
        entries = reminders_preview(day)
        self.stdout.write(f"Reminders and escalations due on {dateformat.format(day, 'l j F Y')} (dry run: none sent)")
        if not entries:
            self.stdout.write("Nothing is due.")
            return
        partnership = None
        for entry in entries:
            due = entry.due
            if due.partnership != partnership:
                partnership = due.partnership
                self.stdout.write(f"\n{partnership.name}")
            self.stdout.write(f"  {due.kind_label}, {due.period}: {due.user} <{due.user.email}> — {_fate(entry)}")
            for group in due.groups:
                self.stdout.write(f"    Priority {group.priority.number}: {group.why}")
                for item in group.items:
                    action = item.action
                    self.stdout.write(f"      {action.reference} {action.title}: {'; '.join(item.reasons)}")
        waiting = sum(1 for entry in entries if entry.recorded is None or entry.recorded.status == "pending")
        self.stdout.write(f"\n{waiting} e-mail{'s' if waiting != 1 else ''} would be sent.")

    def _send(self, day):
        queued = send_due_reminders(day.isoformat())
        rows = Reminder.objects.filter(pk__in=queued).select_related("partnership", "user").order_by("pk")
        for row in rows:
            self.stdout.write(
                f"{row.partnership}: {row.get_kind_display()}, {row.period} to {row.user.email} — "
                f"{row.get_status_display().lower()}"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(queued)} reminder e-mail{'s' if len(queued) != 1 else ''} queued."))


def _fate(entry) -> str:
    if entry.recorded is None:
        return "would be sent"
    if entry.recorded.status == "pending":
        return "waiting to send, would be tried again"
    return f"already {entry.recorded.get_status_display().lower()}, not sent again"
