"""Build benchmark partnerships: ``manage.py build_scale_data --scale 100`` (see ``demo.scale``)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.scale import scale_build


class Command(BaseCommand):
    help = (
        "Build invented partnerships at N times the demo's size (24 partnerships at 100, the biggest with 1,919 "
        "actions); the same N always gives the same data, and running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="How many times the demo's size (1 to 100).")

    def handle(self, *args, scale, **options):
        if not 1 <= scale <= 100:
            raise CommandError("Give a scale from 1 to 100, such as --scale 100.")
        counts = scale_build(scale, stdout=self.stdout)
        if counts.get("partnerships built") and connection.vendor == "postgresql":
            # Rows written in bulk leave the planner's statistics behind until autovacuum runs (never, where
            # it is off): the pages would be measured with plans made for empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(", ".join(f"{count} {name}" for name, count in sorted(counts.items())))
