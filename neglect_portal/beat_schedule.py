"""The portal's periodic jobs in django-celery-beat's schedule (kept in the database, so an operator
can change a time or switch a job off in the admin), written by the apps' data migrations.

Migrations call these with their historical ``apps``, so they keep working as the models change.
A job is created by name with ``get_or_create``: a job an operator has edited is left as it is.
"""

from django.utils import timezone


def daily_at(hour: int, minute: int = 0) -> dict:
    """A crontab that fires once a day at this time, London time (the partnerships' clock)."""
    return {
        "minute": str(minute),
        "hour": str(hour),
        "day_of_week": "*",
        "day_of_month": "*",
        "month_of_year": "*",
        "timezone": "Europe/London",
    }


def schedule_jobs(apps, jobs: dict[str, tuple[str, str]], *, crontab: dict) -> None:
    """Add each job (name: (task, description)) to beat's schedule on this crontab."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    when = CrontabSchedule.objects.filter(**crontab).first() or CrontabSchedule.objects.create(**crontab)
    for name, (task, description) in jobs.items():
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": when, "description": description, "enabled": True}
        )
    schedule_changed(apps)


def schedule_jobs_every(apps, jobs: dict[str, tuple[str, str]], *, every: int, period: str = "minutes") -> None:
    """Add each job (name: (task, description)) to beat's schedule, to run every ``every`` ``period``."""
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    interval, _ = IntervalSchedule.objects.get_or_create(every=every, period=period)
    for name, (task, description) in jobs.items():
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "interval": interval, "description": description, "enabled": True}
        )
    schedule_changed(apps)


def unschedule_jobs(apps, jobs: dict[str, tuple[str, str]]) -> None:
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=list(jobs)).delete()
    schedule_changed(apps)


def schedule_changed(apps) -> None:
    """Tell a running beat to read its schedule again (the model's signals do not fire in migrations)."""
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})
