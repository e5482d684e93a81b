"""The history of a turn-the-curve plan: who changed which part, when, old → new; newest first.

Built from django-simple-history's records of the plan and of its links to agencies and actions,
in five queries whatever the number of changes (as ``audits.history`` does for recommendations).
"""

from __future__ import annotations

import itertools

from django.apps import apps

from accounts.models import Agency
from actions.models import Action
from neglect_portal.history import FieldChange, HistoryEntry
from outcomes.models import CurvePlan

TEXT_FIELDS = ("story", "other_partners", "what_works", "evidence_links", "in_board_report", "is_illustrative")
LINKS = {"partner_agencies": ("agency_id", "Partner agencies"), "actions": ("action_id", "Linked actions")}


def curve_plan_history(plan) -> list[HistoryEntry]:
    """Every recorded change to ``plan``, newest first."""
    if plan is None:
        return []
    records = list(plan.history.select_related("history_user").order_by("history_date", "history_id"))
    links = {name: _links(name, column, records) for name, (column, _) in LINKS.items()}
    agencies = dict(Agency.objects.filter(pk__in=_ids(links["partner_agencies"])).values_list("pk", "name"))
    actions = dict(Action.objects.filter(pk__in=_ids(links["actions"])).values_list("pk", "reference"))
    names = {"partner_agencies": agencies, "actions": actions}
    entries, previous = [], None
    for group in _saves(records):
        record = group[-1]
        changes = [
            FieldChange(_label(name), None if previous is None else _show(getattr(previous, name)), _show(value))
            for name in TEXT_FIELDS
            if (value := getattr(record, name)) != (getattr(previous, name) if previous else _empty(name))
        ]
        for name, (_, label) in LINKS.items():
            before = links[name][previous.history_id] if previous else set()
            after = links[name][record.history_id]
            if before != after:
                old = None if previous is None else _names(before, names[name])
                changes.append(FieldChange(label, old, _names(after, names[name])))
        if previous is None or changes:
            subject = "Plan started" if previous is None else "Plan changed"
            entries.append(HistoryEntry(group[0].history_date, group[0].history_user, changes, subject=subject))
        previous = record
    return entries[::-1]


# A save records the plan, then one record for each change to its links: told as one change.
SAME_SAVE_SECONDS = 5


def _saves(records) -> list[list]:
    """The records grouped by the save that made them: consecutive, by the same person, seconds apart."""
    groups: list[list] = []
    for record in records:
        last = groups[-1] if groups else None
        if (
            last is not None
            and record.history_user_id == last[0].history_user_id
            and (record.history_date - last[0].history_date).total_seconds() < SAME_SAVE_SECONDS
        ):
            last.append(record)
        else:
            groups.append([record])
    return groups


def _links(name, column, records) -> dict[int, set[int]]:
    """The linked ids of each history record of the plan (one query)."""
    through = apps.get_model("outcomes", f"HistoricalCurvePlan_{name}")
    links: dict[int, set[int]] = {record.history_id: set() for record in records}
    for history_id, pk in through.objects.filter(history_id__in=list(links)).values_list("history_id", column):
        links[history_id].add(pk)
    return links


def _ids(links) -> set[int]:
    return set(itertools.chain.from_iterable(links.values()))


def _empty(name):
    return False if name in ("in_board_report", "is_illustrative") else ""


def _label(name) -> str:
    label = str(CurvePlan._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _show(value) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value or "(none)"


def _names(ids, names) -> str:
    return ", ".join(sorted(names.get(pk, "one since removed") for pk in ids)) or "(none)"
