"""No silent overwrites of audits, findings and recommendations: their forms and the API refuse a change made
from a copy someone else has changed since, and show what they changed."""

import pytest
from django.urls import reverse

from audits import services
from audits.models import Audit, Finding, Recommendation
from tests.form_data import form_data


def _steve(cast):
    return cast.steve.memberships.get()


def _alice(cast):
    return cast.alice.memberships.get()


# (url name, object of the audit cast, someone else's change through the service, the person's own change)
CASES = {
    "audit": (
        "audits:update",
        "audit",
        lambda cast, obj: services.audit_update(_alice(cast), Audit.objects.get(pk=obj.pk), title="Toxic trio audit"),
        {"scope": "Twelve cases from 2025."},
        "Title: Neglect and the toxic trio → Toxic trio audit",
        lambda obj: (obj.title, obj.scope != "Twelve cases from 2025."),
    ),
    "finding": (
        "audits:finding_update",
        "improvement",
        lambda cast, obj: services.finding_update(_alice(cast), Finding.objects.get(pk=obj.pk), text="Few GCP2s."),
        {"kind": "strength"},
        "Text: Few GCP2 assessments on file. → Few GCP2s.",
        lambda obj: (obj.text, obj.kind == "improvement"),
    ),
    "recommendation": (
        "audits:recommendation_update",
        "r1",
        lambda cast, obj: services.recommendation_update(
            _alice(cast), Recommendation.objects.get(pk=obj.pk), text="Train every health visitor."
        ),
        {"reference": "R1a"},
        "Text: Train health visitors in the GCP2. → Train every health visitor.",
        lambda obj: (obj.text, obj.reference == "R1"),
    ),
    "recommendation status": (
        "audits:recommendation_status",
        "r2",
        lambda cast, obj: services.recommendation_update_status(
            _alice(cast), Recommendation.objects.get(pk=obj.pk), "completed"
        ),
        {"status": "in_progress"},
        "Status: Open → Completed",
        lambda obj: (obj.status, True),
    ),
}
EXPECTED = {
    "audit": "Toxic trio audit",
    "finding": "Few GCP2s.",
    "recommendation": "Train every health visitor.",
    "recommendation status": "completed",
}


@pytest.mark.parametrize("case", CASES)
def test_a_change_from_an_out_of_date_form_is_refused_and_shows_the_other_change(audit_cast, cast, client_for, case):
    url_name, attribute, theirs, mine, shown, check = CASES[case]
    obj = getattr(audit_cast, attribute)
    url = reverse(url_name, args=[obj.pk])
    client = client_for(cast.steve)
    data = form_data(client.get(url).context["form"])
    assert data["version"] == obj.version
    theirs(cast, obj)
    data.update(mine)

    response = client.post(url, data)

    assert response.status_code == 409
    page = response.content.decode()
    assert "while you were editing it" in page and "Nothing you entered has been saved" in page
    assert shown.replace("→", "&rarr;") in page or shown in page
    obj.refresh_from_db()
    value, untouched = check(obj)
    assert value == EXPECTED[case] and untouched
    form = response.context["form"]
    assert all(str(form[name].value()) == str(value) for name, value in mine.items())
    assert form["version"].value() == obj.version


@pytest.mark.parametrize("case", CASES)
def test_a_change_from_the_current_version_is_saved(audit_cast, cast, client_for, case):
    url_name, attribute, _, mine, _, _ = CASES[case]
    obj = getattr(audit_cast, attribute)
    url = reverse(url_name, args=[obj.pk])
    client = client_for(cast.steve)
    data = form_data(client.get(url).context["form"]) | mine
    assert client.post(url, data).status_code == 302
    obj.refresh_from_db()
    assert obj.version == 2


@pytest.mark.parametrize(
    ("kind", "attribute", "change"),
    [
        ("audits", "audit", {"title": "New"}),
        ("findings", "strength", {"text": "New"}),
        ("recommendations", "r1", {"text": "New"}),
    ],
)
def test_the_api_answers_412_to_a_stale_if_match_and_saves_with_the_current_one(
    audit_cast, cast, api_for, kind, attribute, change
):
    obj = getattr(audit_cast, attribute)
    url = f"/api/v1/{kind}/{obj.pk}/"
    client = api_for(cast.steve)
    tag = client.get(url)["ETag"]
    first = client.patch(url, change, format="json", HTTP_IF_MATCH=tag)
    assert first.status_code == 200 and first["ETag"] != tag
    stale = client.patch(url, {"text" if "text" in change else "title": "Later"}, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412 and stale.json()["detail"]
    obj.refresh_from_db()
    assert getattr(obj, next(iter(change))) == "New"


def test_an_owner_changing_only_the_status_through_the_api_is_checked_too(audit_cast, cast, api_for):
    url = f"/api/v1/recommendations/{audit_cast.r2.pk}/"
    lee = api_for(cast.lee)
    tag = lee.get(url)["ETag"]
    services.recommendation_update_status(_steve(cast), Recommendation.objects.get(pk=audit_cast.r2.pk), "completed")
    response = lee.patch(url, {"status": "in_progress"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 412
    assert Recommendation.objects.get(pk=audit_cast.r2.pk).status == "completed"
