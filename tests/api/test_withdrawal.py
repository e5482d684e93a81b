"""Through the API, findings, recommendations, actions, indicators and values are withdrawn with a reason,
never deleted: lists leave them out unless asked, and each is still read at its own address."""

import pytest

from actions.models import Action
from audits.models import Finding
from outcomes.models import Indicator, Measurement
from tests import factories as f


@pytest.fixture
def objects(cast):
    audit = f.AuditFactory(partnership=cast.partnership)
    indicator = f.IndicatorFactory(partnership=cast.partnership, code="HAL-01", source_agency=cast.health)
    return {
        "actions": cast.a21,
        "findings": f.FindingFactory(audit=audit),
        "recommendations": f.RecommendationFactory(audit=audit),
        "indicators": indicator,
        "measurements": f.MeasurementFactory(indicator=indicator, period="2026/27 Q1"),
    }


@pytest.mark.parametrize("kind", ["actions", "findings", "recommendations", "indicators", "measurements"])
def test_withdrawing_through_the_api_keeps_the_object_and_lists_leave_it_out_unless_asked(cast, objects, api_for, kind):
    client = api_for(cast.steve)
    obj = objects[kind]

    refused = client.post(f"/api/v1/{kind}/{obj.pk}/withdraw/", {}, format="json")
    response = client.post(f"/api/v1/{kind}/{obj.pk}/withdraw/", {"reason": "Entered twice"}, format="json")

    assert refused.status_code == 400 and refused.json() == {"reason": ["Enter why it is being withdrawn"]}
    assert response.status_code == 200
    withdrawn = response.json()["withdrawn"]
    assert (withdrawn["by"], withdrawn["by_name"], withdrawn["reason"]) == (
        cast.steve.pk,
        "Steve Example",
        "Entered twice",
    )
    listed = [row["id"] for row in client.get(f"/api/v1/{kind}/").json()["results"]]
    only_withdrawn = [row["id"] for row in client.get(f"/api/v1/{kind}/?withdrawn=true").json()["results"]]
    assert obj.pk not in listed and only_withdrawn == [obj.pk]
    assert client.get(f"/api/v1/{kind}/{obj.pk}/").json()["withdrawn"]["reason"] == "Entered twice"
    again = client.post(f"/api/v1/{kind}/{obj.pk}/withdraw/", {"reason": "Again"}, format="json")
    assert again.status_code == 403


def test_a_current_object_says_it_is_not_withdrawn(cast, objects, api_for):
    assert api_for(cast.bea).get(f"/api/v1/actions/{cast.a11.pk}/").json()["withdrawn"] is None


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_only_the_business_manager_and_steering_group_withdraw_findings_and_actions(cast, objects, api_for, role):
    client = api_for(getattr(cast, role))
    for kind in ("findings", "actions"):
        response = client.post(f"/api/v1/{kind}/{objects[kind].pk}/withdraw/", {"reason": "x"}, format="json")
        assert response.status_code == 403
    assert Finding.objects.current().count() == 1 and Action.objects.current().filter(pk=cast.a21.pk).exists()


def test_another_partnerships_object_cannot_be_withdrawn(cast, objects, api_for):
    response = api_for(cast.charlie).post(f"/api/v1/indicators/{objects['indicators'].pk}/withdraw/", {"reason": "x"})
    assert response.status_code == 404
    assert Indicator.objects.current().count() == 1


def test_a_finding_can_no_longer_be_deleted(cast, objects, api_for):
    response = api_for(cast.steve).delete(f"/api/v1/findings/{objects['findings'].pk}/")
    assert response.status_code == 405
    assert Finding.objects.filter(pk=objects["findings"].pk).exists()


def test_a_withdrawn_value_cannot_be_corrected(cast, objects, api_for):
    client = api_for(cast.sam)
    value = objects["measurements"]
    client.post(f"/api/v1/measurements/{value.pk}/withdraw/", {"reason": "Wrong quarter"}, format="json")

    response = client.patch(f"/api/v1/measurements/{value.pk}/", {"value": 11}, format="json")

    assert response.status_code == 403
    assert Measurement.objects.count() == 1


def test_the_schema_offers_withdraw_and_no_delete(api_for, cast):
    schema = api_for(cast.bea).get("/api/schema/", {"format": "json"}).json()
    for kind in ("actions", "findings", "recommendations", "indicators", "measurements"):
        assert "post" in schema["paths"][f"/api/v1/{kind}/{{id}}/withdraw/"]
    assert not any("delete" in operations for operations in schema["paths"].values())
