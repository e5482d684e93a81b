"""/settings/strategy/: the business manager starts a new strategy, from scratch or rolling the current one over."""

import datetime
import re

import pytest
from django.urls import reverse

from actions.models import Action, Status
from outcomes.models import Indicator
from priorities.models import Priority, Strategy
from tests import factories as f

NEW_TITLE = "Northshire Neglect Strategy 2027–2030"
ARCHIVED_MESSAGE = "Northshire Neglect Strategy 2024–2027 was archived on"


def _date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _form(title=NEW_TITLE, priorities=(), actions=(), indicators=()):
    return {
        "title": title,
        **_date("start_date", datetime.date(2027, 4, 1)),
        **_date("end_date", datetime.date(2030, 3, 31)),
        "vision": "Every child is seen and helped early.",
        "priorities": [str(p.pk) for p in priorities],
        "actions": [str(a.pk) for a in actions],
        "indicators": [str(i.pk) for i in indicators],
    }


@pytest.fixture
def outcomes(cast):
    """Two indicators on Northshire's scorecard, one linked to P1 with a value each quarter so far."""
    linked = f.IndicatorFactory(partnership=cast.partnership, code="EH-01", priority=cast.p1)
    other = f.IndicatorFactory(partnership=cast.partnership, code="CX-01")
    for period, value in [("2026/27 Q1", 10), ("2026/27 Q2", 12)]:
        f.MeasurementFactory(indicator=linked, period=period, value=value)
    return linked, other


def _roll_over(client, cast, outcomes, **overrides):
    linked, _ = outcomes
    data = _form(priorities=[cast.p1], actions=[cast.a11], indicators=[linked]) | overrides
    return client.post(reverse("settings:strategy_rollover"), data)


# --- who may ------------------------------------------------------------------------------

PAGES = ["settings:strategy", "settings:strategy_new", "settings:strategy_rollover"]


@pytest.mark.parametrize("url_name", PAGES)
def test_the_business_manager_opens_the_strategy_settings(cast, client_for, url_name):
    assert client_for(cast.alice).get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("who", ["steve", "sam", "lee", "bea"])
@pytest.mark.parametrize("url_name", PAGES)
def test_other_roles_are_refused_and_nothing_changes(cast, client_for, outcomes, who, url_name):
    client = client_for(getattr(cast, who))
    refused = client.get(reverse(url_name))
    assert refused.status_code == 403
    assert "only its business manager can" in refused.content.decode()
    assert client.post(reverse(url_name), _form(priorities=[cast.p1])).status_code == 403
    assert Strategy.objects.get(pk=cast.strategy.pk).status == Strategy.Status.ACTIVE
    assert not Strategy.objects.filter(title=NEW_TITLE).exists()


def test_another_partnerships_strategy_is_not_found(cast, client_for):
    cast.other_strategy.status = Strategy.Status.ARCHIVED
    cast.other_strategy.save()
    client = client_for(cast.alice)
    assert client.get(reverse("settings:strategy_detail", args=[cast.other_strategy.pk])).status_code == 404
    page = client.get(reverse("settings:strategy")).content.decode()
    assert "Southshire" not in page


def test_another_partnerships_admin_starts_a_strategy_only_in_their_own(cast, client_for, outcomes):
    response = client_for(cast.charlie).post(
        reverse("settings:strategy_rollover"), _form(priorities=[cast.p1], actions=[cast.a11])
    )
    assert response.status_code == 200  # Northshire's ids are not among Southshire's choices
    assert "Select a valid choice" in response.content.decode()
    assert Strategy.objects.get(pk=cast.strategy.pk).status == Strategy.Status.ACTIVE
    assert Strategy.objects.get(pk=cast.other_strategy.pk).status == Strategy.Status.ACTIVE


def test_a_person_in_two_partnerships_administers_only_where_they_are_admin(cast, client_for):
    f.MembershipFactory(user=cast.charlie, partnership=cast.partnership, role="lead")
    client = client_for(cast.charlie)
    session = client.session
    session["partnership_id"] = cast.partnership.pk
    session.save()
    assert client.get(reverse("settings:strategy")).status_code == 403


# --- rolling over -------------------------------------------------------------------------


def test_rolling_over_carries_the_chosen_priorities_actions_and_indicators(cast, client_for, outcomes):
    linked, other = outcomes
    response = _roll_over(client_for(cast.alice), cast, outcomes)
    assert response.status_code == 302 and response["Location"] == reverse("settings:strategy")

    new = Strategy.objects.get(title=NEW_TITLE)
    old = Strategy.objects.get(pk=cast.strategy.pk)
    assert new.status == Strategy.Status.ACTIVE and new.follows == old
    assert old.status == Strategy.Status.ARCHIVED and old.archived_at is not None

    copy = Priority.objects.get(strategy=new)
    assert (copy.number, copy.title, copy.sponsor_agency, copy.carried_from) == (1, "Early help", cast.health, cast.p1)
    assert Action.objects.get(pk=cast.a11.pk).priority == copy  # moved, with its updates and history
    assert Action.objects.get(pk=cast.a21.pk).priority == cast.p2  # not carried: stays in the archive

    linked.refresh_from_db()
    other.refresh_from_db()
    assert linked.priority == copy and linked.is_active  # the same indicator: its series carries on
    assert linked.measurements.count() == 2
    assert not other.is_active  # left the scorecard, values kept

    for record in [new, old, copy, cast.a11, linked, other]:
        latest = type(record).history.filter(id=record.pk).first()
        assert latest.history_user == cast.alice


def test_the_scorecard_shows_the_carried_indicators_series(cast, client_for, outcomes):
    linked, _ = outcomes
    client = client_for(cast.alice)
    _roll_over(client, cast, outcomes)
    page = client.get(reverse("outcomes:indicator", args=[linked.pk])).content.decode()
    assert "2026/27 Q1" in page and "2026/27 Q2" in page
    scorecard = client.get(reverse("outcomes:scorecard")).content.decode()
    assert "EH-01" in scorecard and "CX-01" not in scorecard


def test_the_dashboard_shows_the_new_strategy_with_the_carried_action(cast, client_for, outcomes):
    client = client_for(cast.alice)
    _roll_over(client, cast, outcomes)
    page = client.get(reverse("accounts:home")).content.decode()
    assert NEW_TITLE in page and "Early help" in page and "Recognising neglect" not in page


def test_an_action_without_its_priority_is_refused_on_its_field_and_nothing_changes(cast, client_for, outcomes):
    response = _roll_over(client_for(cast.alice), cast, outcomes, actions=[str(cast.a21.pk)])
    assert response.status_code == 200
    assert "P2.1 cannot be carried without its priority" in response.content.decode()
    assert Strategy.objects.get(pk=cast.strategy.pk).status == Strategy.Status.ACTIVE
    assert not Strategy.objects.filter(title=NEW_TITLE).exists()
    assert Indicator.objects.filter(is_active=False).count() == 0


def test_a_closed_action_cannot_be_carried(cast, client_for, outcomes):
    Action.objects.filter(pk=cast.a11.pk).update(status=Status.COMPLETED)
    response = _roll_over(client_for(cast.alice), cast, outcomes)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_taken_title_is_refused_and_nothing_changes(cast, client_for, outcomes):
    response = _roll_over(client_for(cast.alice), cast, outcomes, title=cast.strategy.title)
    assert response.status_code == 200
    assert "The partnership already has a strategy with this title" in response.content.decode()
    assert Strategy.objects.get(pk=cast.strategy.pk).status == Strategy.Status.ACTIVE
    assert Priority.objects.filter(carried_from__isnull=False).count() == 0


def test_an_end_before_the_start_is_refused(cast, client_for, outcomes):
    data = _form(priorities=[cast.p1]) | _date("end_date", datetime.date(2026, 1, 1))
    response = client_for(cast.alice).post(reverse("settings:strategy_rollover"), data)
    assert "The end date must be on or after the start date" in response.content.decode()
    assert Strategy.objects.active_for(cast.partnership) == cast.strategy


def test_the_rollover_form_starts_with_everything_chosen_and_the_next_dates(cast, client_for, outcomes):
    page = client_for(cast.alice).get(reverse("settings:strategy_rollover")).content.decode()
    checked = {
        (re.search(r'name="(\w+)"', tag).group(1), re.search(r'value="(\w+)"', tag).group(1))
        for tag in re.findall(r"<input[^>]*>", page)
        if " checked" in tag
    }
    assert checked == {
        ("priorities", str(cast.p1.pk)),
        ("priorities", str(cast.p2.pk)),
        ("actions", str(cast.a11.pk)),
        ("actions", str(cast.a21.pk)),
        *(("indicators", str(indicator.pk)) for indicator in outcomes),
    }
    assert 'name="start_date_2" value="2027"' in page  # the day after the current strategy ends


# --- from scratch -------------------------------------------------------------------------


def test_starting_from_scratch_archives_the_current_strategy_and_carries_no_priority(cast, client_for, outcomes):
    linked, other = outcomes
    response = client_for(cast.alice).post(reverse("settings:strategy_new"), _form(indicators=[other]))
    assert response.status_code == 302
    new = Strategy.objects.get(title=NEW_TITLE)
    assert not new.priorities.exists()
    assert Strategy.objects.get(pk=cast.strategy.pk).status == Strategy.Status.ARCHIVED
    linked.refresh_from_db()
    other.refresh_from_db()
    assert not linked.is_active and other.is_active


def test_a_new_partnership_starts_its_first_strategy(client, db):
    partnership = f.PartnershipFactory(name="Westshire Safeguarding Children Partnership")
    manager = f.UserFactory()
    f.MembershipFactory(user=manager, partnership=partnership, role="admin")
    client.force_login(manager)
    assert client.get(reverse("settings:strategy_rollover")).status_code == 302  # nothing to roll over
    response = client.post(reverse("settings:strategy_new"), _form())
    assert response.status_code == 302
    assert Strategy.objects.active_for(partnership).title == NEW_TITLE


# --- the archived strategy is read-only ---------------------------------------------------


@pytest.fixture
def archived(cast, client_for, outcomes):
    _roll_over(client_for(cast.alice), cast, outcomes)
    return Strategy.objects.get(pk=cast.strategy.pk)


def test_the_archive_lists_the_past_strategy(cast, client_for, archived):
    client = client_for(cast.alice)
    page = client.get(reverse("settings:strategy")).content.decode()
    assert 'data-test="archive"' in page and archived.title in page
    detail = client.get(reverse("settings:strategy_detail", args=[archived.pk])).content.decode()
    assert "Recognising neglect" in detail and NEW_TITLE in detail


def test_an_archived_strategys_action_cannot_change_on_the_page(cast, client_for, archived):
    client = client_for(cast.lee)
    response = client.get(reverse("actions:update", args=[cast.a21.pk]))
    assert response.status_code == 403
    assert ARCHIVED_MESSAGE in response.content.decode()
    assert client.post(reverse("actions:add_update", args=[cast.a21.pk]), {"status": "on_track"}).status_code == 403
    page = client.get(reverse("actions:detail", args=[cast.a21.pk])).content.decode()
    assert 'data-test="archived"' in page
    assert reverse("actions:update", args=[cast.a21.pk]) not in page


def test_an_archived_strategys_priority_cannot_change(cast, client_for, archived):
    client = client_for(cast.alice)
    for url in [
        reverse("priorities:update", args=[cast.p2.pk]),
        reverse("priorities:create", args=[archived.pk]),
        reverse("priorities:strategy_update", args=[archived.pk]),
        reverse("actions:create", args=[cast.p2.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert ARCHIVED_MESSAGE in response.content.decode()


def test_the_api_refuses_changes_to_an_archived_strategy_with_the_reason(cast, client_for, archived):
    client = client_for(cast.alice)
    for url, data in [
        (f"/api/v1/actions/{cast.a21.pk}/", {"status": "off_track"}),
        (f"/api/v1/priorities/{cast.p2.pk}/", {"title": "Renamed"}),
        (f"/api/v1/strategies/{archived.pk}/", {"title": "Renamed"}),
    ]:
        response = client.patch(url, data, content_type="application/json")
        assert response.status_code == 403, url
        assert response.json()["detail"].startswith(ARCHIVED_MESSAGE)
    response = client.post(
        "/api/v1/progress-updates/",
        {"action": cast.a21.pk, "status": "off_track", "narrative": "Stalled."},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Action.objects.get(pk=cast.a21.pk).status == Status.ON_TRACK
    assert not cast.a21.updates.exists()


def test_the_strategy_page_costs_the_same_queries_however_long_the_archive(cast, client_for, django_assert_num_queries):
    client = client_for(cast.alice)
    f.StrategyFactory(partnership=cast.partnership, status=Strategy.Status.ARCHIVED)
    client.get(reverse("settings:strategy"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("settings:strategy"))
    for _ in range(4):
        past = f.StrategyFactory(partnership=cast.partnership, status=Strategy.Status.ARCHIVED)
        f.PriorityFactory(strategy=past, number=1, sponsor_agency=cast.council)
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("settings:strategy"))
    assert len(five) == len(one)
