"""What an alert e-mail says: one alert sent straight away, or a day's alerts in a digest (decision 47).

The e-mail names the indicator or action, what happened and links to it; it gives no figure (the
portal shows it, marked as the partnership's small-number rule asks) and nothing about any child.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.headerregistry import Address

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Membership, Role
from actions.models import ProgressUpdate, status_words
from reminders.alerts import ACTION_OVERDUE, ACTION_RED, INDICATOR_RED
from reminders.models import AlertEmail
from reminders.selectors import long_date


@dataclass
class AlertItem:
    """One alert as an e-mail tells it."""

    title: str
    link: str
    link_text: str
    lines: list[str] = field(default_factory=list)
    why: str = ""
    update_link: str = ""


def alert_message(row: AlertEmail) -> EmailMultiAlternatives | None:
    """The e-mail of a claimed ``AlertEmail``; None (withdrawn unsent) when its person has left the partnership
    or everything it would tell of has been withdrawn."""
    membership = Membership.objects.filter(
        user=row.user, partnership=row.partnership, is_active=True, user__is_active=True
    ).first()
    if membership is None:
        return None
    alerts = [
        notice.alert
        for notice in row.notices.select_related(
            "alert__indicator__priority",
            "alert__indicator__source_agency",
            "alert__action__priority__sponsor_agency",
            "alert__action__lead",
        ).order_by("alert__happened_at", "alert__pk")
    ]
    alerts = [alert for alert in alerts if not (alert.indicator or alert.action).is_withdrawn]
    if not alerts:
        return None
    items = alert_items(alerts, membership)
    name = row.partnership.short_name or row.partnership.name
    if row.digest_day:
        count = "1 alert" if len(items) == 1 else f"{len(items)} alerts"
        subject = f"{name}: {count} for {long_date(row.digest_day)}"
    else:
        subject = f"{name}: {items[0].title}"
    user = row.user
    context = {
        "reminder": row,
        "subject": subject,
        "greeting": user.first_name or user.get_full_name() or "colleague",
        "items": items,
        "digest_day": row.digest_day,
        "preferences_url": settings.SITE_URL + reverse("accounts:notifications"),
    }
    message = EmailMultiAlternatives(
        subject=subject[:200],
        body=render_to_string("reminders/email/alerts.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[str(Address(display_name=user.get_full_name(), addr_spec=user.email))],
    )
    message.attach_alternative(render_to_string("reminders/email/alerts.html", context), "text/html")
    return message


def alert_items(alerts, membership) -> list[AlertItem]:
    """Each alert in words, with its link and why it comes to this person; one query for the updates named."""
    update_ids = [int(alert.occasion) for alert in alerts if alert.kind == ACTION_RED]
    updates = ProgressUpdate.objects.select_related("author").in_bulk(update_ids)
    items = []
    for alert in alerts:
        if alert.kind == INDICATOR_RED:
            items.append(_indicator_red(alert, membership))
        elif alert.kind == ACTION_OVERDUE:
            items.append(_action_overdue(alert, membership))
        else:
            items.append(_action_red(alert, membership, updates.get(int(alert.occasion))))
    return items


def _url(name, pk, anchor="") -> str:
    return f"{settings.SITE_URL}{reverse(name, args=[pk])}{anchor}"


def _priority(priority) -> str:
    return f"Priority {priority.number}: {priority.title}" if priority else ""


def _indicator_red(alert, membership) -> AlertItem:
    indicator = alert.indicator
    lines = [f"Its value for {alert.occasion} is short of its target by more than the amber tolerance."]
    lines.append(f"It was {alert.was}." if alert.was else "It had no rating before.")
    lines += [line for line in (_priority(indicator.priority),) if line]
    if indicator.source_agency_id and membership.agency_id == indicator.source_agency_id:
        why = f"You are a priority sponsor from {indicator.source_agency.name}, which supplies its figures."
    else:
        why = _sponsor_why(indicator.priority, membership)
    return AlertItem(
        title=f"{indicator.code} {indicator.name} turned red",
        link=_url("outcomes:indicator", indicator.pk),
        link_text=f"See {indicator.code}",
        lines=lines,
        why=why,
    )


def _action_overdue(alert, membership) -> AlertItem:
    action = alert.action
    lines = [f"It was due on {long_date(action.due_date)} and is not complete."]
    if action.is_closed:
        lines.append(f"It has since been marked {status_words(action.status)}.")
    elif action.due_date.isoformat() != alert.occasion:
        lines.append(f"Its due date has since changed to {long_date(action.due_date)}.")
    else:
        lines.append(f"Its status is {status_words(action.status)}.")
    lines.append(_priority(action.priority))
    return AlertItem(
        title=f"{action.reference} {action.title} is overdue",
        link=_url("actions:detail", action.pk),
        link_text=f"See {action.reference}",
        lines=lines,
        why=_action_why(action, membership),
        update_link=_url("actions:add_update", action.pk),
    )


def _action_red(alert, membership, update) -> AlertItem:
    action = alert.action
    if update is not None:
        author = update.author.get_full_name() or update.author.email
        before = f" from {alert.was}" if alert.was else ""
        said = (
            f"A progress update by {author} on {long_date(update.update_date)} changed it{before} to Off track (Red)."
        )
    else:
        said = "A progress update changed it to Off track (Red)."
    return AlertItem(
        title=f"{action.reference} {action.title} changed to Red",
        link=_url("actions:detail", action.pk, f"#update-{alert.occasion}"),
        link_text=f"See {action.reference} and the update",
        lines=[said, _priority(action.priority)],
        why=_action_why(action, membership),
    )


def _action_why(action, membership) -> str:
    if action.lead_id == membership.user_id:
        return "You lead this action."
    return _sponsor_why(action.priority, membership)


def _sponsor_why(priority, membership) -> str:
    if priority is not None and priority.sponsor_lead_id == membership.user_id:
        return "You are the sponsor lead of its priority."
    if membership.role == Role.SPONSOR:
        return "You are a sponsor from the agency that sponsors its priority."
    return "Its priority has no sponsor in the portal, so it comes to you as partnership business manager."
