from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into this installation, whose database must be empty."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="The backup's folder, e.g. var/backups/20270115-070000")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup_restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: {len(manifest['tables'])} tables and "
            f"{len(manifest['files'])} files, every row and file accounted for. Run `manage.py migrate` "
            "if this code is newer than the backup."
        )
