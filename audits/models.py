"""Audits, learning reviews and inspections, their findings and recommendations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import Agency, Partnership
from actions.models import Action
from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.scoping import PartnershipQuerySet
from neglect_portal.versioning import Versioned
from neglect_portal.withdrawal import Withdrawable, WithdrawableQuerySet


class Audit(Versioned):
    class Kind(models.TextChoices):
        MULTI_AGENCY = "multi_agency", "Multi-agency themed audit"
        SINGLE_AGENCY = "single_agency", "Single-agency case-file audit"
        LEARNING_REVIEW = "learning_review", "Learning review"
        CASE_REVIEW = "case_review", "Child safeguarding practice review"
        INSPECTION = "inspection", "Inspection"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="audits")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=250, validators=[refuse_child_identifiers])
    completed_on = models.DateField("date")
    scope = models.TextField(blank=True, validators=[refuse_child_identifiers])
    lead_agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="audits")
    case_count = models.PositiveIntegerField("number of cases", null=True, blank=True)
    grade_outstanding = models.PositiveIntegerField(null=True, blank=True)
    grade_good = models.PositiveIntegerField(null=True, blank=True)
    grade_requires_improvement = models.PositiveIntegerField(null=True, blank=True)
    grade_inadequate = models.PositiveIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True, validators=[refuse_child_identifiers])

    history = HistoricalRecords()
    objects = PartnershipQuerySet.as_manager()

    GRADE_FIELDS = ("grade_outstanding", "grade_good", "grade_requires_improvement", "grade_inadequate")

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case_count__isnull=True)
                | Q(
                    case_count__gte=Coalesce(F("grade_outstanding"), 0)
                    + Coalesce(F("grade_good"), 0)
                    + Coalesce(F("grade_requires_improvement"), 0)
                    + Coalesce(F("grade_inadequate"), 0)
                ),
                name="audit_grades_within_case_count",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def graded_total(self):
        return sum(getattr(self, name) or 0 for name in self.GRADE_FIELDS)

    def clean(self):
        if self.case_count is not None and self.graded_total > self.case_count:
            raise ValidationError(
                {"case_count": f"The grades add up to {self.graded_total}, more than the {self.case_count} cases."}
            )


class FindingQuerySet(PartnershipQuerySet, WithdrawableQuerySet):
    partnership_lookup = "audit__partnership"


class Finding(Versioned, Withdrawable):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        IMPROVEMENT = "improvement", "Area for improvement"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(validators=[refuse_child_identifiers])

    history = HistoricalRecords()
    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["audit", "kind", "id"]

    def __str__(self):
        return self.text[:80]

    @property
    def partnership_id(self):
        return self.audit.partnership_id


def overdue_recommendations_q(on, via="") -> Q:
    """The rule "past its due date on the day ``on`` and not completed" as a ``Q``; ``via`` reaches the
    recommendations from another model (``"recommendations__"``), for counts and flags in one query."""
    return Q(**{f"{via}due_date__lt": on}) & ~Q(**{f"{via}status": Recommendation.Status.COMPLETED})


class RecommendationQuerySet(PartnershipQuerySet, WithdrawableQuerySet):
    partnership_lookup = "audit__partnership"

    def overdue(self, on=None):
        """Recommendations past their due date on the day ``on`` (today by default) and not completed;
        see ``Recommendation.is_overdue`` for one already in hand."""
        return self.filter(overdue_recommendations_q(on or timezone.localdate()))


class Recommendation(Versioned, Withdrawable):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="recommendations")
    reference = models.CharField(max_length=20, validators=[refuse_child_identifiers])
    text = models.TextField(validators=[refuse_child_identifiers])
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="recommendations"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="recommendations"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    actions = models.ManyToManyField(Action, blank=True, related_name="recommendations")

    history = HistoricalRecords(m2m_fields=[actions])
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["audit", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "reference"],
                condition=Q(withdrawn_at__isnull=True),
                name="recommendation_reference_unique_in_audit",
            )
        ]

    # The govuk-tag colour of each status; the words always go with it.
    STATUS_COLOURS = {Status.OPEN: "grey", Status.IN_PROGRESS: "light-blue", Status.COMPLETED: "green"}

    def __str__(self):
        return f"{self.reference} {self.text[:60]}"

    @property
    def partnership_id(self):
        return self.audit.partnership_id

    @property
    def status_colour(self):
        return self.STATUS_COLOURS.get(self.status, "grey")

    def is_overdue(self, today=None):
        """Past its due date and not completed."""
        if self.due_date is None or self.status == self.Status.COMPLETED:
            return False
        return self.due_date < (today or timezone.localdate())
