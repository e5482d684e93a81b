"""REST endpoints for actions and progress updates: thin doors onto ``actions.services``."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action as detail_action
from rest_framework.response import Response

from accounts import access
from accounts.api_permissions import (
    WithdrawableViewSetMixin,
    call_service,
    membership_of,
    partnership_ids,
    withdraw_schema,
)
from actions import selectors, services
from actions.filters import ActionFilter
from actions.serializers import ActionSerializer, ActionUpdateSerializer, ProgressUpdateSerializer
from neglect_portal.api_versions import VersionedViewSetMixin
from neglect_portal.withdrawal import refuse_if_withdrawn
from priorities.models import refuse_if_archived


class ActionViewSet(
    VersionedViewSetMixin,
    WithdrawableViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Every action of the user's partnerships; writes go through ``action_create`` / ``action_update``."""

    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    ordering_fields = ["due_date", "reference", "status", "updated_at"]

    def get_queryset(self):
        if self.action == "list":  # read only: a page reads less of each row
            return selectors.actions_listed(partnership_ids(self.request.user))
        return selectors.actions_in(partnership_ids(self.request.user))

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ActionUpdateSerializer
        return ActionSerializer

    def create(self, request, *args, **kwargs):
        serializer = ActionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        priority = fields.pop("priority")
        membership = membership_of(request.user, priority.strategy.partnership)
        action = call_service(services.action_create, membership, priority=priority, **fields)
        return Response(ActionSerializer(action, context=self.get_serializer_context()).data, status.HTTP_201_CREATED)

    @extend_schema(request=ActionUpdateSerializer, responses=ActionSerializer)
    def update(self, request, *args, partial=False, **kwargs):
        action = self.get_object()
        membership = membership_of(request.user, action.priority.strategy.partnership)
        if not access.can_update_action(membership, action):
            refuse_if_withdrawn(action)
            refuse_if_archived(action.priority.strategy)
            raise exceptions.PermissionDenied(access.ACTION_REFUSAL)
        serializer = ActionUpdateSerializer(
            action, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        reason = changes.pop("due_date_reason", "")
        version = self.expected_version(action)
        action = call_service(
            services.action_update, membership, action, due_date_reason=reason, version=version, **changes
        )
        return self.versioned(ActionSerializer(action, context=self.get_serializer_context()).data, action)

    @extend_schema(request=ActionUpdateSerializer, responses=ActionSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @withdraw_schema(ActionSerializer, "the business manager and steering group")
    @detail_action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        action = self.get_object()
        membership = membership_of(request.user, action.priority.strategy.partnership)
        action = call_service(services.action_withdraw, membership, action, self.withdrawal_reason())
        return Response(ActionSerializer(action, context=self.get_serializer_context()).data)


class ProgressUpdateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Progress updates are a record: listed, read and added (``progress_update_add``), never changed."""

    serializer_class = ProgressUpdateSerializer
    filterset_fields = ["action", "status"]

    def get_queryset(self):
        return selectors.progress_updates_in(partnership_ids(self.request.user))

    def perform_create(self, serializer):
        fields = dict(serializer.validated_data)
        action = fields.pop("action")
        membership = membership_of(self.request.user, action.priority.strategy.partnership)
        serializer.instance = call_service(services.progress_update_add, membership, action, **fields)


ROUTES = [
    ("actions", ActionViewSet, "action"),
    ("progress-updates", ProgressUpdateViewSet, "progress-update"),
]


def register(router):
    """Called by ``neglect_portal.api`` for each installed app that has an API."""
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)
