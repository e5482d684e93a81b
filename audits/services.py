"""The one home of every write to audits, their findings and recommendations.

Pages and the API call these functions; each checks access through
``accounts.access`` and raises ``PermissionDenied`` before changing anything,
and ``ValidationError`` (naming the field) for input it refuses.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts import access
from actions import services as action_services
from actions.models import Action
from audits.models import Audit, Finding, Recommendation
from neglect_portal.scoping import check_in_partnership
from neglect_portal.versioning import refuse_stale
from neglect_portal.withdrawal import refuse_if_withdrawn, withdraw

AUDIT_FIELDS = (
    "kind",
    "title",
    "completed_on",
    "scope",
    "lead_agency",
    "case_count",
    *Audit.GRADE_FIELDS,
    "summary",
)
FINDING_FIELDS = ("kind", "text")
RECOMMENDATION_FIELDS = ("reference", "text", "owner_agency", "owner", "due_date", "status")


def _require_manager(membership, partnership_id):
    if not access.can_manage_audits(membership) or membership.partnership_id != partnership_id:
        raise PermissionDenied("Only the business manager and steering group can record audits.")


def _only(fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")


# What a unique constraint means when two people save at the same moment, past the checks of full_clean.
RACE_MESSAGES = {
    Recommendation: {"reference": ["Another recommendation of this audit has just been saved with this reference"]},
}


def _save(membership, instance):
    instance.full_clean()
    instance._history_user = membership.user
    try:
        with transaction.atomic():  # a savepoint, so the request's transaction survives a refusal
            instance.save()
    except IntegrityError as error:
        message = RACE_MESSAGES.get(type(instance), ["Someone else has just saved a change to this: try again"])
        raise ValidationError(message) from error
    return instance


# --- audits ------------------------------------------------------------------


def audit_create(membership, **fields) -> Audit:
    """Record an audit, learning review or inspection in the membership's partnership."""
    _require_manager(membership, membership.partnership_id)
    _only(fields, AUDIT_FIELDS)
    audit = Audit(partnership=membership.partnership, **fields)
    check_in_partnership(audit.partnership_id, lead_agency=audit.lead_agency)
    return _save(membership, audit)


@transaction.atomic
def audit_update(membership, audit, *, version=None, **changes) -> Audit:
    """Change an audit's details or grades; the grades may not add up to more than the cases.

    ``version`` (here and below): the version the change was made from; ``StaleVersion`` if it has moved on.
    """
    _require_manager(membership, audit.partnership_id)
    _only(changes, AUDIT_FIELDS)
    refuse_stale(audit, version)
    for name, value in changes.items():
        setattr(audit, name, value)
    check_in_partnership(audit.partnership_id, lead_agency=audit.lead_agency)
    return _save(membership, audit)


# --- findings ----------------------------------------------------------------


def finding_add(membership, audit, *, kind, text) -> Finding:
    """Add a strength or an area for improvement to an audit."""
    _require_manager(membership, audit.partnership_id)
    return _save(membership, Finding(audit=audit, kind=kind, text=text))


@transaction.atomic
def finding_update(membership, finding, *, version=None, **changes) -> Finding:
    _require_manager(membership, finding.audit.partnership_id)
    refuse_if_withdrawn(finding)
    _only(changes, FINDING_FIELDS)
    refuse_stale(finding, version)
    for name, value in changes.items():
        setattr(finding, name, value)
    return _save(membership, finding)


def finding_withdraw(membership, finding, reason) -> Finding:
    """Withdraw a finding: it leaves the audit's page and reports, and stays in its history with the reason."""
    _require_manager(membership, finding.audit.partnership_id)
    return withdraw(finding, membership.user, reason)


def recommendation_withdraw(membership, recommendation, reason) -> Recommendation:
    """Withdraw a recommendation: it leaves the audit's page, the tracker and reports, and stays in history."""
    _require_manager(membership, recommendation.audit.partnership_id)
    return withdraw(recommendation, membership.user, reason)


# --- recommendations -----------------------------------------------------------


@transaction.atomic
def recommendation_create(membership, audit, *, actions=(), **fields) -> Recommendation:
    """Add a recommendation to an audit, optionally with the actions already answering it."""
    _require_manager(membership, audit.partnership_id)
    _only(fields, RECOMMENDATION_FIELDS)
    recommendation = Recommendation(audit=audit, **fields)
    _check_recommendation(recommendation)
    _save(membership, recommendation)
    if actions:
        _change_actions(membership, recommendation, add=actions)
    return recommendation


@transaction.atomic
def recommendation_update(membership, recommendation, *, actions=None, version=None, **changes) -> Recommendation:
    """Change a recommendation (plan editors). ``actions``, when given, replaces the linked actions."""
    _require_manager(membership, recommendation.audit.partnership_id)
    refuse_if_withdrawn(recommendation)
    _only(changes, RECOMMENDATION_FIELDS)
    refuse_stale(recommendation, version)
    for name, value in changes.items():
        setattr(recommendation, name, value)
    _check_recommendation(recommendation)
    _save(membership, recommendation)
    if actions is not None:
        recommendation_set_actions(membership, recommendation, actions)
    return recommendation


@transaction.atomic
def recommendation_update_status(membership, recommendation, status, version=None) -> Recommendation:
    """Change a recommendation's status: plan editors, its owner, and the sponsor of its owning agency."""
    if not access.can_update_recommendation(membership, recommendation):
        raise PermissionDenied(access.RECOMMENDATION_REFUSAL)
    refuse_stale(recommendation, version)
    if status not in Recommendation.Status.values:
        raise ValidationError({"status": "Choose open, in progress or completed"})
    if recommendation.status != status:
        recommendation.status = status
        _save(membership, recommendation)
    return recommendation


@transaction.atomic
def recommendation_set_actions(membership, recommendation, actions) -> Recommendation:
    """Make ``actions`` (actions of the same partnership) the ones that answer the recommendation."""
    _require_manager(membership, recommendation.audit.partnership_id)
    wanted = {action.pk: action for action in actions}
    current = set(recommendation.actions.values_list("pk", flat=True))
    _change_actions(
        membership,
        recommendation,
        add=[action for pk, action in wanted.items() if pk not in current],
        remove=[pk for pk in current if pk not in wanted],
    )
    return recommendation


def recommendation_unlink_action(membership, recommendation, action) -> Recommendation:
    """Stop counting ``action`` as an answer to the recommendation (the action itself stays)."""
    _require_manager(membership, recommendation.audit.partnership_id)
    _change_actions(membership, recommendation, remove=[action.pk])
    return recommendation


@transaction.atomic
def recommendation_create_action(membership, recommendation, *, priority, **fields) -> Action:
    """Add an action to the plan in answer to a recommendation, linked to it, in one step."""
    _require_manager(membership, recommendation.audit.partnership_id)
    action = action_services.action_create(membership, priority=priority, **fields)
    _change_actions(membership, recommendation, add=[action])
    return action


# --- checks --------------------------------------------------------------------


def _change_actions(membership, recommendation, *, add=(), remove=()):
    refuse_if_withdrawn(recommendation)
    check_in_partnership(recommendation.audit.partnership_id, actions=add)
    # Changed from the recommendation's side, so its history records the links and who made them.
    recommendation._history_user = membership.user
    if remove:
        recommendation.actions.remove(*remove)
    if add:
        recommendation.actions.add(*add)


def _check_recommendation(recommendation):
    check_in_partnership(
        recommendation.audit.partnership_id, owner_agency=recommendation.owner_agency, owner=recommendation.owner
    )
    reference = (recommendation.reference or "").strip()
    taken = Recommendation.objects.current().filter(audit_id=recommendation.audit_id, reference__iexact=reference)
    if reference and taken.exclude(pk=recommendation.pk).exists():
        raise ValidationError({"reference": f"This audit already has a recommendation {reference}"})
    recommendation.reference = reference
