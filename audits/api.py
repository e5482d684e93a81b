"""REST endpoints for audits, findings and recommendations: thin doors onto ``audits.services``.

Every member reads their partnerships' audits (others answer 404); the
business manager and steering group record them; a recommendation's owner
and the sponsor of its owning agency may change its status only.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts import access
from accounts.api_permissions import (
    WithdrawableViewSetMixin,
    call_service,
    membership_of,
    partnership_ids,
    withdraw_schema,
)
from audits import selectors, services
from audits.filters import AuditApiFilter, FindingApiFilter, RecommendationApiFilter
from audits.serializers import AuditSerializer, FindingSerializer, RecommendationSerializer
from neglect_portal.api_versions import VersionedViewSetMixin

MANAGERS_ONLY = "Only the business manager and steering group can record audits."


class AuditWriteViewSet(
    VersionedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reads for every member; writes check access before validating, then call a service."""

    def partnership_of(self, instance):
        raise NotImplementedError

    def membership_for_write(self, partnership, allowed=access.can_manage_audits):
        membership = membership_of(self.request.user, partnership)
        if not allowed(membership):
            raise exceptions.PermissionDenied(MANAGERS_ONLY)
        return membership

    def validated(self, instance=None, partial=False):
        serializer = self.get_serializer(instance, data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def respond(self, instance, created=False):
        data = self.get_serializer(instance).data
        if created:
            return Response(data, status=status.HTTP_201_CREATED)
        return self.versioned(data, instance)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


class AuditViewSet(AuditWriteViewSet):
    """Audits, learning reviews and inspections of the user's partnerships."""

    serializer_class = AuditSerializer
    filterset_class = AuditApiFilter
    ordering_fields = ["completed_on", "title"]

    def get_queryset(self):
        return selectors.audits_in(partnership_ids(self.request.user))

    def create(self, request, *args, **kwargs):
        fields = self.validated()
        membership = self.membership_for_write(fields.pop("partnership"))
        return self.respond(call_service(services.audit_create, membership, **fields), created=True)

    def update(self, request, *args, partial=False, **kwargs):
        audit = self.get_object()
        membership = self.membership_for_write(audit.partnership)
        fields = self.validated(audit, partial)
        fields.pop("partnership", None)
        version = self.expected_version(audit)
        return self.respond(call_service(services.audit_update, membership, audit, version=version, **fields))


class FindingViewSet(WithdrawableViewSetMixin, AuditWriteViewSet):
    """Strengths and areas for improvement found by an audit. They are withdrawn, never deleted."""

    serializer_class = FindingSerializer
    filterset_class = FindingApiFilter

    def get_queryset(self):
        return selectors.findings_in(partnership_ids(self.request.user))

    def create(self, request, *args, **kwargs):
        fields = self.validated()
        audit = fields.pop("audit")
        membership = self.membership_for_write(audit.partnership)
        return self.respond(call_service(services.finding_add, membership, audit, **fields), created=True)

    def update(self, request, *args, partial=False, **kwargs):
        finding = self.get_object()
        membership = self.membership_for_write(finding.audit.partnership)
        fields = self.validated(finding, partial)
        fields.pop("audit", None)
        version = self.expected_version(finding)
        return self.respond(call_service(services.finding_update, membership, finding, version=version, **fields))

    @withdraw_schema(FindingSerializer, "the business manager and steering group")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        finding = self.get_object()
        membership = self.membership_for_write(finding.audit.partnership)
        return self.respond(call_service(services.finding_withdraw, membership, finding, self.withdrawal_reason()))


class RecommendationViewSet(WithdrawableViewSetMixin, AuditWriteViewSet):
    """Recommendations of audits, with the ids of the actions that answer them.

    Plan editors change every field. A recommendation's owner and the sponsor of
    its owning agency may change its ``status`` and nothing else.
    """

    serializer_class = RecommendationSerializer
    filterset_class = RecommendationApiFilter
    ordering_fields = ["due_date", "reference", "status"]

    def get_queryset(self):
        return selectors.recommendations_in(partnership_ids(self.request.user))

    def create(self, request, *args, **kwargs):
        fields = self.validated()
        audit = fields.pop("audit")
        membership = self.membership_for_write(audit.partnership)
        recommendation = call_service(services.recommendation_create, membership, audit, **fields)
        return self.respond(recommendation, created=True)

    @extend_schema(request=RecommendationSerializer, responses=RecommendationSerializer)
    def update(self, request, *args, partial=False, **kwargs):
        recommendation = self.get_object()
        membership = membership_of(request.user, recommendation.audit.partnership)
        if not access.can_update_recommendation(membership, recommendation):
            raise exceptions.PermissionDenied(access.RECOMMENDATION_REFUSAL)
        fields = self.validated(recommendation, partial)
        fields.pop("audit", None)
        version = self.expected_version(recommendation)
        if access.can_manage_audits(membership):
            updated = call_service(
                services.recommendation_update, membership, recommendation, version=version, **fields
            )
        elif partial and set(fields) <= {"status"} and "status" in fields:
            updated = call_service(
                services.recommendation_update_status, membership, recommendation, fields["status"], version
            )
        else:
            raise exceptions.PermissionDenied("You may change only the status of this recommendation.")
        # Read back, so the linked actions are the new ones and not those prefetched before the change.
        return self.respond(self.get_queryset().get(pk=updated.pk))

    @withdraw_schema(RecommendationSerializer, "the business manager and steering group")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        recommendation = self.get_object()
        membership = self.membership_for_write(recommendation.audit.partnership)
        reason = self.withdrawal_reason()
        return self.respond(call_service(services.recommendation_withdraw, membership, recommendation, reason))


ROUTES = [
    ("audits", AuditViewSet, "audit"),
    ("findings", FindingViewSet, "finding"),
    ("recommendations", RecommendationViewSet, "recommendation"),
]


def register(router):
    """Called by ``neglect_portal.api`` for each installed app that has an API."""
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)
