"""Two partnerships holding the same words, in every kind the search finds.

``words`` gives Northshire (the cast's partnership) and Southshire (Charlie's) an action, a progress
update, an indicator, an audit, a finding and a recommendation that each say "hoarding", and Northshire
a withdrawn action (with an update), indicator, finding and recommendation saying it too, which no
search shows. ``words.northshire`` and ``words.southshire`` are the addresses a search should find.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f

WORD = "hoarding"


def _objects(partnership, priority, agency, author):
    action = f.ActionFactory(
        priority=priority,
        reference=f"{priority.number}.9",
        title=f"Respond to {WORD} in family homes",
        lead_agency=agency,
    )
    update = f.ProgressUpdateFactory(action=action, author=author, narrative=f"Two {WORD} cases were discussed.")
    indicator = f.IndicatorFactory(partnership=partnership, name=f"Homes where {WORD} was found")
    audit = f.AuditFactory(partnership=partnership, title=f"Neglect and {WORD}: a themed audit")
    finding = f.FindingFactory(audit=audit, text=f"Practitioners recognised {WORD} early.")
    recommendation = f.RecommendationFactory(audit=audit, text=f"Train staff to spot {WORD}.")
    return [
        reverse("actions:detail", args=[action.pk]),
        reverse("actions:detail", args=[action.pk]) + f"#update-{update.pk}",
        reverse("outcomes:indicator", args=[indicator.pk]),
        reverse("audits:detail", args=[audit.pk]),
        reverse("audits:detail", args=[audit.pk]) + f"#finding-{finding.pk}",
        reverse("audits:detail", args=[audit.pk]) + f"#recommendation-{recommendation.pk}",
    ]


def _withdrawn(cast):
    gone = {"withdrawn_at": timezone.now(), "withdrawn_by": cast.alice, "withdrawal_reason": "Entered twice"}
    action = f.ActionFactory(
        priority=cast.p2, reference="P2.8", title=f"Old {WORD} plan", lead_agency=cast.council, **gone
    )
    f.ProgressUpdateFactory(action=action, author=cast.alice, narrative=f"A {WORD} update of a withdrawn action.")
    f.IndicatorFactory(partnership=cast.partnership, name=f"Withdrawn {WORD} count", **gone)
    audit = f.AuditFactory(partnership=cast.partnership, title="An audit with withdrawn parts")
    f.FindingFactory(audit=audit, text=f"A withdrawn {WORD} finding.", **gone)
    f.RecommendationFactory(audit=audit, text=f"A withdrawn {WORD} recommendation.", **gone)


@pytest.fixture
def words(cast):
    northshire = _objects(cast.partnership, cast.p2, cast.council, cast.lee)
    southshire = _objects(cast.other, cast.other_priority, cast.other_agency, cast.charlie)
    _withdrawn(cast)
    return SimpleNamespace(northshire=northshire, southshire=southshire)
