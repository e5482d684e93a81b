"""The one home of every write to strategies and priorities.

The set-up pages and the API call these functions; each checks access through
``accounts.access`` and raises ``PermissionDenied`` before changing anything, and
runs the models' own rules (``full_clean``: a strategy ends on or after its start,
the partnership's agencies and people only) so a form and the API refuse the same things.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts import access
from neglect_portal.versioning import refuse_stale
from priorities.models import Priority, Strategy

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
    _refuse_unknown(changes, STRATEGY_FIELDS)
    refuse_stale(strategy, version)
    for name, value in changes.items():
        setattr(strategy, name, value)
    return _save(strategy, membership)


def priority_create(membership, *, strategy, **fields) -> Priority:
    """Add a priority to a strategy of the membership's partnership (plan editors only)."""
    _require_plan_editor(membership, strategy.partnership_id)
    _refuse_unknown(fields, PRIORITY_FIELDS)
    return _save(Priority(strategy=strategy, **fields), membership)


@transaction.atomic
def priority_update(membership, priority, *, version=None, **changes) -> Priority:
    """Change a priority's number, title, description or sponsor (plan editors of its partnership only)."""
    _require_plan_editor(membership, priority.strategy.partnership_id)
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
