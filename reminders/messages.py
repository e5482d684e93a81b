"""What a reminder or escalation e-mail says. The engine in ``outbound`` sends it."""

from __future__ import annotations

from email.headerregistry import Address

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from outbound import selectors as outbound_selectors
from reminders.models import FailureDigest, Reminder
from reminders.selectors import DueReminder, reminder_content

# The failures a digest lists one by one; beyond them it gives the number and the dashboard.
DIGEST_LIMIT = 50


def reminder_message(reminder: Reminder) -> EmailMultiAlternatives | None:
    """The e-mail of a claimed reminder row, worked out as of today; None when nothing is left to say.

    Worked out when sending, so an update added or a person who left since the
    row was created is taken into account; the engine then withdraws the row,
    so a later need is reminded afresh.
    """
    content = reminder_content(reminder, timezone.localdate())
    return _message_for(content) if content is not None else None


def _message_for(content: DueReminder) -> EmailMultiAlternatives:
    user = content.user
    context = {
        "reminder": content,
        "subject": content.subject,
        "greeting": user.first_name or user.get_full_name() or "colleague",
        "my_actions_url": settings.SITE_URL + reverse("actions:mine"),
        "site_url": settings.SITE_URL,
    }
    name = f"reminders/email/{content.kind}"
    message = EmailMultiAlternatives(
        subject=content.subject,
        body=render_to_string(f"{name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[str(Address(display_name=user.get_full_name(), addr_spec=user.email))],
    )
    message.attach_alternative(render_to_string(f"{name}.html", context), "text/html")
    return message


def failure_digest_message(digest: FailureDigest) -> EmailMultiAlternatives | None:
    """The daily list of a partnership's e-mails that could not be sent; None when they have all been dealt with."""
    total, failures = outbound_selectors.failures(
        digest.partnership_id, since=digest.window_start, until=digest.window_end, limit=DIGEST_LIMIT
    )
    if not total:
        return None
    user = digest.user
    count = "1 e-mail" if total == 1 else f"{total} e-mails"
    subject = f"{digest.partnership.name}: {count} could not be sent"
    context = {
        "reminder": digest,
        "subject": subject,
        "greeting": user.first_name or user.get_full_name() or "colleague",
        "total": total,
        "failures": [{"failure": f, "url": settings.SITE_URL + f.link if f.link else ""} for f in failures],
        "more": total - len(failures),
        "dashboard_url": settings.SITE_URL + reverse("accounts:dashboard"),
    }
    name = "reminders/email/failure_digest"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[str(Address(display_name=user.get_full_name(), addr_spec=user.email))],
    )
    message.attach_alternative(render_to_string(f"{name}.html", context), "text/html")
    return message
