"""Telling temporary SMTP failures from permanent ones, and saying what went wrong in words."""

import smtplib

import pytest

from outbound.smtp import describe_failure, is_permanent_failure, smtp_code


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPDataError(451, b"4.3.0 Try again later"), False),
        (smtplib.SMTPDataError(550, b"5.1.1 Mailbox does not exist"), True),
        (smtplib.SMTPSenderRefused(553, b"5.7.1 Sender refused", "no-reply@example.org"), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"No such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"No"), "b@example.org": (452, b"Full")}), False),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False),
        (ConnectionRefusedError(111, "Connection refused"), False),
        (TimeoutError("timed out"), False),
    ],
)
def test_only_a_5xx_reply_is_a_permanent_failure(error, permanent):
    assert is_permanent_failure(error) is permanent


def test_a_failure_without_a_reply_has_no_code():
    assert smtp_code(ConnectionRefusedError(111, "Connection refused")) is None


def test_failures_are_described_with_the_servers_own_words():
    assert describe_failure(smtplib.SMTPDataError(550, b"5.1.1 Mailbox does not exist")) == (
        "The mail server refused the message (550 5.1.1 Mailbox does not exist)"
    )
    assert describe_failure(smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"No such user")})) == (
        "The mail server refused the address (a@example.org: 550 No such user)"
    )
    assert describe_failure(ConnectionRefusedError(111, "Connection refused")) == (
        "The mail server could not be reached ([Errno 111] Connection refused)"
    )
    assert describe_failure(smtplib.SMTPServerDisconnected("Connection unexpectedly closed")) == (
        "The mail server stopped responding (Connection unexpectedly closed)"
    )
