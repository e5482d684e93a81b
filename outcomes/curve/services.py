"""The one home of every write to a turn-the-curve plan.

The plan page's form calls :func:`curve_plan_save`; the demo loads its plans through it too.
Each call checks access through ``accounts.access`` and changes nothing when it refuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts import access
from neglect_portal.scoping import check_in_partnership
from neglect_portal.versioning import refuse_stale
from neglect_portal.withdrawal import refuse_if_withdrawn
from outcomes.models import CurvePlan

# The plan's own fields, set through :func:`curve_plan_save`; the agencies and actions are linked beside them.
PLAN_FIELDS = ("story", "other_partners", "what_works", "evidence_links", "in_board_report")
ADDRESS = re.compile(r"(https?://[^\s<>\"]+)\s*$")


@dataclass(frozen=True)
class EvidenceLink:
    title: str
    url: str


def evidence_links(text: str) -> list[EvidenceLink]:
    """The evidence links written one a line ("Title https://…"); lines without an address are skipped."""
    links = []
    for line in (text or "").splitlines():
        found = ADDRESS.search(line.strip())
        if found:
            title = line.strip()[: found.start()].strip(" -–|:,")
            links.append(EvidenceLink(title or found.group(1), found.group(1)))
    return links


def evidence_link_errors(text: str) -> list[str]:
    """Each line of the evidence links that does not end with a web address, named by its number."""
    errors = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if line.strip() and not ADDRESS.search(line.strip()):
            errors.append(f"Line {number} of the evidence links has no web address: end it with one starting https://")
    return errors


@transaction.atomic
def curve_plan_save(
    membership, indicator, *, version=None, partner_agencies=None, actions=None, is_illustrative=None, **fields
) -> CurvePlan:
    """Start or change ``indicator``'s turn-the-curve plan.

    ``partner_agencies`` and ``actions``, when given, replace the linked agencies and actions (of the same
    partnership). ``version``: the plan's version the change was made from (``StaleVersion`` if someone
    saved one since; 0 or None for a plan not yet started). Only the steering group and the business
    manager change ``in_board_report``.
    """
    if not access.can_edit_curve_plan(membership, indicator):
        refuse_if_withdrawn(indicator)
        raise PermissionDenied(access.CURVE_PLAN_REFUSAL)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Not a plan field: {', '.join(sorted(unknown))}")
    plan = CurvePlan.objects.select_for_update().filter(indicator=indicator).first()
    if plan is None:
        plan = CurvePlan(indicator=indicator)
    elif version is not None:
        refuse_stale(plan, version)
    choosing = "in_board_report" in fields and bool(fields["in_board_report"]) != plan.in_board_report
    if choosing and not access.can_choose_plans_for_report(membership):
        raise PermissionDenied(access.REPORT_CHOICE_REFUSAL)
    _check(indicator, fields, partner_agencies, actions)
    changed = plan.pk is None or any(getattr(plan, name) != value for name, value in fields.items())
    for name, value in fields.items():
        setattr(plan, name, value)
    if is_illustrative is not None and plan.is_illustrative != is_illustrative:
        plan.is_illustrative, changed = is_illustrative, True
    if changed:
        _save(membership, plan)
    plan._history_user = membership.user
    if partner_agencies is not None:
        _replace(plan.partner_agencies, partner_agencies)
    if actions is not None:
        _replace(plan.actions, actions)
    return plan


def _check(indicator, fields, partner_agencies, actions):
    errors = {}
    if links := evidence_link_errors(fields.get("evidence_links", "")):
        errors["evidence_links"] = links
    try:
        check_in_partnership(indicator.partnership_id, partner_agencies=partner_agencies, actions=actions)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _save(membership, plan):
    plan.full_clean(exclude=["indicator"])
    plan.updated_by = membership.user
    plan._history_user = membership.user
    try:
        with transaction.atomic():  # a savepoint: two people starting the same plan at once is a field error
            plan.save()
    except IntegrityError as error:
        raise ValidationError("Someone else has just started this plan: open it again to see theirs") from error


def _replace(related, wanted):
    """Link exactly ``wanted`` (changing only what differs, so the history records only real changes)."""
    wanted = {obj.pk: obj for obj in wanted}
    current = set(related.values_list("pk", flat=True))
    if removed := [pk for pk in current if pk not in wanted]:
        related.remove(*removed)
    if added := [obj for pk, obj in wanted.items() if pk not in current]:
        related.add(*added)
