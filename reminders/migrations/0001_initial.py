"""The reminder record moves from the reports app: the same table, taken over without a change.

Only Django's idea of which app owns the model changes here (the table is still
``reports_reminder``, renamed in 0002), so an existing database keeps every row.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_partnership_settings_and_invitations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # The table was made by the reports app's migrations.
        ('reports', '0005_refuse_child_identifiers'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='Reminder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', 'Waiting to send'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], default='pending', max_length=10)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('last_error', models.TextField(blank=True)),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('period', models.CharField(max_length=12)),
                ('kind', models.CharField(choices=[('update_due', 'Update due before quarter end'), ('escalation', 'Escalation to sponsor')], max_length=20)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='accounts.partnership')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'reports_reminder',
                'ordering': ['-period', 'user'],
                'constraints': [models.UniqueConstraint(fields=('partnership', 'user', 'period', 'kind'), name='one_reminder_per_kind')],
            },
        ),
        ]),
    ]
