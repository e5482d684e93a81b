"""Alerts: an indicator turned red, an action became overdue or was changed to Red (decision 47).

Each alert is recorded once (``Alert``: unique per indicator and period, action and due date, or progress
update) and each person told of it once (``AlertNotice``: unique per alert and person), so nothing is said
twice however often the daily job runs or a task is retried. Who is told:

- an indicator turned red: its owner, the priority sponsors from the agency that supplies its figures,
  and the sponsor of its priority;
- an action overdue or changed to Red: its lead and the sponsor of its priority.

The sponsor is the priority's sponsor lead, else the sponsors of its sponsoring agency, else the business
manager (``reminders.selectors.priority_sponsors``, as for escalations). Only active members of the
alert's own partnership are told, never the person whose own change caused it, and never a person who
chose no e-mails. Each chooses (``User.alert_delivery``) to hear straight away, one e-mail per alert
through the engine in ``outbound``, or in the morning's digest, one e-mail per person and partnership.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import AlertDelivery, Membership, Role
from actions.models import Action, status_words
from outbound.services import claimable, message_queue
from priorities.models import Strategy
from reminders.models import Alert, AlertEmail, AlertNotice
from reminders.selectors import active_members, long_date, priority_sponsors

logger = logging.getLogger(__name__)

# The kind of outbound message an alert e-mail is (registered in reminders/apps.py).
ALERT_EMAIL = "alert"
INDICATOR_RED, ACTION_OVERDUE, ACTION_RED = Alert.Kind.INDICATOR_RED, Alert.Kind.ACTION_OVERDUE, Alert.Kind.ACTION_RED
# An action that passed its due date longer ago than this before the daily job first saw it is not news:
# the job catches up a week of missed runs, and switching alerts on does not e-mail every old overdue action.
OVERDUE_REACH = datetime.timedelta(days=7)
RATING_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}


# --- who is told ----------------------------------------------------------------------------


def _sponsor_ids(priority, members) -> list[int]:
    return [membership.user_id for membership, _ in priority_sponsors(priority, members)] if priority else []


def indicator_recipients(indicator, members: dict[int, Membership]) -> list[int]:
    """The ids of the people told that ``indicator`` turned red: its owner and its priority's sponsor."""
    owners = [
        m.user_id
        for m in members.values()
        if indicator.source_agency_id and m.agency_id == indicator.source_agency_id and m.role == Role.SPONSOR
    ]
    return list(dict.fromkeys(owners + _sponsor_ids(indicator.priority, members)))


def action_recipients(action, members: dict[int, Membership]) -> list[int]:
    """The ids of the people told of ``action`` overdue or changed to Red: its lead and its priority's sponsor."""
    lead = [action.lead_id] if action.lead_id in members else []
    return list(dict.fromkeys(lead + _sponsor_ids(action.priority, members)))


# --- recording an alert and its notices -----------------------------------------------------------


def alert_record(*, partnership_id, kind, occasion, recipients, members, indicator=None, action=None, was="", by=None):
    """Record an alert once, with one notice per person told; queue those told straight away.

    Returns the new alert, or None when it had been recorded before (nobody is told again).
    """
    with transaction.atomic():
        alert, created = Alert.objects.get_or_create(
            kind=kind,
            indicator=indicator,
            action=action,
            occasion=occasion,
            defaults={"partnership_id": partnership_id, "was": was[:100]},
        )
        if not created:
            return None
        for user_id in recipients:
            user = members[user_id].user
            if user_id == getattr(by, "pk", None) or user.alert_delivery == AlertDelivery.NONE:
                continue
            _notice(alert, user)
    return alert


def _notice(alert, user):
    if user.alert_delivery == AlertDelivery.DAILY:
        AlertNotice.objects.create(alert=alert, user=user, delivery=AlertNotice.Delivery.DAILY)
        return
    email = AlertEmail.objects.create(partnership_id=alert.partnership_id, user=user)
    AlertNotice.objects.create(alert=alert, user=user, delivery=AlertNotice.Delivery.IMMEDIATELY, email=email)
    message_queue(ALERT_EMAIL, email.pk)


def indicator_red_record(indicator, *, period, was, was_period, by=None):
    """An indicator's new or corrected value made it Red (``outcomes.signals.indicator_turned_red``)."""
    members = active_members(indicator.partnership_id)
    before = f"{RATING_WORDS[was]} in {was_period}" if was in RATING_WORDS and was_period else ""
    return alert_record(
        partnership_id=indicator.partnership_id,
        kind=INDICATOR_RED,
        indicator=indicator,
        occasion=period,
        was=before,
        recipients=indicator_recipients(indicator, members),
        members=members,
        by=by,
    )


def action_red_record(action, *, update, by=None):
    """A progress update changed an action to Red (``actions.signals.action_turned_red``)."""
    partnership_id = action.priority.strategy.partnership_id
    members = active_members(partnership_id)
    return alert_record(
        partnership_id=partnership_id,
        kind=ACTION_RED,
        action=action,
        occasion=str(update.pk),
        was=status_words(update.previous_status) if update.previous_status else "",
        recipients=action_recipients(action, members),
        members=members,
        by=by,
    )


# --- the daily job: actions that have become overdue, and the digests ---------------------------------


def overdue_alerts_record(today: datetime.date) -> list[Alert]:
    """Record an alert for each open action of an active strategy that has become overdue (due before
    ``today``, at most ``OVERDUE_REACH`` ago) and has had none for its due date. One partnership's failure
    is logged and does not stop the others."""
    actions = (
        Action.objects.current()
        .overdue(on=today)
        .filter(due_date__gte=today - OVERDUE_REACH, priority__strategy__status=Strategy.Status.ACTIVE)
        .select_related("priority__strategy", "priority__sponsor_agency")
        .order_by("priority__strategy__partnership_id", "due_date", "pk")
    )
    told = set(Alert.objects.filter(kind=ACTION_OVERDUE, action__in=actions).values_list("action_id", "occasion"))
    by_partnership: dict[int, list] = {}
    for action in actions:
        if (action.pk, action.due_date.isoformat()) not in told:
            by_partnership.setdefault(action.priority.strategy.partnership_id, []).append(action)
    recorded = []
    for partnership_id, overdue in by_partnership.items():
        try:
            recorded += _overdue_in(partnership_id, overdue)
        except Exception:
            logger.exception("Could not record the overdue actions of partnership %s on %s", partnership_id, today)
    return recorded


def _overdue_in(partnership_id, actions) -> list[Alert]:
    members = active_members(partnership_id)
    recorded = []
    for action in actions:
        alert = alert_record(
            partnership_id=partnership_id,
            kind=ACTION_OVERDUE,
            action=action,
            occasion=action.due_date.isoformat(),
            was=f"Due {long_date(action.due_date)}",
            recipients=action_recipients(action, members),
            members=members,
        )
        if alert is not None:
            recorded.append(alert)
    return recorded


def waiting_for_digest():
    """Notices waiting for the next digest."""
    return AlertNotice.objects.filter(delivery=AlertNotice.Delivery.DAILY, email__isnull=True, dropped_at__isnull=True)


def alert_digests_create(today: datetime.date) -> list[int]:
    """Make today's digest for each person and partnership with notices waiting, and return the ids of
    today's digests still waiting to be sent.

    A digest takes the notices waiting when it is made: running the job again the same day makes nothing
    new, and a notice that comes later waits for tomorrow's. A notice is dropped, never sent, when its
    person has since chosen no e-mails or left the partnership, or what it is about was withdrawn.
    """
    _drop_untellable()
    pairs = waiting_for_digest().values_list("alert__partnership_id", "user_id").distinct()
    for partnership_id, user_id in sorted(set(pairs)):
        with transaction.atomic():
            digest, created = AlertEmail.objects.get_or_create(
                partnership_id=partnership_id, user_id=user_id, digest_day=today
            )
            if created:
                waiting_for_digest().filter(alert__partnership_id=partnership_id, user_id=user_id).update(email=digest)
    waiting = AlertEmail.objects.filter(claimable()).filter(digest_day=today)
    return list(waiting.order_by("pk").values_list("pk", flat=True))


def _drop_untellable():
    member = Exists(
        Membership.objects.filter(
            user_id=OuterRef("user_id"),
            partnership_id=OuterRef("alert__partnership_id"),
            is_active=True,
            user__is_active=True,
        )
    )
    untellable = (
        Q(user__alert_delivery=AlertDelivery.NONE)
        | ~member
        | Q(alert__indicator__withdrawn_at__isnull=False)
        | Q(alert__action__withdrawn_at__isnull=False)
    )
    dropped = list(waiting_for_digest().filter(untellable).values_list("pk", flat=True))
    AlertNotice.objects.filter(pk__in=dropped).update(dropped_at=timezone.now())


def alerts_queue(email_ids) -> None:
    for email_id in email_ids:
        message_queue(ALERT_EMAIL, email_id)
