"""The dates of a partnership's steering-group meetings, which *What changed* offers to look back to."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.models import Partnership
from neglect_portal.scoping import PartnershipQuerySet


class SteeringGroupMeetingQuerySet(PartnershipQuerySet):
    def of_partnership(self, partnership):
        """The partnership's meetings, the latest first."""
        return self.filter(partnership=partnership).order_by("-date")

    def last_before(self, partnership, day):
        """The partnership's latest meeting before ``day`` (today, on a meeting's own day, is not yet "since"), or
        None."""
        return self.of_partnership(partnership).filter(date__lt=day).first()


class SteeringGroupMeeting(models.Model):
    """One steering-group meeting of a partnership, on a date. Added and removed by the business manager."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="steering_group_meetings")
    date = models.DateField()
    is_illustrative = models.BooleanField(default=False, help_text="An invented date of the demonstration.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = SteeringGroupMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "date"], name="one_steering_group_meeting_a_day"),
        ]

    def __str__(self):
        return f"{self.partnership} steering group, {self.date:%-d %B %Y}"
