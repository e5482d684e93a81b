"""Who may do what: one named rule per object kind, used by pages and the API alike.

Each rule comes in two forms that must agree: a predicate for one object
(``can_update_action(membership, action)``) and a queryset filter for lists
(``actions_updatable_filter(membership)``). Views and serializers never decide
access themselves; they call these.

Roles (see ``accounts.models.Role``):
- admin: everything in the partnership;
- steering: create and edit strategies, priorities, actions, indicators, audits;
- sponsor: update and add progress to every action of the priorities their agency sponsors,
  and update the recommendations their agency owns;
- lead: update their own actions and the recommendations they own;
- sponsors and leads also enter the indicator values their agency supplies;
- board: read only (issued reports included; drafts are for admin and steering).
Every role reads everything of its own partnership and nothing of any other.

A refusal says why: :func:`refusal` gives the sentence for a partnership-wide rule and
``ACTION_REFUSAL`` / ``RECOMMENDATION_REFUSAL`` the ones for a single object; the 403 page
and the API's ``detail`` show it.
"""

from __future__ import annotations

from django.db.models import Q

from accounts.models import Membership, Role

PLAN_EDITORS = (Role.ADMIN, Role.STEERING)
ARCHIVED = "archived"  # ``priorities.models.Strategy.Status.ARCHIVED``: a past strategy, read-only


def membership_for(user, partnership) -> Membership | None:
    """The user's active membership of ``partnership``, or None."""
    if not user.is_authenticated or partnership is None:
        return None
    return (
        Membership.objects.select_related("partnership", "agency")
        .filter(user=user, partnership=partnership, is_active=True)
        .first()
    )


def active_memberships(user):
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.select_related("partnership", "agency").filter(user=user, is_active=True)


# --- partnership-wide rules ------------------------------------------------


def can_view(membership) -> bool:
    return membership is not None and membership.is_active


def can_manage_plan(membership) -> bool:
    """Create and edit strategies, priorities, actions, indicators and audits."""
    return can_view(membership) and membership.role in PLAN_EDITORS


def can_administer(membership) -> bool:
    """Set up agencies, people and distribution lists."""
    return can_view(membership) and membership.role == Role.ADMIN


def can_issue_reports(membership) -> bool:
    return can_manage_plan(membership)


def can_correct_report(membership) -> bool:
    """Issue a correction of an issued or sent report (a new version sent to the same people): the business
    manager, who answers to the board for what it was sent."""
    return can_administer(membership)


def can_sign_off_quarter(membership) -> bool:
    """Sign off a quarter's data for the board (or withdraw the sign-off before the report is issued): the
    business manager, or the steering group's named chair while a member of the steering group."""
    if not can_view(membership):
        return False
    if membership.role == Role.ADMIN:
        return True
    chair_id = membership.partnership.steering_group_chair_id
    return membership.role == Role.STEERING and chair_id is not None and chair_id == membership.user_id


def sees_published_figures(membership) -> bool:
    """Whether the member reads small numbers as they are published (suppressed or rounded, decision 48), in the
    portal and the API alike: a board member, who reads what the board is sent. Everyone who prepares the figures
    sees them as recorded, marked where the outputs change them."""
    return membership is None or role_sees_published_figures(membership.role)


def role_sees_published_figures(role) -> bool:
    """:func:`sees_published_figures` for a role (``None``: no membership, who reads only what is published)."""
    return role is None or role == Role.BOARD


# --- actions ---------------------------------------------------------------


def can_update_action(membership, action) -> bool:
    """Change an action's status and fields, and add progress updates to it (never once it is withdrawn,
    nor once its strategy is archived)."""
    if not can_view(membership) or action.priority.strategy.partnership_id != membership.partnership_id:
        return False
    if action.withdrawn_at is not None or action.priority.strategy.status == ARCHIVED:
        return False
    if membership.role in PLAN_EDITORS:
        return True
    if membership.role == Role.SPONSOR and membership.agency_id == action.priority.sponsor_agency_id:
        return True
    if membership.role == Role.BOARD:
        return False
    return action.lead_id == membership.user_id


def actions_updatable_filter(membership) -> Q:
    """The ``Q`` matching the same actions as :func:`can_update_action`, for lists."""
    if not can_view(membership):
        return Q(pk__in=[])
    scope = Q(priority__strategy__partnership_id=membership.partnership_id, withdrawn_at__isnull=True) & ~Q(
        priority__strategy__status=ARCHIVED
    )
    if membership.role in PLAN_EDITORS:
        return scope
    if membership.role == Role.BOARD:
        return Q(pk__in=[])
    mine = Q(lead_id=membership.user_id)
    if membership.role == Role.SPONSOR and membership.agency_id:
        mine |= Q(priority__sponsor_agency_id=membership.agency_id)
    return scope & mine


def can_comment_on_action(membership, action) -> bool:
    """Ask or answer in an action's discussion: every member of its partnership but the board (who read it),
    while the action is current and its strategy not archived."""
    if not can_view(membership) or action.priority.strategy.partnership_id != membership.partnership_id:
        return False
    if action.withdrawn_at is not None or action.priority.strategy.status == ARCHIVED:
        return False
    return membership.role != Role.BOARD


def can_withdraw_comment(membership, comment) -> bool:
    """Withdraw a comment (it stays in history): only its author, while a member of its partnership."""
    if not can_view(membership) or comment.action.priority.strategy.partnership_id != membership.partnership_id:
        return False
    return comment.withdrawn_at is None and comment.author_id == membership.user_id


def starts_at_todo(membership) -> bool:
    """Action leads and sponsors start at *To do*; the steering group, the board and the business manager at
    the dashboard."""
    return can_view(membership) and membership.role in (Role.LEAD, Role.SPONSOR)


def can_withdraw_action(membership, action) -> bool:
    """Withdraw an action from the plan (it stays in history): the business manager and steering group."""
    return can_update_action(membership, action) and membership.role in PLAN_EDITORS


def can_edit_action_plan_fields(membership, action) -> bool:
    """Edit the SMART definition of an action (title, measure, dates, lead)."""
    return can_update_action(membership, action)


# --- outcomes --------------------------------------------------------------


def can_manage_indicators(membership) -> bool:
    """Add indicators and change their definition, target and tolerance."""
    return can_manage_plan(membership)


def can_manage_comparators(membership, indicator) -> bool:
    """Add, correct or withdraw an indicator's comparator values (England, region, neighbours): as its definition."""
    if not can_manage_indicators(membership) or indicator.partnership_id != membership.partnership_id:
        return False
    return indicator.withdrawn_at is None


def can_edit_curve_plan(membership, indicator) -> bool:
    """Write an indicator's turn-the-curve plan: those who manage indicators (business manager and steering
    group), and the sponsor of the indicator's priority (its named sponsor lead and the sponsoring agency's
    sponsors), who owns turning that curve. Never once the indicator is withdrawn.

    Choosing which plans go in the board report is :func:`can_choose_plans_for_report`."""
    if not can_view(membership) or indicator.partnership_id != membership.partnership_id:
        return False
    if indicator.withdrawn_at is not None:
        return False
    if membership.role in PLAN_EDITORS:
        return True
    priority = indicator.priority
    if membership.role == Role.BOARD or priority is None:
        return False
    if membership.role == Role.SPONSOR and membership.agency_id == priority.sponsor_agency_id:
        return True
    return priority.sponsor_lead_id == membership.user_id


def can_choose_plans_for_report(membership) -> bool:
    """Choose which turn-the-curve plans go in the board report: the steering group and the business manager."""
    return can_manage_plan(membership)


def can_record_measurement(membership, indicator) -> bool:
    """Enter, correct or withdraw an indicator's values: plan editors, and the agency that supplies the figures."""
    if not can_view(membership) or indicator.partnership_id != membership.partnership_id:
        return False
    if indicator.withdrawn_at is not None:
        return False
    if membership.role in PLAN_EDITORS:
        return True
    if membership.role == Role.BOARD:
        return False
    return membership.agency_id is not None and membership.agency_id == indicator.source_agency_id


def can_enter_values(membership) -> bool:
    """Open the quarter entry form or the values import: plan editors, and sponsors and leads of an agency.

    Which indicators they may then record is :func:`can_record_measurement`, row by row.
    """
    if not can_view(membership) or membership.role == Role.BOARD:
        return False
    return membership.role in PLAN_EDITORS or membership.agency_id is not None


def indicators_recordable_filter(membership) -> Q:
    """The ``Q`` matching the same indicators as :func:`can_record_measurement`, for lists."""
    if not can_view(membership) or membership.role == Role.BOARD:
        return Q(pk__in=[])
    scope = Q(partnership_id=membership.partnership_id, withdrawn_at__isnull=True)
    if membership.role in PLAN_EDITORS:
        return scope
    if membership.agency_id is None:
        return Q(pk__in=[])
    return scope & Q(source_agency_id=membership.agency_id)


# --- audits ----------------------------------------------------------------


def can_manage_audits(membership) -> bool:
    """Record audits and learning reviews, their findings and recommendations."""
    return can_manage_plan(membership)


def can_update_recommendation(membership, recommendation) -> bool:
    """Change a recommendation's status: plan editors, its named owner, and the sponsor of its owning agency."""
    if not can_view(membership) or recommendation.audit.partnership_id != membership.partnership_id:
        return False
    if recommendation.withdrawn_at is not None:
        return False
    if membership.role in PLAN_EDITORS:
        return True
    if membership.role == Role.BOARD:
        return False
    if recommendation.owner_id == membership.user_id:
        return True
    return (
        membership.role == Role.SPONSOR
        and membership.agency_id is not None
        and membership.agency_id == recommendation.owner_agency_id
    )


def recommendations_updatable_filter(membership) -> Q:
    """The ``Q`` matching the same recommendations as :func:`can_update_recommendation`, for lists."""
    if not can_view(membership) or membership.role == Role.BOARD:
        return Q(pk__in=[])
    scope = Q(audit__partnership_id=membership.partnership_id, withdrawn_at__isnull=True)
    if membership.role in PLAN_EDITORS:
        return scope
    mine = Q(owner_id=membership.user_id)
    if membership.role == Role.SPONSOR and membership.agency_id:
        mine |= Q(owner_agency_id=membership.agency_id)
    return scope & mine


# --- quarterly reports -------------------------------------------------------


def can_view_report(membership, report) -> bool:
    """Every member reads an issued report; drafts are for those who prepare them."""
    if not can_view(membership) or report.strategy.partnership_id != membership.partnership_id:
        return False
    return report.status != "draft" or can_issue_reports(membership)


def reports_visible_filter(membership) -> Q:
    """The ``Q`` matching the same reports as :func:`can_view_report`, for lists."""
    if not can_view(membership):
        return Q(pk__in=[])
    scope = Q(strategy__partnership_id=membership.partnership_id)
    if can_issue_reports(membership):
        return scope
    return scope & ~Q(status="draft")


# --- reminders and escalations ----------------------------------------------


def can_view_reminders(membership) -> bool:
    """See which update reminders and escalations went to whom: business manager and steering group."""
    return can_manage_plan(membership)


def reminders_visible_filter(membership) -> Q:
    """The ``Q`` matching the reminder records :func:`can_view_reminders` lets the member see."""
    if not can_view_reminders(membership):
        return Q(pk__in=[])
    return Q(partnership_id=membership.partnership_id)


# --- agency engagement -----------------------------------------------------------


def can_view_engagement(membership) -> bool:
    """See how each agency keeps its actions and values up to date: the business manager, the steering
    group and the board, who hold the agencies to account; a sponsor or lead sees their own work elsewhere."""
    return can_view(membership) and membership.role in (Role.ADMIN, Role.STEERING, Role.BOARD)


# --- why a rule refuses ------------------------------------------------------------

PLAN_EDITORS_ONLY = "only the partnership business manager and the steering group can"
ACTION_REFUSAL = "You cannot change this action: only its lead, the sponsoring agency and the steering group can."
RECOMMENDATION_REFUSAL = (
    "You cannot change this recommendation: only its owner, the sponsor of its owning agency "
    "and the steering group can."
)
VALUES_REFUSAL = (
    "only the partnership business manager, the steering group and the agency that supplies its figures can."
)
COMPARATORS_REFUSAL = f"You cannot change comparator figures: {PLAN_EDITORS_ONLY}."


CURVE_PLAN_REFUSAL = (
    "You cannot change this turn-the-curve plan: only the business manager, the steering group "
    "and the sponsor of the indicator's priority can."
)
REPORT_CHOICE_REFUSAL = f"You cannot choose which plans go in the board report: {PLAN_EDITORS_ONLY}."
WITHDRAW_ACTION_REFUSAL = f"You cannot withdraw this action: {PLAN_EDITORS_ONLY}."
COMMENT_REFUSAL = "You cannot comment on this action: board members read the discussion but do not take part in it."
WITHDRAW_COMMENT_REFUSAL = "You cannot withdraw this comment: only the person who wrote it can."
ROLE_REFUSAL = "Your role in this partnership does not allow this."

REFUSALS = {
    can_view: "You are not a member of this partnership.",
    can_manage_plan: f"You cannot change the strategy, its priorities or actions: {PLAN_EDITORS_ONLY}.",
    can_administer: "You cannot change the partnership's settings: only its business manager can.",
    can_issue_reports: f"You cannot prepare or send the quarterly report: {PLAN_EDITORS_ONLY}.",
    can_manage_indicators: f"You cannot add or change indicators: {PLAN_EDITORS_ONLY}.",
    can_enter_values: (
        "You cannot enter indicator values: only the business manager, the steering group "
        "and the agencies that supply the figures can."
    ),
    can_manage_audits: f"You cannot record audits, findings or recommendations: {PLAN_EDITORS_ONLY}.",
    can_view_reminders: f"You cannot see the reminders sent: {PLAN_EDITORS_ONLY}.",
    can_correct_report: "You cannot correct a report sent to the board: only the business manager can.",
    can_view_engagement: (
        "You cannot see the agencies' engagement: only the business manager, the steering group and the board can."
    ),
    can_sign_off_quarter: (
        "You cannot sign off the quarter: only the business manager and the steering group's chair can."
    ),
}


def refusal(rule) -> str:
    """The sentence a refused person reads when ``rule`` (a partnership-wide rule above) says no."""
    return REFUSALS.get(rule, ROLE_REFUSAL)
