"""Backups of the database and the stored files, and their restore into an empty installation.

A backup is a folder named after the time it was taken, holding:

- ``database.dump``: ``pg_dump --format=custom`` of the database (PostgreSQL), or
  ``database.sqlite3``, a consistent copy made with SQLite's backup API (local installs);
- ``media.tar.gz``: every stored file (issued report PDFs), read through Django's storage API,
  so the same command backs up a local ``MEDIA_ROOT`` and an S3 bucket alike;
- ``manifest.json``: when it was taken, and the row count of every table and the list of
  files, against which a restore checks itself.

``dumpdata``/``loaddata`` is not a backup: it skips what is not a model and leaves sequences
behind, so the engine's own dump is used instead.
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason in words."""


def backup_create(parent: Path | None = None, *, now: datetime.datetime | None = None) -> Path:
    """Back up the database and the stored files into a new timestamped folder under ``parent``."""
    now = now or timezone.now()
    folder = Path(parent or settings.VAR_DIR / "backups") / now.strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        raise BackupError(f"{folder} already exists; a backup is never written over another.") from None
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", f"--file={folder / PG_DUMP}"], connection.settings_dict)
    else:
        _sqlite_copy(_sqlite_path(), folder / SQLITE_COPY)
    files = _archive_media(folder / MEDIA_ARCHIVE)
    manifest = {
        "created_at": now.isoformat(),
        "database": connection.vendor,
        "tables": table_row_counts(),
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def backup_restore(folder: Path) -> dict:
    """Restore a backup into this installation, whose database must be empty; return the manifest."""
    folder = Path(folder)
    manifest = _read_manifest(folder)
    if manifest["database"] != connection.vendor:
        raise BackupError(f"This backup is of a {manifest['database']} database; this one is {connection.vendor}.")
    if tables := connection.introspection.table_names():
        raise BackupError(f"The database is not empty ({len(tables)} tables). Restore only into a new, empty database.")
    _require_files_absent(manifest["files"])
    connection.close()
    if connection.vendor == "postgresql":
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        _run([*command, str(folder / PG_DUMP)], connection.settings_dict, database_option="--dbname")
    else:
        _sqlite_copy(folder / SQLITE_COPY, _sqlite_path())
    _extract_media(folder / MEDIA_ARCHIVE)
    _check_restored(manifest)
    return manifest


def table_row_counts() -> dict[str, int]:
    """The number of rows in every table of the database."""
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (a table name)
            counts[table] = cursor.fetchone()[0]
    return counts


def stored_files(folder: str = "") -> dict[str, int]:
    """Every stored file's name and size, through the storage API (local disk or a bucket)."""
    storage = storages["default"]
    try:
        directories, names = storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever stored
        return {}
    files = {}
    for name in names:
        path = f"{folder}/{name}" if folder else name
        files[path] = storage.size(path)
    for directory in directories:
        files |= stored_files(f"{folder}/{directory}" if folder else directory)
    return files


# --- the database ------------------------------------------------------------------


def _run(command: list[str], database: dict, database_option: str | None = None):
    """Run pg_dump or pg_restore on the configured database, the password passed in the environment."""
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} was not found: install the PostgreSQL client (Debian: postgresql-client).")
    options = database.get("OPTIONS", {})
    environment = {
        **os.environ,
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    if "sslmode" in options:
        environment["PGSSLMODE"] = options["sslmode"]
    if database_option:
        command = [*command, f"{database_option}={database['NAME']}"]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sqlite_path() -> Path:
    return Path(connection.settings_dict["NAME"])


def _sqlite_copy(source: Path, target: Path):
    # SQLite's backup API copies a consistent state even while the portal is writing.
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


# --- the stored files --------------------------------------------------------------


def _archive_media(path: Path) -> dict[str, int]:
    storage = storages["default"]
    files = stored_files()
    with tarfile.open(path, "w:gz") as archive:
        for name, size in sorted(files.items()):
            member = tarfile.TarInfo(name)
            member.size = size
            with storage.open(name, "rb") as stored:
                archive.addfile(member, stored)
    return files


def _require_files_absent(files: dict[str, int]):
    storage = storages["default"]
    present = [name for name in files if storage.exists(name)]
    if present:
        raise BackupError(
            f"{len(present)} of the backup's files are already stored (such as {present[0]}). "
            "Restore only into an installation with no stored files."
        )


def _extract_media(path: Path):
    storage = storages["default"]
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            content = archive.extractfile(member).read()
            # The storage refuses names that would leave its folder (such as "../x").
            saved = storage.save(member.name, File(io.BytesIO(content), name=member.name))
            if saved != member.name:
                raise BackupError(f"{member.name} could not be restored under its own name.")


# --- the check ---------------------------------------------------------------------


def _read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.") from None


def _check_restored(manifest: dict):
    counts = table_row_counts()
    wrong = [table for table, rows in manifest["tables"].items() if counts.get(table) != rows]
    if wrong:
        raise BackupError(f"The restored database differs from the backup in {', '.join(wrong)}.")
    files = stored_files()
    missing = [name for name, size in manifest["files"].items() if files.get(name) != size]
    if missing:
        raise BackupError(f"The restored files differ from the backup: {', '.join(missing)}.")
