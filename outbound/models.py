"""The life of one automatic e-mail to one person, shared by every kind of message the portal sends."""

from django.db import models


class OutboundMessage(models.Model):
    """Abstract: one e-mail to one person, sent at most once and never silently lost.

    A concrete model (a report delivery, a reminder, ...) adds who it goes to and
    what it is about; :mod:`outbound.services` moves every one of them through
    pending → sending → sent / failed the same way (docs/decisions/0008-one-outbound-engine.md).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When it was given up on: the business manager hears of the failures of each day once.
    failed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # When a worker is expected to pick the row up (now, or when its retry is due); empty when its
    # hand-over to the broker failed. The sweeper hands waiting rows past this moment to the workers again.
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def waiting_again_changes(cls) -> dict:
        """Extra columns to set whenever a message goes back to wait for another try."""
        return {}
