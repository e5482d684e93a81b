"""The daily jobs of the access audit and unused accounts, in beat's schedule in the database.

Created with get_or_create by name: a schedule edited or switched off in the admin is left as it is.
"""

from django.db import migrations

from neglect_portal.beat_schedule import daily_at, schedule_jobs, unschedule_jobs

TASKS = {
    "Prune the access audit": (
        "accounts.tasks.prune_access_audit",
        "Every night: delete access-audit events older than ACCESS_AUDIT_RETENTION_DAYS (two years by default).",
    ),
    "Close unused accounts": (
        "accounts.tasks.deactivate_dormant_accounts",
        "Every night: e-mail people whose account has not been used for DORMANT_ACCOUNT_DAYS less "
        "DORMANT_ACCOUNT_WARNING_DAYS, and deactivate those warned that long ago who still have not signed in.",
    ),
}


def create_schedule(apps, schema_editor):
    schedule_jobs(apps, TASKS, crontab=daily_at(2, 30))


def remove_schedule(apps, schema_editor):
    unschedule_jobs(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_security_records"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
