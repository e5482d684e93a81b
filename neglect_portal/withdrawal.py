"""Withdrawing, not deleting: what the board may have seen is never removed.

Findings, recommendations, actions, indicators and indicator values are *withdrawn*:
they keep every field, and gain who withdrew them, when and why. A withdrawn object
leaves lists, the scorecard, reports, reminders and exports (each kind's queryset has
one rule, ``current()``, used everywhere, and ``withdrawn()`` for "Show withdrawn"),
stays readable on its own page and through the API, and its withdrawal is a line of
its history. Nothing can change it afterwards.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from neglect_portal.child_identifiers import refuse_child_identifiers

REASON_REQUIRED = "Enter why it is being withdrawn"


class WithdrawableQuerySet(models.QuerySet):
    def current(self):
        """Not withdrawn: what lists, the scorecard, reports, reminders and exports show."""
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        """Withdrawn, newest withdrawal first: what "Show withdrawn" lists."""
        return self.filter(withdrawn_at__isnull=False).order_by("-withdrawn_at")


class Withdrawable(models.Model):
    """Who withdrew the object, when and why; empty while it is current."""

    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True, editable=False, validators=[refuse_child_identifiers])

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def refuse_if_withdrawn(obj) -> None:
    """Nothing changes a withdrawn object (a ``PermissionDenied`` the pages and the API show as 403)."""
    if obj.is_withdrawn:
        when = f"{obj.withdrawn_at:%-d %B %Y}"
        raise PermissionDenied(f"This {obj._meta.verbose_name} was withdrawn on {when}: it can no longer be changed.")


@transaction.atomic
def withdraw(obj, user, reason: str):
    """Mark ``obj`` withdrawn by ``user`` now, for ``reason``; its history records the change and who made it.

    The caller has checked that ``user`` may. A blank reason, or one that could identify a
    child, is a ``ValidationError`` on ``reason``; an object already withdrawn is refused.
    """
    refuse_if_withdrawn(obj)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    try:
        refuse_child_identifiers(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from error
    obj.withdrawn_at, obj.withdrawn_by, obj.withdrawal_reason = timezone.now(), user, reason
    obj._history_user = user
    obj.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return obj
