"""What the e-mail about a new comment on an action says. The engine in ``outbound`` sends it."""

from __future__ import annotations

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Membership


def comment_message(row) -> EmailMultiAlternatives | None:
    """The e-mail of a claimed ``CommentEmail`` row; None (the row is withdrawn unsent) once the comment or its
    action has been withdrawn, or the person is no longer an active member of the partnership."""
    comment = row.comment
    action = comment.action
    partnership = action.priority.strategy.partnership
    if comment.is_withdrawn or action.is_withdrawn:
        return None
    member = Membership.objects.filter(user=row.user, partnership=partnership, is_active=True, user__is_active=True)
    if not member.exists():
        return None
    author = comment.author.get_full_name() or comment.author.email
    context = {
        "name": row.user.get_full_name() or row.user.email,
        "author": author,
        "comment": comment,
        "action": action,
        "partnership": partnership,
        "link": f"{settings.SITE_URL}{reverse('actions:detail', args=[action.pk])}#comment-{comment.pk}",
    }
    subject = f"{partnership.short_name or partnership.name}: {author} commented on {action.reference} {action.title}"
    text = render_to_string("actions/email/comment.txt", context)
    return EmailMultiAlternatives(subject[:200], text, to=[formataddr((context["name"], row.user.email))])
