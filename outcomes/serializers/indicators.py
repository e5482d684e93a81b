"""Indicators: their definition as written by plan editors, and how each is doing."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api_permissions import PortalSerializerMixin, ScopedRelatedField, WithdrawnField
from accounts.models import Agency, Partnership
from outcomes import published, selectors
from outcomes.models import Frequency, Indicator, Polarity, RBACategory, Unit
from outcomes.serializers.fields import (
    FigureSerializer,
    RagSerializer,
    TravelSerializer,
    choice_messages,
    decimal_messages,
    figure_data,
    publication,
    required_messages,
)
from priorities.models import Priority


class IndicatorSerializer(PortalSerializerMixin, serializers.ModelSerializer):
    """An indicator's definition, and how it is doing: latest figure, change, RAG and direction of travel."""

    scope_field = "partnership"

    partnership = ScopedRelatedField(
        queryset=Partnership.objects.all(),
        required=False,
        help_text="Optional when you belong to one partnership only.",
        error_messages={"does_not_exist": "You do not belong to a partnership with id {pk_value}"},
    )
    source_agency = ScopedRelatedField(
        queryset=Agency.objects.all(),
        required=False,
        allow_null=True,
        help_text="The agency that supplies the figures; its members may enter the values.",
    )
    priority = ScopedRelatedField(queryset=Priority.objects.all(), required=False, allow_null=True)
    rba_question = serializers.CharField(source="get_rba_category_display", read_only=True)
    source_agency_name = serializers.CharField(
        source="source_agency.name", read_only=True, default=None, allow_null=True
    )
    priority_number = serializers.IntegerField(source="priority.number", read_only=True, default=None, allow_null=True)
    latest = serializers.SerializerMethodField(help_text="The figure of the latest period with a value.")
    previous = serializers.SerializerMethodField(help_text="The figure of the period before the latest.")
    change_on_previous = serializers.SerializerMethodField(help_text="For example “up 33%” or “no earlier figure”.")
    year_earlier = serializers.SerializerMethodField(help_text="The figure of the same period a year earlier.")
    change_on_year_earlier = serializers.SerializerMethodField()
    rag = serializers.SerializerMethodField(help_text="The latest figure against the target.")
    direction_of_travel = serializers.SerializerMethodField(help_text="Since the previous period.")
    withdrawn = WithdrawnField()
    library_code = serializers.CharField(
        read_only=True,
        help_text="The code of the indicator library definition it was adopted from "
        "(/outcomes/library/<code>/); empty if none.",
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "partnership",
            "code",
            "name",
            "definition",
            "rba_category",
            "rba_question",
            "unit",
            "polarity",
            "frequency",
            "is_context",
            "source_agency",
            "source_agency_name",
            "baseline",
            "target",
            "amber_tolerance",
            "priority",
            "priority_number",
            "is_active",
            "library_code",
            "version",
            "latest",
            "previous",
            "change_on_previous",
            "year_earlier",
            "change_on_year_earlier",
            "rag",
            "direction_of_travel",
            "withdrawn",
        ]
        validators = []  # indicator_create and indicator_update check the code is unique, naming the field
        extra_kwargs = {
            "code": {"error_messages": required_messages("Enter the indicator's code")},
            "name": {"error_messages": required_messages("Enter the indicator's name")},
            "rba_category": {
                "error_messages": {
                    "required": "Choose the Results-Based Accountability question the indicator answers",
                    **choice_messages(RBACategory.choices),
                }
            },
            "unit": {"error_messages": choice_messages(Unit.choices)},
            "polarity": {"error_messages": choice_messages(Polarity.choices)},
            "frequency": {"error_messages": choice_messages(Frequency.choices)},
            "baseline": {"error_messages": decimal_messages("baseline")},
            "target": {"error_messages": decimal_messages("target")},
            "amber_tolerance": {"error_messages": decimal_messages("amber tolerance")},
        }

    def validate_partnership(self, value):
        if self.instance is not None and value != self.instance.partnership:
            raise serializers.ValidationError("An indicator cannot move to another partnership")
        return value

    def row(self, indicator) -> selectors.ScorecardRow:
        """The indicator's scorecard row: from the list's batch in the context, else worked out for it alone."""
        rows = self.context.setdefault("indicator_rows", {})
        if indicator.pk not in rows:
            rows.update(selectors.indicator_rows([indicator]))
        readers = self.context.setdefault("indicator_rows_read", {})
        if indicator.pk not in readers:
            policy, reads_published = publication(self.context, indicator.partnership)
            row = rows[indicator.pk]
            readers[indicator.pk] = published.scorecard_row(row, policy, published=reads_published)
        return readers[indicator.pk]

    @extend_schema_field(FigureSerializer(allow_null=True))
    def get_latest(self, indicator):
        return figure_data(self.row(indicator).latest)

    @extend_schema_field(FigureSerializer(allow_null=True))
    def get_previous(self, indicator):
        return figure_data(self.row(indicator).previous)

    @extend_schema_field(FigureSerializer(allow_null=True))
    def get_year_earlier(self, indicator):
        return figure_data(self.row(indicator).year_earlier)

    def get_change_on_previous(self, indicator) -> str:
        return self.row(indicator).change_previous

    def get_change_on_year_earlier(self, indicator) -> str:
        return self.row(indicator).change_year

    @extend_schema_field(RagSerializer)
    def get_rag(self, indicator):
        row = self.row(indicator)
        return {"code": row.rag, "label": row.rag_label, "reason": row.rag_reason}

    @extend_schema_field(TravelSerializer)
    def get_direction_of_travel(self, indicator):
        row = self.row(indicator)
        return {"symbol": row.travel_symbol, "words": row.travel_words}
