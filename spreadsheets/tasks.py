"""Background jobs of the imports: thin doors that load by primary key and call a service.

Checking and importing a file of up to ``IMPORT_MAX_ROWS`` rows runs here, never in a request.
Each task acknowledges its message only when it has finished and gives it back if its worker
dies; the service claims its upload by status, so a task delivered twice does its work once. The
hard time limit stays below the broker's visibility timeout; at the soft limit the upload is
refused with the reason, and nothing is imported.
"""

from celery import shared_task

from accounts.models import Membership
from spreadsheets import services

LIMITS = {"acks_late": True, "reject_on_worker_lost": True, "soft_time_limit": 540, "time_limit": 600}


def _membership(pk):
    return Membership.objects.select_related("partnership", "user", "agency").filter(pk=pk).first()


@shared_task(**LIMITS)
def check_upload(upload_pk, membership_pk):
    """Check every row of an uploaded file and keep what it would change, or its problems."""
    membership = _membership(membership_pk)
    if membership is not None:
        services.upload_check(membership, upload_pk)


@shared_task(**LIMITS)
def import_upload(upload_pk, membership_pk):
    """Import a confirmed file, all or nothing."""
    membership = _membership(membership_pk)
    if membership is not None:
        services.upload_import(membership, upload_pk)
