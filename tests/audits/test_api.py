"""Audits, findings and recommendations through the REST API: the permission matrix, validation and filters."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from audits.models import Recommendation
from tests import factories as f
from tests.audits.conftest import audits_snapshot

ROLES = ("alice", "steve", "sam", "lee", "bea", "charlie")
TODAY = datetime.date(2026, 11, 23)


def audit_create(c, a):
    body = {"partnership": c.partnership.pk, "kind": "inspection", "title": "JTAI", "completed_on": "2026-02-01"}
    return "post", "/api/v1/audits/", body


def audit_update(c, a):
    return "patch", f"/api/v1/audits/{a.audit.pk}/", {"title": "Renamed"}


def finding_create(c, a):
    return "post", "/api/v1/findings/", {"audit": a.audit.pk, "kind": "strength", "text": "Children seen alone."}


def finding_update(c, a):
    return "patch", f"/api/v1/findings/{a.strength.pk}/", {"text": "Changed."}


def finding_withdraw(c, a):
    return "post", f"/api/v1/findings/{a.strength.pk}/withdraw/", {"reason": "Recorded twice"}


def recommendation_create(c, a):
    body = {"audit": a.audit.pk, "reference": "R9", "text": "Audit again.", "actions": [c.a21.pk]}
    return "post", "/api/v1/recommendations/", body


def recommendation_update(c, a):
    return "patch", f"/api/v1/recommendations/{a.r1.pk}/", {"text": "Changed."}


def status_r1(c, a):
    return "patch", f"/api/v1/recommendations/{a.r1.pk}/", {"status": "completed"}


def status_r2(c, a):
    return "patch", f"/api/v1/recommendations/{a.r2.pk}/", {"status": "completed"}


# Expected answer for alice, steve, sam, lee, bea, charlie. Charlie cannot name a
# Northshire object in a body (400: no such choice) nor reach one by URL (404).
WRITES = {
    audit_create: (201, 201, 403, 403, 403, 400),
    audit_update: (200, 200, 403, 403, 403, 404),
    finding_create: (201, 201, 403, 403, 403, 400),
    finding_update: (200, 200, 403, 403, 403, 404),
    finding_withdraw: (200, 200, 403, 403, 403, 404),
    recommendation_create: (201, 201, 403, 403, 403, 400),
    recommendation_update: (200, 200, 403, 403, 403, 404),
    status_r1: (200, 200, 200, 403, 403, 404),  # Sam sponsors R1's owning agency
    status_r2: (200, 200, 403, 200, 403, 404),  # Lee owns R2
}


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize("write", list(WRITES), ids=lambda write: write.__name__)
def test_each_role_gets_the_expected_answer_and_a_denied_write_changes_nothing(
    cast, audit_cast, api_for, write, role_index, role
):
    method, url, body = write(cast, audit_cast)
    expected = WRITES[write][role_index]
    before = audits_snapshot()

    response = getattr(api_for(getattr(cast, role)), method)(url, body, format="json")

    assert response.status_code == expected, response.content
    assert (audits_snapshot() == before) == (expected >= 400)


@pytest.mark.parametrize("role", ROLES[:5])
@pytest.mark.parametrize("endpoint", ["audits", "findings", "recommendations"])
def test_every_northshire_member_reads_northshires_audits_and_only_those(cast, audit_cast, api_for, role, endpoint):
    client = api_for(getattr(cast, role))
    detail = {"audits": audit_cast.audit, "findings": audit_cast.strength, "recommendations": audit_cast.r1}[endpoint]
    other = {
        "audits": audit_cast.other_audit,
        "findings": None,
        "recommendations": audit_cast.other_recommendation,
    }[endpoint]

    listed = client.get(f"/api/v1/{endpoint}/").json()

    assert client.get(f"/api/v1/{endpoint}/{detail.pk}/").status_code == 200
    assert detail.pk in {row["id"] for row in listed["results"]}
    if other is not None:
        assert other.pk not in {row["id"] for row in listed["results"]}
        assert client.get(f"/api/v1/{endpoint}/{other.pk}/").status_code == 404


def test_charlie_gets_404_for_northshires_audits(cast, audit_cast, api_for):
    client = api_for(cast.charlie)

    for url in (
        f"/api/v1/audits/{audit_cast.audit.pk}/",
        f"/api/v1/findings/{audit_cast.strength.pk}/",
        f"/api/v1/recommendations/{audit_cast.r1.pk}/",
    ):
        assert client.get(url).status_code == 404


def test_anonymous_requests_are_refused(cast, client):
    assert client.get("/api/v1/recommendations/").status_code in (401, 403)


# --- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"case_count": 3}, "case_count"),  # grades add up to 12
        ({"grade_good": -1}, "grade_good"),
        ({"lead_agency": "OTHER"}, "lead_agency"),
        ({"kind": "survey"}, "kind"),
        ({"completed_on": "15/10/2025"}, "completed_on"),
        ({"title": ""}, "title"),
    ],
)
def test_a_bad_audit_is_a_400_naming_the_field(cast, audit_cast, api_for, body, field):
    if body.get("lead_agency") == "OTHER":
        body = {"lead_agency": cast.other_agency.pk}
    before = audits_snapshot()

    response = api_for(cast.steve).patch(f"/api/v1/audits/{audit_cast.audit.pk}/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert audits_snapshot() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reference": "R2"}, "reference"),
        ({"status": "done"}, "status"),
        ({"actions": ["OTHER"]}, "actions"),
        ({"owner": "CHARLIE"}, "owner"),
        ({"due_date": "next spring"}, "due_date"),
    ],
)
def test_a_bad_recommendation_is_a_400_naming_the_field(cast, audit_cast, api_for, body, field):
    if "actions" in body:
        body = {"actions": [cast.other_action.pk]}
    if "owner" in body:
        body = {"owner": cast.charlie.pk}
    before = audits_snapshot()

    response = api_for(cast.alice).patch(f"/api/v1/recommendations/{audit_cast.r1.pk}/", body, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert audits_snapshot() == before


def test_an_owner_may_change_the_status_only(cast, audit_cast, api_for):
    before = audits_snapshot()

    response = api_for(cast.lee).patch(
        f"/api/v1/recommendations/{audit_cast.r2.pk}/", {"status": "completed", "text": "Done by then."}, format="json"
    )

    assert response.status_code == 403
    assert audits_snapshot() == before


def test_a_steering_member_replaces_the_linked_actions_and_reads_them_back(cast, audit_cast, api_for):
    response = api_for(cast.steve).patch(
        f"/api/v1/recommendations/{audit_cast.r1.pk}/", {"actions": [cast.a21.pk]}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["actions"] == [cast.a21.pk]
    assert list(audit_cast.r1.actions.all()) == [cast.a21]


def test_a_recommendation_is_created_with_its_actions(cast, audit_cast, api_for):
    response = api_for(cast.alice).post(
        "/api/v1/recommendations/",
        {"audit": audit_cast.audit.pk, "reference": "R4", "text": "New.", "actions": [cast.a11.pk, cast.a21.pk]},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert sorted(body["actions"]) == sorted([cast.a11.pk, cast.a21.pk])
    assert (body["status"], body["audit_title"]) == ("open", "Neglect and the toxic trio")
    assert Recommendation.objects.get(pk=body["id"]).history.latest().history_user == cast.alice


def test_a_recommendation_cannot_move_to_another_audit(cast, audit_cast, api_for):
    other = f.AuditFactory(partnership=cast.partnership)

    response = api_for(cast.alice).patch(
        f"/api/v1/recommendations/{audit_cast.r1.pk}/", {"audit": other.pk}, format="json"
    )

    assert response.status_code == 400 and "audit" in response.json()


# --- filters ----------------------------------------------------------------------------------


@freeze_time(TODAY)
@pytest.mark.parametrize(
    ("query", "references"),
    [
        ("status=completed", ["R3"]),
        ("overdue=true", ["R2"]),
        ("overdue=false", ["R1", "R3"]),
        ("without_action=true", ["R2", "R3"]),
        ("without_action=false", ["R1"]),
        ("audit_kind=multi_agency", ["R1", "R2", "R3"]),
        ("audit_kind=inspection", []),
    ],
)
def test_recommendations_are_filtered(cast, audit_cast, api_for, query, references):
    rows = api_for(cast.bea).get(f"/api/v1/recommendations/?{query}&ordering=reference").json()["results"]

    assert [row["reference"] for row in rows] == references


def test_recommendations_are_filtered_by_audit_and_audits_by_kind(cast, audit_cast, api_for):
    client = api_for(cast.bea)

    by_audit = client.get(f"/api/v1/recommendations/?audit={audit_cast.audit.pk}").json()
    by_kind = client.get("/api/v1/audits/?kind=inspection").json()
    findings = client.get(f"/api/v1/findings/?audit={audit_cast.audit.pk}&kind=improvement").json()

    assert by_audit["count"] == 3
    assert by_kind["count"] == 0
    assert [row["text"] for row in findings["results"]] == ["Few GCP2 assessments on file."]


@freeze_time(TODAY)
def test_a_recommendation_reads_with_labels_and_the_overdue_flag(cast, audit_cast, api_for):
    body = api_for(cast.bea).get(f"/api/v1/recommendations/{audit_cast.r2.pk}/").json()

    assert body["is_overdue"] is True
    assert (body["status_label"], body["owner_name"], body["owner_agency_name"]) == (
        "Open",
        "Lee Example",
        "Northshire Council",
    )
    assert body["actions"] == []


def test_the_schema_documents_the_audit_endpoints_and_their_enums(client, db):
    schema = client.get(reverse("api-schema")).content.decode()

    for text in ("/api/v1/audits/", "/api/v1/findings/", "/api/v1/recommendations/", "AuditKindEnum"):
        assert text in schema
    assert "RecommendationStatusEnum" in schema and "FindingKindEnum" in schema
    assert "without_action" in schema and "audit_kind" in schema
