"""No silent overwrites of strategies and priorities: their forms and the API refuse a change made from a copy
someone else has changed since, and show what they changed."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from priorities import services
from priorities.models import Priority, Strategy
from tests.form_data import form_data


def _alice(cast):
    return cast.alice.memberships.get()


def test_a_stale_priority_form_is_refused_and_shows_the_other_change(cast, client_for):
    url = reverse("priorities:update", args=[cast.p2.pk])
    client = client_for(cast.steve)
    data = form_data(client.get(url).context["form"])
    services.priority_update(_alice(cast), Priority.objects.get(pk=cast.p2.pk), title="Seeing neglect sooner")
    data["description"] = "Steve's description."

    response = client.post(url, data)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this priority while you were editing it" in page
    assert "Recognising neglect → Seeing neglect sooner" in page
    priority = Priority.objects.get(pk=cast.p2.pk)
    assert priority.title == "Seeing neglect sooner" and priority.description != "Steve's description."
    form = response.context["form"]
    assert form["title"].value() == "Seeing neglect sooner" and form["description"].value() == "Steve's description."
    again = form_data(form)
    assert client.post(url, again).status_code == 302
    priority.refresh_from_db()
    assert (priority.title, priority.description) == ("Seeing neglect sooner", "Steve's description.")


def test_a_stale_strategy_form_is_refused(cast, client_for):
    url = reverse("priorities:strategy_update", args=[cast.strategy.pk])
    client = client_for(cast.steve)
    data = form_data(client.get(url).context["form"])
    services.strategy_update(_alice(cast), Strategy.objects.get(pk=cast.strategy.pk), vision="Every child thrives.")
    data["title"] = "Steve's title"
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Someone else changed this strategy while you were editing it" in response.content.decode()
    strategy = Strategy.objects.get(pk=cast.strategy.pk)
    assert strategy.vision == "Every child thrives." and strategy.title != "Steve's title"


@pytest.mark.parametrize(("kind", "attribute"), [("priorities", "p1"), ("strategies", "strategy")])
def test_the_api_answers_an_etag_and_412_to_a_stale_if_match(cast, kind, attribute):
    obj = getattr(cast, attribute)
    client = APIClient()
    client.force_login(cast.steve)
    url = f"/api/v1/{kind}/{obj.pk}/"
    tag = client.get(url)["ETag"]
    assert tag == f'"{obj._meta.model_name}-{obj.pk}-v1"'
    first = client.patch(url, {"title": "First"}, format="json", HTTP_IF_MATCH=tag)
    assert first.status_code == 200 and first["ETag"].endswith('-v2"')
    stale = client.patch(url, {"title": "Second"}, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412 and stale.json()["detail"]
    obj.refresh_from_db()
    assert obj.title == "First"
    assert client.patch(url, {"title": "Third"}, format="json").status_code == 200  # no If-Match: accepted
