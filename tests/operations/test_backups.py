"""`manage.py backup` and `restore` (what `make backup` and `make restore` run)."""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing

import psycopg2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from demo.services import demo_load
from operations.backups import BackupError, backup_create
from tests.services import ROOT, unavailable


def _database_url(name):
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    password = database.get("PASSWORD") or ""
    return (
        f"postgres://{database['USER']}:{password}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}"
    )


def _manage(*arguments, database, media):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "neglect_portal.settings",
        "DATABASE_URL": _database_url(database),
        "MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600
    )


def _fingerprints(database, media):
    result = _manage("-m", "tests.operations.page_fingerprints", database=database, media=media)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database beside the test database, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield str(tmp_path / "restored.sqlite3")
        return
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            unavailable(f"{tool} is not installed (Debian: postgresql-client)")
    name = f"{connection.settings_dict['NAME']}_restored"
    server = {key: connection.settings_dict[key] or None for key in ("USER", "PASSWORD", "HOST", "PORT")}
    admin = psycopg2.connect(
        dbname="postgres", user=server["USER"], password=server["PASSWORD"], host=server["HOST"], port=server["PORT"]
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_and_the_portal_serves_the_same_pages(
    settings, tmp_path, empty_database
):
    source_media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    settings.MEDIA_ROOT = source_media
    demo_load()
    source = connection.settings_dict["NAME"]

    backup = _manage("manage.py", "backup", "--to", str(tmp_path / "backups"), database=source, media=source_media)
    assert backup.returncode == 0, backup.stderr
    folder = backup.stdout.strip().removeprefix("Backed up to ")
    assert sorted(os.listdir(folder)) == [
        "database.dump" if connection.vendor == "postgresql" else "database.sqlite3",
        "manifest.json",
        "media.tar.gz",
    ]

    # Files already where the backup's would go: refused, and the database is left empty.
    clash = _manage("manage.py", "restore", folder, database=empty_database, media=source_media)
    assert clash.returncode == 1 and "already stored" in clash.stderr

    restore = _manage("manage.py", "restore", folder, database=empty_database, media=restored_media)
    assert restore.returncode == 0, restore.stderr
    assert "every row and file accounted for" in restore.stdout

    again = _manage("manage.py", "restore", folder, database=empty_database, media=restored_media)
    assert again.returncode == 1 and "The database is not empty" in again.stderr

    original, restored = _fingerprints(source, source_media), _fingerprints(empty_database, restored_media)
    assert restored["tables"] == original["tables"]
    assert original["tables"]["reports_quarterlyreport"] == 8 and original["tables"]["audits_historicalrecommendation"]
    assert restored["pages"] == original["pages"]
    assert {status for status, _length, _digest in original["pages"].values()} == {200}


@pytest.mark.django_db
def test_a_restore_refuses_a_database_that_is_not_empty(tmp_path):
    manifest = {"created_at": "2027-01-15T07:00:00+00:00", "database": connection.vendor, "tables": {}, "files": {}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", tmp_path)


def test_a_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match=r"is not a backup: it has no manifest\.json"):
        call_command("restore", tmp_path)


def test_a_backup_is_never_written_over_another(tmp_path):
    now = datetime.datetime(2027, 1, 15, 7, 0, tzinfo=datetime.UTC)
    (tmp_path / "20270115-070000").mkdir()

    with pytest.raises(BackupError, match="already exists"):
        backup_create(tmp_path, now=now)


def test_a_local_sqlite_install_is_backed_up_and_restored_the_same_way(tmp_path):
    source, restored = tmp_path / "db.sqlite3", tmp_path / "restored.sqlite3"
    with sqlite3.connect(source) as database:
        database.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
        database.executemany("INSERT INTO note (text) VALUES (?)", [("first",), ("second",)])
    (tmp_path / "media" / "reports").mkdir(parents=True)
    (tmp_path / "media" / "reports" / "q2.pdf").write_bytes(b"%PDF-1.7 a report")

    def manage(*arguments, database, media):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "neglect_portal.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "MEDIA_ROOT": str(media),
        }
        return subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True
        )

    backup = manage("backup", "--to", str(tmp_path / "backups"), database=source, media=tmp_path / "media")
    folder = backup.stdout.strip().removeprefix("Backed up to ")
    restore = manage("restore", folder, database=restored, media=tmp_path / "restored-media")

    assert restore.returncode == 0, restore.stderr
    with closing(sqlite3.connect(restored)) as database:
        assert database.execute("SELECT text FROM note ORDER BY id").fetchall() == [("first",), ("second",)]
    assert (tmp_path / "restored-media" / "reports" / "q2.pdf").read_bytes() == b"%PDF-1.7 a report"
