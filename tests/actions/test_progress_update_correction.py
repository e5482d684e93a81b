"""A progress update added on its page is dated today; when today's quarter is locked (its report was issued
early, before the quarter's life was kept), the update corrects what the board read: as through the API, it
needs a reason, which is recorded and listed in the next report."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from actions.models import ProgressUpdate
from priorities.models import QuarterCorrection
from tests import factories as f

MESSAGE = "2026/27 Q3 is locked: its report has been issued. Enter why this correction is needed"
UPDATE = {"status": "on_track", "narrative": "Three of five teams trained."}


@pytest.fixture(autouse=True)
def in_december():
    with freeze_time("2026-12-01 10:00"):
        yield


@pytest.fixture
def locked(cast):
    """2026/27 Q3's report was issued on 29 November, before the quarter ended, so the quarter is locked."""
    issued = datetime.datetime(2026, 11, 29, 9, 0, tzinfo=datetime.UTC)
    return f.SignedOffQuarterFactory(
        strategy=cast.strategy, period="2026/27 Q3", signed_off_by=cast.alice, signed_off_at=issued, locked_at=issued
    )


def add(client, action, data):
    return client.post(reverse("actions:add_update", args=[action.pk]), data)


def test_an_update_in_a_locked_quarter_without_a_reason_is_refused_at_the_field_and_nothing_is_saved(
    cast, locked, client_for
):
    client = client_for(cast.sam)
    form = client.get(reverse("actions:add_update", args=[cast.a11.pk])).content.decode()
    assert "Why is this a correction?" in form and "2026/27 Q3 is locked" in form
    response = add(client, cast.a11, UPDATE)
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert body.count(MESSAGE) == 2  # in the summary and at the field
    assert 'id="id_correction_reason"' in body
    assert not ProgressUpdate.objects.filter(action=cast.a11).exists() and not QuarterCorrection.objects.exists()


def test_an_update_in_a_locked_quarter_with_a_reason_is_saved_and_recorded_as_a_correction(cast, locked, client_for):
    response = add(client_for(cast.sam), cast.a11, {**UPDATE, "correction_reason": "Sent by e-mail in November."})
    assert response.status_code == 302
    assert ProgressUpdate.objects.get(action=cast.a11).narrative == "Three of five teams trained."
    correction = QuarterCorrection.objects.get()
    assert (correction.period, correction.recorded_by) == ("2026/27 Q3", cast.sam)
    assert correction.reason == "Sent by e-mail in November."
    assert correction.subject == "P1.1 Train health visitors, progress update of 1 December 2026"


def test_an_update_in_an_open_quarter_asks_for_no_reason(cast, client_for):
    client = client_for(cast.sam)
    form = client.get(reverse("actions:add_update", args=[cast.a11.pk])).content.decode()
    assert "correction_reason" not in form
    assert add(client, cast.a11, UPDATE).status_code == 302
    assert ProgressUpdate.objects.filter(action=cast.a11).exists() and not QuarterCorrection.objects.exists()
