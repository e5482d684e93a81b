"""The reminder record now belongs to the reminders app (reminders 0001): the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0006_recipient_organisation'),
        ('reminders', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name='Reminder')]),
    ]
