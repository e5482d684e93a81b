"""Closing an action asks what difference it made: an outcome statement and at least one piece of evidence."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actions import services
from actions.models import Action, ProgressUpdate, Status
from tests import factories as f
from tests.actions.test_pages import _edit_data

NO_STATEMENT = "Say what difference the action made: is anyone better off?"
NO_EVIDENCE = (
    "Give at least one piece of evidence: an indicator, an audit finding, or a note with a link or file reference"
)


@pytest.fixture
def evidence(cast):
    indicator = f.IndicatorFactory(
        partnership=cast.partnership, code="NOR-01", name="Families helped", priority=cast.p2
    )
    finding = f.FindingFactory(
        audit=f.AuditFactory(partnership=cast.partnership), text="Toolkit used in 9 of 12 cases."
    )
    other_strategy = f.StrategyFactory(partnership=cast.partnership, title="Old strategy", status="archived")
    old = f.IndicatorFactory(
        partnership=cast.partnership,
        code="OLD-01",
        priority=f.PriorityFactory(strategy=other_strategy, number=1, sponsor_agency=cast.council),
    )
    return indicator, finding, old


def _complete(client, action, **impact):
    data = {"status": Status.COMPLETED, "narrative": "All done.", **impact}
    return client.post(reverse("actions:add_update", args=[action.pk]), data)


def test_marking_an_action_completed_without_impact_is_refused_on_the_fields(cast, client_for):
    response = _complete(client_for(cast.lee), cast.a21)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["impact_statement"] == [NO_STATEMENT]
    assert form.errors["impact_evidence"] == [NO_EVIDENCE]
    assert Action.objects.get(pk=cast.a21.pk).status == Status.ON_TRACK


def test_a_note_without_a_link_or_file_is_not_evidence(cast, client_for):
    response = _complete(client_for(cast.lee), cast.a21, impact_statement="Better.", impact_evidence="Trust me.")
    assert "Put a link or a file reference in the note" in response.context["form"].errors["impact_evidence"][0]
    assert Action.objects.get(pk=cast.a21.pk).status == Status.ON_TRACK


def test_completing_with_a_statement_and_an_indicator_saves_them_and_the_page_shows_them(cast, client_for, evidence):
    indicator, finding, _ = evidence
    client = client_for(cast.lee)
    response = _complete(
        client,
        cast.a21,
        impact_statement="Social workers now use the toolkit in most cases.",
        impact_indicators=[indicator.pk],
        impact_findings=[finding.pk],
    )
    assert response.status_code == 302
    action = Action.objects.get(pk=cast.a21.pk)
    assert action.status == Status.COMPLETED and not action.completed_without_impact
    assert list(action.impact_indicators.all()) == [indicator]
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "What difference it made" in page and "Social workers now use the toolkit in most cases." in page
    assert "NOR-01 Families helped" in page and "Toolkit used in 9 of 12 cases." in page


def test_an_indicator_of_another_strategy_is_not_offered_nor_accepted(cast, client_for, evidence):
    _, _, old = evidence
    response = _complete(client_for(cast.lee), cast.a21, impact_statement="Better.", impact_indicators=[old.pk])
    assert "impact_indicators" in response.context["form"].errors
    assert Action.objects.get(pk=cast.a21.pk).status == Status.ON_TRACK


def test_a_progress_update_that_completes_the_action_asks_for_impact_too(cast, client_for):
    client = client_for(cast.lee)
    url = reverse("actions:add_update", args=[cast.a21.pk])
    refused = client.post(url, {"status": "completed", "narrative": "All done."})
    assert refused.status_code == 200
    assert refused.context["form"].errors["impact_statement"] == [NO_STATEMENT]
    assert not ProgressUpdate.objects.filter(action=cast.a21).exists()
    saved = client.post(
        url,
        {
            "status": "completed",
            "narrative": "All done.",
            "impact_statement": "Neglect is recognised earlier.",
            "impact_evidence": "Evaluation report: https://example.org/evaluation",
        },
    )
    assert saved.status_code == 302
    action = Action.objects.get(pk=cast.a21.pk)
    assert action.status == Status.COMPLETED and action.impact_statement == "Neglect is recognised earlier."


def test_the_api_refuses_completing_without_impact_and_accepts_it_with(cast, evidence):
    indicator, _, _ = evidence
    client = APIClient()
    client.force_login(cast.lee)
    url = f"/api/v1/actions/{cast.a21.pk}/"
    refused = client.post(
        "/api/v1/progress-updates/", {"action": cast.a21.pk, "status": "completed", "narrative": "Done."}
    )
    assert refused.status_code == 400
    assert refused.json()["impact_statement"] == [NO_STATEMENT]
    body = {"action": cast.a21.pk, "status": "completed", "narrative": "Done.", "impact_statement": "Better off."}
    saved = client.post("/api/v1/progress-updates/", {**body, "impact_indicators": [indicator.pk]}, format="json")
    assert saved.status_code == 201
    body = client.get(url).json()
    assert body["impact_indicators"] == [indicator.pk] and body["completed_without_impact"] is False


def test_the_api_progress_update_that_completes_asks_for_impact(cast):
    client = APIClient()
    client.force_login(cast.lee)
    body = {"action": cast.a21.pk, "status": "completed", "narrative": "Done."}
    assert client.post("/api/v1/progress-updates/", body, format="json").status_code == 400
    body |= {"impact_statement": "Better off.", "impact_evidence": "Minutes-2026-11.pdf"}
    assert client.post("/api/v1/progress-updates/", body, format="json").status_code == 201
    assert Action.objects.get(pk=cast.a21.pk).impact_evidence == "Minutes-2026-11.pdf"


def test_an_action_completed_before_impact_was_asked_is_flagged_not_rewritten(cast, client_for):
    old = f.ActionFactory(
        priority=cast.p1, reference="P1.9", status=Status.COMPLETED, completed_on=datetime.date(2025, 3, 1)
    )
    client = client_for(cast.alice)
    page = client.get(reverse("actions:detail", args=[old.pk])).content.decode()
    assert "Completed without impact evidence" in page
    assert client.get(f"/api/v1/actions/{old.pk}/").json()["completed_without_impact"] is True
    # Changing something else about it is still allowed; the flag stays.
    response = client.post(reverse("actions:update", args=[old.pk]), _edit_data(old, title="Renamed"))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.title == "Renamed" and old.completed_without_impact


def test_once_given_the_impact_cannot_be_emptied(cast):
    membership = cast.lee.memberships.get()
    impact = {"impact_statement": "Better off.", "impact_evidence": "https://example.org/x"}
    services.progress_update_add(
        membership, Action.objects.get(pk=cast.a21.pk), status=Status.COMPLETED, narrative="Done.", **impact
    )
    with pytest.raises(Exception) as refused:
        services.action_update(membership, Action.objects.get(pk=cast.a21.pk), impact_statement="", impact_evidence="")
    assert NO_STATEMENT in str(refused.value)
    assert Action.objects.get(pk=cast.a21.pk).impact_statement == "Better off."
