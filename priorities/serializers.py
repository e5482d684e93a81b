"""REST serializers for partnerships, strategies and priorities."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api_permissions import PortalSerializerMixin, ScopedRelatedField, api_error
from accounts.models import Agency, Partnership, User
from priorities.models import Priority, Strategy


def _clean(serializer, model, attrs):
    """Run the model's own validation (``clean`` and constraints) on the would-be instance."""
    # A copy, so a rejected change never touches the object being updated.
    instance = copy.copy(serializer.instance) if serializer.instance is not None else model()
    for name, value in attrs.items():
        setattr(instance, name, value)
    try:
        instance.full_clean()
    except DjangoValidationError as error:
        raise api_error(error) from error
    return attrs


# Described by a pattern, not an enum: a second "status" enum would collide with the actions'
# Status in drf-spectacular's enum naming and need a settings override (ENUM_NAME_OVERRIDES).
@extend_schema_field(
    {
        "type": "string",
        "pattern": "^({})$".format("|".join(Strategy.Status.values)),
        "description": "One of: {}.".format(", ".join(Strategy.Status.values)),
    }
)
class StrategyStatusField(serializers.ChoiceField):
    """A strategy's status, described inline so its enum does not collide with the actions' ``Status``."""


class PartnershipSerializer(PortalSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Partnership
        fields = ["id", "name", "slug", "steering_group_name", "board_name"]


class StrategySerializer(PortalSerializerMixin, serializers.ModelSerializer):
    scope_field = "partnership"

    partnership = ScopedRelatedField(queryset=Partnership.objects.all())
    partnership_name = serializers.CharField(source="partnership.name", read_only=True)
    status = StrategyStatusField(choices=Strategy.Status.choices, required=False)

    class Meta:
        model = Strategy
        fields = [
            "id",
            "partnership",
            "partnership_name",
            "title",
            "start_date",
            "end_date",
            "vision",
            "status",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # the model's constraints are checked in validate()

    def validate_partnership(self, value):
        if self.instance is not None and value != self.instance.partnership:
            raise serializers.ValidationError("A strategy cannot move to another partnership.")
        return value

    def validate(self, attrs):
        return _clean(self, Strategy, attrs)


class PrioritySerializer(PortalSerializerMixin, serializers.ModelSerializer):
    scope_field = "strategy"

    strategy = ScopedRelatedField(queryset=Strategy.objects.all())
    sponsor_agency = ScopedRelatedField(queryset=Agency.objects.all())
    sponsor_lead = ScopedRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    strategy_title = serializers.CharField(source="strategy.title", read_only=True)
    sponsor_agency_name = serializers.CharField(source="sponsor_agency.name", read_only=True)
    sponsor_lead_name = serializers.CharField(source="sponsor_lead", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Priority
        fields = [
            "id",
            "strategy",
            "strategy_title",
            "number",
            "title",
            "description",
            "sponsor_agency",
            "sponsor_agency_name",
            "sponsor_lead",
            "sponsor_lead_name",
            "version",
        ]
        validators = []  # the model's constraints are checked in validate()

    def validate_strategy(self, value):
        if self.instance is not None and value != self.instance.strategy:
            raise serializers.ValidationError("A priority cannot move to another strategy.")
        return value

    def validate(self, attrs):
        return _clean(self, Priority, attrs)
