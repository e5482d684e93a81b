"""No silent overwrites through the API: ETag on detail answers, If-Match honoured, 412 when stale."""

import pytest

from actions.models import Action
from tests.api.conftest import snapshot


def _url(action):
    return f"/api/v1/actions/{action.pk}/"


def test_reading_an_action_gives_its_etag_and_version(cast, api_for):
    response = api_for(cast.lee).get(_url(cast.a21))
    assert response.status_code == 200
    assert response["ETag"] == f'"action-{cast.a21.pk}-v1"'
    assert response.json()["version"] == 1


def test_a_write_with_the_current_etag_is_saved_and_answers_the_new_etag(cast, api_for):
    client = api_for(cast.lee)
    tag = client.get(_url(cast.a21))["ETag"]
    response = client.patch(_url(cast.a21), {"title": "New title"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 200
    assert response["ETag"] == f'"action-{cast.a21.pk}-v2"'
    assert Action.objects.get(pk=cast.a21.pk).title == "New title"


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_write_with_a_stale_etag_answers_412_and_changes_nothing(cast, api_for, method):
    lee, alice = api_for(cast.lee), api_for(cast.alice)
    tag = lee.get(_url(cast.a21))["ETag"]
    assert alice.patch(_url(cast.a21), {"title": "Alice's title"}, format="json").status_code == 200
    before = snapshot()
    body = {"description": "Lee's description"}
    if method == "put":
        action = Action.objects.get(pk=cast.a21.pk)
        body |= {
            "title": "Roll out the neglect toolkit",
            "success_measure": action.success_measure,
            "lead_agency": action.lead_agency_id,
            "lead": action.lead_id,
            "start_date": str(action.start_date),
            "due_date": str(action.due_date),
            "status": action.status,
        }
    response = getattr(lee, method)(_url(cast.a21), body, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 412
    assert "Someone else changed this action" in response.json()["detail"]
    assert snapshot() == before


def test_a_write_without_if_match_is_still_accepted(cast, api_for):
    response = api_for(cast.lee).patch(_url(cast.a21), {"title": "No If-Match"}, format="json")
    assert response.status_code == 200
    assert response["ETag"] == f'"action-{cast.a21.pk}-v2"'


@pytest.mark.parametrize("tag", ['"action-999999-v1"', "nonsense", '"priority-1-v1"'])
def test_an_if_match_that_is_not_this_actions_tag_answers_412(cast, api_for, tag):
    before = snapshot()
    response = api_for(cast.lee).patch(_url(cast.a21), {"title": "x"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 412 and response.json()["detail"]
    assert snapshot() == before


def test_a_weak_or_listed_etag_matches(cast, api_for):
    tag = f'W/"action-{cast.a21.pk}-v1"'
    response = api_for(cast.lee).patch(_url(cast.a21), {"title": "Weak"}, format="json", HTTP_IF_MATCH=f'"x", {tag}')
    assert response.status_code == 200


def test_the_schema_documents_etag_if_match_and_412(cast, api_for):
    schema = api_for(cast.alice).get("/api/schema/?format=json").json()
    detail = schema["paths"]["/api/v1/actions/{id}/"]
    for method in ("put", "patch"):
        assert "412" in detail[method]["responses"]
        if_match = next(p for p in detail[method]["parameters"] if p["name"] == "If-Match" and p["in"] == "header")
        # What happens without the header is documented, not left to guess (the "or documented behaviour").
        assert "Without this header the write is accepted" in if_match["description"]
        assert "ETag" in detail[method]["responses"]["200"]["headers"]
    assert "ETag" in detail["get"]["responses"]["200"]["headers"]
