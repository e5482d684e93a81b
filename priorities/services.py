"""The one home of every write to strategies and priorities.

The set-up pages and the API call these functions; each checks access through
``accounts.access`` and raises ``PermissionDenied`` before changing anything, and
runs the models' own rules (``full_clean``: a strategy ends on or after its start,
the partnership's agencies and people only) so a form and the API refuse the same things.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import access
from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.periods import Period
from neglect_portal.versioning import refuse_stale
from priorities import selectors
from priorities.models import Principle, Priority, Quarter, QuarterCorrection, Strategy, refuse_if_archived

STRATEGY_FIELDS = ("title", "start_date", "end_date", "vision", "status")
PRIORITY_FIELDS = ("number", "title", "description", "sponsor_agency", "sponsor_lead")

# What a unique constraint that fails on saving means, when two people save at once.
RACE_MESSAGES = {
    "one_active_strategy_per_partnership": (
        "status",
        "Another strategy has just been made active: archive it before making this one active",
    ),
    "strategy_title_unique_in_partnership": ("title", "Another strategy has just been saved with this title"),
    "priority_number_unique_in_strategy": ("number", "Another priority has just been saved with this number"),
}


def strategy_create(membership, **fields) -> Strategy:
    """Add a strategy to the membership's partnership (plan editors only)."""
    _require_plan_editor(membership, membership.partnership_id if membership else None)
    _refuse_unknown(fields, STRATEGY_FIELDS)
    return _save(Strategy(partnership=membership.partnership, **fields), membership)


@transaction.atomic
def strategy_update(membership, strategy, *, version=None, **changes) -> Strategy:
    """Change a strategy's title, dates, vision or status (plan editors of its partnership only).

    ``version`` (here and in ``priority_update``): the version the change was made from; ``StaleVersion``
    if someone has saved a change since, and nothing changes.
    """
    _require_plan_editor(membership, strategy.partnership_id)
    refuse_if_archived(strategy)
    _refuse_unknown(changes, STRATEGY_FIELDS)
    refuse_stale(strategy, version)
    for name, value in changes.items():
        setattr(strategy, name, value)
    return _save(strategy, membership)


def priority_create(membership, *, strategy, **fields) -> Priority:
    """Add a priority to a strategy of the membership's partnership (plan editors only)."""
    _require_plan_editor(membership, strategy.partnership_id)
    refuse_if_archived(strategy)
    _refuse_unknown(fields, PRIORITY_FIELDS)
    return _save(Priority(strategy=strategy, **fields), membership)


@transaction.atomic
def priority_update(membership, priority, *, version=None, **changes) -> Priority:
    """Change a priority's number, title, description or sponsor (plan editors of its partnership only)."""
    _require_plan_editor(membership, priority.strategy.partnership_id)
    refuse_if_archived(priority.strategy)
    _refuse_unknown(changes, PRIORITY_FIELDS)
    refuse_stale(priority, version)
    for name, value in changes.items():
        setattr(priority, name, value)
    return _save(priority, membership)


def _require_plan_editor(membership, partnership_id):
    if not access.can_manage_plan(membership) or membership.partnership_id != partnership_id:
        raise PermissionDenied("Only the business manager and steering group can change the plan.")


def _refuse_unknown(fields, editable):
    unknown = set(fields) - set(editable)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")


def _save(instance, membership):
    instance.full_clean()
    instance._history_user = membership.user
    try:
        with transaction.atomic():  # a savepoint: a refused write leaves the caller's transaction usable
            instance.save()
    except IntegrityError as error:
        # Two people saving at once: the checks above passed for both, the database refused the second.
        for constraint, (field, message) in RACE_MESSAGES.items():
            if constraint in str(error):
                raise ValidationError({field: message}) from error
        raise
    return instance


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
        _record(current, user, f"Archived: followed by {title}", ["status", "archived_at", "updated_at"])
    new.full_clean()  # after the archiving, so one strategy is active; a refusal here undoes it
    _record(new, user, f"Rolled over from {current.title}" if current else "Started from scratch")
    copies = _copy_priorities(new, priorities, user)
    if current is not None and priorities:
        for principle in current.principles.all():
            Principle.objects.create(
                strategy=new, position=principle.position, title=principle.title, description=principle.description
            )
    for action in actions:
        action.priority = copies[action.priority_id]
        _record(action, user, f"Carried over to {title}", ["priority", "updated_at"])
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
        _record(copy, user, f"Carried over from {old.strategy.title}")
        copies[old.pk] = copy
    return copies


def _carry_indicators(partnership, indicators, copies, user, title):
    kept = {i.pk for i in indicators}
    for indicator in carriable_indicators(partnership):
        if indicator.pk in kept:
            indicator.priority = copies.get(indicator.priority_id)
            _record(indicator, user, f"Kept on the scorecard of {title}", ["priority"])
        else:
            indicator.is_active = False
            _record(indicator, user, f"Left the scorecard when {title} started", ["is_active"])


def _record(instance, user, reason, update_fields=None):
    """Save with the history's user and reason (the rollover's writes, already checked)."""
    instance._history_user = user
    instance._change_reason = reason
    instance.save(update_fields=update_fields)


# --- the quarter's life: sign-off, lock, corrections after the lock -----------------------


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _refuse_identifiers_in(field, text):
    try:
        refuse_child_identifiers(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


@transaction.atomic
def quarter_sign_off(
    membership, strategy, period: Period, *, missing: list[str], summary_written: bool, reason="", today=None
) -> Quarter:
    """The chair or business manager signs the quarter's data off for the board.

    ``missing`` is the checklist's list of what is missing (worked out by the report, above this app);
    with anything missing a reason is required, and kept to be printed in the report. Refused, changing
    nothing, before the quarter has ended, without a written summary, or when already signed off.
    """
    if not access.can_sign_off_quarter(membership) or membership.partnership_id != strategy.partnership_id:
        raise PermissionDenied(access.REFUSALS[access.can_sign_off_quarter])
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    if today <= period.end:
        raise ValidationError(
            f"{period.label} ends on {_long(period.end)}: it can be signed off from "
            f"{_long(period.end + datetime.timedelta(days=1))}."
        )
    if not summary_written:
        raise ValidationError("Write the report's summary (its commentary for the board) before signing off.")
    if missing and not reason:
        raise ValidationError({"reason": "Enter why the quarter is being signed off with data missing"})
    _refuse_identifiers_in("reason", reason)
    quarter, _ = Quarter.objects.select_for_update().get_or_create(strategy=strategy, period=period.label)
    if quarter.signed_off_at is not None:
        when = _long(timezone.localtime(quarter.signed_off_at))
        raise ValidationError(f"{period.label} was already signed off on {when}.")
    quarter.signed_off_at = timezone.now()
    quarter.signed_off_by = membership.user
    quarter.sign_off_reason = reason if missing else ""
    quarter.missing_at_sign_off = list(missing)
    quarter._history_user = membership.user
    quarter.save()
    return quarter


@transaction.atomic
def quarter_sign_off_withdraw(membership, strategy, period: Period, *, reason) -> Quarter:
    """The chair or business manager withdraws a sign-off before the report is issued, saying why.

    The quarter goes back to collecting (its state is worked out from the date again); who, when and why are
    kept on the quarter and in its history. Refused, changing nothing, without a reason, when the quarter is
    not signed off, or once it is locked: after the lock a change is a correction (decision 30).
    """
    if not access.can_sign_off_quarter(membership) or membership.partnership_id != strategy.partnership_id:
        raise PermissionDenied(access.REFUSALS[access.can_sign_off_quarter])
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the sign-off is being withdrawn"})
    _refuse_identifiers_in("reason", reason)
    # The row lock makes this wait for an issue in progress, which locks the quarter in the same transaction.
    quarter = Quarter.objects.select_for_update().filter(strategy=strategy, period=period.label).first()
    if quarter is None or quarter.signed_off_at is None:
        raise ValidationError(f"{period.label} has not been signed off: there is no sign-off to withdraw.")
    if quarter.locked_at is not None:
        raise ValidationError(
            f"{period.label} is locked: its report was issued on {_long(timezone.localtime(quarter.locked_at))}, "
            "so its sign-off stands. A change to its figures or updates is a correction, with a reason."
        )
    quarter.signed_off_at, quarter.signed_off_by = None, None
    quarter.sign_off_reason, quarter.missing_at_sign_off = "", []
    quarter.sign_off_withdrawn_at, quarter.sign_off_withdrawn_by = timezone.now(), membership.user
    quarter.sign_off_withdrawal_reason = reason
    quarter._history_user = membership.user
    quarter._change_reason = "Sign-off withdrawn"
    quarter.save()
    return quarter


def quarter_lock(strategy, period: Period, user=None) -> Quarter:
    """Lock a signed-off quarter as its report is issued; refused (``ValidationError``) before sign-off.

    Call it inside the transaction that issues the report, so the two happen together or not at all.
    """
    quarter = Quarter.objects.select_for_update().filter(strategy=strategy, period=period.label).first()
    if quarter is None or quarter.signed_off_at is None:
        raise ValidationError(
            f"{period.label} has not been signed off: the steering group's chair or the business manager "
            "signs it off before its report is issued."
        )
    if quarter.locked_at is None:
        quarter.locked_at = timezone.now()
        quarter._history_user = user
        quarter.save(update_fields=["locked_at"])
    return quarter


def correction_reason_required(partnership, period_label, reason) -> bool:
    """Whether a change to ``period_label``'s figures or updates is a correction of a locked quarter.

    Raises ``ValidationError`` on ``correction_reason`` when it is one and no reason was given, so the
    form or API asking for the change says why and nothing changes.
    """
    if period_label not in selectors.locked_periods(partnership, [period_label]):
        return False
    if not (reason or "").strip():
        raise ValidationError(
            {
                "correction_reason": (
                    f"{period_label} is locked: its report has been issued. Enter why this correction is needed"
                )
            }
        )
    _refuse_identifiers_in("correction_reason", reason)
    return True


def correction_record(user, partnership, period_label, *, subject, change, reason) -> QuarterCorrection:
    """Record who corrected what in a locked quarter, when and why (listed in the next report)."""
    return QuarterCorrection.objects.create(
        partnership=partnership,
        period=period_label,
        recorded_by=user,
        subject=subject[:300],
        change=change,
        reason=reason.strip(),
    )
