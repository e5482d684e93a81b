"""The daily schedule of the background jobs, kept in the database so it can be changed in the admin.

Created with get_or_create by name: a schedule edited or switched off in the admin is left as it is.
"""

from django.db import migrations
from django.utils import timezone

DAILY = {
    "minute": "0",
    "hour": "7",
    "day_of_week": "*",
    "day_of_month": "*",
    "month_of_year": "*",
    "timezone": "Europe/London",
}
TASKS = {
    "Issue and send due quarterly reports": (
        "reports.tasks.issue_due_reports",
        "Every morning: issue and e-mail the board report of each active strategy whose send date "
        "(working days after the quarter ends, set on the partnership) has come; requeue forgotten e-mails.",
    ),
    "Send progress update reminders": (
        "reports.tasks.send_due_reminders",
        "Every morning: remind action leads of missing progress updates before a quarter closes, "
        "and escalate missing updates and overdue actions to sponsors after it has closed.",
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
        ("reports", "0002_report_figures_time_and_delivery_queue_time"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
