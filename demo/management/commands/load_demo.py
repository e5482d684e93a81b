"""``manage.py load_demo``: load the demo partnerships and say how to sign in. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import Role
from accounts.models_security import DEMO_CODE
from demo.services import DEMO_PASSWORD, SIGN_IN_ROLES, demo_load, demo_sign_in_table, sign_in_url


class Command(BaseCommand):
    help = "Load (or refresh) the demo partnerships built from the source documents. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print only how to sign in.")

    def handle(self, *args, quiet=False, **options):
        counts = demo_load()
        if not quiet:
            self.stdout.write(self.style.SUCCESS("Demo data loaded:"))
            for model, count in counts.items():
                self.stdout.write(f"  {model:<16} {count:>5}")
            self.stdout.write("")
        self._write_sign_in()

    def _write_sign_in(self):
        self.stdout.write(f"Sign in at {sign_in_url()}")
        self.stdout.write(f"Password for every demo person: {DEMO_PASSWORD}")
        if settings.DEMO_SECOND_FACTOR:
            self.stdout.write(f"Sign-in code (second factor) for every demo person: {DEMO_CODE}")
        for name, emails in demo_sign_in_table():
            self.stdout.write(f"{name}:")
            for role in SIGN_IN_ROLES:
                self.stdout.write(f"  {Role(role).label:<30} {emails[role]}")
