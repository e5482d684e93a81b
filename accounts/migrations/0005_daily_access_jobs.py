"""The daily jobs of the access audit and unused accounts, in beat's schedule in the database.

Created with get_or_create by name: a schedule edited or switched off in the admin is left as it is.
"""

from django.db import migrations
from django.utils import timezone

DAILY = {
    "minute": "30",
    "hour": "2",
    "day_of_week": "*",
    "day_of_month": "*",
    "month_of_year": "*",
    "timezone": "Europe/London",
}
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
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    daily = CrontabSchedule.objects.filter(**DAILY).first() or CrontabSchedule.objects.create(**DAILY)
    for name, (task, description) in TASKS.items():
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": daily, "description": description, "enabled": True}
        )
    # Tell a running beat that its schedule changed (the model's signals do not fire in migrations).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=list(TASKS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_security_records"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
