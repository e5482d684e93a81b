"""Telling a temporary SMTP failure from a permanent one, for every e-mail the portal sends.

A temporary failure (a 4xx reply, a refused or dropped connection) may succeed
later and is retried; a permanent one (a 5xx reply, such as an unknown
mailbox) will fail the same way every time and is recorded as failed at once.
"""

import smtplib
from email.utils import parseaddr

# SMTP reply codes below 500 are temporary: the same message may succeed later.
PERMANENT_SMTP_CODE = 500

# Everything Django's SMTP backend may raise when a message cannot be sent.
SENDING_ERRORS = (OSError, smtplib.SMTPException)


def smtp_code(error) -> int | None:
    """The server's reply code, or None when there was no reply (e.g. connection refused)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return min(code for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    return None


def is_permanent_failure(error) -> bool:
    code = smtp_code(error)
    return code is not None and code >= PERMANENT_SMTP_CODE


def describe_failure(error) -> str:
    """The failure in words a business manager can act on, with the server's own reply."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refusals = "; ".join(
            f"{parseaddr(address)[1] or address}: {code} {_text(reply)}"
            for address, (code, reply) in error.recipients.items()
        )
        return f"The mail server refused the address ({refusals})"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"The mail server refused the message ({error.smtp_code} {_text(error.smtp_error)})"
    if isinstance(error, smtplib.SMTPException):
        return f"The mail server stopped responding ({error})"
    return f"The mail server could not be reached ({error})"


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
