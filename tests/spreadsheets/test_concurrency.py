"""Two confirmations of one upload at the same moment (a double click on two servers) import it once."""

import threading

import pytest
from django.db import connection, transaction

from actions.imports import ActionPlanImporter
from actions.models import Action
from spreadsheets import services
from spreadsheets.models import Upload
from tests.actions.helpers import PLAN_HEADERS, plan_row
from tests.spreadsheets.helpers import membership, xlsx_bytes


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_the_same_moment_import_once(cast):
    member = membership(cast.steve)
    rows = [plan_row(f"P1.{n}") for n in range(2, 30)]
    kept = services.upload_create(member, ActionPlanImporter.kind, "plan.xlsx", xlsx_bytes(PLAN_HEADERS, rows))
    kept.refresh_from_db()
    digest = kept.preview["digest"]
    start = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            upload = Upload.objects.get(pk=kept.pk)
            start.wait()
            with transaction.atomic():  # as every request is (ATOMIC_REQUESTS)
                outcomes.append(services.upload_confirm(member, upload, digest).result["new"])
        except services.UploadUnavailable as error:
            outcomes.append(error.upload.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes, key=str) == [28, Upload.Status.IMPORTED]
    assert Action.objects.filter(priority=cast.p1).count() == 29
