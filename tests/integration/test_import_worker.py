"""A 10,000-row action plan checked and imported by a real Celery worker through Redis, all or nothing."""

import re
import time

import pytest
from django.db import connection
from django.urls import reverse

from actions.models import Action
from spreadsheets.models import Upload
from tests.actions.helpers import PLAN_HEADERS, plan_row
from tests.services import celery_worker
from tests.spreadsheets.helpers import upload, xlsx_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

IMPORT = reverse("spreadsheets:action_plan_import")
ROWS = 10_000


def big_plan(bad_row=None):
    rows = [plan_row(f"B{n}", 1 + n % 2, f"Action {n} of the big plan", lead="") for n in range(1, ROWS + 1)]
    if bad_row is not None:
        rows[bad_row - 2][8] = "soon"  # the due date of spreadsheet row ``bad_row``
    return xlsx_bytes(PLAN_HEADERS, rows)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def follow_until(client, url, settled, timeout=240):
    """GET the upload's page until ``settled(upload)``; the pages seen on the way."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen.append(text(client.get(url)))
        if settled(Upload.objects.get(pk=int(url.rstrip("/").split("/")[-1]))):
            return seen
        time.sleep(0.5)
    raise AssertionError(f"Not settled in {timeout} s: {seen[-1][:500]}")


def test_a_10000_row_plan_is_checked_and_imported_by_the_worker_with_progress_shown(cast, broker, client_for):
    client = client_for(cast.steve)
    before = Action.objects.count()
    with celery_worker(connection.settings_dict["NAME"], broker, "consolemail://", queue="celery"):
        response = client.post(IMPORT, {"file": upload(big_plan(), "big-plan.xlsx")})
        page = response["Location"]
        assert response.status_code == 302 and Upload.objects.get().status == Upload.Status.CHECKING

        seen = follow_until(client, page, lambda u: u.status == Upload.Status.PREVIEWED)
        progress = [p for p in seen if "Checking your file" in p]
        assert progress and 'data-app-refresh="3"' in progress[0] and 'role="status"' in progress[0]
        preview = client.get(page)
        shown = text(preview)
        assert 'New actions</dt> <dd class="govuk-summary-list__value app-number">10000</dd>' in shown
        assert 'Next<span class="govuk-visually-hidden"> page' in shown  # the preview is paged
        assert Action.objects.count() == before  # nothing imported before confirming

        digest = re.search(r'name="digest" value="([0-9a-f]{64})"', preview.content.decode())[1]
        started = time.monotonic()
        confirmed = client.post(reverse("spreadsheets:confirm", args=[Upload.objects.get().pk]), {"digest": digest})
        assert confirmed.status_code == 302 and confirmed["Location"] == page
        assert "Importing your file" in text(client.get(page))
        follow_until(client, page, lambda u: u.status == Upload.Status.IMPORTED)
        took = time.monotonic() - started

    assert Action.objects.count() == before + ROWS
    assert Action.history.filter(reference="B10000").count() == 1  # the history of each action is kept
    assert took < 120, f"the import took {took:.1f} s"  # re-checking and writing 10,000 rows, history included
    done = client.get(page, follow=True)
    assert "big-plan.xlsx has been imported: 10000 actions added, 0 changed and 0 unchanged." in text(done)


def test_one_bad_row_in_10000_refuses_the_whole_file_naming_its_row_and_column(cast, broker, client_for):
    client = client_for(cast.steve)
    before = sorted(Action.objects.values_list("pk", "title", "due_date"))
    with celery_worker(connection.settings_dict["NAME"], broker, "consolemail://", queue="celery"):
        response = client.post(IMPORT, {"file": upload(big_plan(bad_row=7654), "big-plan.xlsx")})
        follow_until(client, response["Location"], lambda u: u.status == Upload.Status.REFUSED)

    shown = text(client.get(response["Location"]))
    assert "big-plan.xlsx has a problem. Nothing has been imported" in shown
    assert re.search(r'app-number">7654</td> <td class="govuk-table__cell">Due date</td> <td[^>]*>Enter a date', shown)
    assert sorted(Action.objects.values_list("pk", "title", "due_date")) == before
    assert Upload.objects.get().content == b""  # a refused file is not kept
