"""The sweeper of automatic e-mails in beat's schedule: every five minutes, hand the rows nobody picked up to the workers.

Created with get_or_create by name: a schedule edited or switched off in the admin is left as it is.
"""

from django.db import migrations
from django.utils import timezone

NAME = "Hand waiting e-mails to the workers"
DESCRIPTION = (
    "Every five minutes: send the automatic e-mails nobody will otherwise send - those whose hand-over to "
    "the broker failed, whose retry was lost, or that a worker which stopped left half-sent."
)


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={"task": "outbound.tasks.sweep", "interval": every, "description": DESCRIPTION, "enabled": True},
    )
    # Tell a running beat that its schedule changed (the model's signals do not fire in migrations).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
