"""REST serializers for actions and their progress updates."""

from django.db import models
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api_permissions import PortalSerializerMixin, ScopedRelatedField, WithdrawnField
from accounts.models import Agency, User
from actions.models import Action, ProgressUpdate, Status
from actions.services import EDITABLE_FIELDS, IMPACT_FIELDS, STATUS_THROUGH_UPDATE
from priorities.models import Priority


class BragSerializer(serializers.Serializer):
    colour = serializers.CharField()
    label = serializers.CharField()


class StatusThroughUpdateMixin:
    """An action's status is not written with the action: a request that would change it is refused, saying
    to post a progress update; one that repeats the status it has (a read object sent back) passes."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        sent = self.initial_data.get("status") if hasattr(self.initial_data, "get") else None
        if sent is not None:
            current = self.instance.status if self.instance is not None else Status.NOT_STARTED
            if sent != current:
                raise serializers.ValidationError({"status": [f"{STATUS_THROUGH_UPDATE} (/api/v1/progress-updates/)"]})
        return attrs


DUE_DATE_HELP = (
    "Null only for an action imported with no due date (“Ongoing”), flagged for review; "
    "a date is needed to add an action or to change one."
)


def required_due_date(value):
    if value is None:
        raise serializers.ValidationError("Enter the due date")
    return value


class ActionListSerializer(serializers.ListSerializer):
    """A page of actions, each built by :func:`action_data` rather than by a serializer of every field."""

    def to_representation(self, data):
        actions = data.all() if isinstance(data, models.manager.BaseManager) else data
        today = timezone.localdate()
        return [action_data(action, today) for action in actions]


# Its docstring is the schema's description of an action; a list of them is built by action_data, which gives the same.
class ActionSerializer(StatusThroughUpdateMixin, PortalSerializerMixin, serializers.ModelSerializer):
    """An action as read, and the fields to create one with (``action_create``); it starts not started."""

    scope_field = "priority"

    priority = ScopedRelatedField(queryset=Priority.objects.all())
    lead_agency = ScopedRelatedField(queryset=Agency.objects.all())
    lead = ScopedRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    priority_number = serializers.IntegerField(source="priority.number", read_only=True)
    priority_title = serializers.CharField(source="priority.title", read_only=True)
    sponsor_agency_name = serializers.CharField(source="priority.sponsor_agency.name", read_only=True)
    lead_agency_name = serializers.CharField(source="lead_agency.name", read_only=True)
    lead_name = serializers.CharField(source="lead", read_only=True, default=None, allow_null=True)
    brag = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()
    completed_without_impact = serializers.BooleanField(
        read_only=True,
        help_text="Completed with no statement of what difference it made (closed before it was asked): flagged.",
    )
    withdrawn = WithdrawnField()
    status = serializers.ChoiceField(
        choices=Status.choices,
        read_only=True,
        help_text="Changed only by a progress update (POST /api/v1/progress-updates/), which says why.",
    )
    due_date = serializers.DateField(allow_null=True, help_text=DUE_DATE_HELP)
    needs_due_date = serializers.BooleanField(
        read_only=True, help_text="Open with no due date (imported as “Ongoing”): to review and give one."
    )

    def validate_due_date(self, value):
        return required_due_date(value)

    class Meta:
        model = Action
        fields = [
            "id",
            "priority",
            "priority_number",
            "priority_title",
            "sponsor_agency_name",
            "reference",
            "title",
            "description",
            "success_measure",
            "lead_agency",
            "lead_agency_name",
            "lead",
            "lead_name",
            "start_date",
            "due_date",
            "needs_due_date",
            "original_due_date",
            "due_date_change_reason",
            "status",
            "brag",
            "is_overdue",
            "completed_on",
            *IMPACT_FIELDS,
            "completed_without_impact",
            "created_at",
            "updated_at",
            "version",
            "withdrawn",
        ]
        read_only_fields = [
            *IMPACT_FIELDS,  # given when the action is marked completed (PATCH, or a progress update)
            "original_due_date",
            "due_date_change_reason",
            "completed_on",
            "created_at",
            "updated_at",
        ]
        validators = []  # action_create runs the model's full_clean
        list_serializer_class = ActionListSerializer

    @extend_schema_field(BragSerializer)
    def get_brag(self, action):
        return {"colour": action.brag_colour, "label": action.brag_label}

    def get_is_overdue(self, action) -> bool:
        return action.is_overdue()


_DAY = serializers.DateField()
_MOMENT = serializers.DateTimeField()
_WITHDRAWN = WithdrawnField()


def _day(value):
    return None if value is None else _DAY.to_representation(value)


def _listed(action, name):
    """The objects of a many-to-many field, from the plain list ``actions_listed`` reads them into if it did."""
    listed = getattr(action, f"listed_{name}", None)
    return getattr(action, name).all() if listed is None else listed


def action_data(action, today=None) -> dict:
    """What :class:`ActionSerializer` gives for ``action``, built directly: the serializer's dozens of fields
    cost more than reading a page of fifty actions (``tests/api/test_plain_representations.py`` holds the two
    equal). ``today`` is the day ``is_overdue`` is of (today by default)."""
    priority = action.priority
    return {
        "id": action.pk,
        "priority": action.priority_id,
        "priority_number": priority.number,
        "priority_title": priority.title,
        "sponsor_agency_name": priority.sponsor_agency.name,
        "reference": action.reference,
        "title": action.title,
        "description": action.description,
        "success_measure": action.success_measure,
        "lead_agency": action.lead_agency_id,
        "lead_agency_name": action.lead_agency.name,
        "lead": action.lead_id,
        "lead_name": str(action.lead) if action.lead_id is not None else None,
        "start_date": _day(action.start_date),
        "due_date": _day(action.due_date),
        "needs_due_date": action.needs_due_date,
        "original_due_date": _day(action.original_due_date),
        "due_date_change_reason": action.due_date_change_reason,
        "status": action.status,
        "brag": {"colour": action.brag_colour, "label": action.brag_label},
        "is_overdue": action.is_overdue(today),
        "completed_on": _day(action.completed_on),
        "impact_statement": action.impact_statement,
        "impact_indicators": [indicator.pk for indicator in _listed(action, "impact_indicators")],
        "impact_findings": [finding.pk for finding in _listed(action, "impact_findings")],
        "impact_evidence": action.impact_evidence,
        "completed_without_impact": action.completed_without_impact,
        "created_at": _MOMENT.to_representation(action.created_at),
        "updated_at": _MOMENT.to_representation(action.updated_at),
        "version": action.version,
        "withdrawn": _WITHDRAWN.to_representation(action),
    }


class ActionUpdateSerializer(StatusThroughUpdateMixin, PortalSerializerMixin, serializers.ModelSerializer):
    """The fields ``action_update`` accepts; a new due date needs ``due_date_reason``. Not the status: it changes
    only with a progress update (POST /api/v1/progress-updates/)."""

    lead_agency = ScopedRelatedField(queryset=Agency.objects.all())
    lead = ScopedRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    due_date_reason = serializers.CharField(write_only=True, required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True, help_text=DUE_DATE_HELP)

    def validate_due_date(self, value):
        return required_due_date(value)

    class Meta:
        model = Action
        fields = [*EDITABLE_FIELDS, "due_date_reason", *IMPACT_FIELDS]
        extra_kwargs = {
            "impact_statement": {"help_text": "What difference it made: needed to mark the action completed."},
            "impact_evidence": {"help_text": "A note with a link or a file reference, as evidence of the difference."},
        }


class ProgressUpdateSerializer(PortalSerializerMixin, serializers.ModelSerializer):
    scope_field = "action"

    action = ScopedRelatedField(queryset=Action.objects.all())
    action_reference = serializers.CharField(source="action.reference", read_only=True)
    author_name = serializers.CharField(source="author", read_only=True)
    # Marking the action completed asks what difference it made (kept on the action, not the update).
    impact_statement = serializers.CharField(write_only=True, required=False, allow_blank=True)
    impact_indicators = ScopedRelatedField(
        queryset=Action._meta.get_field("impact_indicators").related_model.objects.all(),
        many=True,
        write_only=True,
        required=False,
    )
    impact_findings = ScopedRelatedField(
        queryset=Action._meta.get_field("impact_findings").related_model.objects.all(),
        many=True,
        write_only=True,
        required=False,
    )
    impact_evidence = serializers.CharField(write_only=True, required=False, allow_blank=True)
    correction_reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Required for an update dated in a quarter whose report has been issued (a locked quarter): "
        "why it is added late. It is listed in the next report under Corrections to earlier figures.",
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "action",
            "action_reference",
            "author",
            "author_name",
            "update_date",
            "previous_status",
            "status",
            "narrative",
            "evidence_url",
            *IMPACT_FIELDS,
            "correction_reason",
            "created_at",
        ]
        read_only_fields = ["author", "previous_status", "created_at"]
        extra_kwargs = {
            "status": {"help_text": "The action's status now: the only way to change it. Say why in the narrative."},
            "previous_status": {"help_text": "The action's status before this update (blank on older updates)."},
        }
