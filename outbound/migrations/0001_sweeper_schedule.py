"""The sweeper of automatic e-mails in beat's schedule: every five minutes, hand the rows nobody picked up to the workers."""

from django.db import migrations

from neglect_portal.beat_schedule import schedule_jobs_every, unschedule_jobs

JOBS = {
    "Hand waiting e-mails to the workers": (
        "outbound.tasks.sweep",
        "Every five minutes: send the automatic e-mails nobody will otherwise send - those whose hand-over to "
        "the broker failed, whose retry was lost, or that a worker which stopped left half-sent.",
    ),
}


def create_schedule(apps, schema_editor):
    schedule_jobs_every(apps, JOBS, every=5, period="minutes")


def remove_schedule(apps, schema_editor):
    unschedule_jobs(apps, JOBS)


class Migration(migrations.Migration):
    dependencies = [("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
