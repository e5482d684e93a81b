"""Actions and progress updates through the API: the sponsor and lead rules, due dates, the append-only record."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.tokens import token_create
from actions.models import Action, ProgressUpdate, Status
from tests import factories as f


def add_progress(client, action):
    return client.post(
        "/api/v1/progress-updates/",
        {"action": action.pk, "status": "at_risk", "narrative": "Training delayed by staff absence."},
        format="json",
    )


def test_sponsor_sam_can_add_progress_to_an_action_of_the_priority_his_agency_sponsors(cast, api_for):
    response = add_progress(api_for(cast.sam), cast.a11)

    assert response.status_code == 201
    assert response.json()["author"] == cast.sam.pk
    cast.a11.refresh_from_db()
    assert cast.a11.status == Status.AT_RISK


def test_sponsor_sam_cannot_add_progress_to_an_action_of_another_priority(cast, api_for):
    response = add_progress(api_for(cast.sam), cast.a21)

    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_lead_lee_can_update_his_own_action_but_not_another(cast, api_for):
    client = api_for(cast.lee)

    assert client.patch(f"/api/v1/actions/{cast.a21.pk}/", {"title": "Toolkit"}, format="json").status_code == 200
    assert client.patch(f"/api/v1/actions/{cast.a11.pk}/", {"title": "Toolkit"}, format="json").status_code == 403
    cast.a11.refresh_from_db()
    assert cast.a11.title == "Train health visitors"


def test_changing_the_due_date_without_a_reason_is_refused_naming_due_date_reason(cast, api_for):
    response = api_for(cast.lee).patch(f"/api/v1/actions/{cast.a21.pk}/", {"due_date": "2027-03-31"}, format="json")

    assert response.status_code == 400
    assert "due_date_reason" in response.json()
    cast.a21.refresh_from_db()
    assert cast.a21.due_date == datetime.date(2027, 1, 31)


def test_changing_the_due_date_with_a_reason_keeps_the_original_due_date(cast, api_for):
    response = api_for(cast.lee).patch(
        f"/api/v1/actions/{cast.a21.pk}/",
        {"due_date": "2027-03-31", "due_date_reason": "The toolkit launch moved to the spring."},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["due_date"] == "2027-03-31"
    assert body["original_due_date"] == "2027-01-31"
    assert body["due_date_change_reason"] == "The toolkit launch moved to the spring."


def test_a_due_date_before_the_start_date_is_a_400_naming_the_field(cast, api_for):
    response = api_for(cast.alice).patch(
        f"/api/v1/actions/{cast.a21.pk}/", {"due_date": "2020-01-01", "due_date_reason": "Oops"}, format="json"
    )

    assert response.status_code == 400
    assert "due_date" in response.json()


def test_actions_cannot_be_deleted(cast, api_for):
    response = api_for(cast.alice).delete(f"/api/v1/actions/{cast.a21.pk}/")

    assert response.status_code == 405
    assert Action.objects.filter(pk=cast.a21.pk).exists()


@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_progress_updates_cannot_be_changed_or_deleted(cast, api_for, method):
    update = f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)

    response = getattr(api_for(cast.alice), method)(
        f"/api/v1/progress-updates/{update.pk}/", {"narrative": "Rewritten."}, format="json"
    )

    assert response.status_code == 405
    update.refresh_from_db()
    assert update.narrative == "Work continues as planned."


def test_action_list_shows_brag_overdue_and_readable_names(cast, api_for):
    body = api_for(cast.bea).get(f"/api/v1/actions/{cast.a11.pk}/").json()

    assert body["brag"] == {"colour": "green", "label": "Green"}
    assert body["is_overdue"] is False
    assert body["sponsor_agency_name"] == "Northshire ICB"
    assert body["lead_agency_name"] == "Northshire ICB"


def test_action_list_filters_by_overdue_status_priority_and_lead_agency(cast, api_for):
    late = f.ActionFactory(
        priority=cast.p2,
        reference="P2.9",
        lead_agency=cast.police,
        start_date=datetime.date(2024, 4, 1),
        due_date=datetime.date(2024, 9, 30),
    )
    client = api_for(cast.bea)

    def references(query):
        return [row["reference"] for row in client.get(f"/api/v1/actions/?{query}").json()["results"]]

    assert references("overdue=true") == ["P2.9"]
    assert sorted(references("overdue=false")) == ["P1.1", "P2.1"]
    assert references(f"priority={cast.p1.pk}") == ["P1.1"]
    assert references(f"lead_agency={cast.police.pk}") == [late.reference]
    assert references("status=completed") == []


def test_action_list_runs_a_fixed_number_of_queries_whatever_its_size(cast, api_for, django_assert_max_num_queries):
    client = api_for(cast.bea)
    counts = []
    for extra in (1, 15):
        for n in range(extra):
            f.ActionFactory(priority=cast.p1, reference=f"P1.{len(counts) * 100 + n + 2}", lead=cast.lee)
        # 7, and 2 for the impact evidence (indicators, findings) of the whole page.
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(9):
            response = client.get("/api/v1/actions/")
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_progress_update_list_runs_a_fixed_number_of_queries(cast, api_for, django_assert_max_num_queries):
    for n in range(10):
        f.ProgressUpdateFactory(action=cast.a11 if n % 2 else cast.a21, author=cast.sam)
    client = api_for(cast.bea)

    with django_assert_max_num_queries(7):
        assert client.get("/api/v1/progress-updates/").status_code == 200


def test_token_authentication_works(cast):
    _, raw = token_create(cast.alice, "Test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")

    response = client.get("/api/v1/actions/")

    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_a_wrong_token_is_refused(cast):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    # Session authentication comes first, so DRF answers 403 rather than 401.
    assert client.get("/api/v1/actions/").status_code in (401, 403)


def test_the_openapi_schema_is_served(cast, api_for):
    response = api_for(cast.alice).get("/api/schema/")

    assert response.status_code == 200
