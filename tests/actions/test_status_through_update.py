"""An action's status changes only through a progress update, which keeps the old and the new status and
says why (its narrative); changing the action's other fields never changes its status, on the pages or the API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from actions import services
from actions.models import Action, ProgressUpdate, Status
from tests.actions.test_pages import _edit_data


@pytest.fixture
def api_for():
    def sign_in(user):
        client = APIClient()
        client.force_login(user)
        return client

    return sign_in


def test_change_the_action_offers_no_status_and_says_a_progress_update_changes_it(cast, client_for):
    page = client_for(cast.lee).get(reverse("actions:update", args=[cast.a21.pk])).content.decode()
    assert 'name="status"' not in page
    assert "The status changes only with" in page
    assert reverse("actions:add_update", args=[cast.a21.pk]) in page


def test_a_status_sent_with_the_change_of_an_action_is_ignored(cast, client_for):
    data = _edit_data(cast.a21, title="Roll out the toolkit to schools", status=Status.COMPLETED)
    response = client_for(cast.lee).post(reverse("actions:update", args=[cast.a21.pk]), data)
    assert response.status_code == 302
    action = Action.objects.get(pk=cast.a21.pk)
    assert action.title == "Roll out the toolkit to schools"
    assert action.status == Status.ON_TRACK and not action.updates.exists()


def test_a_progress_update_keeps_the_old_and_new_status_and_the_page_says_why(cast, client_for):
    client = client_for(cast.lee)
    data = {"status": Status.OFF_TRACK, "narrative": "The trainer left; the course is postponed to May."}
    assert client.post(reverse("actions:add_update", args=[cast.a21.pk]), data).status_code == 302
    update = ProgressUpdate.objects.get(action=cast.a21)
    assert (update.previous_status, update.status) == (Status.ON_TRACK, Status.OFF_TRACK)
    page = client.get(reverse("actions:detail", args=[cast.a21.pk])).content.decode()
    assert "status changed from On track (Green) to Off track (Red)" in page
    assert "The trainer left; the course is postponed to May." in page
    assert "Off track (Red)" in page


def test_the_service_refuses_a_status_with_the_actions_other_fields(cast):
    with pytest.raises(ValidationError) as refused:
        services.action_update(cast.lee.memberships.get(), cast.a21, status=Status.COMPLETED, title="Done")
    assert "progress update" in str(refused.value)
    action = Action.objects.get(pk=cast.a21.pk)
    assert action.status == Status.ON_TRACK and action.title == "Roll out the neglect toolkit"


def test_the_api_refuses_a_new_status_on_the_action_and_points_to_progress_updates(cast, api_for):
    client = api_for(cast.lee)
    url = f"/api/v1/actions/{cast.a21.pk}/"
    refused = client.patch(url, {"status": "off_track", "title": "Changed"}, format="json")
    assert refused.status_code == 400
    assert "/api/v1/progress-updates/" in refused.json()["status"][0]
    action = Action.objects.get(pk=cast.a21.pk)
    assert action.status == Status.ON_TRACK and action.title == "Roll out the neglect toolkit"
    # An action read and sent back whole, its status unchanged, is accepted.
    whole = client.get(url).json()
    assert client.patch(url, {"status": whole["status"], "title": "Changed"}, format="json").status_code == 200


def test_the_api_creates_actions_not_started_and_refuses_another_status(cast, api_for):
    body = {
        "priority": cast.p1.pk,
        "reference": "P1.7",
        "title": "Audit referrals",
        "success_measure": "An audit report",
        "lead_agency": cast.health.pk,
        "start_date": "2026-04-01",
        "due_date": "2027-03-31",
    }
    client = api_for(cast.alice)
    assert client.post("/api/v1/actions/", {**body, "status": "completed"}, format="json").status_code == 400
    assert not Action.objects.filter(reference="P1.7").exists()
    created = client.post("/api/v1/actions/", body, format="json")
    assert created.status_code == 201 and created.json()["status"] == "not_started"


def test_the_api_progress_update_records_the_status_before_it(cast, api_for):
    body = {"action": cast.a21.pk, "status": "at_risk", "narrative": "Two trainers are off sick."}
    created = api_for(cast.lee).post("/api/v1/progress-updates/", body, format="json")
    assert created.status_code == 201
    assert created.json()["previous_status"] == "on_track" and created.json()["status"] == "at_risk"
    assert Action.objects.get(pk=cast.a21.pk).status == Status.AT_RISK
