"""The daily alerts job in beat's schedule: overdue actions, and each person's digest of the day's alerts.

Created with get_or_create by name: a schedule edited or switched off in the admin is left as it is.
"""

from django.db import migrations

from neglect_portal.beat_schedule import daily_at, schedule_jobs, unschedule_jobs

TASKS = {
    "Send alerts and daily digests": (
        "reminders.tasks.send_alerts",
        "Every morning: tell each action's lead and sponsor of actions that have become overdue, and e-mail "
        "each person who chose the daily digest the alerts waiting for them (red indicators, overdue and Red actions).",
    ),
}


def create_schedule(apps, schema_editor):
    schedule_jobs(apps, TASKS, crontab=daily_at(7))


def remove_schedule(apps, schema_editor):
    unschedule_jobs(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0005_alerts"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
