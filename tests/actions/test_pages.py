import datetime

import pytest
from django.urls import reverse

from actions import services
from actions.models import Action, ProgressUpdate, Status
from tests import factories as f

ROLES = ["alice", "steve", "sam", "lee", "bea"]


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _edit_data(action, **overrides):
    data = {
        "title": action.title,
        "description": action.description,
        "success_measure": action.success_measure,
        "lead_agency": action.lead_agency_id,
        "lead": action.lead_id or "",
        "status": action.status,
        "due_date_reason": "",
        **_date("start_date", action.start_date),
        **_date("due_date", action.due_date),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_the_action_page_renders_for_every_role(cast, client_for, role):
    response = client_for(getattr(cast, role)).get(reverse("actions:detail", args=[cast.a21.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Roll out the neglect toolkit" in page and "govuk-summary-list" in page
    assert "govuk-tag--green" in page and "On track (Green)" in page


def test_only_those_who_may_update_see_the_edit_buttons(cast, client_for):
    url = reverse("actions:detail", args=[cast.a21.pk])
    assert "Add a progress update" in client_for(cast.lee).get(url).content.decode()
    assert "Add a progress update" not in client_for(cast.bea).get(url).content.decode()
    assert "Add a progress update" not in client_for(cast.sam).get(url).content.decode()


def test_a_member_of_another_partnership_gets_404_everywhere(cast, client_for):
    client = client_for(cast.charlie)
    for name in ("actions:detail", "actions:update", "actions:add_update"):
        assert client.get(reverse(name, args=[cast.a21.pk])).status_code == 404
    assert client.post(reverse("actions:create", args=[cast.p1.pk]), {}).status_code == 404
    response = client.post(reverse("actions:add_update", args=[cast.a21.pk]), {"status": "off_track", "narrative": "x"})
    assert response.status_code == 404
    assert not ProgressUpdate.objects.filter(action=cast.a21).exists()


def test_a_board_member_gets_403_posting_the_forms_and_nothing_changes(cast, client_for):
    client = client_for(cast.bea)
    data = _edit_data(cast.a21, title="Changed by Bea")
    assert client.post(reverse("actions:update", args=[cast.a21.pk]), data).status_code == 403
    update = {"status": "off_track", "narrative": "Bea was here"}
    assert client.post(reverse("actions:add_update", args=[cast.a21.pk]), update).status_code == 403
    new = {**_edit_data(cast.a21), "reference": "P1.9"}
    assert client.post(reverse("actions:create", args=[cast.p1.pk]), new).status_code == 403
    cast.a21.refresh_from_db()
    assert cast.a21.title == "Roll out the neglect toolkit" and cast.a21.status == Status.ON_TRACK
    assert not ProgressUpdate.objects.exists() and not Action.objects.filter(reference="P1.9").exists()


def test_a_due_date_change_without_a_reason_shows_the_message_and_changes_nothing(cast, client_for):
    data = _edit_data(cast.a21, **_date("due_date", datetime.date(2027, 6, 30)))
    response = client_for(cast.lee).post(reverse("actions:update", args=[cast.a21.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Enter why the due date is changing" in page
    cast.a21.refresh_from_db()
    assert cast.a21.due_date == datetime.date(2027, 1, 31) and cast.a21.original_due_date is None


def test_a_due_date_change_with_a_reason_keeps_the_original_and_shows_the_history(cast, client_for):
    client = client_for(cast.lee)
    data = _edit_data(
        cast.a21, due_date_reason="Training moved to the summer", **_date("due_date", datetime.date(2027, 6, 30))
    )
    response = client.post(reverse("actions:update", args=[cast.a21.pk]), data)
    assert response.status_code == 302 and response["Location"] == reverse("actions:detail", args=[cast.a21.pk])
    cast.a21.refresh_from_db()
    assert cast.a21.due_date == datetime.date(2027, 6, 30)
    assert cast.a21.original_due_date == datetime.date(2027, 1, 31)
    page = client.get(response["Location"]).content.decode()
    assert "has been changed" in page
    assert "Original due date" in page and "Training moved to the summer" in page
    assert "31 January 2027 → 30 June 2027" in page and "Lee Example" in page


def test_a_missing_title_gets_a_field_specific_message(cast, client_for):
    response = client_for(cast.lee).post(reverse("actions:update", args=[cast.a21.pk]), _edit_data(cast.a21, title=""))
    assert "Enter what will be done" in response.content.decode()


def test_a_lead_adds_a_progress_update_and_sees_it_on_the_timeline(cast, client_for):
    client = client_for(cast.lee)
    data = {"status": "at_risk", "narrative": "Two trainers left.", "evidence_url": "https://example.org/minutes"}
    response = client.post(reverse("actions:add_update", args=[cast.a21.pk]), data)
    assert response.status_code == 302
    cast.a21.refresh_from_db()
    assert cast.a21.status == Status.AT_RISK
    page = client.get(response["Location"]).content.decode()
    assert "Two trainers left." in page and "app-timeline" in page and "At risk (Amber)" in page
    assert "At risk (Amber): 1" in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_progress_update_without_a_narrative_is_refused_with_a_message(cast, client_for):
    response = client_for(cast.lee).post(reverse("actions:add_update", args=[cast.a21.pk]), {"status": "on_track"})
    assert "Enter what has happened since the last update" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_steering_member_adds_an_action_to_a_priority(cast, client_for):
    client = client_for(cast.steve)
    assert client.get(reverse("actions:create", args=[cast.p1.pk])).status_code == 200
    data = {**_edit_data(cast.a11, title="Audit neglect cases"), "reference": "P1.2"}
    response = client.post(reverse("actions:create", args=[cast.p1.pk]), data)
    action = Action.objects.get(reference="P1.2")
    assert response.status_code == 302 and response["Location"] == reverse("actions:detail", args=[action.pk])
    assert action.priority == cast.p1 and action.title == "Audit neglect cases"


def test_the_action_page_lists_linked_audit_recommendations(cast, client_for):
    audit = f.AuditFactory(partnership=cast.partnership, title="Neglect audit 2026")
    recommendation = f.RecommendationFactory(audit=audit, reference="R1", text="Use the toolkit.")
    recommendation.actions.add(cast.a21)
    page = client_for(cast.bea).get(reverse("actions:detail", args=[cast.a21.pk])).content.decode()
    assert "Neglect audit 2026" in page and "Use the toolkit." in page


@pytest.mark.parametrize("count", [2, 40])
def test_the_action_page_query_count_does_not_grow_with_updates_and_changes(
    cast, client_for, django_assert_max_num_queries, count
):
    lee = cast.lee.memberships.get()
    for n in range(count):
        services.progress_update_add(
            lee, cast.a21, status=Status.AT_RISK if n % 2 else Status.ON_TRACK, narrative=f"Update {n}"
        )
    client = client_for(cast.lee)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("actions:detail", args=[cast.a21.pk])).status_code == 200


def test_my_actions_lists_what_the_member_may_update_without_an_update_first(cast, client_for):
    updated = f.ActionFactory(priority=cast.p2, reference="P2.2", lead=cast.lee, lead_agency=cast.council)
    f.ProgressUpdateFactory(action=updated, author=cast.lee, update_date=datetime.date.today())
    response = client_for(cast.lee).get(reverse("actions:mine"))
    assert [a.reference for a in response.context["mine"]] == ["P2.1", "P2.2"]
    assert "Needs an update" in response.content.decode()
    assert list(client_for(cast.bea).get(reverse("actions:mine")).context["mine"]) == []


def test_my_actions_puts_open_actions_soonest_due_first_and_completed_or_cancelled_ones_last(cast, client_for):
    today = datetime.date.today()
    old = {"start_date": datetime.date(2022, 4, 1), "due_date": datetime.date(2023, 5, 31)}
    f.ActionFactory(priority=cast.p2, reference="P2.5", lead=cast.lee, status="completed", **old)
    f.ActionFactory(priority=cast.p2, reference="P2.6", lead=cast.lee, status="cancelled", **old)
    later = f.ActionFactory(
        priority=cast.p2, reference="P2.3", lead=cast.lee, due_date=today.replace(year=today.year + 2)
    )
    sooner = f.ActionFactory(
        priority=cast.p2, reference="P2.4", lead=cast.lee, due_date=today.replace(year=today.year + 1)
    )
    undated = f.ActionFactory(priority=cast.p2, reference="P2.7", lead=cast.lee)
    Action.objects.filter(pk=undated.pk).update(due_date=None)
    for action in (cast.a21, later, sooner, undated):
        f.ProgressUpdateFactory(action=action, author=cast.lee, update_date=today)
    stale = f.ActionFactory(priority=cast.p2, reference="P2.8", lead=cast.lee)
    response = client_for(cast.lee).get(reverse("actions:mine"))
    assert [a.reference for a in response.context["mine"]][:1] == [stale.reference]
    assert [a.reference for a in response.context["mine"]][-3:] == ["P2.7", "P2.5", "P2.6"]
    open_ones = [a.reference for a in response.context["mine"]][1:-3]
    assert open_ones.index("P2.4") < open_ones.index("P2.3")


def test_my_actions_shows_fifty_at_a_time_those_needing_an_update_first_across_pages(cast, client_for):
    for n in range(60):
        action = f.ActionFactory(priority=cast.p1, reference=f"P1.{n + 10}", lead_agency=cast.health, lead=cast.sam)
        if n < 55:
            f.ProgressUpdateFactory(action=action, author=cast.sam, update_date=datetime.date.today())
    client = client_for(cast.steve)
    first = client.get(reverse("actions:mine"))
    shown = list(first.context["mine"])
    assert len(shown) == 50 and first.context["paginator"].count == 62
    # The seven without an update this quarter (P1.1, P2.1 and five new ones) open the first page.
    assert [a.needs_update for a in shown[:7]] == [True] * 7 and not any(a.needs_update for a in shown[7:])
    assert "Showing 1 to 50 of 62 actions you can update" in first.content.decode()
    second = client.get(reverse("actions:mine"), {"page": 2})
    assert len(second.context["mine"]) == 12
    assert not {a.pk for a in shown} & {a.pk for a in second.context["mine"]}
    assert client.get(reverse("actions:mine"), {"page": "nonsense"}).status_code == 404


@pytest.mark.parametrize("count", [2, 80])
def test_my_actions_reads_a_fixed_number_of_queries_whatever_the_number_of_actions(
    cast, client_for, django_assert_max_num_queries, count
):
    for n in range(count):
        f.ActionFactory(priority=cast.p1, reference=f"P1.{n + 10}", lead_agency=cast.health, lead=cast.sam)
    client = client_for(cast.steve)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("actions:mine")).status_code == 200
