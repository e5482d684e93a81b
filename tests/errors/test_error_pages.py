"""With DEBUG off (the test settings), errors answer in the house style: a page with the service header,
a sentence a person understands and a way back; under /api/, JSON with ``detail``."""

import json

import pytest
from django.urls import reverse

from neglect_portal.errors import server_error

pytestmark = pytest.mark.urls("tests.errors.raising_urls")

HEADER = "Neglect Strategy Portal"
WAY_BACK = 'href="/">Go to your home page</a>'


def _house_page(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "govuk-header" in page and HEADER in page and WAY_BACK in page
    return page


def test_a_missing_page_renders_the_house_404(client_for, cast):
    page = _house_page(client_for(cast.lee).get("/no-such-page/"), 404)
    assert "Page not found" in page
    assert "Priorities" in page  # the service navigation of the signed-in person


def test_another_partnerships_action_is_the_same_404(client_for, cast):
    page = _house_page(client_for(cast.lee).get(reverse("actions:detail", args=[cast.other_action.pk])), 404)
    assert "Page not found" in page
    assert "Southshire" not in page


def test_a_refused_page_says_why(client_for, cast):
    response = client_for(cast.lee).get(reverse("actions:update", args=[cast.a11.pk]))
    page = _house_page(response, 403)
    assert "You cannot do this" in page
    assert "You cannot change this action: only its lead, the sponsoring agency and the steering group can." in page


def test_a_role_refusal_names_who_may(client_for, cast):
    page = _house_page(client_for(cast.bea).get(reverse("outcomes:indicator_create")), 403)
    assert "You cannot add or change indicators: only the partnership business manager and the steering group can." in (
        page
    )


def test_a_refusal_without_a_reason_gives_a_general_one(client_for, cast):
    page = _house_page(client_for(cast.lee).get("/refused/"), 403)
    assert "Your role in this partnership does not allow it." in page


def test_a_server_error_renders_the_house_500_without_the_request(client_for, cast):
    client = client_for(cast.lee)
    client.raise_request_exception = False
    page = _house_page(client.get("/raise/"), 500)
    assert "Sorry, there is a problem with the service" in page
    assert "Priorities" not in page  # rendered without the request: no navigation, no database


def test_the_500_page_renders_without_the_database(rf):
    # No ``db`` fixture: any query would fail the test.
    _house_page(server_error(rf.get("/actions/")), 500)
    api = server_error(rf.get("/api/v1/actions/"))
    assert api.status_code == 500 and json.loads(api.content) == {
        "detail": "Something went wrong on our side. Try again later."
    }


def test_a_bad_request_renders_the_house_400(client, db):
    page = _house_page(client.get("/suspicious/"), 400)
    assert "Something was wrong with the request" in page


def test_an_expired_form_is_a_house_403_saying_what_to_do(db, cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.lee)
    page = _house_page(client.post(reverse("actions:update", args=[cast.a21.pk]), {}), 403)
    assert "reload the page and try again" in page


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/v1/no-such-thing/", 404), ("/api/v1/raise/", 500)],
)
def test_the_api_answers_json_with_detail(client_for, cast, path, status):
    client = client_for(cast.lee)
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_an_api_refusal_says_why(client_for, cast):
    response = client_for(cast.lee).patch(
        reverse("action-detail", args=[cast.a11.pk]), {"status": "on_track"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "You cannot change this action: only its lead, the sponsoring agency and the steering group can."
    }


def test_the_api_answers_another_partnerships_object_with_a_json_404(client_for, cast):
    response = client_for(cast.lee).get(reverse("action-detail", args=[cast.other_action.pk]))
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_an_api_bad_request_is_json(client_for, cast):
    response = client_for(cast.lee).get("/api/v1/raise/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request could not be understood."}


def test_a_refused_value_entry_names_the_indicator_and_who_may(client_for, cast):
    from tests import factories as f

    indicator = f.IndicatorFactory(partnership=cast.partnership, code="SC-01", source_agency=cast.health)
    page = _house_page(client_for(cast.lee).get(reverse("outcomes:measurement_record", args=[indicator.pk])), 403)
    assert (
        "You cannot enter values for SC-01: only the partnership business manager, the steering group "
        "and the agency that supplies its figures can." in page
    )


def test_a_refused_withdrawal_says_who_may(client_for, cast):
    page = _house_page(client_for(cast.lee).get(reverse("actions:withdraw", args=[cast.a21.pk])), 403)
    assert "You cannot withdraw this action: only the partnership business manager and the steering group can." in page
