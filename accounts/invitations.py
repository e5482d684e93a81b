"""Invitations: a person is asked to join a partnership in a role and sets their own password.

The link in the e-mail is signed with the secret key and names the invitation and its ``nonce``; it works
once (accepting claims the invitation with a conditional update) and for ``VALID_FOR`` after it was
sent. Sending again draws a new nonce, so earlier links stop working. A person who already has an
account (in another partnership) is given a membership on it, never a second account.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import access_audit
from accounts.access import can_administer
from accounts.models import Invitation, InvitationEmail, Membership, Partnership, User
from accounts.services import grantable_roles
from outbound.services import message_queue

VALID_FOR = datetime.timedelta(days=7)
SALT = "accounts.invitation"
INVITATION = "invitation"  # the outbound engine's kind of message


class InvitationRefused(Exception):
    """The link cannot be used; ``str()`` says why in words a person understands."""


# --- inviting ------------------------------------------------------------------------


def invitation_create(membership, *, email, role, agency=None) -> Invitation:
    """The business manager invites someone to their partnership; the e-mail goes after commit."""
    partnership = membership.partnership
    if not can_administer(membership):
        raise PermissionDenied("Only the partnership's business manager can invite people.")
    if role not in grantable_roles(membership):
        raise ValidationError({"role": "You cannot give this role"})
    if agency is not None and (agency.partnership_id != partnership.pk or agency.retired_at is not None):
        raise ValidationError({"agency": "Choose one of the partnership's current agencies"})
    return _invite(partnership, email=email, role=role, agency=agency, invited_by=membership.user)


def _invite(partnership, *, email, role, agency, invited_by) -> Invitation:
    email = User.objects.normalize_email(email).strip().lower()
    if Membership.objects.filter(partnership=partnership, user__email__iexact=email, is_active=True).exists():
        raise ValidationError({"email": "This person is already a member of the partnership"})
    if Invitation.objects.for_partnership(partnership).pending(timezone.now()).filter(email__iexact=email).exists():
        raise ValidationError({"email": "This person has already been invited: send their invitation again instead"})
    now = timezone.now()
    invitation = Invitation.objects.create(
        partnership=partnership,
        email=email,
        role=role,
        agency=agency,
        invited_by=invited_by,
        nonce=secrets.token_hex(16),
        expires_at=now + VALID_FOR,
    )
    access_audit.record(
        partnership,
        actor=invited_by,
        kind=access_audit.Kind.INVITED,
        subject=email,
        detail=f"{invitation.get_role_display()}, {agency or 'no agency'}",
    )
    _send_after_commit(invitation)
    return invitation


def invitation_resend(membership, invitation: Invitation) -> Invitation:
    """A fresh link, valid for another week; the earlier link stops working."""
    _check_admin_of(membership, invitation)
    if invitation.accepted_at is not None:
        raise ValidationError({"invitation": "This invitation has already been accepted"})
    invitation.nonce = secrets.token_hex(16)
    invitation.expires_at = timezone.now() + VALID_FOR
    invitation.revoked_at = None
    invitation.save(update_fields=["nonce", "expires_at", "revoked_at"])
    access_audit.record(
        invitation.partnership,
        actor=membership.user,
        kind=access_audit.Kind.INVITATION_RESENT,
        subject=invitation.email,
    )
    _send_after_commit(invitation)
    return invitation


def invitation_revoke(membership, invitation: Invitation) -> Invitation:
    _check_admin_of(membership, invitation)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise ValidationError({"invitation": "This invitation can no longer be revoked"})
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    access_audit.record(
        invitation.partnership,
        actor=membership.user,
        kind=access_audit.Kind.INVITATION_REVOKED,
        subject=invitation.email,
    )
    return invitation


def _check_admin_of(membership, invitation):
    if not can_administer(membership) or membership.partnership_id != invitation.partnership_id:
        raise PermissionDenied("Only the partnership's business manager can change its invitations.")


# --- a new partnership (platform operators) ------------------------------------------


def partnership_create(*, name, admin_email, slug, short_name="") -> tuple[Partnership, Invitation]:
    """A platform operator's new partnership and the invitation of its first business manager."""
    if Partnership.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A partnership with this name already exists"})
    if Partnership.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": "A partnership with this short address already exists"})
    partnership = Partnership(name=name, slug=slug, short_name=short_name)
    partnership.full_clean()
    partnership.save()
    return partnership, partnership_invite_first_manager(partnership, admin_email)


def partnership_invite_first_manager(partnership, email, *, operator=None) -> Invitation:
    """Invite a new partnership's first business manager (a platform operator's step: command or admin)."""
    return _invite(partnership, email=email, role="admin", agency=None, invited_by=operator)


# --- the link and the e-mail ----------------------------------------------------------


def invitation_link(invitation: Invitation) -> str:
    token = signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT)
    return settings.SITE_URL + reverse("accounts:invitation_accept", args=[token])


def _send_after_commit(invitation):
    """E-mail the invitation's current link through the outbound engine, once the transaction commits."""
    email = InvitationEmail.objects.create(invitation=invitation, nonce=invitation.nonce)
    message_queue(INVITATION, email.pk)


def invitation_message(email: InvitationEmail) -> EmailMultiAlternatives | None:
    """The e-mail of an invitation's link, or None when the link no longer works (it is then not sent)."""
    invitation = email.invitation
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        return None
    if email.nonce != invitation.nonce or invitation.expires_at <= timezone.now():
        return None
    context = {
        "invitation": invitation,
        "partnership": invitation.partnership,
        "link": invitation_link(invitation),
        "existing_account": User.objects.filter(email__iexact=invitation.email).exists(),
        "inviter": invitation.invited_by,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation.txt", context)
    return EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


# --- accepting -------------------------------------------------------------------------


def invitation_from_token(token: str, *, now=None) -> Invitation:
    """The invitation a link names, or :class:`InvitationRefused` saying why it cannot be used."""
    try:
        data = signing.loads(token, salt=SALT)
        invitation = Invitation.objects.select_related("partnership", "agency").get(pk=data["i"])
    except (signing.BadSignature, Invitation.DoesNotExist, KeyError, TypeError, ValueError) as error:
        raise InvitationRefused("This invitation link is not valid. Check you copied the whole link.") from error
    _check_usable(invitation, data.get("n"), now or timezone.now())
    return invitation


def _check_usable(invitation, nonce, now):
    who = "the business manager of " + invitation.partnership.name
    if invitation.accepted_at is not None:
        raise InvitationRefused("This invitation has already been used. Sign in with your e-mail address.")
    if invitation.revoked_at is not None:
        raise InvitationRefused(f"This invitation was withdrawn. Ask {who} if you should have access.")
    if nonce != invitation.nonce:
        raise InvitationRefused("A newer invitation was sent after this one: use the link in the latest e-mail.")
    if invitation.expires_at <= now:
        raise InvitationRefused(f"This invitation has expired. Ask {who} to send it again.")


def existing_account(invitation) -> User | None:
    return User.objects.filter(email__iexact=invitation.email).first()


def invitation_accept(invitation, *, user=None, first_name="", last_name="", password=None) -> Membership:
    """Accept once: a new account with the person's own password, or a membership on their existing one.

    ``user`` is the signed-in account of the invited address when they already have one; otherwise a new
    account is made with ``password``. The conditional update claims the invitation, so a link used
    twice at the same moment lets one person in once.
    """
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, nonce=invitation.nonce, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).update(accepted_at=now)
    if not claimed:
        raise InvitationRefused("This invitation has already been used. Sign in with your e-mail address.")
    if user is None:
        if existing_account(invitation) is not None:
            raise InvitationRefused("You already have an account: sign in to accept this invitation.")
        user = User.objects.create_user(
            email=invitation.email, password=password, first_name=first_name, last_name=last_name
        )
    elif user.email.lower() != invitation.email.lower():
        raise InvitationRefused("This invitation is for another e-mail address.")
    membership, _ = Membership.objects.update_or_create(
        user=user,
        partnership=invitation.partnership,
        defaults={"role": invitation.role, "agency": invitation.agency, "is_active": True, "deactivated_at": None},
    )
    Invitation.objects.filter(pk=invitation.pk).update(membership=membership)
    access_audit.record(
        invitation.partnership,
        actor=user,
        kind=access_audit.Kind.INVITATION_ACCEPTED,
        subject=user.email,
        detail=f"{membership.get_role_display()}, {membership.agency or 'no agency'}",
    )
    return membership
