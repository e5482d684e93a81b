"""The API's permission matrix: every role against every endpoint, reading and writing."""

import datetime

import pytest

from tests import factories as f
from tests.api.conftest import snapshot

ROLES = ("alice", "steve", "sam", "lee", "bea", "charlie")


def strategy_create(cast):
    return (
        "post",
        "/api/v1/strategies/",
        {
            "partnership": cast.partnership.pk,
            "title": "Northshire Neglect Strategy 2027–2030",
            "start_date": "2027-04-01",
            "end_date": "2030-03-31",
            "status": "draft",
        },
    )


def strategy_update(cast):
    return "patch", f"/api/v1/strategies/{cast.strategy.pk}/", {"vision": "Changed vision."}


def priority_create(cast):
    return (
        "post",
        "/api/v1/priorities/",
        {
            "strategy": cast.strategy.pk,
            "number": 3,
            "title": "Neglect in adolescence",
            "sponsor_agency": cast.police.pk,
        },
    )


def priority_update(cast):
    return "patch", f"/api/v1/priorities/{cast.p1.pk}/", {"title": "Changed title"}


def action_create(cast):
    return (
        "post",
        "/api/v1/actions/",
        {
            "priority": cast.p2.pk,
            "reference": "P2.2",
            "title": "Audit neglect referrals",
            "success_measure": "An audit report to the board.",
            "lead_agency": cast.council.pk,
            "start_date": "2026-04-01",
            "due_date": "2027-03-31",
        },
    )


def action_p11_update(cast):
    return "patch", f"/api/v1/actions/{cast.a11.pk}/", {"title": "Train every health visitor"}


def action_p21_update(cast):
    return "patch", f"/api/v1/actions/{cast.a21.pk}/", {"title": "Roll out the toolkit everywhere"}


def progress_p11_add(cast):
    return "post", "/api/v1/progress-updates/", {"action": cast.a11.pk, "status": "at_risk", "narrative": "Delayed."}


def progress_p21_add(cast):
    return "post", "/api/v1/progress-updates/", {"action": cast.a21.pk, "status": "at_risk", "narrative": "Delayed."}


# Expected status for alice, steve, sam, lee, bea, charlie. Charlie cannot name a
# Northshire object in a body (400: no such choice) nor reach one by URL (404).
WRITES = {
    strategy_create: (201, 201, 403, 403, 403, 400),
    strategy_update: (200, 200, 403, 403, 403, 404),
    priority_create: (201, 201, 403, 403, 403, 400),
    priority_update: (200, 200, 403, 403, 403, 404),
    action_create: (201, 201, 403, 403, 403, 400),
    action_p11_update: (200, 200, 200, 403, 403, 404),
    action_p21_update: (200, 200, 403, 200, 403, 404),
    progress_p11_add: (201, 201, 201, 403, 403, 400),
    progress_p21_add: (201, 201, 403, 201, 403, 400),
}


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize("write", list(WRITES), ids=lambda write: write.__name__)
def test_each_role_gets_the_expected_answer_to_each_write_and_a_denied_write_changes_nothing(
    cast, api_for, write, role_index, role
):
    method, url, payload = write(cast)
    expected = WRITES[write][role_index]
    before = snapshot()

    response = getattr(api_for(getattr(cast, role)), method)(url, payload, format="json")

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert snapshot() == before


def detail_urls(cast):
    update = f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)
    return {
        "strategy": f"/api/v1/strategies/{cast.strategy.pk}/",
        "priority": f"/api/v1/priorities/{cast.p1.pk}/",
        "action": f"/api/v1/actions/{cast.a11.pk}/",
        "progress update": f"/api/v1/progress-updates/{update.pk}/",
        "partnership": f"/api/v1/partnerships/{cast.partnership.pk}/",
    }


@pytest.mark.parametrize("role", ROLES[:5])
def test_every_northshire_member_reads_every_northshire_object(cast, api_for, role):
    client = api_for(getattr(cast, role))

    for url in detail_urls(cast).values():
        assert client.get(url).status_code == 200, url


def test_charlie_gets_404_for_every_northshire_object_read_or_written(cast, api_for):
    client = api_for(cast.charlie)
    before = snapshot()

    for url in detail_urls(cast).values():
        assert client.get(url).status_code == 404, url
        assert client.patch(url, {"title": "Taken over"}, format="json").status_code in (404, 405), url
    assert snapshot()["actions"] == before["actions"]


@pytest.mark.parametrize("endpoint", ["strategies", "priorities", "actions", "progress-updates", "partnerships"])
def test_lists_show_only_the_users_own_partnership(cast, api_for, endpoint):
    f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)
    f.ProgressUpdateFactory(action=cast.other_action, author=cast.charlie)

    alice_ids = {row["id"] for row in api_for(cast.alice).get(f"/api/v1/{endpoint}/").json()["results"]}
    charlie_ids = {row["id"] for row in api_for(cast.charlie).get(f"/api/v1/{endpoint}/").json()["results"]}

    assert alice_ids
    assert charlie_ids
    assert not alice_ids & charlie_ids


def test_anonymous_requests_are_refused(cast, client):
    response = client.get("/api/v1/actions/")

    assert response.status_code in (401, 403)


def test_board_member_cannot_put_a_whole_action(cast, api_for):
    before = snapshot()
    payload = {
        "title": "New",
        "description": "",
        "success_measure": "x",
        "lead_agency": cast.council.pk,
        "start_date": "2025-04-01",
        "due_date": str(datetime.date(2027, 1, 31)),
        "status": "completed",
    }

    response = api_for(cast.bea).put(f"/api/v1/actions/{cast.a21.pk}/", payload, format="json")

    assert response.status_code == 403
    assert snapshot() == before
