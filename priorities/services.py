"""Writes to strategies and priorities.

Each function checks access through ``accounts.access`` and raises ``PermissionDenied``
before changing anything; bad input is a ``ValidationError`` naming the field.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import access
from priorities.models import Principle, Priority, Strategy

# --- starting a new strategy: from scratch, or rolling the current one over -----------------
#
# Priorities sit below actions and outcomes (docs/decisions/0007-layers.md), so the rollover reaches
# the actions and indicators it carries through the reverse relations (``priority.actions``,
# ``partnership.indicators``) and their own managers' rules (``open()``, ``current()``), never by
# importing those apps. See docs/decisions/0022-new-strategy-rollover.md.


def carriable_actions(strategy) -> list:
    """The open, current actions of ``strategy`` that a rollover may carry, by priority and reference."""
    if strategy is None:
        return []
    priorities = strategy.priorities.order_by("number").prefetch_related("actions")
    return [
        action
        for priority in priorities
        for action in sorted(priority.actions.all(), key=lambda a: a.reference)
        if not action.is_closed and not action.is_withdrawn
    ]


def carriable_indicators(partnership) -> list:
    """The partnership's current indicators on the scorecard, which a new strategy may keep."""
    return list(partnership.indicators.current().filter(is_active=True).select_related("priority").order_by("code"))


@transaction.atomic
def strategy_start(
    membership,
    *,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date,
    vision: str = "",
    carry_priorities=(),
    carry_actions=(),
    carry_indicators=(),
) -> Strategy:
    """Start a new active strategy for the membership's partnership (its business manager only).

    The current active strategy, if any, is archived (read-only, kept in the archive). The chosen
    priorities are copied into the new strategy (``carried_from`` links each copy to its original),
    the chosen open actions move to the copy of their priority with their updates and history, and
    the chosen indicators stay on the scorecard — the same indicators, so their series continue —
    linked to the copy of their priority; the others leave the scorecard with their values kept.
    Nothing changes unless everything does.
    """
    if not access.can_administer(membership):
        raise PermissionDenied(access.refusal(access.can_administer))
    partnership = membership.partnership
    current = (
        Strategy.objects.select_for_update().filter(partnership=partnership, status=Strategy.Status.ACTIVE).first()
    )
    priorities, actions, indicators = _check_carried(
        partnership, current, list(carry_priorities), list(carry_actions), list(carry_indicators)
    )
    new = Strategy(
        partnership=partnership,
        title=title,
        start_date=start_date,
        end_date=end_date,
        vision=vision,
        status=Strategy.Status.ACTIVE,
        follows=current,
    )
    if Strategy.objects.filter(partnership=partnership, title=title).exists():
        raise ValidationError({"title": "The partnership already has a strategy with this title"})
    user = membership.user
    if current is not None:
        current.status, current.archived_at = Strategy.Status.ARCHIVED, timezone.now()
        _save(current, user, f"Archived: followed by {title}", ["status", "archived_at", "updated_at"])
    new.full_clean()  # after the archiving, so one strategy is active; a refusal here undoes it
    _save(new, user, f"Rolled over from {current.title}" if current else "Started from scratch")
    copies = _copy_priorities(new, priorities, user)
    if current is not None and priorities:
        for principle in current.principles.all():
            Principle.objects.create(
                strategy=new, position=principle.position, title=principle.title, description=principle.description
            )
    for action in actions:
        action.priority = copies[action.priority_id]
        _save(action, user, f"Carried over to {title}", ["priority", "updated_at"])
    _carry_indicators(partnership, indicators, copies, user, title)
    return new


def _check_carried(partnership, current, priorities, actions, indicators):
    """The chosen objects, if each may be carried; otherwise a ``ValidationError`` on its field."""
    errors = {}
    own_priorities = {p.pk for p in current.priorities.all()} if current else set()
    if any(p.pk not in own_priorities for p in priorities):
        errors["priorities"] = "Choose only priorities of the current strategy"
    carried = {p.pk for p in priorities}
    open_actions = {a.pk for a in carriable_actions(current)}
    if any(a.pk not in open_actions for a in actions):
        errors["actions"] = "Choose only open actions of the current strategy"
    else:
        orphans = [a.reference for a in actions if a.priority_id not in carried]
        if orphans:
            errors["actions"] = (
                f"{', '.join(orphans)} cannot be carried without {'its' if len(orphans) == 1 else 'their'} "
                "priority: choose the priority too, or leave the action"
            )
    kept = {i.pk for i in carriable_indicators(partnership)}
    if any(i.pk not in kept for i in indicators):
        errors["indicators"] = "Choose only indicators on the partnership's scorecard"
    if errors:
        raise ValidationError(errors)
    return priorities, actions, indicators


def _copy_priorities(strategy, priorities, user) -> dict[int, Priority]:
    copies = {}
    for old in sorted(priorities, key=lambda p: p.number):
        copy = Priority(
            strategy=strategy,
            number=old.number,
            title=old.title,
            description=old.description,
            sponsor_agency_id=old.sponsor_agency_id,
            sponsor_lead_id=old.sponsor_lead_id,
            carried_from=old,
        )
        _save(copy, user, f"Carried over from {old.strategy.title}")
        copies[old.pk] = copy
    return copies


def _carry_indicators(partnership, indicators, copies, user, title):
    kept = {i.pk for i in indicators}
    for indicator in carriable_indicators(partnership):
        if indicator.pk in kept:
            indicator.priority = copies.get(indicator.priority_id)
            _save(indicator, user, f"Kept on the scorecard of {title}", ["priority"])
        else:
            indicator.is_active = False
            _save(indicator, user, f"Left the scorecard when {title} started", ["is_active"])


def _save(instance, user, reason, update_fields=None):
    instance._history_user = user
    instance._change_reason = reason
    instance.save(update_fields=update_fields)
