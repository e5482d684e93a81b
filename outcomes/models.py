"""The outcomes framework: indicators and their value for each reporting period."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from accounts.models import Agency, Partnership
from actions.models import Action
from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.periods import Period
from neglect_portal.scoping import PartnershipQuerySet
from neglect_portal.versioning import Versioned
from neglect_portal.withdrawal import Withdrawable, WithdrawableQuerySet
from priorities.models import Priority


class RBACategory(models.TextChoices):
    HOW_MUCH = "how_much", "How much did we do?"
    HOW_WELL = "how_well", "How well did we do it?"
    BETTER_OFF = "better_off", "Is anyone better off?"


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE_PER_10K = "rate_per_10k", "Rate per 10,000 children"
    DAYS = "days", "Days"


class Polarity(models.TextChoices):
    HIGHER_BETTER = "higher_better", "Higher is better"
    LOWER_BETTER = "lower_better", "Lower is better"
    NEITHER = "neither", "Neither higher nor lower is better"


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly"
    MONTHLY = "monthly", "Monthly (recorded by quarter, from the quarter's first month)"
    ANNUAL = "annual", "Annual"


# Frequencies whose values are recorded for quarters (a monthly figure is its quarter's figure so far).
BY_QUARTER = (Frequency.QUARTERLY, Frequency.MONTHLY)


class IndicatorQuerySet(PartnershipQuerySet, WithdrawableQuerySet):
    pass


class Indicator(Versioned, Withdrawable):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=20, validators=[refuse_child_identifiers])
    name = models.CharField(max_length=250, validators=[refuse_child_identifiers])
    definition = models.TextField(blank=True, validators=[refuse_child_identifiers])
    rba_category = models.CharField("RBA category", max_length=20, choices=RBACategory.choices)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    polarity = models.CharField(max_length=20, choices=Polarity.choices, default=Polarity.HIGHER_BETTER)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY)
    is_context = models.BooleanField(
        "context measure", default=False, help_text="Context measures are monitored but get no RAG rating."
    )
    source_agency = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    baseline = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    amber_tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="How far short of the target, in the indicator's own units, still counts as amber.",
    )
    priority = models.ForeignKey(Priority, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators")
    is_active = models.BooleanField(default=True)
    # The code of the indicator library's definition this indicator was adopted from (outcomes.library), if any.
    library_code = models.CharField(
        "library definition",
        max_length=20,
        blank=True,
        help_text="The code of the safeguarding indicator library definition this indicator was adopted from.",
    )

    history = HistoricalRecords()
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"],
                condition=Q(withdrawn_at__isnull=True),
                name="indicator_code_unique_in_partnership",
            ),
            # A library definition is adopted once by a partnership: a second adoption finds the first.
            models.UniqueConstraint(
                fields=["partnership", "library_code"],
                condition=Q(withdrawn_at__isnull=True) & ~Q(library_code=""),
                name="indicator_library_definition_adopted_once",
            ),
            models.CheckConstraint(
                condition=Q(amber_tolerance__isnull=True) | Q(amber_tolerance__gte=0),
                name="indicator_tolerance_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class MeasurementQuerySet(PartnershipQuerySet, WithdrawableQuerySet):
    partnership_lookup = "indicator__partnership"


class Measurement(Versioned, Withdrawable):
    """An indicator's value for one period: a financial year or one of its quarters."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period = models.CharField(max_length=12, help_text="For example 2023/24 Q1, or 2023/24 for a whole year.")
    period_start = models.DateField(editable=False)
    # Empty when the source did not publish the figure ("*", "<5", "n/a"): the marker it used is kept instead.
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    not_published = models.CharField(
        "not published (marker)",
        max_length=20,
        blank=True,
        help_text="How the source marked a figure it did not publish, such as <5 or *; empty for a published value.",
    )
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="The story behind the curve.", validators=[refuse_child_identifiers])
    is_illustrative = models.BooleanField(default=False, help_text="Demonstration value, not a published figure.")
    is_estimated = models.BooleanField(
        "estimated",
        default=False,
        help_text="An estimate, as the person who entered it said: not yet the final figure.",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_start", "period"]
        indexes = [
            # The scorecard's last values of each indicator, newest first (outcomes.selectors.shown_measurements).
            models.Index(
                fields=["indicator", "-period_start", "-period"],
                condition=Q(withdrawn_at__isnull=True),
                name="measurement_newest",
            )
        ]
        constraints = [
            # A withdrawn value stays on record beside the period's new one.
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_measurement_per_indicator_period",
            ),
            # A period has a figure, or the marker saying it was not published: never both, never neither.
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(not_published=""))
                | (Q(value__isnull=True) & ~Q(not_published="")),
                name="measurement_value_or_not_published",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0), name="measurement_denominator_positive"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(numerator__lte=models.F("denominator")),
                name="measurement_numerator_within_denominator",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period}: {self.value if self.is_published else self.not_published}"

    @property
    def is_published(self) -> bool:
        return not self.not_published

    def save(self, *args, **kwargs):
        # The start date is derived from the label so periods sort in time order.
        period = Period.parse(self.period)
        self.period, self.period_start = period.label, period.start
        super().save(*args, **kwargs)

    @property
    def partnership_id(self):
        return self.indicator.partnership_id

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)

    def clean(self):
        try:
            period = Period.parse(self.period)
        except ValueError as error:
            raise ValidationError({"period": str(error)}) from error
        self.period = period.label
        self.period_start = period.start


class CurvePlanQuerySet(PartnershipQuerySet):
    partnership_lookup = "indicator__partnership"


class CurvePlan(Versioned):
    """An indicator's turn-the-curve plan (Results-Based Accountability): the story behind the curve, the
    partners with a role to play, what works, and the actions of the strategy that turn it.

    The baseline and forecast are worked out from the indicator's values (``outcomes.forecast``), never
    stored. Every saved change, links to agencies and actions included, is kept in its history.
    """

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="curve_plan")
    story = models.TextField(
        "the story behind the curve",
        blank=True,
        validators=[refuse_child_identifiers],
        help_text="Why the curve looks as it does: the causes and forces at work.",
    )
    partner_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="curve_plans", verbose_name="partner agencies with a role to play"
    )
    other_partners = models.TextField(
        "other partners with a role to play",
        blank=True,
        validators=[refuse_child_identifiers],
        help_text="Partners outside the partnership's agencies, one a line, with their role.",
    )
    what_works = models.TextField(
        "what works", blank=True, validators=[refuse_child_identifiers], help_text="What the evidence says works."
    )
    evidence_links = models.TextField(
        "evidence links",
        blank=True,
        validators=[refuse_child_identifiers],
        help_text="One a line: a title, then the web address.",
    )
    actions = models.ManyToManyField(Action, blank=True, related_name="curve_plans", verbose_name="linked actions")
    in_board_report = models.BooleanField(
        "include in the board report",
        default=False,
        help_text="Chosen by the steering group; a red indicator's plan is always included.",
    )
    is_illustrative = models.BooleanField(default=False, help_text="An invented plan of the demonstration.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[partner_agencies, actions])
    objects = CurvePlanQuerySet.as_manager()

    class Meta:
        verbose_name = "turn-the-curve plan"

    def __str__(self):
        return f"Turn-the-curve plan for {self.indicator.code}"

    @property
    def partnership_id(self):
        return self.indicator.partnership_id


class ComparatorKind(models.TextChoices):
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    NEIGHBOURS = "neighbours", "Statistical neighbours' average"
    NEIGHBOUR = "neighbour", "A named neighbour"


# The kinds whose series is named by the person (the region, the neighbouring area); the others have one series each.
NAMED_COMPARATORS = (ComparatorKind.REGION, ComparatorKind.NEIGHBOUR)


class ComparatorValueQuerySet(PartnershipQuerySet, WithdrawableQuerySet):
    partnership_lookup = "indicator__partnership"


class ComparatorValue(Versioned, Withdrawable):
    """One period's figure of a comparator (England, a region, statistical neighbours) for an indicator.

    A comparator series is its ``kind`` and ``name``: England and the statistical neighbours' average have
    no name; a region ("West Midlands") and a named neighbour ("Sandwell") have one.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparator_values")
    kind = models.CharField("comparator", max_length=20, choices=ComparatorKind.choices)
    name = models.CharField(
        max_length=100,
        blank=True,
        validators=[refuse_child_identifiers],
        help_text="The region's or neighbouring area's name; empty for England and the neighbours' average.",
    )
    period = models.CharField(max_length=12, help_text="For example 2023/24 Q1, or 2023/24 for a whole year.")
    period_start = models.DateField(editable=False)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    source = models.CharField(max_length=250, validators=[refuse_child_identifiers])
    published = models.DateField("publication date")
    is_illustrative = models.BooleanField(default=False, help_text="Demonstration value, not a published figure.")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ComparatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "kind", "name", "period_start", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "kind", "name", "period"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_comparator_value_per_series_period",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="comparator_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.series} {self.period}: {self.value}"

    @property
    def comparator(self) -> str:
        """The series as the CSV import and the API write it: "England", "Region: West Midlands"."""
        if self.kind == ComparatorKind.ENGLAND:
            return "England"
        if self.kind == ComparatorKind.NEIGHBOURS:
            return "Statistical neighbours"
        label = "Region" if self.kind == ComparatorKind.REGION else "Neighbour"
        return f"{label}: {self.name}" if self.name else label

    @property
    def series(self) -> str:
        """The series in words: "England", "Statistical neighbours' average", "West Midlands", "Sandwell"."""
        if self.kind in NAMED_COMPARATORS and self.name:
            return self.name
        return ComparatorKind(self.kind).label if self.kind in ComparatorKind.values else self.kind

    @property
    def partnership_id(self):
        return self.indicator.partnership_id

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)

    def save(self, *args, **kwargs):
        # As a measurement's: the start date comes from the label, so periods sort in time order.
        period = Period.parse(self.period)
        self.period, self.period_start = period.label, period.start
        super().save(*args, **kwargs)
