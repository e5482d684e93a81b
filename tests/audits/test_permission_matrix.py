"""Every role × every audit page, reading and writing.

Reads: everyone in Northshire reads every audit page; Charlie (Southshire) gets 404
for Northshire's audits and sees none of them in his lists. Writes: the business
manager and steering group record audits; a recommendation's status may also be
changed by its owner and the sponsor of its owning agency. A denied write answers
403 (404 across partnerships) and changes nothing.
"""

import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from tests.audits.conftest import audits_snapshot

ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]
EDITORS = {"alice": 200, "steve": 200, "sam": 403, "lee": 403, "bea": 403, "charlie": 404}


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _recommendation_data(c, a):
    return {"reference": "R9", "text": "Audit again.", "status": "open", "owner_agency": c.council.pk, "owner": ""}


def _action_data(c, a):
    return {
        "priority": c.p2.pk,
        "reference": "P2.9",
        "title": "Answer R2",
        "success_measure": "Toolkit in use",
        "lead_agency": c.council.pk,
        "status": "not_started",
        **_date("start_date", datetime.date(2026, 4, 1)),
        **_date("due_date", datetime.date(2027, 3, 31)),
    }


# name: (URL, POST data, expected answer per role)
FORMS = {
    "update": (
        lambda c, a: reverse("audits:update", args=[a.audit.pk]),
        lambda c, a: {"kind": "multi_agency", "title": "Renamed", **_date("completed_on", datetime.date(2025, 10, 15))},
        EDITORS,
    ),
    "finding_create": (
        lambda c, a: reverse("audits:finding_create", args=[a.audit.pk]),
        lambda c, a: {"kind": "strength", "text": "Children were seen alone."},
        EDITORS,
    ),
    "finding_update": (
        lambda c, a: reverse("audits:finding_update", args=[a.strength.pk]),
        lambda c, a: {"kind": "strength", "text": "Changed."},
        EDITORS,
    ),
    "finding_withdraw": (
        lambda c, a: reverse("audits:finding_withdraw", args=[a.strength.pk]),
        lambda c, a: {"reason": "Recorded twice"},
        EDITORS,
    ),
    "recommendation_create": (
        lambda c, a: reverse("audits:recommendation_create", args=[a.audit.pk]),
        _recommendation_data,
        EDITORS,
    ),
    "recommendation_update": (
        lambda c, a: reverse("audits:recommendation_update", args=[a.r1.pk]),
        lambda c, a: {**_recommendation_data(c, a), "reference": "R1"},
        EDITORS,
    ),
    "recommendation_actions": (
        lambda c, a: reverse("audits:recommendation_actions", args=[a.r2.pk]),
        lambda c, a: {"actions": [c.a21.pk]},
        EDITORS,
    ),
    "recommendation_action_create": (
        lambda c, a: reverse("audits:recommendation_action_create", args=[a.r2.pk]),
        _action_data,
        EDITORS,
    ),
    "status R1 (health's)": (
        lambda c, a: reverse("audits:recommendation_status", args=[a.r1.pk]),
        lambda c, a: {"status": "completed"},
        {"alice": 200, "steve": 200, "sam": 200, "lee": 403, "bea": 403, "charlie": 404},
    ),
    "status R2 (Lee's)": (
        lambda c, a: reverse("audits:recommendation_status", args=[a.r2.pk]),
        lambda c, a: {"status": "completed"},
        {"alice": 200, "steve": 200, "sam": 403, "lee": 200, "bea": 403, "charlie": 404},
    ),
    "create": (
        lambda c, a: reverse("audits:create"),
        lambda c, a: {"kind": "inspection", "title": "JTAI", **_date("completed_on", datetime.date(2026, 2, 1))},
        # Charlie may record audits, in his own partnership.
        {"alice": 200, "steve": 200, "sam": 403, "lee": 403, "bea": 403, "charlie": 200},
    ),
}


def _snapshot():
    return audits_snapshot(), list(Action.objects.order_by("pk").values())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["audits:list", "audits:tracker", "audits:tracker_export"])
def test_every_member_opens_the_lists_and_sees_only_their_own_partnerships_audits(
    audit_cast, client_for, role, name, cast
):
    response = client_for(getattr(cast, role)).get(reverse(name))

    assert response.status_code == 200
    if name != "audits:tracker_export":
        page = response.content.decode()
        assert ("Southshire audit" in page) == (role == "charlie")
        assert ("Neglect and the toxic trio" in page) == (role != "charlie")


@pytest.mark.parametrize("role", ROLES)
def test_every_northshire_member_reads_the_audit_page_and_charlie_gets_404(audit_cast, client_for, role, cast):
    response = client_for(getattr(cast, role)).get(reverse("audits:detail", args=[audit_cast.audit.pk]))

    assert response.status_code == (404 if role == "charlie" else 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("form", list(FORMS))
def test_the_forms_open_only_for_those_allowed(audit_cast, client_for, role, form, cast):
    url, _, expected = FORMS[form]

    response = client_for(getattr(cast, role)).get(url(cast, audit_cast))

    assert response.status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("form", list(FORMS))
def test_a_post_changes_things_only_when_allowed_and_a_denied_one_changes_nothing(
    audit_cast, client_for, role, form, cast
):
    url, data, expected = FORMS[form]
    before = _snapshot()

    response = client_for(getattr(cast, role)).post(url(cast, audit_cast), data(cast, audit_cast))

    if expected[role] == 200:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert _snapshot() != before
    else:
        assert response.status_code == expected[role]
        assert _snapshot() == before


def test_the_edit_links_show_only_to_those_allowed(audit_cast, client_for, cast):
    url = reverse("audits:detail", args=[audit_cast.audit.pk])
    pages = {role: client_for(getattr(cast, role)).get(url).content.decode() for role in ROLES[:5]}

    for role in ("alice", "steve"):
        assert "Change the audit" in pages[role] and "Create an action for this recommendation" in pages[role]
    for role in ("sam", "lee", "bea"):
        assert "Change the audit" not in pages[role] and "Add a finding" not in pages[role]
    assert pages["sam"].count("Change the status") == 1  # R1, owned by his agency
    assert pages["lee"].count("Change the status") == 1  # R2, his own
    assert "Change the status" not in pages["bea"]
