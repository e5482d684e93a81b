"""SMART actions of a strategy's action plan and their append-only progress updates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import Agency
from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.forms import register_choice_words
from neglect_portal.scoping import PartnershipQuerySet
from neglect_portal.versioning import Versioned
from neglect_portal.withdrawal import Withdrawable, WithdrawableQuerySet
from outbound.models import OutboundMessage
from priorities.models import Priority


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


CLOSED_STATUSES = (Status.COMPLETED, Status.CANCELLED)
# How an action without a due date is written in previews and exports; the import reads it back as none.
NO_DUE_DATE = "No due date"

# BRAG rating of each status: blue = complete. ``colour`` names the
# govuk-tag modifier; the words always go with it (never colour alone).
BRAG = {
    Status.NOT_STARTED: ("grey", "Not started"),
    Status.ON_TRACK: ("green", "Green"),
    Status.AT_RISK: ("yellow", "Amber"),
    Status.OFF_TRACK: ("red", "Red"),
    Status.COMPLETED: ("blue", "Blue"),
    Status.CANCELLED: ("grey", "Cancelled"),
}


def status_words(status) -> str:
    """A status as every page and form says it: with its colour word, "At risk (Amber)"."""
    label, brag = Status(status).label, BRAG[status][1]
    return label if brag == label else f"{label} ({brag})"


STATUS_HINTS = {
    Status.NOT_STARTED: "Work on it has not begun",
    Status.ON_TRACK: "Going to plan: it will be done by its due date",
    Status.AT_RISK: "It may miss its due date or not achieve what it should",
    Status.OFF_TRACK: "It will miss its due date or its measure of success unless something changes",
    Status.COMPLETED: "Done: you will be asked what difference it made",
    Status.CANCELLED: "Stopped before it was done: say why",
}
register_choice_words(Status, {status: (status_words(status), STATUS_HINTS[status]) for status in Status})


class ActionQuerySet(PartnershipQuerySet, WithdrawableQuerySet):
    """The action plan's rules as queries, used by pages, the API, the report, reminders and exports alike."""

    partnership_lookup = "priority__strategy__partnership"

    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, on=None):
        """Open actions past their due date on the day ``on`` (today by default); see ``Action.is_overdue``.
        An action with no due date is never overdue: it is flagged for review instead (``without_due_date``)."""
        return self.open().filter(due_date__lt=on or timezone.localdate())

    def without_due_date(self):
        """Open actions with no due date (imported as "Ongoing"), to review: see ``Action.needs_due_date``."""
        return self.open().filter(due_date__isnull=True)

    def sponsored_by(self, agency):
        """Actions of the priorities ``agency`` (an agency or its id) sponsors: "my agency's priorities"."""
        return self.filter(priority__sponsor_agency=agency)

    def without_update_in(self, period):
        """Open actions with no progress update dated in ``period`` ("no update this quarter" is the current one)."""
        updates = ProgressUpdate.objects.filter(action=OuterRef("pk"), update_date__range=(period.start, period.end))
        return self.open().exclude(Exists(updates))


class Action(Versioned, Withdrawable):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(max_length=20, help_text="For example P2.3", validators=[refuse_child_identifiers])
    title = models.CharField("what will be done", max_length=300, validators=[refuse_child_identifiers])
    description = models.TextField(blank=True, validators=[refuse_child_identifiers])
    success_measure = models.TextField("how success will be measured", validators=[refuse_child_identifiers])
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="led_actions")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="led_actions"
    )
    start_date = models.DateField()
    # Empty only for an action imported with no due date ("Ongoing", "TBC"): shown as "No due date: review"
    # until someone sets one (``needs_due_date``). Pages, forms and the API always ask for one.
    due_date = models.DateField(null=True, blank=True)
    original_due_date = models.DateField(
        null=True, blank=True, help_text="The first agreed due date, kept when the due date changes."
    )
    due_date_change_reason = models.TextField(blank=True, validators=[refuse_child_identifiers])
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)
    # What difference it made: asked when the action is marked completed (actions.services.impact_errors).
    impact_statement = models.TextField(
        "what difference it made",
        blank=True,
        validators=[refuse_child_identifiers],
        help_text="Is anyone better off? Needed to mark the action completed.",
    )
    impact_indicators = models.ManyToManyField(
        "outcomes.Indicator", blank=True, related_name="evidenced_actions", verbose_name="indicators showing it"
    )
    impact_findings = models.ManyToManyField(
        "audits.Finding", blank=True, related_name="evidenced_actions", verbose_name="audit findings showing it"
    )
    impact_evidence = models.TextField(
        "other evidence",
        blank=True,
        validators=[refuse_child_identifiers],
        help_text="A note with a link or a file reference, such as https://… or Board-minutes-2026-09.pdf.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["priority__number", "reference"]
        constraints = [
            # A withdrawn action keeps its reference; a new action may take it.
            models.UniqueConstraint(
                fields=["priority", "reference"],
                condition=Q(withdrawn_at__isnull=True),
                name="action_reference_unique_in_priority",
            ),
            models.CheckConstraint(condition=Q(due_date__gte=F("start_date")), name="action_due_not_before_start"),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def partnership_id(self):
        return self.priority.strategy.partnership_id

    def clean(self):
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": "The due date must be on or after the start date."})

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    def is_overdue(self, on=None):
        """The rule of ``Action.objects.overdue`` for one action already in hand."""
        return not self.is_closed and self.due_date is not None and self.due_date < (on or timezone.localdate())

    @property
    def needs_due_date(self) -> bool:
        """The rule of ``Action.objects.without_due_date`` for one action: open, with no due date, to review."""
        return not self.is_closed and self.due_date is None

    @property
    def brag_colour(self):
        return BRAG[self.status][0]

    @property
    def brag_label(self):
        return BRAG[self.status][1]

    @property
    def status_words(self) -> str:
        """Its status with its colour word, "At risk (Amber)" (``status_words``)."""
        return status_words(self.status)

    @property
    def completed_without_impact(self) -> bool:
        """Completed with no statement of what difference it made (actions closed before it was asked):
        flagged, never rewritten."""
        return self.status == Status.COMPLETED and not self.impact_statement.strip()

    @property
    def due_date_changed(self):
        return self.original_due_date is not None and self.original_due_date != self.due_date


class AppendOnlyQuerySet(models.QuerySet):
    """Progress updates are a record: they are added, never changed or removed."""

    def update(self, **kwargs):
        raise PermissionError("Progress updates cannot be changed once recorded.")

    def delete(self):
        raise PermissionError("Progress updates cannot be deleted.")


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates")
    update_date = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=20, choices=Status.choices)
    # The action's status before this update; blank on updates recorded before it was kept.
    previous_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    narrative = models.TextField(validators=[refuse_child_identifiers])
    evidence_url = models.URLField("evidence link", blank=True, max_length=500)
    # Brought in from a spreadsheet with its original date; ``author_name`` is who the file says wrote it.
    imported = models.BooleanField(default=False, editable=False)
    author_name = models.CharField(max_length=200, blank=True, editable=False, validators=[refuse_child_identifiers])
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-update_date", "-created_at"]
        get_latest_by = ["update_date", "created_at"]
        indexes = [
            models.Index(fields=["action", "-update_date"]),
            # The dashboard's newest updates: read in this order and stopped at ten, never sorted in full.
            models.Index(fields=["-update_date", "-created_at"], name="progress_update_newest"),
        ]

    def __str__(self):
        return f"{self.action.reference} update of {self.update_date:%d %b %Y}"

    # Integrity, not business logic: an update is immutable once saved.
    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Progress updates cannot be changed once recorded.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Progress updates cannot be deleted.")

    @property
    def changed_status(self) -> bool:
        """The update moved the action from one status to another (its narrative says why)."""
        return bool(self.previous_status) and self.previous_status != self.status

    @property
    def status_words(self) -> str:
        return status_words(self.status)

    @property
    def previous_status_words(self) -> str:
        return status_words(self.previous_status) if self.previous_status else ""

    @property
    def byline(self) -> str:
        """Who wrote it and what it did to the status, as the dashboard and the action's page say it:
        "Lee Example – status changed from On track (Green) to At risk (Amber)"."""
        author = self.author_name or self.author.get_full_name() or self.author.email
        if self.changed_status:
            return f"{author} – status changed from {self.previous_status_words} to {self.status_words}"
        return f"{author} – {self.status_words}"


# --- the discussion on an action ---------------------------------------------------------------

COMMENT_MAX_LENGTH = 2000


class CommentQuerySet(PartnershipQuerySet, WithdrawableQuerySet):
    partnership_lookup = "action__priority__strategy__partnership"


class Comment(Withdrawable):
    """One message of the discussion on an action: the steering group and sponsors ask, the lead answers.

    Plain text, kept for good: its author may withdraw it (decision 11), never delete or change it.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_comments")
    # The author's agency when they wrote it: the thread says who spoke for whom, even after they move.
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.TextField(validators=[refuse_child_identifiers, MaxLengthValidator(COMMENT_MAX_LENGTH)])
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()
    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["action", "created_at"], name="comment_thread")]

    def __str__(self):
        return f"Comment on {self.action.reference} by {self.author}"


class CommentEmail(OutboundMessage):
    """The e-mail telling one person of one new comment: once per comment and person (by ``outbound``)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="emails")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["comment", "user"]
        verbose_name = "comment e-mail"
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="one_comment_email_per_person")]

    def __str__(self):
        return f"{self.comment} to {self.user}"
