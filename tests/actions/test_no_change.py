"""No change this quarter, for several actions at once: each gets its own update, all or nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import ProgressUpdate
from neglect_portal.periods import Period
from priorities.models import Quarter
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("actions:no_change")


@pytest.fixture
def sams(cast):
    """Three more open actions of P1, which Sam sponsors."""
    return [cast.a11] + [f.ActionFactory(priority=cast.p1, reference=f"P1.{n}", status="at_risk") for n in (2, 3, 4)]


def test_my_actions_and_to_do_offer_a_tick_box_for_each_open_action(cast, client_for, sams):
    client = client_for(cast.sam)
    for url in (reverse("actions:mine"), reverse("accounts:todo")):
        page = client.get(url).content.decode()
        assert f'action="{URL}"' in page
        for action in sams:
            assert f'id="select-{action.pk}" name="action" type="checkbox" value="{action.pk}"' in page


def test_the_check_page_lists_the_chosen_actions_and_saves_nothing(cast, client_for, sams):
    response = client_for(cast.sam).get(URL, {"action": [a.pk for a in sams[:2]]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 actions chosen" in page
    assert "Confirm no change for 2 actions" in page
    assert not ProgressUpdate.objects.exists()


def test_confirming_gives_each_action_its_own_update_with_its_status_unchanged(cast, client_for, sams):
    before = {a.pk: a.status for a in sams}
    response = client_for(cast.sam).post(URL, {"action": [a.pk for a in sams], "note": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("actions:mine")
    updates = ProgressUpdate.objects.order_by("action__reference")
    assert [(u.action.reference, u.status, u.previous_status, u.narrative, u.author) for u in updates] == [
        (a.reference, before[a.pk], before[a.pk], "No change this quarter", cast.sam) for a in sams
    ]
    assert {u.update_date for u in updates} == {timezone.localdate()}


def test_a_shared_note_is_the_narrative_of_every_update_and_to_do_is_where_one_returns(cast, client_for, sams):
    response = client_for(cast.sam).post(
        URL, {"action": [sams[0].pk, sams[1].pk], "note": "Waiting for the new contract.", "back": "todo"}
    )
    assert response["Location"] == reverse("accounts:todo")
    assert set(ProgressUpdate.objects.values_list("narrative", flat=True)) == {"Waiting for the new contract."}


@pytest.mark.parametrize("refused", ["not_theirs", "completed", "other_partnership", "withdrawn"])
def test_an_action_the_person_may_not_update_refuses_the_lot_naming_it_and_nothing_is_saved(
    cast, client_for, sams, refused
):
    if refused == "not_theirs":
        bad, words = cast.a21, "You cannot update P2.1"
    elif refused == "completed":
        bad, words = f.ActionFactory(priority=cast.p1, reference="P1.9", status="completed"), "P1.9 is completed"
    elif refused == "withdrawn":
        bad = f.ActionFactory(priority=cast.p1, reference="P1.8", withdrawn_at=timezone.now(), withdrawn_by=cast.alice)
        words = "P1.8 has been withdrawn"
    else:
        bad = cast.other_action
        words = f"Action {bad.pk} is not an action of this partnership"
    chosen = [sams[0].pk, bad.pk, sams[1].pk]
    client = client_for(cast.sam)
    page = client.get(URL, {"action": chosen}).content.decode()
    assert words in page
    assert "Confirm no change for" not in page  # no button while any is refused
    response = client.post(URL, {"action": chosen, "note": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Nothing has been saved." in page
    assert words in page
    assert not ProgressUpdate.objects.exists()


def test_a_locked_quarter_refuses_the_lot(cast, client_for, sams):
    quarter = Period.quarter_of(timezone.localdate())
    Quarter.objects.create(
        strategy=cast.strategy, period=quarter.label, signed_off_at=timezone.now(), locked_at=timezone.now()
    )
    response = client_for(cast.sam).post(URL, {"action": [sams[0].pk], "note": ""})
    assert f"{quarter.label} is locked" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_board_member_confirms_nothing(cast, client_for, sams):
    response = client_for(cast.bea).post(URL, {"action": [sams[0].pk], "note": ""})
    assert "You cannot update P1.1" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_choosing_nothing_or_nonsense_is_an_error_not_a_500(cast, client_for):
    client = client_for(cast.sam)
    page = client.get(URL).content.decode()
    assert "Select the actions that have not changed this quarter" in page
    response = client.post(URL, {"action": ["x1"], "note": ""})
    assert response.status_code == 200
    assert "Choose actions from the list" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_note_with_an_nhs_number_is_refused_and_nothing_is_saved(cast, client_for, sams):
    response = client_for(cast.sam).post(URL, {"action": [sams[0].pk], "note": "NHS number 943 476 5919"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_the_check_page_reads_the_same_number_of_queries_for_many_actions(
    cast, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cast.sam)
    few = [f.ActionFactory(priority=cast.p1, reference=f"P1.{n}").pk for n in range(2, 5)]
    client.get(URL, {"action": few})
    with CaptureQueriesContext(connection) as counted:
        assert client.get(URL, {"action": few}).status_code == 200
    many = few + [f.ActionFactory(priority=cast.p1, reference=f"P1.{n}").pk for n in range(5, 105)]
    with django_assert_max_num_queries(len(counted)):
        page = client.get(URL, {"action": many}).content.decode()
    assert "103 actions chosen" in page
    assert "Confirm no change for 103 actions" in page


def test_my_actions_and_to_do_read_the_same_number_of_queries_with_tick_boxes_for_many_actions(
    cast, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cast.sam)
    due = {"due_date": datetime.date(2020, 3, 31), "start_date": datetime.date(2019, 4, 1)}
    for n in range(2, 5):
        f.ActionFactory(priority=cast.p1, reference=f"P1.{n}", **due)
    counts = {}
    for url in (reverse("actions:mine"), reverse("accounts:todo")):
        client.get(url)
        with CaptureQueriesContext(connection) as counted:
            client.get(url)
        counts[url] = len(counted)
    for n in range(5, 60):
        f.ActionFactory(priority=cast.p1, reference=f"P1.{n}", **due)
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            assert 'name="action" type="checkbox"' in client.get(url).content.decode()
