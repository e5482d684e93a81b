"""The history of changes of an audit: its details, findings, recommendations and their links to actions.

Built from django-simple-history's records in a fixed number of queries,
whatever the number of records; newest first.
"""

from __future__ import annotations

import datetime
import itertools

from django.apps import apps

from accounts.models import Agency, User
from actions.models import Action
from audits.models import Audit, Finding, Recommendation
from audits.services import AUDIT_FIELDS, FINDING_FIELDS, RECOMMENDATION_FIELDS
from neglect_portal.history import FieldChange, HistoryEntry

LINKED_ACTIONS = "Linked actions"
# Field names as the forms call them, where the model's own would read oddly ("Grade good").
LABELS = {
    "completed_on": "Date",
    "case_count": "Number of cases",
    "grade_outstanding": "Cases graded outstanding",
    "grade_good": "Cases graded good",
    "grade_requires_improvement": "Cases graded requires improvement",
    "grade_inadequate": "Cases graded inadequate",
    "owner": "Owner (person)",
}


def audit_history(audit) -> list[HistoryEntry]:
    """Every recorded change to the audit and what belongs to it, newest first (six queries)."""
    audits = list(audit.history.select_related("history_user").order_by("history_date", "history_id"))
    findings = list(
        Finding.history.filter(audit_id=audit.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    recommendations = list(
        Recommendation.history.filter(audit_id=audit.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    links = _links_by_record(recommendations)
    names = _Names(audit.partnership_id, [*audits, *recommendations], links)
    entries = _audit_entries(audits, names)
    entries += _finding_entries(findings, names)
    entries += _recommendation_entries(recommendations, links, names)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


class _Names:
    """Agency, person and action names for the values recorded in history (three queries)."""

    def __init__(self, partnership_id, records, links):
        self.agencies = dict(Agency.objects.of_partnership(partnership_id).values_list("pk", "name"))
        user_ids = {r.owner_id for r in records if getattr(r, "owner_id", None)}
        self.users = {u.pk: u.get_full_name() or u.email for u in User.objects.filter(pk__in=user_ids)}
        action_ids = set(itertools.chain.from_iterable(links.values()))
        self.actions = dict(Action.objects.filter(pk__in=action_ids).values_list("pk", "reference"))

    def show(self, model, name, value) -> str:
        if value in (None, ""):
            return "(none)"
        model_field = model._meta.get_field(name)
        if name in ("lead_agency", "owner_agency"):
            return self.agencies.get(value, "an agency since removed")
        if name == "owner":
            return self.users.get(value, "someone since removed")
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, datetime.date):
            return f"{value:%-d %B %Y}"
        return str(value)

    def action_list(self, ids) -> str:
        return ", ".join(sorted(self.actions.get(pk, "an action since removed") for pk in ids)) or "(none)"


def _links_by_record(records) -> dict[int, set[int]]:
    """The linked action ids of each historical recommendation record (one query)."""
    through = apps.get_model("audits", "HistoricalRecommendation_actions")
    links: dict[int, set[int]] = {record.history_id: set() for record in records}
    rows = through.objects.filter(history_id__in=list(links)).values_list("history_id", "action_id")
    for history_id, action_id in rows:
        links[history_id].add(action_id)
    return links


def _diff(model, fields, old, new, names) -> list[FieldChange]:
    return [
        FieldChange(
            LABELS.get(name) or model._meta.get_field(name).verbose_name.capitalize(),
            names.show(model, name, _value(old, name, model)),
            names.show(model, name, _value(new, name, model)),
        )
        for name in fields
        if _value(old, name, model) != _value(new, name, model)
    ]


def _value(record, name, model):
    return getattr(record, model._meta.get_field(name).attname)


def _audit_entries(records, names) -> list[HistoryEntry]:
    entries = []
    for index, record in enumerate(records):
        if index == 0:
            entries.append(HistoryEntry(record.history_date, record.history_user, subject="Audit recorded"))
            continue
        changes = _diff(Audit, AUDIT_FIELDS, records[index - 1], record, names)
        if changes:
            entries.append(
                HistoryEntry(record.history_date, record.history_user, changes, subject="Audit details changed")
            )
    return entries


def _finding_entries(records, names) -> list[HistoryEntry]:
    entries = []
    for _, group in itertools.groupby(records, key=lambda record: record.id):
        previous = None
        for record in group:
            kind = Finding.Kind(record.kind).label if record.kind in Finding.Kind.values else record.kind
            if record.history_type == "+":
                entries.append(_entry(record, f"{kind} added", text=record.text))
            elif record.history_type == "-":
                entries.append(_entry(record, f"{kind} removed", text=record.text))
            elif previous is not None:
                changes = _diff(Finding, FINDING_FIELDS, previous, record, names)
                if changes:
                    entries.append(_entry(record, "Finding changed", changes=changes))
            previous = record
    return entries


def _recommendation_entries(records, links, names) -> list[HistoryEntry]:
    entries = []
    for _, group in itertools.groupby(records, key=lambda record: record.id):
        previous = None
        for record in group:
            subject = f"Recommendation {record.reference}"
            if record.history_type == "+":
                entries.append(_entry(record, f"{subject} added"))
            elif record.history_type == "-":
                entries.append(_entry(record, f"{subject} removed"))
            elif previous is not None:
                changes = _diff(Recommendation, RECOMMENDATION_FIELDS, previous, record, names)
                before, after = links[previous.history_id], links[record.history_id]
                if before != after:
                    changes.append(FieldChange(LINKED_ACTIONS, names.action_list(before), names.action_list(after)))
                if changes:
                    entries.append(_entry(record, f"{subject} changed", changes=changes))
            previous = record
    return entries


def _entry(record, subject, *, changes=None, text=""):
    return HistoryEntry(record.history_date, record.history_user, changes or [], subject=subject, text=text)
