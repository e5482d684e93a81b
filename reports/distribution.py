"""The board distribution list: who receives the quarterly report e-mail, kept by the business manager.

A recipient is a name and an address (with their organisation), with or without a portal account.
Removing someone keeps their row, inactive, so the history says who received what and when they left.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.access import can_administer
from accounts.models import User
from neglect_portal.periods import current_quarter
from priorities.models import Strategy
from reports import selectors
from reports.messages import report_email_subject
from reports.models import DistributionList, Recipient


def _check_admin(membership):
    if not can_administer(membership):
        raise PermissionDenied("Only the partnership's business manager can change the distribution list.")


def board_list(partnership) -> DistributionList:
    board, _ = DistributionList.objects.get_or_create(
        partnership=partnership, kind=DistributionList.Kind.BOARD, defaults={"name": partnership.board_name}
    )
    return board


def recipient_add(membership, *, name, email, organisation="", user=None) -> Recipient:
    """Add someone to the board list (or put back someone removed earlier, with the new details)."""
    _check_admin(membership)
    partnership = membership.partnership
    if user is not None and not User.objects.for_partnership(partnership).filter(pk=user.pk).exists():
        raise ValidationError({"user": "Choose a member of the partnership"})
    email = email.strip().lower()
    board = board_list(partnership)
    existing = board.recipients.filter(email__iexact=email).first()
    if existing is not None and existing.is_active:
        raise ValidationError({"email": "This address is already on the board distribution list"})
    recipient = existing or Recipient(distribution_list=board)
    recipient.name, recipient.email, recipient.organisation = name.strip(), email, organisation.strip()
    recipient.user, recipient.is_active = user, True
    recipient.full_clean(exclude=["distribution_list"])
    recipient.save()
    return recipient


def recipient_remove(membership, recipient: Recipient) -> Recipient:
    _check_admin(membership)
    if recipient.distribution_list.partnership_id != membership.partnership_id:
        raise PermissionDenied("This recipient is on another partnership's list.")
    recipient.is_active = False
    recipient.save(update_fields=["is_active"])
    return recipient


@dataclass
class EmailPreview:
    subject: str
    text: str
    send_date: object
    period: str
    recipients: list


def next_report_preview(partnership, today=None) -> EmailPreview:
    """What the next quarterly e-mail will say and when it goes, from the current quarter and active strategy.

    The figures and commentary are those of the report when it is issued; the preview shows the letter
    around them.
    """
    today = today or timezone.localdate()
    quarter = current_quarter(today)
    strategy = Strategy.objects.active_for(partnership)
    report = SimpleNamespace(
        pk=0, period=quarter.label, strategy=strategy or SimpleNamespace(title="the partnership's neglect strategy")
    )
    context = {
        "name": "(the recipient's name)",
        "report": report,
        "partnership": partnership,
        "data": None,
        "link": f"{settings.SITE_URL}{reverse('reports:archive')}",
    }
    return EmailPreview(
        subject=report_email_subject(partnership, quarter.label),
        text=render_to_string("reports/email/report.txt", context),
        send_date=selectors.send_date(partnership, quarter),
        period=quarter.label,
        recipients=selectors.board_recipients(partnership),
    )
