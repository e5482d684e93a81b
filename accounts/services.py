"""The business manager's writes: the partnership's settings, its agencies and its people.

Every function checks again that the actor may administer the partnership, so a door that forgets
cannot write; a refusal is a ``ValidationError`` naming the field, and nothing changes.
Invitations are in ``accounts.invitations``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import access_audit
from accounts.access import can_administer, can_manage_plan
from accounts.models import Agency, AgencyAlias, AlertDelivery, Membership, Partnership, Role, User, agency_name_key
from neglect_portal.child_identifiers import child_identifier_problems
from neglect_portal.versioning import refuse_stale

PARTNERSHIP_FIELDS = (
    "name",
    "short_name",
    "board_name",
    "steering_group_name",
    "steering_group_chair",
    "reminder_working_days",
    "report_send_working_days",
    "time_zone",
    "bank_holiday_region",
    "evidence_quota_mb",
    "suppression_threshold",
    "suppression_mode",
    "rank_agency_engagement",
)


def _check_admin(membership, partnership):
    if not can_administer(membership) or membership.partnership_id != partnership.pk:
        raise PermissionDenied("Only the partnership's business manager can change its settings.")


# --- the partnership ----------------------------------------------------------------


def partnership_update(membership, partnership: Partnership, *, version=None, **changes) -> Partnership:
    """Change the partnership's settings; ``version``: the one the form was opened at (a change saved since is
    not overwritten: ``StaleVersion``, decision 15)."""
    _check_admin(membership, partnership)
    unknown = set(changes) - set(PARTNERSHIP_FIELDS)
    if unknown:
        raise ValidationError(f"These settings cannot be changed here: {', '.join(sorted(unknown))}.")
    chair = changes.get("steering_group_chair")
    if chair is not None and not chair_candidates(partnership).filter(pk=chair.pk).exists():
        raise ValidationError({"steering_group_chair": CHAIR_REFUSAL})
    for name, value in changes.items():
        setattr(partnership, name, value)
    partnership.full_clean(exclude=["slug"])
    try:
        with transaction.atomic():  # a savepoint: a name taken meanwhile becomes a field error
            refuse_stale(partnership, version)
            partnership.save()
    except IntegrityError as error:
        raise ValidationError({"name": "Another partnership already has this name"}) from error
    return partnership


CHAIR_ROLES = (Role.STEERING, Role.ADMIN)
CHAIR_REFUSAL = "Choose an active member of the steering group"


def chair_candidates(partnership):
    """The people who may be named chair of the steering group: its active members (the steering-group role,
    or the business manager who chairs it), by name. Signing off also asks the role at the time
    (``accounts.access.can_sign_off_quarter``), so a chair who leaves the steering group no longer signs off."""
    return User.objects.filter(
        memberships__partnership=partnership, memberships__is_active=True, memberships__role__in=CHAIR_ROLES
    ).order_by("first_name", "last_name", "email")


# --- agencies ------------------------------------------------------------------------


def _check_agency_name(partnership, name, agency=None):
    others = Agency.objects.of_partnership(partnership).filter(name__iexact=name.strip())
    if agency is not None:
        others = others.exclude(pk=agency.pk)
    if others.exists():
        raise ValidationError({"name": "The partnership already has an agency with this name"})


def agency_create(membership, *, name, sector, is_sponsor=False, short_name="") -> Agency:
    partnership = membership.partnership
    _check_admin(membership, partnership)
    _check_agency_name(partnership, name)
    agency = Agency(
        partnership=partnership, name=name.strip(), short_name=short_name.strip(), sector=sector, is_sponsor=is_sponsor
    )
    agency.full_clean()
    agency.save()
    return agency


def agency_update(membership, agency: Agency, *, name, sector, is_sponsor, short_name=None) -> Agency:
    _check_admin(membership, agency.partnership)
    _check_agency_name(agency.partnership, name, agency)
    if not is_sponsor and agency.is_sponsor and _sponsors_current_priority(agency):
        raise ValidationError({"is_sponsor": "This agency sponsors a priority of a current strategy"})
    agency.name, agency.sector, agency.is_sponsor = name.strip(), sector, is_sponsor
    if short_name is not None:
        agency.short_name = short_name.strip()
    agency.full_clean()
    agency.save()
    return agency


def _sponsors_current_priority(agency) -> bool:
    # Through the reverse relation: accounts sits below priorities and does not import it.
    return agency.sponsored_priorities.exclude(strategy__status="archived").exists()


def agency_retire(membership, agency: Agency) -> Agency:
    """Retire an agency: it stays with its history but is offered for nothing new. Never deleted."""
    _check_admin(membership, agency.partnership)
    if agency.retired_at is not None:
        raise ValidationError({"agency": "This agency is already retired"})
    if _sponsors_current_priority(agency):
        raise ValidationError(
            {"agency": "This agency sponsors a priority of a current strategy: choose another sponsor first"}
        )
    agency.retired_at = timezone.now()
    agency.save(update_fields=["retired_at"])
    return agency


def agency_reinstate(membership, agency: Agency) -> Agency:
    _check_admin(membership, agency.partnership)
    agency.retired_at = None
    agency.save(update_fields=["retired_at"])
    return agency


def agency_alias_add(membership, *, agency: Agency, name: str) -> AgencyAlias:
    """Remember that ``name`` in the partnership's files means ``agency``.

    The business manager adds them in the settings; whoever may import the action plan adds them by choosing
    which agency a name in a file means. Raises ``ValidationError`` naming the field, ``PermissionDenied``.
    """
    partnership = membership.partnership
    if not (can_administer(membership) or can_manage_plan(membership)) or agency.partnership_id != partnership.pk:
        raise PermissionDenied("Only the business manager and the steering group can name agencies.")
    name = " ".join(str(name or "").split())
    key = agency_name_key(name)
    if not key:
        raise ValidationError({"name": "Enter the other name, for example WMP"})
    if len(name) > AgencyAlias._meta.get_field("name").max_length:
        raise ValidationError({"name": "The other name must be 200 characters or fewer"})
    problems = child_identifier_problems(name)
    if problems:
        raise ValidationError({"name": problems})
    if agency.retired_at is not None:
        raise ValidationError({"agency": "Choose one of the partnership's current agencies"})
    named = next((a for a in Agency.objects.of_partnership(partnership) if agency_name_key(a.name) == key), None)
    if named is not None:
        raise ValidationError({"name": f"“{name}” is already the name of {named.name}"})
    existing = AgencyAlias.objects.filter(partnership=partnership, key=key).select_related("agency").first()
    if existing is not None:
        raise ValidationError({"name": f"“{name}” already means {existing.agency.name}"})
    try:
        with transaction.atomic():
            return AgencyAlias.objects.create(
                partnership=partnership, agency=agency, name=name, created_by=membership.user
            )
    except IntegrityError as error:  # the same name chosen at the same moment by someone else
        raise ValidationError({"name": f"“{name}” has just been given to an agency: check the list"}) from error


def agency_alias_remove(membership, alias: AgencyAlias) -> None:
    """Forget another name of an agency: files that use it must use the agency's name again."""
    _check_admin(membership, alias.partnership)
    alias.delete()


# --- people --------------------------------------------------------------------------


def grantable_roles(membership) -> list[str]:
    """The roles ``membership`` may give a person: a business manager may give every partnership role."""
    return list(Role.values) if can_administer(membership) else []


def _other_active_admins(membership) -> bool:
    return (
        Membership.objects.filter(partnership_id=membership.partnership_id, role=Role.ADMIN, is_active=True)
        .exclude(pk=membership.pk)
        .exists()
    )


def _check_agency(partnership, agency):
    if agency is not None and (agency.partnership_id != partnership.pk or agency.retired_at is not None):
        raise ValidationError({"agency": "Choose one of the partnership's current agencies"})


def membership_change(membership, person: Membership, *, role, agency) -> Membership:
    """Change a person's role or agency in the partnership (recorded in the audit of access)."""
    _check_admin(membership, person.partnership)
    if role not in grantable_roles(membership):
        raise ValidationError({"role": "You cannot give this role"})
    if agency != person.agency:
        _check_agency(person.partnership, agency)
    if person.role == Role.ADMIN and role != Role.ADMIN and person.is_active and not _other_active_admins(person):
        raise ValidationError({"role": "The partnership must keep at least one business manager"})
    before = f"{person.get_role_display()}, {person.agency or 'no agency'}"
    person.role, person.agency = role, agency
    person.save(update_fields=["role", "agency"])
    after = f"{person.get_role_display()}, {person.agency or 'no agency'}"
    if before != after:
        access_audit.record(
            person.partnership,
            actor=membership.user,
            kind=access_audit.Kind.ROLE_CHANGED,
            subject=person.user.email,
            detail=f"{before} → {after}",
        )
    return person


def membership_deactivate(membership, person: Membership) -> Membership:
    """A leaver: they can no longer sign in to this partnership; what they did and lead stays."""
    _check_admin(membership, person.partnership)
    if not person.is_active:
        raise ValidationError({"person": "This person is already deactivated"})
    if person.role == Role.ADMIN and not _other_active_admins(person):
        raise ValidationError({"person": "The partnership must keep at least one business manager"})
    person.is_active = False
    person.deactivated_at = timezone.now()
    person.save(update_fields=["is_active", "deactivated_at"])
    access_audit.record(
        person.partnership, actor=membership.user, kind=access_audit.Kind.DEACTIVATED, subject=person.user.email
    )
    return person


def membership_reactivate(membership, person: Membership) -> Membership:
    _check_admin(membership, person.partnership)
    if person.is_active:
        raise ValidationError({"person": "This person is already active"})
    person.is_active = True
    person.deactivated_at = None
    person.save(update_fields=["is_active", "deactivated_at"])
    access_audit.record(
        person.partnership, actor=membership.user, kind=access_audit.Kind.REACTIVATED, subject=person.user.email
    )
    return person


# --- one's own alerts ---------------------------------------------------------------------------

ALERT_DELIVERY_REQUIRED = "Choose how you want to hear of alerts"


def alert_delivery_set(user: User, delivery: str) -> User:
    """Choose how ``user`` hears of alerts: each straight away, a daily digest, or not by e-mail.

    Alerts already waiting for a digest still go in it, unless the person now wants none.
    """
    if delivery not in AlertDelivery.values:
        raise ValidationError({"alert_delivery": ALERT_DELIVERY_REQUIRED})
    if user.alert_delivery != delivery:
        user.alert_delivery = delivery
        user.save(update_fields=["alert_delivery"])
    return user
