"""Reports issued before quarters were signed off: their quarters count as signed off and locked when issued."""

from django.db import migrations


def lock_issued_quarters(apps, schema_editor):
    QuarterlyReport = apps.get_model("reports", "QuarterlyReport")
    Quarter = apps.get_model("priorities", "Quarter")
    issued = QuarterlyReport.objects.exclude(status="draft").exclude(issued_at__isnull=True)
    for report in issued.iterator():
        Quarter.objects.get_or_create(
            strategy_id=report.strategy_id,
            period=report.period,
            defaults={
                "signed_off_at": report.issued_at,
                "signed_off_by_id": report.issued_by_id,
                "locked_at": report.issued_at,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_sign_off_due_emails"),
        ("priorities", "0005_quarter_sign_off_and_corrections"),
    ]

    operations = [migrations.RunPython(lock_issued_quarters, migrations.RunPython.noop)]
