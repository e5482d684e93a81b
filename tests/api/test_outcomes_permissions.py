"""The outcomes API's permission matrix: every role against every endpoint and method, reading and writing."""

import pytest

from tests.api.conftest import snapshot
from tests.api.outcomes_data import northshire_outcomes

ROLES = ("alice", "steve", "sam", "lee", "bea", "charlie")


@pytest.fixture
def outcomes(cast):
    return northshire_outcomes(cast)


def indicator_create(cast, outcomes):
    payload = {
        "partnership": cast.partnership.pk,
        "code": "EH-01",
        "name": "Families offered early help for neglect",
        "rba_category": "how_much",
        "source_agency": cast.council.pk,
    }
    return "post", "/api/v1/indicators/", payload


def indicator_patch(cast, outcomes):
    return "patch", f"/api/v1/indicators/{outcomes.training.pk}/", {"target": "85"}


def indicator_put(cast, outcomes):
    payload = {
        "code": "HV-01",
        "name": "Health visitors trained",
        "rba_category": "how_much",
        "source_agency": cast.health.pk,
        "target": "85",
        "amber_tolerance": "5",
    }
    return "put", f"/api/v1/indicators/{outcomes.training.pk}/", payload


def training_value_add(cast, outcomes):
    return "post", "/api/v1/measurements/", {"indicator": outcomes.training.pk, "period": "2025/26 Q4", "value": 55}


def screening_value_add(cast, outcomes):
    payload = {"indicator": outcomes.screening.pk, "period": "2026/27 Q2", "numerator": 46, "denominator": 71}
    return "post", "/api/v1/measurements/", payload


def training_value_patch(cast, outcomes):
    return "patch", f"/api/v1/measurements/{outcomes.training_q2.pk}/", {"value": 79}


def training_value_put(cast, outcomes):
    payload = {"value": 79, "note": "Two courses cancelled."}
    return "put", f"/api/v1/measurements/{outcomes.training_q2.pk}/", payload


def training_bulk(cast, outcomes):
    payload = {
        "partnership": cast.partnership.pk,
        "period": "2026/27 Q2",
        "measurements": [{"indicator": "HV-01", "value": 79}],
    }
    return "post", "/api/v1/measurements/bulk/", payload


def training_and_screening_bulk(cast, outcomes):
    payload = {
        "partnership": cast.partnership.pk,
        "period": "2026/27 Q2",
        "measurements": [{"indicator": "HV-01", "value": 79}, {"indicator": "SC-01", "value": 64.8}],
    }
    return "post", "/api/v1/measurements/bulk/", payload


# Expected status for alice, steve, sam, lee, bea, charlie. Sam (health) records the
# health visitors' figures, Lee (council) the screening figures; Charlie can name no
# Northshire object in a body (400) nor reach one by its address (404).
WRITES = {
    indicator_create: (201, 201, 403, 403, 403, 400),
    indicator_patch: (200, 200, 403, 403, 403, 404),
    indicator_put: (200, 200, 403, 403, 403, 404),
    training_value_add: (201, 201, 201, 403, 403, 400),
    screening_value_add: (201, 201, 403, 201, 403, 400),
    training_value_patch: (200, 200, 200, 403, 403, 404),
    training_value_put: (200, 200, 200, 403, 403, 404),
    training_bulk: (200, 200, 200, 403, 403, 400),
    training_and_screening_bulk: (200, 200, 403, 403, 403, 400),
}


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize("write", list(WRITES), ids=lambda write: write.__name__)
def test_each_role_gets_the_expected_answer_to_each_outcomes_write_and_a_denied_write_changes_nothing(
    cast, outcomes, api_for, write, role_index, role
):
    method, url, payload = write(cast, outcomes)
    expected = WRITES[write][role_index]
    before = snapshot()

    response = getattr(api_for(getattr(cast, role)), method)(url, payload, format="json")

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert snapshot() == before
    else:
        assert snapshot() != before


@pytest.mark.parametrize("role", ROLES)
def test_no_one_deletes_an_indicator_or_a_value(cast, outcomes, api_for, role):
    client = api_for(getattr(cast, role))
    before = snapshot()

    for url in (f"/api/v1/indicators/{outcomes.training.pk}/", f"/api/v1/measurements/{outcomes.training_q2.pk}/"):
        assert client.delete(url).status_code == 405, url

    assert snapshot() == before


def detail_urls(cast, outcomes):
    return [
        f"/api/v1/indicators/{outcomes.training.pk}/",
        f"/api/v1/measurements/{outcomes.training_q2.pk}/",
        f"/api/v1/scorecard/?partnership={cast.partnership.pk}",
    ]


@pytest.mark.parametrize("role", ROLES[:5])
def test_every_northshire_member_reads_every_outcomes_endpoint(cast, outcomes, api_for, role):
    client = api_for(getattr(cast, role))

    for url in [*detail_urls(cast, outcomes), "/api/v1/indicators/", "/api/v1/measurements/", "/api/v1/scorecard/"]:
        assert client.get(url).status_code == 200, url


def test_charlie_gets_404_for_every_northshire_indicator_value_and_scorecard(cast, outcomes, api_for):
    client = api_for(cast.charlie)

    for url in detail_urls(cast, outcomes):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("endpoint", ["indicators", "measurements"])
def test_outcomes_lists_show_only_the_users_own_partnership(cast, outcomes, api_for, endpoint):
    alice_ids = {row["id"] for row in api_for(cast.alice).get(f"/api/v1/{endpoint}/").json()["results"]}
    charlie_ids = {row["id"] for row in api_for(cast.charlie).get(f"/api/v1/{endpoint}/").json()["results"]}

    assert alice_ids
    assert charlie_ids
    assert not alice_ids & charlie_ids


def test_charlie_reads_his_own_scorecard_and_none_of_northshires_indicators(cast, outcomes, api_for):
    body = api_for(cast.charlie).get("/api/v1/scorecard/").json()

    assert body["partnership"] == cast.other.pk
    assert [row["code"] for group in body["groups"] for row in group["rows"]] == ["SS-01"]


@pytest.mark.parametrize("endpoint", ["indicators/", "measurements/", "measurements/bulk/", "scorecard/"])
def test_anonymous_requests_to_outcomes_endpoints_are_refused(cast, outcomes, client, endpoint):
    before = snapshot()

    assert client.get(f"/api/v1/{endpoint}").status_code in (401, 403)
    assert client.post(f"/api/v1/{endpoint}", {}, content_type="application/json").status_code in (401, 403)
    assert snapshot() == before
