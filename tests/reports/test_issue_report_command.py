"""``manage.py issue_report``: what the daily job does, for one partnership and quarter, from the shell."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from freezegun import freeze_time

from reports.models import QuarterlyReport
from tests.reports.conftest import signed_off


def issue_report(*args):
    out = StringIO()
    with freeze_time("2026-10-12 09:00:00"):
        call_command("issue_report", *args, stdout=out)
    return out.getvalue()


def test_the_command_issues_a_report_without_sending_it(world, django_capture_on_commit_callbacks):
    signed_off(world)
    with django_capture_on_commit_callbacks(execute=True):  # the PDF is rendered once the report is committed
        out = issue_report("--partnership", "northshire", "--period", "2026/27 Q2")
    report = QuarterlyReport.objects.get(strategy=world.strategy)
    assert report.status == "issued" and report.pdf and report.issued_by is None
    assert out.strip() == f"The 2026/27 Q2 report of {world.strategy.title} is issued."
    assert mail.outbox == []


def test_the_command_with_send_e_mails_the_board_once_however_often_it_runs(world, django_capture_on_commit_callbacks):
    signed_off(world)
    with django_capture_on_commit_callbacks(execute=True):
        out = issue_report("--partnership", "northshire", "--period", "2026/27 q2", "--send")
    with django_capture_on_commit_callbacks(execute=True):
        issue_report("--partnership", "northshire", "--period", "2026/27 Q2", "--send")
    assert "is sent; 2 e-mails queued or sent." in out
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--partnership", "nowhere", "--period", "2026/27 Q2"], "no partnership with the slug “nowhere”"),
        (["--partnership", "northshire", "--period", "Q2 2026"], "is not a period"),
        (["--partnership", "northshire", "--period", "2026/27"], "Choose a quarter that has already begun"),
        (["--partnership", "northshire", "--period", "2027/28 Q1"], "Choose a quarter that has already begun"),
    ],
)
def test_the_command_explains_what_is_wrong_and_changes_nothing(world, args, message):
    with pytest.raises(CommandError, match=message):
        issue_report(*args)
    assert not QuarterlyReport.objects.exists()


def test_the_command_refuses_a_quarter_not_signed_off_and_issues_nothing(world):
    with pytest.raises(CommandError, match=r"2026/27 Q2 has not been signed off"):
        issue_report("--partnership", "northshire", "--period", "2026/27 Q2", "--send")
    assert QuarterlyReport.objects.get(strategy=world.strategy).status == "draft"
    assert mail.outbox == []


def test_the_command_says_so_when_the_board_list_is_empty(world):
    signed_off(world)
    world.board_list.recipients.update(is_active=False)
    with pytest.raises(CommandError, match=r"is issued but was not sent\. The board distribution list has no active"):
        issue_report("--partnership", "northshire", "--period", "2026/27 Q2", "--send")
