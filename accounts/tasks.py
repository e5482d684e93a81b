"""Background jobs of signing in: password-reset e-mails, pruning the access audit, closing unused accounts."""

from celery import shared_task

from accounts import emails, services


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def send_password_reset(email):
    """Sent after the request has answered, so known and unknown addresses take the same time."""
    emails.send_password_reset(email)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=240, time_limit=300)
def prune_access_audit():
    return services.access_audit_prune()


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=540, time_limit=590)
def deactivate_dormant_accounts():
    return services.dormant_accounts_handle()
