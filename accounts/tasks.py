"""Background jobs of signing in: password-reset e-mails, pruning the audit of access, closing unused accounts."""

from celery import shared_task

from accounts import emails, security_jobs


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def send_password_reset(email):
    """Sent after the request has answered, so known and unknown addresses take the same time."""
    emails.send_password_reset(email)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=240, time_limit=300)
def prune_access_audit():
    return security_jobs.access_audit_prune()


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=540, time_limit=590)
def deactivate_dormant_accounts():
    return security_jobs.dormant_accounts_handle()
