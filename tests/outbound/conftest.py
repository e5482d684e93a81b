"""One waiting row of each kind of automatic e-mail, so the engine's tests run for every kind.

A new kind registered with ``outbound.kinds.register`` adds its example here:
``test_every_registered_kind_is_tested`` fails until it does.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from actions.models import Action
from neglect_portal.periods import Period
from reminders.models import Reminder
from reports.models import Delivery, QuarterlyReport


def report_delivery(cast):
    report = QuarterlyReport.objects.create(
        strategy=cast.strategy, period="2026/27 Q2", period_start=datetime.date(2026, 7, 1), status="issued"
    )
    return Delivery.objects.create(report=report, name="Bea Example", email="bea@example.org")


def reminder(cast):
    # Lee's action has had no update this quarter, whatever day the test runs (a worker process has the real clock).
    Action.objects.filter(pk=cast.a21.pk).update(start_date=datetime.date(2024, 4, 1))
    period = Period.quarter_of(timezone.localdate())
    return Reminder.objects.create(partnership=cast.partnership, user=cast.lee, period=period.label, kind="update_due")


def invitation(cast):
    from accounts.models import Invitation, InvitationEmail

    invitation = Invitation.objects.create(
        partnership=cast.partnership,
        email="nina@example.org",
        role="lead",
        invited_by=cast.alice,
        nonce="0" * 32,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    return InvitationEmail.objects.create(invitation=invitation, nonce=invitation.nonce)


def password_reset(cast):
    from accounts.models import AccountEmail

    return AccountEmail.objects.create(kind="password_reset", user=cast.lee)


def dormancy_warning(cast):
    from accounts.models import AccountEmail

    return AccountEmail.objects.create(kind="dormancy_warning", user=cast.bea, deactivate_on=datetime.date(2027, 1, 31))


def sign_off_due(cast):
    from reports.models import SignOffDue

    closed = Period.quarter_of(timezone.localdate()).previous()
    return SignOffDue.objects.create(strategy=cast.strategy, period=closed.label, user=cast.alice)


def failure_digest(cast):
    from reminders.models import FailureDigest

    now = timezone.now()
    failed = report_delivery(cast)
    Delivery.objects.filter(pk=failed.pk).update(status="failed", failed_at=now, last_error="550 No such user")
    return FailureDigest.objects.create(
        partnership=cast.partnership,
        user=cast.alice,
        day=timezone.localdate(now),
        window_start=now - datetime.timedelta(days=1),
        window_end=now + datetime.timedelta(seconds=1),
    )


def action_comment(cast):
    from actions.models import Comment, CommentEmail

    comment = Comment.objects.create(action=cast.a21, author=cast.sam, agency=cast.health, text="Any news?")
    return CommentEmail.objects.create(comment=comment, user=cast.lee)


def alert(cast):
    from reminders.models import Alert, AlertEmail, AlertNotice

    overdue = Alert.objects.create(
        partnership=cast.partnership, kind="action_overdue", action=cast.a21, occasion=cast.a21.due_date.isoformat()
    )
    email = AlertEmail.objects.create(partnership=cast.partnership, user=cast.lee)
    AlertNotice.objects.create(alert=overdue, user=cast.lee, delivery="immediately", email=email)
    return email


EXAMPLES = {
    "alert": (alert, "lee@example.org"),
    "action_comment": (action_comment, "lee@example.org"),
    "failure_digest": (failure_digest, "alice@example.org"),
    "sign_off_due": (sign_off_due, "alice@example.org"),
    "dormancy_warning": (dormancy_warning, "bea@example.org"),
    "password_reset": (password_reset, "lee@example.org"),
    "invitation": (invitation, "nina@example.org"),
    "report_delivery": (report_delivery, "bea@example.org"),
    "reminder": (reminder, "lee@example.org"),
}


@pytest.fixture(params=sorted(EXAMPLES))
def outbound(request, cast):
    """A waiting row of one kind, the kind's name, and the address its e-mail goes to."""
    make, address = EXAMPLES[request.param]
    row = make(cast)
    return SimpleNamespace(kind=request.param, row=row, model=type(row), address=address)
