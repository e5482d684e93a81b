"""The record of every update reminder and escalation e-mail: one row per person, quarter and kind."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

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


# --- alerts: an indicator turned red, an action overdue or changed to Red (decision 47) ---------------------


class Alert(models.Model):
    """Something a person should hear of now, recorded once however often it is noticed.

    The indicator's alert is one per indicator and period rated red; an overdue action's one per action and due
    date (a new due date that passes is a new alert); an action changed to Red one per progress update.
    """

    class Kind(models.TextChoices):
        INDICATOR_RED = "indicator_red", "Indicator turned red"
        ACTION_OVERDUE = "action_overdue", "Action overdue"
        ACTION_RED = "action_red", "Action changed to Red"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    indicator = models.ForeignKey(
        "outcomes.Indicator", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey("actions.Action", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # What makes it this alert and no other: the period rated red, the due date passed, the progress update.
    occasion = models.CharField(max_length=40)
    # The rating or status before, in words ("Amber in 2026/27 Q1"); empty when there was none.
    was = models.CharField(max_length=100, blank=True)
    happened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["happened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "indicator", "occasion"],
                condition=Q(indicator__isnull=False),
                name="one_alert_per_indicator_occasion",
            ),
            models.UniqueConstraint(
                fields=["kind", "action", "occasion"],
                condition=Q(action__isnull=False),
                name="one_alert_per_action_occasion",
            ),
            models.CheckConstraint(
                condition=(Q(indicator__isnull=False) & Q(action__isnull=True))
                | (Q(indicator__isnull=True) & Q(action__isnull=False)),
                name="alert_about_one_thing",
            ),
        ]

    def __str__(self):
        subject = self.indicator or self.action
        return f"{self.get_kind_display()}: {subject} ({self.occasion})"


class AlertEmail(OutboundMessage):
    """One e-mail of alerts to one person: a single alert straight away, or a day's alerts as a digest."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="alert_emails")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_emails")
    # The day of a digest; empty for an alert sent straight away.
    digest_day = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = "alert e-mail"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "user", "digest_day"],
                condition=Q(digest_day__isnull=False),
                name="one_alert_digest_a_day",
            ),
        ]

    def __str__(self):
        if self.digest_day:
            return f"Alerts of {self.digest_day} to {self.user}"
        return f"Alert to {self.user}"


class AlertNotice(models.Model):
    """One person told of one alert: the pair is unique, so nobody hears of the same thing twice."""

    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", "Straight away"
        DAILY = "daily", "In a daily digest"

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_notices")
    # As the person had chosen when it happened; a digest takes those still waiting each morning.
    delivery = models.CharField(max_length=12, choices=Delivery.choices)
    # The e-mail that tells it; empty while it waits for the next digest.
    email = models.ForeignKey(AlertEmail, on_delete=models.SET_NULL, null=True, blank=True, related_name="notices")
    # Set when it waited for a digest and the person had since chosen no e-mails: never sent.
    dropped_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["alert", "user"], name="one_notice_per_alert_and_person")]
        indexes = [
            models.Index(
                fields=["delivery", "created_at"],
                condition=Q(email__isnull=True, dropped_at__isnull=True),
                name="alert_notice_waiting",
            )
        ]

    def __str__(self):
        return f"{self.alert} to {self.user}"
