from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or a copy of the SQLite file) and every stored file into a new "
        "timestamped folder under var/backups/ or the folder given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="Folder in which to make the backup's folder (default var/backups)")

    def handle(self, *args, to=None, **options):
        try:
            folder = backup_create(to)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {folder}")
