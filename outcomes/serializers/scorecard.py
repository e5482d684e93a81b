"""The scorecard, read only, for dashboards in other systems."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api_permissions import PortalSerializerMixin, ScopedRelatedField
from neglect_portal.periods import Period
from outcomes.models import ComparatorKind, Frequency, Polarity, RBACategory, Unit
from outcomes.serializers.fields import RAG_CHOICES, FigureSerializer, figure_data
from priorities.models import Priority


class ScorecardQuerySerializer(PortalSerializerMixin, serializers.Serializer):
    partnership = serializers.IntegerField(
        required=False, help_text="The partnership's id; optional when you belong to one partnership only."
    )
    priority = ScopedRelatedField(
        queryset=Priority.objects.all(), required=False, help_text="Only the indicators linked to this priority."
    )
    as_of = serializers.CharField(
        required=False,
        help_text="Show the figures known at the end of this period, such as 2026/27 Q2, Q2 26/27 or 30/09/2026 "
        "(default: the latest).",
    )

    def validate_as_of(self, label) -> Period:
        try:
            return Period.read(label)
        except ValueError as error:
            raise serializers.ValidationError(str(error).rstrip(".")) from error


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "array",
            "items": {"oneOf": [{"type": "string"}, {"type": "number"}]},
            "minItems": 2,
            "maxItems": 2,
        },
        "description": 'Up to the last 8 figures, oldest first, each as [period, value]: [["2025/26 Q4", 147.0], …].',
    }
)
class TrendField(serializers.ListField):
    child = serializers.ListField()


class ComparisonSerializer(serializers.Serializer):
    """England's or the statistical neighbours' figure for the latest comparable period (see /api/v1/comparators/)."""

    kind = serializers.ChoiceField(choices=ComparatorKind.choices)
    series = serializers.CharField(help_text="England, or Statistical neighbours' average.")
    short = serializers.CharField(help_text="The scorecard's word for it: England, neighbours.")
    period = serializers.CharField()
    value = serializers.CharField(help_text="The figure as text, exact: 42.1.")
    display = serializers.CharField(help_text="The figure in its unit: 42.1 per 10,000.")
    source = serializers.CharField()
    published = serializers.DateField()
    stale = serializers.BooleanField(help_text="Its period ended more than two years before the latest figure's.")
    is_illustrative = serializers.BooleanField(help_text="A figure of the demonstration, not a published one.")


class ScorecardRowSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    rba_category = serializers.ChoiceField(choices=RBACategory.choices)
    unit = serializers.ChoiceField(choices=Unit.choices)
    polarity = serializers.ChoiceField(choices=Polarity.choices)
    polarity_label = serializers.CharField()
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    is_context = serializers.BooleanField(help_text="A context measure: monitored, never rated.")
    source_agency = serializers.CharField(help_text="The name of the agency that supplies the figures, or empty.")
    priority_number = serializers.IntegerField(allow_null=True)
    target = serializers.CharField(help_text="The target as a number in text, or empty when there is none.")
    target_display = serializers.CharField(help_text="The target in its unit, or empty.")
    latest = FigureSerializer(allow_null=True)
    previous = FigureSerializer(allow_null=True)
    year_earlier = FigureSerializer(allow_null=True)
    change_previous = serializers.CharField(help_text="Change on the previous period: “up 33%”, “down 4.2 points”.")
    change_year = serializers.CharField(help_text="Change on the same period a year earlier.")
    rag = serializers.ChoiceField(choices=RAG_CHOICES, allow_null=True, help_text="Null when not rated.")
    rag_label = serializers.CharField()
    rag_colour = serializers.CharField(help_text="The GOV.UK tag colour that goes with the words.")
    rag_reason = serializers.CharField()
    travel_symbol = serializers.CharField()
    travel_words = serializers.CharField(help_text="Direction of travel judged by polarity: Improving, Getting worse…")
    trend = TrendField()
    comparisons = ComparisonSerializer(
        many=True, help_text="England and the statistical neighbours' average beside the latest figure, if recorded."
    )


class ScorecardGroupSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=RBACategory.choices)
    label = serializers.CharField(help_text="The Results-Based Accountability question: “How much did we do?”.")
    rows = ScorecardRowSerializer(many=True)


class RagCountsSerializer(serializers.Serializer):
    green = serializers.IntegerField()
    amber = serializers.IntegerField()
    red = serializers.IntegerField()
    not_rated = serializers.IntegerField()


class ScorecardSerializer(serializers.Serializer):
    """The scorecard in the structure a quarterly report freezes, with its partnership and RAG counts, a page of
    its indicators at a time (as every list: `page` and `page_size`)."""

    count = serializers.IntegerField(help_text="How many indicators the whole scorecard has, on every page.")
    next = serializers.URLField(allow_null=True, help_text="The next page of indicators, or null on the last.")
    previous = serializers.URLField(allow_null=True, help_text="The page before, or null on the first.")
    partnership = serializers.IntegerField()
    as_of = serializers.CharField(allow_null=True, help_text="The period asked for, or null for the latest figures.")
    small_number_threshold = serializers.IntegerField(
        help_text="Figures with a denominator (or a count) under this are flagged as small numbers."
    )
    suppression_note = serializers.CharField(
        help_text="The footnote when small numbers are suppressed ([c]) or rounded as you read them, or marked "
        "“Suppressed in outputs”; else empty."
    )
    rag_counts = RagCountsSerializer(help_text="Of the whole scorecard, whatever the page.")
    groups = ScorecardGroupSerializer(
        many=True,
        help_text="The page's indicators by RBA question, in the scorecard's order; questions with none on the "
        "page left out.",
    )


# What the serializers above give, built directly: a scorecard of a hundred indicators holds three hundred
# figures, and the serializers cost more than working the scorecard out. tests/api/test_plain_representations.py
# holds the two the same.


def scorecard_data(card, *, partnership_id: int, rows, pages: dict) -> dict:
    """The answer for ``rows`` (a page of ``card.rows``): ``pages`` holds count, next and previous."""
    on_page = {id(row) for row in rows}
    groups = [
        {
            "category": group.category,
            "label": group.label,
            "rows": [scorecard_row_data(r) for r in group.rows if id(r) in on_page],
        }
        for group in card.groups
    ]
    return {
        "count": pages["count"],
        "next": pages["next"],
        "previous": pages["previous"],
        "partnership": partnership_id,
        "as_of": card.as_of,
        "small_number_threshold": card.small_number_threshold,
        "suppression_note": card.suppression_note,
        "rag_counts": card.rag_counts(),
        "groups": [group for group in groups if group["rows"]],
    }


def scorecard_row_data(row) -> dict:
    return {
        "indicator_id": row.indicator_id,
        "code": row.code,
        "name": row.name,
        "rba_category": row.rba_category,
        "unit": row.unit,
        "polarity": row.polarity,
        "polarity_label": row.polarity_label,
        "frequency": row.frequency,
        "is_context": row.is_context,
        "source_agency": row.source_agency,
        "priority_number": row.priority_number,
        "target": row.target,
        "target_display": row.target_display,
        "latest": figure_data(row.latest),
        "previous": figure_data(row.previous),
        "year_earlier": figure_data(row.year_earlier),
        "change_previous": row.change_previous,
        "change_year": row.change_year,
        "rag": row.rag,
        "rag_label": row.rag_label,
        "rag_colour": row.rag_colour,
        "rag_reason": row.rag_reason,
        "travel_symbol": row.travel_symbol,
        "travel_words": row.travel_words,
        "trend": [list(point) for point in row.trend],
        "comparisons": [comparison_data(comparison) for comparison in row.comparisons],
    }


def comparison_data(comparison) -> dict:
    return {
        "kind": comparison.kind,
        "series": comparison.series,
        "short": comparison.short,
        "period": comparison.period,
        "value": comparison.value,
        "display": comparison.display,
        "source": comparison.source,
        "published": comparison.published,
        "stale": comparison.stale,
        "is_illustrative": comparison.is_illustrative,
    }
