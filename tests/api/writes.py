"""What the tests of writes through the API share: every write operation of the schema, a valid request for
each, and a world of three partnerships to point them at.

Alice is the business manager of Northshire and an action lead in Southshire (a person who
belongs to two partnerships); Westshire is a partnership she does not belong to.
"""

import json
from datetime import date
from types import SimpleNamespace
from typing import NamedTuple

from django.apps import apps
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

from accounts.models import Agency, Partnership, Role, User
from actions.models import Action
from audits.models import Audit, Finding
from outcomes.models import Indicator
from priorities.models import Priority, Strategy
from tests import factories as f

WRITES = ("POST", "PUT", "PATCH")
# Fields that name an object by its id without being a related field, and the model they name.
NAMED_BY_ID = {"indicator": Indicator, "partnership": Partnership}
FREE_TEXT = serializers.CharField
NOT_FREE_TEXT = (serializers.EmailField, serializers.URLField, serializers.SlugField, serializers.RegexField)


class Operation(NamedTuple):
    method: str
    path: str
    naming: dict  # {field name: (model named, whether it takes a list of ids)}
    texts: list  # the writable free-text fields


def schema_writes() -> list[Operation]:
    """Every write operation of the schema, with the fields of its request that name objects or take text."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()  # the endpoints drf-spectacular documents, each view with its AutoSchema
    found = []
    for path, _, method, view in generator._get_paths_and_endpoints():
        if method not in WRITES:
            continue
        serializer = view.schema.get_request_serializer()
        serializer = serializer() if isinstance(serializer, type) else serializer
        fields = getattr(serializer, "fields", {})
        texts = [
            name
            for name, field in fields.items()
            if isinstance(field, FREE_TEXT) and not isinstance(field, NOT_FREE_TEXT) and not field.read_only
        ]
        found.append(Operation(method, path, naming_fields(fields), texts))
    return found


def naming_fields(fields) -> dict:
    named = {}
    for name, field in fields.items():
        if field.read_only:
            continue
        if isinstance(field, serializers.ManyRelatedField):
            named[name] = (field.child_relation.queryset.model, True)
        elif isinstance(field, serializers.RelatedField):
            named[name] = (field.queryset.model, False)
        elif name in NAMED_BY_ID:
            named[name] = (NAMED_BY_ID[name], False)
    return named


WRITE_OPERATIONS = schema_writes()


def partnership_objects(partnership, person):
    """One object of each kind a request can name, all of ``partnership``."""
    agency = f.AgencyFactory(partnership=partnership)
    strategy = f.StrategyFactory(partnership=partnership, status="draft")  # Southshire has its active one
    priority = f.PriorityFactory(strategy=strategy, sponsor_agency=agency)
    audit = f.AuditFactory(partnership=partnership)
    return {
        Partnership: partnership,
        Agency: agency,
        User: person,
        Strategy: strategy,
        Priority: priority,
        Action: f.ActionFactory(priority=priority, lead_agency=agency),
        Audit: audit,
        Finding: f.FindingFactory(audit=audit),
        Indicator: f.IndicatorFactory(partnership=partnership, code=f"{partnership.slug[:3].upper()}-01"),
    }


def writes_world(cast):
    """Alice: business manager of Northshire and an action lead in Southshire. Westshire: none of hers."""
    f.MembershipFactory(user=cast.alice, partnership=cast.other, role=Role.LEAD, agency=cast.other_agency)
    westshire = f.PartnershipFactory(name="Westshire Safeguarding Children Partnership", slug="westshire")
    stranger = f.UserFactory(email="wendy@example.org")
    f.MembershipFactory(user=stranger, partnership=westshire, role=Role.ADMIN)
    audit = f.AuditFactory(partnership=cast.partnership, title="Neglect audit")
    indicator = f.IndicatorFactory(partnership=cast.partnership, code="NOR-01")
    finding = f.FindingFactory(audit=audit)
    own = {
        Partnership: cast.partnership,
        Agency: cast.health,
        User: cast.lee,
        Strategy: cast.strategy,
        Priority: cast.p1,
        Action: cast.a11,
        Audit: audit,
        Finding: finding,
        Indicator: indicator,
    }
    return SimpleNamespace(
        cast=cast,
        own=own,
        audit=audit,
        indicator=indicator,
        finding=finding,
        recommendation=f.RecommendationFactory(audit=audit, reference="R1"),
        measurement=f.MeasurementFactory(indicator=indicator, period="2026/27 Q1"),
        comparator=f.ComparatorValueFactory(indicator=indicator, period="2024/25", published=date(2025, 10, 30)),
        southshire=partnership_objects(cast.other, cast.charlie),
        westshire=partnership_objects(westshire, stranger),
    )


ACTION = {"title": "Run the training", "success_measure": "Audit", "start_date": "2026-04-01", "due_date": "2027-03-31"}
AUDIT = {"kind": "multi_agency", "title": "Neglect audit", "completed_on": "2026-06-30"}
INDICATOR = {"code": "NOR-01", "name": "Contacts", "rba_category": "how_much"}
WITHDRAW = {"reason": "Entered twice"}
COMPARATOR = {
    "comparator": "England",
    "period": "2025/26",
    "value": 41,
    "source": "DfE Characteristics of children in need 2025/26",
    "published": "2026-10-30",
}
STRATEGY = {"title": "Neglect Strategy 2027–2030", "start_date": "2027-04-01", "end_date": "2030-03-31"}

# (method, path) → (address, a valid request without the field under test) in the world.
REQUESTS = {
    ("POST", "/api/v1/actions/"): lambda w: (
        "/api/v1/actions/",
        {**ACTION, "priority": w.cast.p1.pk, "reference": "P1.9", "lead_agency": w.cast.health.pk},
    ),
    ("PUT", "/api/v1/actions/{id}/"): lambda w: (
        f"/api/v1/actions/{w.cast.a11.pk}/",
        {**ACTION, "lead_agency": w.cast.health.pk, "due_date": "2027-03-31"},
    ),
    ("PATCH", "/api/v1/actions/{id}/"): lambda w: (f"/api/v1/actions/{w.cast.a11.pk}/", {}),
    ("POST", "/api/v1/audits/"): lambda w: ("/api/v1/audits/", {**AUDIT, "partnership": w.cast.partnership.pk}),
    ("PUT", "/api/v1/audits/{id}/"): lambda w: (
        f"/api/v1/audits/{w.audit.pk}/",
        {**AUDIT, "partnership": w.cast.partnership.pk},
    ),
    ("PATCH", "/api/v1/audits/{id}/"): lambda w: (f"/api/v1/audits/{w.audit.pk}/", {}),
    ("POST", "/api/v1/findings/"): lambda w: (
        "/api/v1/findings/",
        {"audit": w.audit.pk, "kind": "strength", "text": "Good"},
    ),
    ("PUT", "/api/v1/findings/{id}/"): lambda w: (
        f"/api/v1/findings/{w.finding.pk}/",
        {"audit": w.audit.pk, "kind": "strength", "text": "Good"},
    ),
    ("PATCH", "/api/v1/findings/{id}/"): lambda w: (f"/api/v1/findings/{w.finding.pk}/", {}),
    ("POST", "/api/v1/indicators/"): lambda w: (
        "/api/v1/indicators/",
        {**INDICATOR, "code": "NOR-02", "partnership": w.cast.partnership.pk},
    ),
    ("PUT", "/api/v1/indicators/{id}/"): lambda w: (
        f"/api/v1/indicators/{w.indicator.pk}/",
        {**INDICATOR, "partnership": w.cast.partnership.pk},
    ),
    ("PATCH", "/api/v1/indicators/{id}/"): lambda w: (f"/api/v1/indicators/{w.indicator.pk}/", {}),
    ("POST", "/api/v1/measurements/"): lambda w: (
        "/api/v1/measurements/",
        {"indicator": w.indicator.pk, "period": "2026/27 Q2", "value": 12},
    ),
    ("PUT", "/api/v1/measurements/{id}/"): lambda w: (f"/api/v1/measurements/{w.measurement.pk}/", {"value": 11}),
    ("PATCH", "/api/v1/measurements/{id}/"): lambda w: (f"/api/v1/measurements/{w.measurement.pk}/", {}),
    ("POST", "/api/v1/measurements/bulk/"): lambda w: (
        "/api/v1/measurements/bulk/",
        {"period": "2026/27 Q2", "measurements": [{"indicator": "NOR-01", "value": 9}]},
    ),
    ("POST", "/api/v1/comparators/"): lambda w: (
        "/api/v1/comparators/",
        {"indicator": w.indicator.pk, **COMPARATOR},
    ),
    ("PUT", "/api/v1/comparators/{id}/"): lambda w: (f"/api/v1/comparators/{w.comparator.pk}/", {**COMPARATOR}),
    ("PATCH", "/api/v1/comparators/{id}/"): lambda w: (f"/api/v1/comparators/{w.comparator.pk}/", {}),
    ("POST", "/api/v1/priorities/"): lambda w: (
        "/api/v1/priorities/",
        {
            "strategy": w.cast.strategy.pk,
            "number": 9,
            "title": "Neglect in adolescence",
            "sponsor_agency": w.cast.police.pk,
        },
    ),
    ("PUT", "/api/v1/priorities/{id}/"): lambda w: (
        f"/api/v1/priorities/{w.cast.p1.pk}/",
        {"strategy": w.cast.strategy.pk, "number": 1, "title": "Early help", "sponsor_agency": w.cast.health.pk},
    ),
    ("PATCH", "/api/v1/priorities/{id}/"): lambda w: (f"/api/v1/priorities/{w.cast.p1.pk}/", {}),
    ("POST", "/api/v1/progress-updates/"): lambda w: (
        "/api/v1/progress-updates/",
        {"action": w.cast.a11.pk, "status": "on_track", "narrative": "Going well"},
    ),
    ("POST", "/api/v1/recommendations/"): lambda w: (
        "/api/v1/recommendations/",
        {"audit": w.audit.pk, "reference": "R2", "text": "Train staff"},
    ),
    ("PUT", "/api/v1/recommendations/{id}/"): lambda w: (
        f"/api/v1/recommendations/{w.recommendation.pk}/",
        {"audit": w.audit.pk, "reference": "R1", "text": "Train staff", "status": "open"},
    ),
    ("PATCH", "/api/v1/recommendations/{id}/"): lambda w: (f"/api/v1/recommendations/{w.recommendation.pk}/", {}),
    ("POST", "/api/v1/strategies/"): lambda w: (
        "/api/v1/strategies/",
        {**STRATEGY, "partnership": w.cast.partnership.pk, "status": "draft"},
    ),
    ("PUT", "/api/v1/strategies/{id}/"): lambda w: (
        f"/api/v1/strategies/{w.cast.strategy.pk}/",
        {**STRATEGY, "title": w.cast.strategy.title, "partnership": w.cast.partnership.pk, "status": "active"},
    ),
    ("PATCH", "/api/v1/strategies/{id}/"): lambda w: (f"/api/v1/strategies/{w.cast.strategy.pk}/", {}),
    ("POST", "/api/v1/actions/{id}/withdraw/"): lambda w: (f"/api/v1/actions/{w.cast.a11.pk}/withdraw/", WITHDRAW),
    ("POST", "/api/v1/comparators/{id}/withdraw/"): lambda w: (
        f"/api/v1/comparators/{w.comparator.pk}/withdraw/",
        WITHDRAW,
    ),
    ("POST", "/api/v1/findings/{id}/withdraw/"): lambda w: (f"/api/v1/findings/{w.finding.pk}/withdraw/", WITHDRAW),
    ("POST", "/api/v1/indicators/{id}/withdraw/"): lambda w: (
        f"/api/v1/indicators/{w.indicator.pk}/withdraw/",
        WITHDRAW,
    ),
    ("POST", "/api/v1/measurements/{id}/withdraw/"): lambda w: (
        f"/api/v1/measurements/{w.measurement.pk}/withdraw/",
        WITHDRAW,
    ),
    ("POST", "/api/v1/recommendations/{id}/withdraw/"): lambda w: (
        f"/api/v1/recommendations/{w.recommendation.pk}/withdraw/",
        WITHDRAW,
    ),
}


def everything():
    """Every row of every table of the portal's own apps (history included): what a refused write must not touch."""
    portal = {"accounts", "priorities", "actions", "outcomes", "audits", "reports", "spreadsheets"}
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in portal
    }


def send(client, method, address, payload):
    return client.generic(method, address, data=json.dumps(payload), content_type="application/json")
