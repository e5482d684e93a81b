"""The business manager's writes of the steering group's meeting dates.

Each checks again that the actor may administer the partnership; a refusal is a ``ValidationError`` naming the
field, and nothing changes.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.access import can_administer
from changes.models import SteeringGroupMeeting


def _check_admin(membership, partnership):
    if not can_administer(membership) or membership.partnership_id != partnership.pk:
        raise PermissionDenied("Only the partnership's business manager can change its meeting dates.")


def meeting_add(membership, day: datetime.date, *, is_illustrative=False) -> SteeringGroupMeeting:
    """Record that the partnership's steering group meets (or met) on ``day``."""
    partnership = membership.partnership
    _check_admin(membership, partnership)
    if SteeringGroupMeeting.objects.filter(partnership=partnership, date=day).exists():
        raise ValidationError({"date": f"A meeting on {day:%-d %B %Y} is already recorded"})
    try:
        with transaction.atomic():  # a savepoint: the same date added meanwhile becomes a field error
            return SteeringGroupMeeting.objects.create(
                partnership=partnership, date=day, is_illustrative=is_illustrative, created_by=membership.user
            )
    except IntegrityError as error:
        raise ValidationError({"date": f"A meeting on {day:%-d %B %Y} is already recorded"}) from error


def meeting_remove(membership, meeting: SteeringGroupMeeting) -> None:
    """Remove a meeting date (entered by mistake, or the meeting did not happen); its history keeps it."""
    _check_admin(membership, membership.partnership)
    if meeting.partnership_id != membership.partnership_id:
        raise PermissionDenied("Only the partnership's business manager can change its meeting dates.")
    meeting.delete()
