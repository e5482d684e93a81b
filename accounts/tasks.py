"""Background jobs of accounts: thin doors that load by primary key and call a service."""

import smtplib

from celery import shared_task

from accounts.invitations import invitation_email_send
from accounts.models import Invitation


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    default_retry_delay=60,
    soft_time_limit=60,
    time_limit=90,  # well below the broker's visibility timeout
)
def send_invitation(self, invitation_id):
    """E-mail an invitation's link (a revoked or accepted invitation is not sent); retried if the server fails."""
    invitation = (
        Invitation.objects.select_related("partnership", "agency", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None:
        return False
    try:
        return invitation_email_send(invitation)
    except (smtplib.SMTPException, OSError) as error:
        raise self.retry(exc=error) from error
