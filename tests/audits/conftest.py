"""An audit of Northshire's with findings and recommendations, added to the cast.

- R1 is owned by the health agency (Sam, the health sponsor, may change its status)
  and answered by action P1.1;
- R2 is owned by Lee in person (he may change its status), due in the past, with no action;
- R3 is completed.
Southshire (Charlie's) has an audit of its own.
"""

import datetime
from types import SimpleNamespace

import pytest

from audits.models import Audit, Finding, Recommendation
from tests import factories as f
from tests.api.conftest import api_for  # noqa: F401 - the API tests of audits share it


@pytest.fixture
def audit_cast(cast):
    audit = f.AuditFactory(
        partnership=cast.partnership,
        kind=Audit.Kind.MULTI_AGENCY,
        title="Neglect and the toxic trio",
        completed_on=datetime.date(2025, 10, 15),
        lead_agency=cast.council,
        case_count=12,
        grade_outstanding=1,
        grade_good=7,
        grade_requires_improvement=3,
        grade_inadequate=1,
    )
    strength = f.FindingFactory(audit=audit, kind=Finding.Kind.STRENGTH, text="Information reached conference.")
    improvement = f.FindingFactory(audit=audit, kind=Finding.Kind.IMPROVEMENT, text="Few GCP2 assessments on file.")
    r1 = f.RecommendationFactory(
        audit=audit, reference="R1", text="Train health visitors in the GCP2.", owner_agency=cast.health
    )
    r1.actions.add(cast.a11)
    r2 = f.RecommendationFactory(
        audit=audit,
        reference="R2",
        text="Use the neglect toolkit in every case.",
        owner_agency=cast.council,
        owner=cast.lee,
        due_date=datetime.date(2025, 3, 31),
    )
    r3 = f.RecommendationFactory(
        audit=audit, reference="R3", text="Report to the board.", status=Recommendation.Status.COMPLETED
    )
    other_audit = f.AuditFactory(partnership=cast.other, title="Southshire audit")
    other_recommendation = f.RecommendationFactory(audit=other_audit, reference="S1", owner_agency=cast.other_agency)
    return SimpleNamespace(
        audit=audit,
        strength=strength,
        improvement=improvement,
        r1=r1,
        r2=r2,
        r3=r3,
        other_audit=other_audit,
        other_recommendation=other_recommendation,
    )


def membership(user):
    """The user's one membership (every member of the cast belongs to one partnership)."""
    return user.memberships.select_related("partnership", "agency").get()


def audits_snapshot():
    """Every row an audit, finding or recommendation write could touch."""
    return {
        "audits": list(Audit.objects.order_by("pk").values()),
        "findings": list(Finding.objects.order_by("pk").values()),
        "recommendations": list(Recommendation.objects.order_by("pk").values()),
        "links": list(Recommendation.actions.through.objects.order_by("pk").values()),
        "history": (Audit.history.count(), Finding.history.count(), Recommendation.history.count()),
    }
