"""The daily job on and around the send day of 2026/27 Q2 (21 October 2026), with and without sign-off.

Only a signed-off quarter is issued and sent; for one that is due but not signed off, each business
manager gets one e-mail for the quarter, however often the job runs, and the report waits until someone
signs the quarter off.
"""

from django.core import mail
from freezegun import freeze_time

from outbound.services import message_send
from priorities.models import Quarter
from reports import services
from reports.models import Delivery, QuarterlyReport, SignOffDue
from reports.tasks import issue_due_reports
from tests.reports.conftest import membership_of, signed_off

SEND_DAY = "2026-10-21 06:00:00"


def run_daily_job(django_capture_on_commit_callbacks, moment):
    with freeze_time(moment), django_capture_on_commit_callbacks(execute=True):
        return issue_due_reports.apply().result


def to(address):
    return [m for m in mail.outbox if address in m.to[0]]


def board_e_mails():
    return [m for m in mail.outbox if "neglect strategy report" in m.subject]


def test_on_the_send_day_a_signed_off_quarter_is_issued_sent_and_locked(world, django_capture_on_commit_callbacks):
    signed_off(world)
    run_daily_job(django_capture_on_commit_callbacks, SEND_DAY)
    report = QuarterlyReport.objects.get(strategy=world.strategy)
    assert report.status == "sent" and len(board_e_mails()) == 2
    assert Quarter.objects.get(strategy=world.strategy).locked_at is not None
    assert to("alice@example.org") == []  # nothing to tell Northshire's business manager


def test_on_the_send_day_a_quarter_not_signed_off_is_not_issued_and_the_business_manager_is_told_once(
    world, draft, django_capture_on_commit_callbacks
):
    run_daily_job(django_capture_on_commit_callbacks, SEND_DAY)
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-21 06:00:05")
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-22 06:00:00")
    draft.refresh_from_db()
    assert draft.status == "draft" and not Delivery.objects.exists() and board_e_mails() == []
    [message] = to("alice@example.org")
    assert (
        message.subject
        == "Northshire Safeguarding Children Partnership: the 2026/27 Q2 report is due but not signed off"
    )
    assert "was due to go to the" in message.body and "Wednesday 21 October 2026" in message.body
    assert f"/reports/{draft.pk}/sign-off/" in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert to("steve@example.org") == [] and to("bea@example.org") == []


def test_the_day_before_the_send_day_nobody_is_told_and_nothing_is_issued(world, django_capture_on_commit_callbacks):
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-20 06:00:00")
    assert mail.outbox == [] and not QuarterlyReport.objects.exists() and not SignOffDue.objects.exists()


def test_a_quarter_signed_off_after_the_send_day_goes_with_the_next_days_job(
    world, draft, django_capture_on_commit_callbacks
):
    run_daily_job(django_capture_on_commit_callbacks, SEND_DAY)
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    with freeze_time("2026-10-21 15:00:00"):
        services.report_sign_off(membership_of(world.alice), draft, reason="TR-01 was late from health.")
    run_daily_job(django_capture_on_commit_callbacks, "2026-10-22 06:00:00")
    draft.refresh_from_db()
    assert draft.status == "sent" and len(board_e_mails()) == 2
    assert draft.snapshot["sign_off"]["reason"] == "TR-01 was late from health."
    assert len(to("alice@example.org")) == 1  # the one sign-off e-mail of the send day, no more


def test_a_sign_off_e_mail_still_waiting_when_the_quarter_is_signed_off_is_withdrawn_unsent(
    world, draft, django_capture_on_commit_callbacks
):
    with freeze_time(SEND_DAY):
        services.sign_off_due_notify(world.strategy, draft_period(draft))  # queued, not yet sent
    signed_off(world)
    row = SignOffDue.objects.get()
    message_send(services.SIGN_OFF_DUE, row.pk)
    assert mail.outbox == [] and not SignOffDue.objects.filter(pk=row.pk).exists()


def draft_period(report):
    from neglect_portal.periods import Period

    return Period.parse(report.period)


def test_a_sign_off_withdrawn_before_the_send_day_is_not_issued_and_the_business_manager_is_told(
    world, draft, django_capture_on_commit_callbacks
):
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    with freeze_time("2026-10-05 10:00"):
        services.report_sign_off(membership_of(world.alice), draft, reason="Health could not supply TR-01.")
        services.report_sign_off_withdraw(membership_of(world.alice), draft, reason="The ICB has sent TR-01.")
    run_daily_job(django_capture_on_commit_callbacks, SEND_DAY)
    draft.refresh_from_db()
    assert draft.status == "draft" and board_e_mails() == []
    assert Quarter.objects.get(strategy=world.strategy).locked_at is None
    [message] = to("alice@example.org")
    assert "is due but not signed off" in message.subject
