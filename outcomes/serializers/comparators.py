"""Comparator figures (England, a region, statistical neighbours) as the API reads and writes them."""

from __future__ import annotations

from rest_framework import serializers

from accounts.api_permissions import PortalSerializerMixin, ScopedRelatedField, WithdrawnField
from outcomes import rating
from outcomes.comparator_selectors import STALE_WORDS, is_stale, latest_period_of, reference_date
from outcomes.comparator_services import COMPARATOR_FORMS, ComparatorInput, comparator_read
from outcomes.models import ComparatorKind, ComparatorValue, Indicator


class ComparatorValueSerializer(PortalSerializerMixin, serializers.ModelSerializer):
    """One comparator figure of an indicator, with its period, source and publication date."""

    scope_field = "indicator"

    indicator = ScopedRelatedField(
        queryset=Indicator.objects.all(), error_messages={"required": "Choose the indicator"}
    )
    comparator = serializers.CharField(
        max_length=120,
        help_text=f"The series, written as in the CSV import: {COMPARATOR_FORMS}.",
        error_messages={"required": "Enter the comparator", "blank": "Enter the comparator"},
    )
    kind = serializers.ChoiceField(choices=ComparatorKind.choices, read_only=True)
    name = serializers.CharField(read_only=True, help_text="The region's or neighbour's name; empty otherwise.")
    series = serializers.CharField(read_only=True, help_text="The series in words: England, Sandwell…")
    period = serializers.CharField(
        max_length=40,
        help_text="The financial year or quarter, such as 2024/25 or 2024/25 Q2, that has ended.",
        error_messages={"required": "Enter the period, like 2024/25", "blank": "Enter the period, like 2024/25"},
    )
    value = serializers.CharField(
        max_length=40,
        help_text="The figure in the indicator's unit, as a number (42.1).",
        error_messages={"required": "Enter the value", "blank": "Enter the value"},
    )
    source = serializers.CharField(
        max_length=250,
        help_text="Who published the figure, and in what.",
        error_messages={"required": "Enter the source", "blank": "Enter the source"},
    )
    published = serializers.DateField(
        help_text="The date the figure was published (YYYY-MM-DD).",
        error_messages={
            "required": "Enter the date the figure was published",
            "invalid": "Enter the date the figure was published as YYYY-MM-DD, like 2025-10-31",
        },
    )
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    partnership = serializers.IntegerField(source="indicator.partnership_id", read_only=True)
    display = serializers.SerializerMethodField(help_text="The value in its unit: 51.8%, 42.1 per 10,000.")
    stale = serializers.SerializerMethodField(
        help_text=f"True when the period ended more than two years before the indicator's latest value's period "
        f"(or today, for an indicator without values): shown as “{STALE_WORDS}”."
    )
    entered_by_name = serializers.CharField(source="entered_by", read_only=True, default=None)
    withdrawn = WithdrawnField()

    class Meta:
        model = ComparatorValue
        fields = [
            "id",
            "indicator",
            "indicator_code",
            "partnership",
            "comparator",
            "kind",
            "name",
            "series",
            "period",
            "period_start",
            "value",
            "display",
            "source",
            "published",
            "stale",
            "is_illustrative",
            "entered_by",
            "entered_by_name",
            "updated_at",
            "version",
            "withdrawn",
        ]
        read_only_fields = ["period_start", "is_illustrative", "entered_by", "updated_at", "version"]
        validators = []  # comparator_errors says a series already has the period's figure, in words

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["value"] = float(instance.value)
        return data

    def validate_comparator(self, written):
        try:
            return comparator_read(written)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error

    def get_display(self, comparator) -> str:
        return rating.display(comparator.value, comparator.indicator.unit)

    def get_stale(self, comparator) -> bool:
        # The API's queryset carries each indicator's latest period (``comparator_values_in``).
        if hasattr(comparator, "latest_period"):
            latest = comparator.latest_period
        else:
            latest = latest_period_of(comparator.indicator)
        return is_stale(comparator.period, reference_date(latest))

    def entry(self, instance=None) -> ComparatorInput:
        data = self.validated_data
        kind, name = data.get("comparator", (instance.kind, instance.name) if instance else ("", ""))
        current = (
            {name_: getattr(instance, name_) for name_ in ("period", "value", "source", "published")}
            if instance
            else {}
        )
        return ComparatorInput(
            indicator=data.get("indicator", instance.indicator if instance else None),
            kind=kind,
            name=name,
            period=data.get("period", current.get("period", "")),
            value=data.get("value", current.get("value")),
            source=data.get("source", current.get("source", "")),
            published=data.get("published", current.get("published")),
        )
