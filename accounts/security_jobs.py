"""Daily jobs of the access audit and of accounts nobody uses."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import audit, emails
from accounts.models import AccessEvent, User
from accounts.models_security import APIToken
from accounts.two_factor import sessions_end

logger = logging.getLogger(__name__)


def access_audit_prune(now=None):
    """Delete access events older than ACCESS_AUDIT_RETENTION_DAYS; returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ACCESS_AUDIT_RETENTION_DAYS)
    count, _ = AccessEvent.objects.filter(at__lt=cutoff).delete()
    return count


def dormant_accounts_handle(now=None):
    """Warn people unused for DORMANT_ACCOUNT_DAYS less the warning days; deactivate those warned long enough ago.

    Idempotent: a warning is an access event after the person's last sign-in, so it is sent once per
    spell of disuse, and a person deactivated is no longer active.
    """
    now = now or timezone.now()
    warning_days = datetime.timedelta(days=settings.DORMANT_ACCOUNT_WARNING_DAYS)
    dormant_after = datetime.timedelta(days=settings.DORMANT_ACCOUNT_DAYS)
    people = User.objects.filter(is_active=True).annotate(last_used=Coalesce("last_login", "date_joined"))
    warnings = AccessEvent.objects.filter(
        actor=OuterRef("pk"), kind=AccessEvent.Kind.DORMANCY_WARNED, at__gte=OuterRef("last_used")
    )
    people = people.annotate(
        warned=Exists(warnings), warned_long_ago=Exists(warnings.filter(at__lte=now - warning_days))
    )
    to_warn = people.filter(last_used__lte=now - dormant_after + warning_days, warned=False)
    to_close = people.filter(last_used__lte=now - dormant_after, warned_long_ago=True)
    closed = [_deactivate(person) for person in to_close]
    warned_count = 0
    for person in to_warn:
        _warn(person, deactivate_on=max(person.last_used + dormant_after, now + warning_days))
        warned_count += 1
    return {"warned": warned_count, "deactivated": len(closed)}


def _warn(person, deactivate_on):
    with transaction.atomic():
        audit.record_request(audit.Kind.DORMANCY_WARNED, user=person)
        transaction.on_commit(lambda: emails.send_dormancy_warning(person, deactivate_on.date()))


@transaction.atomic
def _deactivate(person):
    User.objects.filter(pk=person.pk).update(is_active=False)
    sessions_end(person)
    APIToken.objects.filter(user=person, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit.record_request(audit.Kind.DORMANT_DEACTIVATED, user=person)
    return person
