"""``manage.py send_reminders``: a dry run says who and why; a real run sends each e-mail once."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from freezegun import freeze_time

from actions.models import Action
from reminders.models import Reminder
from tests import factories as f


@pytest.fixture
def plan(cast):
    """The cast's plan entered in April 2026 and updated in Q2; Southshire's action is complete."""
    Action.objects.update(created_at=timezone.make_aware(datetime.datetime(2026, 4, 1, 9)))
    Action.objects.filter(pk=cast.other_action.pk).update(status="completed")
    for action in (cast.a11, cast.a21):
        f.ProgressUpdateFactory(action=action, author=cast.alice, update_date=datetime.date(2026, 8, 14))
    return cast


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_lists_who_would_be_emailed_and_why_and_sends_nothing(plan):
    output = run("--dry-run", "--date", "2027-01-04")
    assert "due on Monday 4 January 2027 (dry run: none sent)" in output
    assert "Northshire Safeguarding Children Partnership" in output
    assert "Escalation to sponsor, 2026/27 Q3: Sam Example <sam@example.org> — would be sent" in output
    assert "Priority 1: You are the sponsor lead of this priority." in output
    assert "P1.1 Train health visitors: No progress update in 2026/27 Q3" in output
    assert "Alice Example <alice@example.org>" in output, "P2 has no sponsor: its escalation goes to the manager"
    assert "2 e-mails would be sent." in output
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_a_dry_run_on_a_quiet_day_says_nothing_is_due(plan):
    assert "Nothing is due." in run("--dry-run", "--date", "2026-12-14")


def test_the_dry_run_uses_today_when_no_date_is_given(plan):
    with freeze_time("2026-12-15"):
        output = run("--dry-run")
    assert "Tuesday 15 December 2026" in output
    assert "Update due before quarter end, 2026/27 Q3: Lee Example <lee@example.org>" in output


# Committed as a shell command's run is, so the sends queued after commit go at once.
@pytest.mark.django_db(transaction=True)
def test_sending_reports_each_email_and_a_second_run_sends_nothing_more(plan):
    with freeze_time("2026-12-15"):
        output = run()
        again = run()
        dry = run("--dry-run")
    assert "Update due before quarter end, 2026/27 Q3 to lee@example.org — sent" in output
    assert "1 reminder e-mail queued." in output
    assert "0 reminder e-mails queued." in again
    assert "already sent, not sent again" in dry and "0 e-mails would be sent." in dry
    assert [m.to for m in mail.outbox] == [["Lee Example <lee@example.org>"]]


def test_a_date_that_is_not_a_date_is_refused_with_an_example(plan):
    with pytest.raises(CommandError, match=r"write it as YYYY-MM-DD, for example 2026-12-15"):
        run("--date", "15/12/2026")
    assert not Reminder.objects.exists()
