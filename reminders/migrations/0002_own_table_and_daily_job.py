"""The reminder table takes the reminders app's name, and what pointed at the old home follows it.

- ``reports_reminder`` is renamed ``reminders_reminder`` (a rename: every row stays);
- the admin's record of the model (its content type, and so its permissions and history
  entries) moves to the reminders app;
- the daily job's schedule names the task where it now lives. A schedule edited in the
  admin keeps its time and on/off switch: only the task's name changes.
"""

from django.db import migrations

from neglect_portal.beat_schedule import schedule_changed

OLD_TASK, NEW_TASK = "reports.tasks.send_due_reminders", "reminders.tasks.send_due_reminders"


def _move(apps, *, task_from, task_to, label_from, label_to):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=label_to, model="reminder").exists():
        ContentType.objects.filter(app_label=label_from, model="reminder").update(app_label=label_to)
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(task=task_from).update(task=task_to):
        schedule_changed(apps)


def forwards(apps, schema_editor):
    _move(apps, task_from=OLD_TASK, task_to=NEW_TASK, label_from="reports", label_to="reminders")


def backwards(apps, schema_editor):
    _move(apps, task_from=NEW_TASK, task_to=OLD_TASK, label_from="reminders", label_to="reports")


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("reports", "0007_delete_reminder"),
        ("reports", "0003_daily_report_and_reminder_schedule"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AlterModelTable(name="reminder", table=None),
        migrations.RunPython(forwards, backwards),
    ]
