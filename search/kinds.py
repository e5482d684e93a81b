"""The six kinds of thing the search finds, what of each it reads, and where each is shown.

Each kind names the fields that are its heading (weighted A: a match there ranks first) and its
body (weighted B), the one rule of what a member sees (``visible``: the objects of the member's
partnership that every role reads on their own pages, current ones only, as every list shows), and
its page. The full-text document of a kind is :func:`document`; on PostgreSQL each kind's table keeps
it in a stored generated column with a GIN index (``search/migrations/``), read by :class:`StoredDocument`
(``tests/search/test_index.py`` proves the two agree and that the index is used).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Expression
from django.urls import reverse
from django.utils.html import format_html

from actions.models import Action, ProgressUpdate
from audits.models import Audit, Finding, Recommendation
from outcomes.models import Indicator

CONFIG = "english"


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    plural: str
    model: type[models.Model]
    heading: tuple[str, ...]
    body: tuple[str, ...]
    related: tuple[str, ...]
    visible: Callable[[object], models.QuerySet]
    url: Callable[[models.Model], str]
    title: Callable[[models.Model, str], str]
    caption: Callable[[models.Model], str]


def document(heading, body):
    """The weighted full-text document of a kind: its heading fields as A, its body fields as B."""
    parts = []
    if heading:
        parts.append(SearchVector(*heading, config=CONFIG, weight="A"))
    if body:
        parts.append(SearchVector(*body, config=CONFIG, weight="B"))
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


class StoredDocument(Expression):
    """The ``search_document`` column PostgreSQL keeps of :func:`document` (the models do not name it: it
    exists on PostgreSQL only)."""

    output_field = SearchVectorField()
    column = "search_document"

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(self.column)}", []


def _actions(partnership):
    return Action.objects.for_partnership(partnership).current()


def _updates(partnership):
    # An update is read on its action's page: of the partnership's current actions only.
    return ProgressUpdate.objects.filter(action__in=_actions(partnership))


def _audits(partnership):
    return Audit.objects.for_partnership(partnership)


KINDS = (
    Kind(
        name="action",
        label="Action",
        plural="Actions",
        model=Action,
        heading=("reference", "title"),
        body=("description", "success_measure", "impact_statement"),
        related=("priority",),
        visible=_actions,
        url=lambda action: reverse("actions:detail", args=[action.pk]),
        title=lambda action, heading: heading,
        caption=lambda action: f"Priority {action.priority.number}: {action.priority.title}",
    ),
    Kind(
        name="update",
        label="Progress update",
        plural="Progress updates",
        model=ProgressUpdate,
        heading=(),
        body=("narrative",),
        related=("action",),
        visible=_updates,
        url=lambda update: reverse("actions:detail", args=[update.action_id]) + f"#update-{update.pk}",
        title=lambda update, heading: f"Progress update of {update.update_date:%-d %B %Y}",
        caption=lambda update: f"{update.action.reference} {update.action.title}",
    ),
    Kind(
        name="indicator",
        label="Indicator",
        plural="Indicators",
        model=Indicator,
        heading=("code", "name"),
        body=("definition",),
        related=(),
        visible=lambda partnership: Indicator.objects.for_partnership(partnership).current(),
        url=lambda indicator: reverse("outcomes:indicator", args=[indicator.pk]),
        title=lambda indicator, heading: heading,
        caption=lambda indicator: indicator.get_rba_category_display(),
    ),
    Kind(
        name="audit",
        label="Audit",
        plural="Audits",
        model=Audit,
        heading=("title",),
        body=("scope", "summary"),
        related=(),
        visible=_audits,
        url=lambda audit: reverse("audits:detail", args=[audit.pk]),
        title=lambda audit, heading: heading,
        caption=lambda audit: f"{audit.get_kind_display()}, {audit.completed_on:%-d %B %Y}",
    ),
    Kind(
        name="finding",
        label="Finding",
        plural="Findings",
        model=Finding,
        heading=(),
        body=("text",),
        related=("audit",),
        visible=lambda partnership: Finding.objects.for_partnership(partnership).current(),
        url=lambda finding: reverse("audits:detail", args=[finding.audit_id]) + f"#finding-{finding.pk}",
        title=lambda finding, heading: finding.get_kind_display(),
        caption=lambda finding: finding.audit.title,
    ),
    Kind(
        name="recommendation",
        label="Recommendation",
        plural="Recommendations",
        model=Recommendation,
        heading=("reference",),
        body=("text",),
        related=("audit",),
        visible=lambda partnership: Recommendation.objects.for_partnership(partnership).current(),
        url=lambda recommendation: (
            reverse("audits:detail", args=[recommendation.audit_id]) + f"#recommendation-{recommendation.pk}"
        ),
        title=lambda recommendation, heading: format_html("Recommendation {}", heading),
        caption=lambda recommendation: recommendation.audit.title,
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}
