"""Strategies and their numbered priorities, each sponsored by a lead agency."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from accounts.models import Agency, Partnership
from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.scoping import PartnershipQuerySet, check_in_partnership
from neglect_portal.versioning import Versioned


class StrategyQuerySet(PartnershipQuerySet):
    def active(self):
        """Strategies being delivered now; a partnership has at most one (a database constraint)."""
        return self.filter(status=Strategy.Status.ACTIVE)

    def active_for(self, partnership):
        """The partnership's active strategy, or None."""
        return self.active().filter(partnership=partnership).first()


# The years a strategy's title names: "2021–2024", "2021-24", "2021 to 2024".
TITLE_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*(?:[-–—/]|to)\s*((?:19|20)?\d\d)\b")


class Strategy(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        ARCHIVED = "archived", "Archived"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="strategies")
    title = models.CharField(max_length=200, validators=[refuse_child_identifiers])
    start_date = models.DateField()
    end_date = models.DateField()
    vision = models.TextField(blank=True, validators=[refuse_child_identifiers])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="followed_by",
        help_text="The strategy this one was rolled over from.",
    )
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name_plural = "strategies"
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="strategy_ends_after_start"),
            models.UniqueConstraint(
                fields=["partnership"], condition=Q(status="active"), name="one_active_strategy_per_partnership"
            ),
            models.UniqueConstraint(fields=["partnership", "title"], name="strategy_title_unique_in_partnership"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    @property
    def is_archived(self) -> bool:
        return self.status == Strategy.Status.ARCHIVED

    @property
    def extended_beyond_title(self) -> bool:
        """Whether the strategy runs on past the years its title names ("Strategy 2021–2024" running to March
        2027): partnerships extend a strategy while its successor is written, and keep its title."""
        found = TITLE_YEARS.findall(self.title or "")
        if not found or self.end_date is None:
            return False
        first, last = found[-1]
        last_year = int(last) if len(last) == 4 else int(first[:2] + last)
        return self.end_date > datetime.date(last_year + 1, 3, 31)


def refuse_if_archived(strategy) -> None:
    """Nothing changes the priorities and actions of an archived strategy (a 403 on pages and the API)."""
    if strategy.is_archived:
        when = f" on {strategy.archived_at:%-d %B %Y}" if strategy.archived_at else ""
        raise PermissionDenied(
            f"{strategy.title} was archived{when}: its priorities and actions are kept as they were "
            "and can no longer be changed."
        )


class Principle(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="principles")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200, validators=[refuse_child_identifiers])
    description = models.TextField(blank=True, validators=[refuse_child_identifiers])

    class Meta:
        ordering = ["strategy", "position"]

    def __str__(self):
        return self.title


class PriorityQuerySet(PartnershipQuerySet):
    partnership_lookup = "strategy__partnership"


class Priority(Versioned):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=250, validators=[refuse_child_identifiers])
    description = models.TextField(blank=True, validators=[refuse_child_identifiers])
    sponsor_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="sponsored_priorities")
    sponsor_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsored_priorities",
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="carried_to",
        help_text="The priority of the previous strategy this one carries on.",
    )

    history = HistoricalRecords()
    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="priority_number_unique_in_strategy"),
            models.CheckConstraint(condition=Q(number__gte=1), name="priority_number_positive"),
        ]

    def __str__(self):
        return f"Priority {self.number}: {self.title}"

    @property
    def partnership_id(self):
        return self.strategy.partnership_id

    def clean(self):
        if self.strategy_id:  # the forms and the API offer no others: this is the second line
            check_in_partnership(
                self.strategy.partnership_id,
                sponsor_agency=self.sponsor_agency if self.sponsor_agency_id else None,
                sponsor_lead=self.sponsor_lead,
            )


class Quarter(models.Model):
    """A strategy's quarter once someone has acted on it: signed off, then locked when its report is issued.

    Before sign-off a quarter is *open*, then *collecting* from ``partnership.reminder_working_days``
    working days before it ends (worked out, not stored: see ``priorities.selectors.quarter_status``).
    """

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="quarters")
    period = models.CharField(max_length=12, help_text="The financial-year quarter, for example 2026/27 Q2.")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sign_off_reason = models.TextField(
        "why it was signed off with data missing", blank=True, validators=[refuse_child_identifiers]
    )
    missing_at_sign_off = models.JSONField(
        default=list, blank=True, help_text="What the checklist showed missing when the quarter was signed off."
    )
    locked_at = models.DateTimeField(null=True, blank=True, help_text="When its report was issued.")
    # The last withdrawal of a sign-off before the lock; each one is also a row of the history.
    sign_off_withdrawn_at = models.DateTimeField(null=True, blank=True)
    sign_off_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sign_off_withdrawal_reason = models.TextField(
        "why the sign-off was withdrawn", blank=True, validators=[refuse_child_identifiers]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "period"], name="one_quarter_record_per_strategy_period"),
            models.CheckConstraint(
                condition=Q(locked_at__isnull=True) | Q(signed_off_at__isnull=False),
                name="quarter_locked_only_after_sign_off",
            ),
        ]

    def __str__(self):
        return f"{self.strategy} — {self.period}"


class QuarterCorrection(models.Model):
    """A change to a locked quarter's figures or progress updates: who, when, what and why.

    Listed in the next report issued under "Corrections to earlier figures".
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="quarter_corrections")
    period = models.CharField(max_length=12, help_text="The locked quarter the correction is to.")
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=300, help_text="What was corrected, for example “CP-01 2026/27 Q2”.")
    change = models.TextField(help_text="What changed, for example “120 → 118”.")
    reason = models.TextField(validators=[refuse_child_identifiers])

    class Meta:
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["partnership", "recorded_at"])]

    def __str__(self):
        return f"{self.subject}: {self.change}"
