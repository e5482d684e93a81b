"""REST serializers for audits, findings and recommendations.

They shape and parse data only: ``audits.services`` validates and saves, so
the API refuses exactly what the pages refuse, naming the same fields.
"""

from rest_framework import serializers

from accounts.api_permissions import PortalSerializerMixin, ScopedRelatedField, WithdrawnField, reads_published_figures
from accounts.models import Agency, Partnership, User
from actions.models import Action
from audits import published
from audits.models import Audit, Finding, Recommendation
from audits.services import AUDIT_FIELDS, RECOMMENDATION_FIELDS


def _fixed(serializer, name, value, message):
    """Refuse moving an object to another parent on update."""
    if serializer.instance is not None and value != getattr(serializer.instance, name):
        raise serializers.ValidationError(message)
    return value


class AuditSerializer(PortalSerializerMixin, serializers.ModelSerializer):
    scope_field = "partnership"

    partnership = ScopedRelatedField(queryset=Partnership.objects.all())
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    lead_agency = ScopedRelatedField(queryset=Agency.objects.all(), required=False, allow_null=True)
    lead_agency_name = serializers.CharField(source="lead_agency.name", read_only=True, default=None)
    graded_total = serializers.IntegerField(read_only=True)
    suppressed = serializers.SerializerMethodField(
        help_text="The counts (case_count, grade_*, graded_total) not given, as null, because they would reveal "
        "fewer cases than the partnership's small-number threshold ([c], decision 48). Only as a board member "
        "reads them; with rounding, the counts are rounded to the nearest 5."
    )

    class Meta:
        model = Audit
        fields = [
            "id",
            "partnership",
            *AUDIT_FIELDS,
            "kind_label",
            "lead_agency_name",
            "graded_total",
            "suppressed",
            "version",
        ]
        validators = []  # audit_create / audit_update run the model's validation

    def _published(self, audit) -> dict | None:
        """The audit's counts as published, for a board member; None for those who read them as recorded."""
        request = self.context.get("request")
        policy = audit.partnership.suppression
        reads_published = reads_published_figures(request.user, audit.partnership_id) if request is not None else True
        return published.audit_counts(audit, policy) if reads_published and policy.changes_figures else None

    def get_suppressed(self, audit) -> list[str]:
        counts = self._published(audit)
        return counts["suppressed"] if counts else []

    def to_representation(self, audit):
        data = super().to_representation(audit)
        counts = self._published(audit)
        if counts:
            data.update({name: value for name, value in counts.items() if name in data and name != "suppressed"})
        return data

    def validate_partnership(self, value):
        return _fixed(self, "partnership", value, "An audit cannot move to another partnership.")


class FindingSerializer(PortalSerializerMixin, serializers.ModelSerializer):
    scope_field = "audit"

    audit = ScopedRelatedField(queryset=Audit.objects.all())
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    withdrawn = WithdrawnField()

    class Meta:
        model = Finding
        fields = ["id", "audit", "kind", "kind_label", "text", "version", "withdrawn"]

    def validate_audit(self, value):
        return _fixed(self, "audit", value, "A finding cannot move to another audit.")


class RecommendationSerializer(PortalSerializerMixin, serializers.ModelSerializer):
    scope_field = "audit"

    audit = ScopedRelatedField(queryset=Audit.objects.all())
    audit_title = serializers.CharField(source="audit.title", read_only=True)
    owner_agency = ScopedRelatedField(queryset=Agency.objects.all(), required=False, allow_null=True)
    owner_agency_name = serializers.CharField(source="owner_agency.name", read_only=True, default=None)
    owner = ScopedRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    owner_name = serializers.CharField(source="owner", read_only=True, default=None)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    is_overdue = serializers.SerializerMethodField()
    withdrawn = WithdrawnField()
    actions = ScopedRelatedField(
        queryset=Action.objects.all(),
        many=True,
        required=False,
        help_text="Ids of the actions of the plan that answer this recommendation.",
    )

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "audit",
            "audit_title",
            *RECOMMENDATION_FIELDS,
            "owner_agency_name",
            "owner_name",
            "status_label",
            "is_overdue",
            "actions",
            "version",
            "withdrawn",
        ]
        validators = []  # recommendation_create checks the reference is unique in the audit

    def get_is_overdue(self, recommendation) -> bool:
        return recommendation.is_overdue()

    def validate_audit(self, value):
        return _fixed(self, "audit", value, "A recommendation cannot move to another audit.")
