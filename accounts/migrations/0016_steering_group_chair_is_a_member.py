"""A named chair who is not an active member of the steering group (or the business manager) is no longer named.

Until now any active member could be named; the chair signs off each quarter, which the issue gives to the
steering group's chair. Only the name is cleared: the person, their role and every sign-off they made stay as
they were, and the business manager, who signs off anyway, can name a chair among the steering group.
"""

from django.db import migrations

CHAIR_ROLES = ("steering", "admin")


def clear_chairs_outside_the_steering_group(apps, schema_editor):
    Partnership = apps.get_model("accounts", "Partnership")
    Membership = apps.get_model("accounts", "Membership")
    for partnership in Partnership.objects.filter(steering_group_chair__isnull=False).only("pk", "steering_group_chair"):
        eligible = Membership.objects.filter(
            partnership_id=partnership.pk,
            user_id=partnership.steering_group_chair_id,
            is_active=True,
            role__in=CHAIR_ROLES,
        ).exists()
        if not eligible:
            Partnership.objects.filter(pk=partnership.pk).update(steering_group_chair=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0015_partnership_rank_agency_engagement"),
    ]

    operations = [
        migrations.RunPython(clear_chairs_outside_the_steering_group, migrations.RunPython.noop),
    ]
