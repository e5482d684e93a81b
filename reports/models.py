"""Quarterly board reports, who they go to, and the record of every e-mail of them sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import Partnership
from neglect_portal.child_identifiers import refuse_child_identifiers
from outbound.models import OutboundMessage
from priorities.models import Strategy


class DistributionList(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        STEERING = "steering", "Steering group"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="distribution_lists")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BOARD)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind"], name="one_distribution_list_per_kind"),
        ]

    def __str__(self):
        return self.name


class Recipient(models.Model):
    """Someone on a distribution list: a portal user or just a name and address."""

    distribution_list = models.ForeignKey(DistributionList, on_delete=models.CASCADE, related_name="recipients")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    organisation = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    is_active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["distribution_list", "name"]
        constraints = [
            models.UniqueConstraint(fields=["distribution_list", "email"], name="recipient_unique_in_list"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class QuarterlyReportQuerySet(models.QuerySet):
    def latest_versions(self):
        """Each report as it stands: the version no later correction replaces (every draft is one)."""
        return self.filter(corrected_by__isnull=True)

    def originals(self):
        """Each report's first version: the one issued (or prepared) for its quarter, before any correction."""
        return self.filter(version=1)


class QuarterlyReport(models.Model):
    """One report per strategy and quarter. Frozen as a snapshot when issued.

    A correction of an issued report is a new version of it: a row of its own (its own snapshot, PDF and
    e-mails) with the next ``version`` number, ``corrects`` naming the version it replaces and a note of
    what changed; the earlier version is kept as it was (docs/decisions/0035-corrections-to-a-sent-report.md).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Issued"
        SENT = "sent", "Sent"

    class Recommendation(models.TextChoices):
        """What the steering group asks of the board, as board papers say at their top."""

        INFORMATION = "information", "For information"
        NOTE = "note", "To note"
        DECIDE = "decide", "To decide"

    class Assurance(models.TextChoices):
        """How far the steering group is assured the strategy is working (the usual four-level opinion)."""

        SUBSTANTIAL = "substantial", "Substantial assurance"
        REASONABLE = "reasonable", "Reasonable assurance"
        LIMITED = "limited", "Limited assurance"
        NONE = "none", "No assurance"

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="reports")
    period = models.CharField(max_length=12, help_text="The financial-year quarter, for example 2023/24 Q1.")
    period_start = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    going_well = models.TextField("what is going well", blank=True, validators=[refuse_child_identifiers])
    worrying = models.TextField("what is worrying", blank=True, validators=[refuse_child_identifiers])
    decisions = models.TextField("decisions asked of the board", blank=True, validators=[refuse_child_identifiers])
    issues_and_risks = models.TextField(
        "issues and risks for the board", blank=True, validators=[refuse_child_identifiers]
    )
    voice = models.TextField(
        "voice of children, families and practitioners", blank=True, validators=[refuse_child_identifiers]
    )
    learning = models.TextField(
        "learning from reviews and inspections", blank=True, validators=[refuse_child_identifiers]
    )
    board_recommendation = models.CharField(
        "recommendation to the board", max_length=12, choices=Recommendation.choices, blank=True
    )
    assurance_level = models.CharField("level of assurance", max_length=12, choices=Assurance.choices, blank=True)
    commentary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    commentary_at = models.DateTimeField("commentary last changed", null=True, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    snapshot_at = models.DateTimeField(
        "figures as at", null=True, blank=True, editable=False, help_text="When the figures were last built."
    )
    pdf = models.FileField(upload_to="reports/%Y/", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="corrected_by",
        help_text="The earlier version this version corrects (each version is corrected at most once).",
    )
    correction_note = models.TextField(
        "what changed", blank=True, editable=False, validators=[refuse_child_identifiers]
    )

    history = HistoricalRecords(excluded_fields=["snapshot"])
    objects = QuarterlyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "period", "version"], name="one_report_version_per_strategy_quarter"
            ),
            models.CheckConstraint(
                condition=(Q(version=1) & Q(corrects__isnull=True)) | (Q(version__gt=1) & Q(corrects__isnull=False)),
                name="report_correction_names_the_version_it_corrects",
            ),
        ]

    def __str__(self):
        if self.version > 1:
            return f"{self.strategy} — {self.period}, version {self.version}"
        return f"{self.strategy} — {self.period}"

    @property
    def is_correction(self) -> bool:
        return self.version > 1

    @property
    def next_version(self) -> "QuarterlyReport | None":
        """The version that corrects this one, or None (``select_related("corrected_by")`` saves the query)."""
        try:
            return self.corrected_by
        except QuarterlyReport.DoesNotExist:
            return None


class Delivery(OutboundMessage):
    """One e-mail of one issued report to one recipient: sent once, never silently lost (by ``outbound``)."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="deliveries")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When sending was last asked for: the daily job requeues forgotten ones."
    )

    class Meta:
        ordering = ["report", "name"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["report", "email"], name="one_delivery_per_recipient"),
        ]

    def __str__(self):
        return f"{self.report} to {self.email}: {self.get_status_display()}"

    @classmethod
    def waiting_again_changes(cls) -> dict:
        # A retry is a new request to send: the daily job leaves it to the retry until it is forgotten.
        return {"queued_at": timezone.now()}


class SignOffDue(OutboundMessage):
    """The e-mail telling a business manager that a quarter's report is due but the quarter is not signed
    off: once per strategy, quarter and person (by ``outbound``)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="sign_off_reminders")
    period = models.CharField(max_length=12)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "user"]
        verbose_name = "sign-off due e-mail"
        constraints = [
            models.UniqueConstraint(fields=["strategy", "period", "user"], name="one_sign_off_due_per_person"),
        ]

    def __str__(self):
        return f"{self.period} sign-off due to {self.user}"
