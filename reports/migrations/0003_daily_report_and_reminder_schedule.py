"""The daily schedule of the background jobs, kept in the database so it can be changed in the admin.

Created with get_or_create by name: a schedule edited or switched off in the admin is left as it is.
"""

from django.db import migrations

from neglect_portal.beat_schedule import daily_at, schedule_jobs, unschedule_jobs

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
    schedule_jobs(apps, TASKS, crontab=daily_at(7))


def remove_schedule(apps, schema_editor):
    unschedule_jobs(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_report_figures_time_and_delivery_queue_time"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
