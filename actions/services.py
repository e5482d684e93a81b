"""The one home of every write to actions and their progress updates.

Pages, the API, imports and background jobs all call these functions; each
checks access through ``accounts.access`` and raises ``PermissionDenied``
before changing anything.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts import access
from accounts.models import Membership, Role
from actions.models import COMMENT_MAX_LENGTH, Action, Comment, CommentEmail, ProgressUpdate, Status
from actions.signals import action_turned_red
from evidence.services import evidence_attach
from neglect_portal import fragments
from neglect_portal.periods import Period
from neglect_portal.scoping import check_in_partnership
from neglect_portal.versioning import refuse_stale
from neglect_portal.withdrawal import refuse_if_withdrawn, withdraw
from outbound.services import message_queue
from priorities.models import refuse_if_archived
from priorities.services import correction_reason_required, correction_record

# Fields of an action a sponsor or lead may change through ``action_update``.
EDITABLE_FIELDS = (
    "title",
    "description",
    "success_measure",
    "lead_agency",
    "lead",
    "start_date",
    "due_date",
)
# The status is never one of them: it changes only through a progress update (``progress_update_add``),
# which records the old and the new status and, in its narrative, why.
STATUS_THROUGH_UPDATE = (
    "The status changes only with a progress update, which says why: add a progress update to the action"
)
# What difference a completed action made, asked when it is marked completed (``impact_errors``).
IMPACT_FIELDS = ("impact_statement", "impact_indicators", "impact_findings", "impact_evidence")
IMPACT_TEXT = ("impact_statement", "impact_evidence")
NO_STATEMENT = "Say what difference the action made: is anyone better off?"
NO_EVIDENCE = (
    "Give at least one piece of evidence: an indicator, an audit finding, or a note with a link or file reference"
)
NO_REFERENCE = "Put a link or a file reference in the note, such as https://… or Board-minutes-2026-09.pdf"
# A web address, or a file name with an extension, or a path: what "a link or a file reference" means.
REFERENCE = re.compile(r"https?://\S+|\b[\w.-]+\.[A-Za-z0-9]{2,5}\b|\S+[/\\]\S+")


def action_create(membership, *, priority, **fields) -> Action:
    """Add an action to a priority of the membership's partnership (plan editors only)."""
    if not access.can_manage_plan(membership) or priority.strategy.partnership_id != membership.partnership_id:
        raise PermissionDenied("Only the business manager and steering group can add actions.")
    refuse_if_archived(priority.strategy)
    if fields.get("due_date") is None:  # only an imported plan may leave it empty ("Ongoing"), to review
        raise ValidationError({"due_date": "Enter the due date"})
    action = Action(priority=priority, **fields)
    _check_partnership(action, fields)
    action.full_clean()
    action._history_user = membership.user
    try:
        with transaction.atomic():  # a savepoint: a refused insert leaves the caller's transaction usable
            action.save()
    except IntegrityError as error:
        # Two people adding the same reference at once: the check above passed for both.
        message = "Another action of this priority has just been saved with this reference"
        raise ValidationError({"reference": message}) from error
    return action


def actions_create_many(membership, actions: list[Action]) -> list[Action]:
    """Add many actions at once (a plan brought in from a spreadsheet), with their history, in batches.

    Each action must already have passed ``Action.full_clean`` without the database checks; the rules
    ``action_create`` applies per action are applied here once for the lot, and a reference taken
    meanwhile by someone else fails the whole batch (the caller's transaction is rolled back).
    """
    priorities = {action.priority_id: action.priority for action in actions}.values()
    if not access.can_manage_plan(membership) or any(
        priority.strategy.partnership_id != membership.partnership_id for priority in priorities
    ):
        raise PermissionDenied("Only the business manager and steering group can add actions.")
    for strategy in {priority.strategy_id: priority.strategy for priority in priorities}.values():
        refuse_if_archived(strategy)
    # One query for every agency and one for every lead named, not two per action.
    agencies = {action.lead_agency_id: action.lead_agency for action in actions}.values()
    leads = {action.lead_id: action.lead for action in actions if action.lead is not None}.values()
    check_in_partnership(membership.partnership_id, lead_agency=list(agencies), lead=list(leads))
    for action in actions:
        _set_completed_on(action)
    created = bulk_create_with_history(actions, Action, batch_size=1000, default_user=membership.user)
    fragments.partnership_changed(membership.partnership_id)  # bulk_create sends no post_save
    return created


@transaction.atomic
def action_update(membership, action, *, due_date_reason="", version=None, **changes) -> Action:
    """Change an action's fields. A new due date needs a reason and keeps the original.

    ``version``: the version the change was made from; if someone has saved a change since,
    :class:`~neglect_portal.versioning.StaleVersion` is raised and nothing changes.
    """
    refuse_if_withdrawn(action)
    refuse_if_archived(action.priority.strategy)
    if not access.can_update_action(membership, action):
        raise PermissionDenied(access.ACTION_REFUSAL)
    refuse_stale(action, version)
    impact = {name: changes.pop(name) for name in IMPACT_FIELDS if name in changes}
    if "status" in changes:
        raise ValidationError({"status": STATUS_THROUGH_UPDATE})
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    # A completed action's difference, once given, cannot be taken away again.
    checking = action.status == Status.COMPLETED and bool(impact) and bool(action.impact_statement.strip())
    new_due = changes.get("due_date")
    if "due_date" in changes and new_due is None and action.due_date is not None:
        raise ValidationError({"due_date": "Enter the due date"})
    # Setting the first due date of an action imported without one is not a change of an agreed date.
    if new_due is not None and action.due_date is not None and new_due != action.due_date:
        if not due_date_reason.strip():
            raise ValidationError({"due_date_reason": "Enter why the due date is changing"})
        if action.original_due_date is None:
            action.original_due_date = action.due_date
        action.due_date_change_reason = due_date_reason.strip()
    changed = {name: value for name, value in changes.items() if getattr(action, name) != value}
    for name, value in changes.items():
        setattr(action, name, value)
    _check_partnership(action, changed)
    _set_completed_on(action)
    _set_impact(action, impact, checking)
    action.full_clean()
    action._history_user = membership.user
    action.save()
    _save_impact_links(action, impact)
    return action


@transaction.atomic
def progress_update_add(
    membership,
    action,
    *,
    status,
    narrative,
    evidence_url="",
    update_date=None,
    correction_reason="",
    evidence_file=None,
    **impact,
) -> ProgressUpdate:
    """Record a progress update; the action takes the update's status. The only way a status changes: the
    update keeps the status before it (``previous_status``) and its narrative says what happened and why.

    An update that marks the action completed gives what difference it made (``IMPACT_FIELDS``). One dated
    in a locked quarter (its report issued) is a correction: it needs ``correction_reason`` and is recorded.
    ``evidence_file``, an uploaded file, is attached to the update (``evidence.services``); if it is refused,
    nothing is saved, the update neither.
    """
    refuse_if_withdrawn(action)
    refuse_if_archived(action.priority.strategy)
    if not access.can_update_action(membership, action):
        raise PermissionDenied("You cannot add progress to this action.")
    partnership = action.priority.strategy.partnership
    quarter = Period.quarter_of(update_date or timezone.localdate()).label
    correcting = correction_reason_required(partnership, quarter, correction_reason)
    unknown = set(impact) - set(IMPACT_FIELDS)
    if unknown:
        raise ValueError(f"Not an impact field: {', '.join(sorted(unknown))}")
    completing = status == Status.COMPLETED and action.status != Status.COMPLETED
    if completing:
        _set_impact(action, impact, completing)
    update = ProgressUpdate(
        action=action,
        author=membership.user,
        status=status,
        previous_status=action.status,
        narrative=narrative,
        evidence_url=evidence_url,
        update_date=update_date or timezone.localdate(),
    )
    update.full_clean()
    update.save()
    if correcting:
        correction_record(
            membership.user,
            partnership,
            quarter,
            subject=f"{action.reference} {action.title}, progress update of {update.update_date:%-d %B %Y}",
            change=f"Update added: {Status(status).label}. {narrative.strip()}",
            reason=correction_reason,
        )
    if action.status != status:
        action.status = status
        _set_completed_on(action, update.update_date)
        action._history_user = membership.user
        action.save(update_fields=["status", "completed_on", "updated_at", *IMPACT_TEXT])
        if completing:
            _save_impact_links(action, impact)
    if evidence_file:
        _attach_evidence(membership, update, evidence_file)
    if status == Status.OFF_TRACK and update.previous_status != Status.OFF_TRACK:
        # Its lead and sponsor are told (the reminders app listens: decision 47).
        action_turned_red.send(sender=Action, action=action, update=update, by=membership.user)
    return update


def _attach_evidence(membership, update, upload):
    try:
        evidence_attach(membership, update, upload)
    except ValidationError as error:
        raise ValidationError({"evidence_file": error.message_dict.get("file", error.messages)}) from error


@dataclass(frozen=True)
class ImportedUpdate:
    """A progress update brought in from a spreadsheet, with the date and author the file gives."""

    status: str
    narrative: str
    update_date: datetime.date
    author_name: str = ""


def progress_updates_import(membership, updates: list[tuple[Action, ImportedUpdate]]) -> list[ProgressUpdate]:
    """Record the update history of a plan brought in from a spreadsheet, marked as imported, in one go.

    The person importing is recorded as the author (the file's author name is kept beside it);
    the actions keep the status the plan gives them.
    """
    for action, _ in updates:
        refuse_if_withdrawn(action)
        if not access.can_update_action(membership, action):
            raise PermissionDenied("You cannot add progress to this action.")
    records = [
        ProgressUpdate(
            action=action,
            author=membership.user,
            status=update.status,
            narrative=update.narrative,
            update_date=update.update_date,
            author_name=update.author_name,
            imported=True,
        )
        for action, update in updates
    ]
    for record in records:
        record.full_clean(exclude=["action", "author"])
    created = ProgressUpdate.objects.bulk_create(records, batch_size=1000)
    fragments.partnership_changed(membership.partnership_id)  # bulk_create sends no post_save
    return created


def action_withdraw(membership, action, reason) -> Action:
    """Withdraw an action from the plan: it leaves lists, the dashboard, reports, reminders and exports,
    keeps its page, updates and history, and records who withdrew it, when and why (plan editors only)."""
    refuse_if_withdrawn(action)
    refuse_if_archived(action.priority.strategy)
    if not access.can_withdraw_action(membership, action):
        raise PermissionDenied("Only the business manager and steering group can withdraw actions.")
    return withdraw(action, membership.user, reason)


def _check_partnership(action, fields):
    """A new lead agency or lead is the partnership's: forms and the API offer no others, this is the second line.

    A lead who has since left the partnership stays the lead of their actions until someone else is named.
    """
    named = {name: fields[name] for name in ("lead_agency", "lead") if name in fields}
    check_in_partnership(action.partnership_id, **named)


def _set_completed_on(action, day=None):
    if action.status == Status.COMPLETED and action.completed_on is None:
        action.completed_on = day or timezone.localdate()
    elif action.status != Status.COMPLETED:
        action.completed_on = None


# --- what difference it made ---------------------------------------------------------------


def impact_errors(action, impact) -> dict[str, list[str]]:
    """Why ``action`` cannot be marked completed with ``impact``: an outcome statement and at least one piece of
    evidence (an indicator of its strategy, an audit finding of its partnership, or a note with a link or file
    reference) are needed. Empty when it can."""
    errors = {}
    if not (impact.get("impact_statement") or "").strip():
        errors["impact_statement"] = [NO_STATEMENT]
    note = (impact.get("impact_evidence") or "").strip()
    if note and not REFERENCE.search(note):
        errors["impact_evidence"] = [NO_REFERENCE]
    elif not (note or impact.get("impact_indicators") or impact.get("impact_findings")):
        errors["impact_evidence"] = [NO_EVIDENCE]
    strategy_id = action.priority.strategy_id
    for indicator in impact.get("impact_indicators") or ():
        if indicator.priority_id is not None and indicator.priority.strategy_id != strategy_id:
            errors.setdefault("impact_indicators", []).append(f"{indicator.code} belongs to another strategy")
    return errors


def _set_impact(action, impact, completing):
    """Put the impact given on ``action``; refuse marking it completed without one (nothing changes)."""
    if completing and (errors := impact_errors(action, impact)):
        raise ValidationError(errors)
    check_in_partnership(
        action.partnership_id,
        impact_indicators=list(impact.get("impact_indicators") or ()),
        impact_findings=list(impact.get("impact_findings") or ()),
    )
    for name in IMPACT_TEXT:
        if name in impact:
            setattr(action, name, (impact[name] or "").strip())


def _save_impact_links(action, impact):
    for name in ("impact_indicators", "impact_findings"):
        if name in impact:
            getattr(action, name).set(impact[name] or [])


# --- the discussion on an action --------------------------------------------------------------

COMMENT_EMAIL = "action_comment"
COMMENT_EMPTY = "Enter your comment"
COMMENT_TOO_LONG = f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer"


@transaction.atomic
def comment_add(membership, action, text) -> Comment:
    """Add a comment to an action's discussion and e-mail those involved: its lead, the sponsors of its
    priority and earlier commenters, not the author; one e-mail per person, sent by the outbound engine."""
    refuse_if_withdrawn(action)
    refuse_if_archived(action.priority.strategy)
    if not access.can_comment_on_action(membership, action):
        raise PermissionDenied(access.COMMENT_REFUSAL)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": COMMENT_EMPTY})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError({"text": COMMENT_TOO_LONG})
    comment = Comment(action=action, author=membership.user, agency_id=membership.agency_id, text=text)
    comment.full_clean(exclude=["action", "author", "agency"])
    comment._history_user = membership.user
    comment.save()
    rows = CommentEmail.objects.bulk_create(CommentEmail(comment=comment, user_id=pk) for pk in _involved(comment))
    for row in rows:
        message_queue(COMMENT_EMAIL, row.pk)
    return comment


def _involved(comment) -> list[int]:
    """The ids of the active members told of ``comment``: the action's lead, its priority's sponsor lead and
    sponsors from the sponsoring agency, and everyone who commented on it before, never its author."""
    action, priority = comment.action, comment.action.priority
    named = [pk for pk in (action.lead_id, priority.sponsor_lead_id) if pk]
    earlier = Comment.objects.filter(action=action, pk__lt=comment.pk).values("author_id")
    involved = (
        Q(user_id__in=named) | Q(user_id__in=earlier) | Q(role=Role.SPONSOR, agency_id=priority.sponsor_agency_id)
    )
    members = Membership.objects.filter(
        involved, partnership_id=priority.strategy.partnership_id, is_active=True, user__is_active=True
    )
    return sorted(set(members.exclude(user_id=comment.author_id).values_list("user_id", flat=True)))


def comment_withdraw(membership, comment, reason) -> Comment:
    """Withdraw a comment: it leaves the thread's text but stays in history with who withdrew it, when and
    why; e-mails about it not yet sent are not sent. Only its author may."""
    refuse_if_withdrawn(comment)
    if not access.can_withdraw_comment(membership, comment):
        raise PermissionDenied(access.WITHDRAW_COMMENT_REFUSAL)
    return withdraw(comment, membership.user, reason)


# --- no change this quarter, for several actions at once -------------------------------------------

NO_CHANGE = "No change this quarter"


def no_change_refusals(membership, actions, today=None) -> list[str]:
    """Why ``membership`` may not confirm "no change this quarter" for some of ``actions``, one sentence per
    action (and one for a locked quarter); empty when they may for every one."""
    refusals = []
    for action in actions:
        name = action.reference
        if action.priority.strategy.partnership_id != membership.partnership_id:
            refusals.append(f"Action {action.pk} is not an action of this partnership")
        elif action.is_withdrawn:
            refusals.append(f"{name} has been withdrawn: it can no longer be updated")
        elif action.priority.strategy.is_archived:
            refusals.append(f"{name} belongs to an archived strategy: it can no longer be updated")
        elif action.is_closed:
            refusals.append(f"{name} is {action.get_status_display().lower()}: only open actions can be confirmed")
        elif not access.can_update_action(membership, action):
            refusals.append(
                f"You cannot update {name}: only its lead, the sponsoring agency and the steering group can"
            )
    quarter = Period.quarter_of(today or timezone.localdate()).label
    try:
        correction_reason_required(membership.partnership, quarter, "")
    except ValidationError:
        refusals.append(
            f"{quarter} is locked: its report has been issued. Add a progress update to each action with the reason"
        )
    return refusals


@transaction.atomic
def progress_updates_no_change(membership, actions, *, note="") -> list[ProgressUpdate]:
    """Confirm that nothing changed this quarter on each of ``actions``: each gets its own progress update,
    dated today, its status unchanged, saying ``note`` or "No change this quarter". All or nothing: if any
    action may not be updated by ``membership``, a ``ValidationError`` on ``actions`` names each and nothing
    is saved."""
    actions = list({action.pk: action for action in actions}.values())
    if refusals := no_change_refusals(membership, actions):
        raise ValidationError({"actions": refusals})
    narrative = (note or "").strip() or NO_CHANGE
    # The one way an update is added, so history, previous_status and the locked-quarter rule stay one path.
    return [progress_update_add(membership, action, status=action.status, narrative=narrative) for action in actions]
