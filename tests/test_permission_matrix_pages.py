"""Every role × every page × read/write, in the browser portal.

Reads: everyone in Northshire reads everything of Northshire; Charlie, of
Southshire, gets 404 for every Northshire object. Writes: see accounts.access.
A denied write answers 403 (or 404 across partnerships) and changes nothing.
"""

import pytest
from django.urls import reverse

from actions.models import Action, ProgressUpdate

ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]

READ_PAGES = {
    "priorities:detail": lambda c: reverse("priorities:detail", args=[c.p1.pk]),
    "actions:detail P1.1": lambda c: reverse("actions:detail", args=[c.a11.pk]),
    "actions:detail P2.1": lambda c: reverse("actions:detail", args=[c.a21.pk]),
}
OWN_PAGES = ["accounts:home", "priorities:list", "actions:mine"]

# Who may open each form (GET) and submit it (POST): 200 allowed, 403 denied, 404 other partnership.
WRITE_EXPECTED = {
    "add_update P1.1": {"alice": 200, "steve": 200, "sam": 200, "lee": 403, "bea": 403, "charlie": 404},
    "add_update P2.1": {"alice": 200, "steve": 200, "sam": 403, "lee": 200, "bea": 403, "charlie": 404},
    "update P1.1": {"alice": 200, "steve": 200, "sam": 200, "lee": 403, "bea": 403, "charlie": 404},
    "update P2.1": {"alice": 200, "steve": 200, "sam": 403, "lee": 200, "bea": 403, "charlie": 404},
    "create in P1": {"alice": 200, "steve": 200, "sam": 403, "lee": 403, "bea": 403, "charlie": 404},
}


def write_url(cast, name):
    kind, target = name.rsplit(" ", 1)
    if kind == "create in":
        return reverse("actions:create", args=[cast.p1.pk])
    action = {"P1.1": cast.a11, "P2.1": cast.a21}[target]
    return reverse(f"actions:{kind}", args=[action.pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(READ_PAGES))
def test_every_member_reads_their_partnerships_pages_and_no_one_elses(cast, client_for, role, page):
    response = client_for(getattr(cast, role)).get(READ_PAGES[page](cast))
    assert response.status_code == (404 if role == "charlie" else 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", OWN_PAGES)
def test_every_member_opens_the_pages_of_their_own_partnership(cast, client_for, role, name):
    response = client_for(getattr(cast, role)).get(reverse(name))
    assert response.status_code == 200
    assert ("Southshire" in response.content.decode()) == (role == "charlie")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("form", list(WRITE_EXPECTED))
def test_the_forms_open_only_for_those_allowed_to_write(cast, client_for, role, form):
    response = client_for(getattr(cast, role)).get(write_url(cast, form))
    assert response.status_code == WRITE_EXPECTED[form][role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("form", ["add_update P1.1", "add_update P2.1"])
def test_a_progress_update_is_recorded_only_when_allowed_and_a_denied_one_changes_nothing(cast, client_for, role, form):
    action = cast.a11 if form.endswith("P1.1") else cast.a21
    before = (ProgressUpdate.objects.count(), Action.objects.get(pk=action.pk).status)
    response = client_for(getattr(cast, role)).post(
        write_url(cast, form), {"status": "at_risk", "narrative": "Recruitment has slipped by a month."}
    )
    expected = WRITE_EXPECTED[form][role]
    if expected == 200:
        assert response.status_code == 302
        assert ProgressUpdate.objects.count() == before[0] + 1
        assert Action.objects.get(pk=action.pk).status == "at_risk"
    else:
        assert response.status_code == expected
        assert (ProgressUpdate.objects.count(), Action.objects.get(pk=action.pk).status) == before
