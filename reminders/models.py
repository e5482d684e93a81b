"""The record of every update reminder and escalation e-mail: one row per person, quarter and kind."""

from django.conf import settings
from django.db import models

from accounts.models import Partnership
from outbound.models import OutboundMessage


class Reminder(OutboundMessage):
    """A reminder or escalation e-mail: sent once per person, quarter and kind (by ``outbound``)."""

    class Kind(models.TextChoices):
        UPDATE_DUE = "update_due", "Update due before quarter end"
        ESCALATION = "escalation", "Escalation to sponsor"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    period = models.CharField(max_length=12)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["-period", "user"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user", "period", "kind"], name="one_reminder_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.user} for {self.period}"


class FailureDigest(OutboundMessage):
    """The daily e-mail to a business manager listing the partnership's e-mails that could not be sent.

    One per person, partnership and day; it covers the failures from the end of the
    partnership's previous digest (or a day back) to when it was made.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="failure_digests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="failure_digests")
    day = models.DateField()
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()

    class Meta:
        ordering = ["-day", "user"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user", "day"], name="one_failure_digest_a_day"),
        ]

    def __str__(self):
        return f"Failed e-mails of {self.day} to {self.user}"
