"""Build benchmark partnerships: ``manage.py build_scale_data --scale 100`` (see ``demo.scale``)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.scale import scale_build, send_day_build


class Command(BaseCommand):
    help = (
        "Build invented partnerships at N times the demo's size (24 partnerships at 100, the biggest with 1,919 "
        "actions); the same N always gives the same data, and running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="How many times the demo's size (1 to 100).")
        parser.add_argument(
            "--send-day",
            type=int,
            default=0,
            metavar="N",
            help="Also build N small partnerships whose last quarter's report is due (150: every English partnership).",
        )

    def handle(self, *args, scale, send_day, **options):
        if not 1 <= scale <= 100:
            raise CommandError("Give a scale from 1 to 100, such as --scale 100.")
        if not 0 <= send_day <= 1000:
            raise CommandError("Give a number of send-day partnerships from 0 to 1000, such as --send-day 150.")
        counts = scale_build(scale, stdout=self.stdout)
        counts |= send_day_build(send_day, stdout=self.stdout)
        built = counts.get("partnerships built") or counts.get("send-day partnerships built")
        if built and connection.vendor == "postgresql":
            # Rows written in bulk leave the planner's statistics and the visibility map behind until autovacuum
            # runs (never, where it is off): the pages would be measured with plans made for empty tables, and
            # counts that a vacuumed table answers from its index would read every row.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(", ".join(f"{count} {name}" for name, count in sorted(counts.items())))
