"""Issue (and optionally send) a partnership's quarterly report from the shell, as the daily job does."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Partnership
from neglect_portal.periods import Period
from reports import selectors, services
from reports.models import QuarterlyReport


class Command(BaseCommand):
    help = (
        "Create the quarterly report of a partnership's active strategy if there is none, issue it if it is "
        "still a draft and, with --send, e-mail it to the board distribution list. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug, for example walsall.")
        parser.add_argument("--period", required=True, help='The quarter, for example "2026/27 Q2".')
        parser.add_argument("--send", action="store_true", help="Also e-mail it to the board distribution list.")

    def handle(self, *args, partnership, period, send, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"There is no partnership with the slug “{partnership}”.")
        try:
            quarter = Period.parse(period)
        except ValueError as error:
            raise CommandError(str(error)) from error
        strategy = selectors.active_strategy(found)
        if strategy is None:
            raise CommandError(f"{found.name} has no active strategy to report on.")
        try:
            report = services.report_produce(strategy, quarter, send=send)
        except ValidationError as error:
            raise CommandError(self._not_done(strategy, quarter) + " ".join(error.messages)) from error
        deliveries = report.deliveries.count()
        self.stdout.write(
            f"The {report.period} report of {strategy.title} is {report.get_status_display().lower()}"
            + (f"; {deliveries} e-mail{'s' if deliveries != 1 else ''} queued or sent." if send else ".")
        )

    def _not_done(self, strategy, quarter):
        report = QuarterlyReport.objects.latest_versions().filter(strategy=strategy, period=quarter.label).first()
        if report is None or report.status == QuarterlyReport.Status.DRAFT:
            return ""
        return f"The {quarter} report is {report.get_status_display().lower()} but was not sent. "
