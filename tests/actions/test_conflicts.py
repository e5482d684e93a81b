"""No silent overwrites on the action form: a change from an out-of-date copy is refused and shown."""

import datetime

from django.urls import reverse

from actions import services
from actions.models import Action
from tests.actions.test_pages import _edit_data


def _open_form(client, action):
    response = client.get(reverse("actions:update", args=[action.pk]))
    assert response.status_code == 200
    return response.context["form"]["version"].value()


def test_the_action_form_carries_the_version_it_was_opened_at(cast, client_for):
    page = client_for(cast.lee).get(reverse("actions:update", args=[cast.a21.pk])).content.decode()
    assert 'type="hidden" name="version" value="1"' in page


def test_a_change_from_an_out_of_date_form_is_refused_and_shows_what_the_other_person_changed(cast, client_for):
    client = client_for(cast.lee)
    version = _open_form(client, cast.a21)
    loaded = Action.objects.get(pk=cast.a21.pk)
    # Alice changes the title and saves first.
    services.action_update(cast.alice.memberships.get(), Action.objects.get(pk=cast.a21.pk), title="Toolkit v2")
    # Lee changes only the description, from the form he opened earlier.
    data = _edit_data(loaded, description="Lee's new description", version=version)
    response = client.post(reverse("actions:update", args=[cast.a21.pk]), data)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this action while you were editing it" in page
    assert "Nothing you entered has been saved" in page
    assert "Roll out the neglect toolkit → Toolkit v2" in page and "Alice Example" in page
    action = Action.objects.get(pk=cast.a21.pk)
    assert action.title == "Toolkit v2" and action.description != "Lee's new description"
    # The form again: the action as it is now, with Lee's change put back in.
    form = response.context["form"]
    assert not form.is_bound
    assert form["title"].value() == "Toolkit v2"
    assert form["description"].value() == "Lee's new description"
    assert form["version"].value() == action.version
    assert response.context["conflict"].yours == ["Description"]


def test_saving_the_reapplied_form_keeps_both_changes(cast, client_for):
    client = client_for(cast.lee)
    version = _open_form(client, cast.a21)
    loaded = Action.objects.get(pk=cast.a21.pk)
    services.action_update(cast.alice.memberships.get(), Action.objects.get(pk=cast.a21.pk), title="Toolkit v2")
    refused = client.post(
        reverse("actions:update", args=[cast.a21.pk]), _edit_data(loaded, description="Lee's", version=version)
    )
    again = _edit_data(Action.objects.get(pk=cast.a21.pk), description="Lee's")
    again["version"] = refused.context["form"]["version"].value()
    response = client.post(reverse("actions:update", args=[cast.a21.pk]), again)
    assert response.status_code == 302
    action = Action.objects.get(pk=cast.a21.pk)
    assert (action.title, action.description) == ("Toolkit v2", "Lee's")


def test_a_change_from_the_current_version_is_saved_and_the_version_goes_up(cast, client_for):
    client = client_for(cast.lee)
    version = _open_form(client, cast.a21)
    data = _edit_data(cast.a21, title="Roll out the toolkit to schools", version=version)
    assert client.post(reverse("actions:update", args=[cast.a21.pk]), data).status_code == 302
    action = Action.objects.get(pk=cast.a21.pk)
    assert action.title == "Roll out the toolkit to schools" and action.version == version + 1


def test_a_progress_update_that_changes_the_status_makes_an_open_edit_form_out_of_date(cast, client_for):
    client = client_for(cast.lee)
    version = _open_form(client, cast.a21)
    loaded = Action.objects.get(pk=cast.a21.pk)
    services.progress_update_add(
        cast.alice.memberships.get(), loaded, status="at_risk", narrative="Slipping", update_date=None
    )
    response = client.post(
        reverse("actions:update", args=[cast.a21.pk]),
        _edit_data(Action.objects.get(pk=cast.a21.pk), status="on_track", version=version),
    )
    assert response.status_code == 409
    assert Action.objects.get(pk=cast.a21.pk).status == "at_risk"


def test_the_service_refuses_a_stale_version_and_changes_nothing(cast):
    import pytest

    from neglect_portal.versioning import StaleVersion

    membership = cast.alice.memberships.get()
    services.action_update(membership, Action.objects.get(pk=cast.a21.pk), title="First")
    with pytest.raises(StaleVersion):
        services.action_update(membership, Action.objects.get(pk=cast.a21.pk), version=1, title="Second")
    assert Action.objects.get(pk=cast.a21.pk).title == "First"
    assert Action.objects.get(pk=cast.a21.pk).due_date == datetime.date(2027, 1, 31)
