"""REST endpoints for partnerships, strategies and priorities: thin doors onto ``priorities.services``."""

from rest_framework import exceptions, mixins, viewsets

from accounts import access
from accounts.api_permissions import call_service, membership_of, partnership_ids
from neglect_portal.api_versions import VersionedViewSetMixin, with_etag
from priorities import selectors, services
from priorities.models import Priority, Strategy
from priorities.serializers import PartnershipSerializer, PrioritySerializer, StrategySerializer


def _require_plan_manager(user, partnership):
    if not access.can_manage_plan(membership_of(user, partnership)):
        raise exceptions.PermissionDenied(access.refusal(access.can_manage_plan))


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """The partnerships the signed-in user is an active member of."""

    serializer_class = PartnershipSerializer

    def get_queryset(self):
        return selectors.partnerships_in(partnership_ids(self.request.user))


class PlanViewSet(
    VersionedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Read for every member; create and update for plan editors of the object's partnership."""

    def partnership_of(self, instance_or_data):
        raise NotImplementedError

    def create_with_service(self, membership, fields):
        raise NotImplementedError

    def update_with_service(self, membership, instance, changes):
        raise NotImplementedError

    def perform_create(self, serializer):
        fields = dict(serializer.validated_data)
        membership = membership_of(self.request.user, self.partnership_of(fields))
        serializer.instance = call_service(self.create_with_service, membership, fields)

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        return with_etag(response, self.written)

    def perform_update(self, serializer):
        membership = membership_of(self.request.user, self.partnership_of(serializer.instance))
        changes = dict(serializer.validated_data)
        changes["version"] = self.expected_version(serializer.instance)
        serializer.instance = call_service(self.update_with_service, membership, serializer.instance, changes)
        self.written = serializer.instance

    def get_object(self):
        instance = super().get_object()
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            _require_plan_manager(self.request.user, self.partnership_of(instance))
        return instance


class StrategyViewSet(PlanViewSet):
    serializer_class = StrategySerializer
    filterset_fields = ["status", "partnership"]

    def get_queryset(self):
        return selectors.strategies_in(partnership_ids(self.request.user))

    def partnership_of(self, instance_or_data):
        if isinstance(instance_or_data, Strategy):
            return instance_or_data.partnership
        return instance_or_data["partnership"]

    def create_with_service(self, membership, fields):
        fields.pop("partnership")
        return services.strategy_create(membership, **fields)

    def update_with_service(self, membership, strategy, changes):
        changes.pop("partnership", None)  # the serializer refuses a different one
        return services.strategy_update(membership, strategy, **changes)  # with the If-Match version


class PriorityViewSet(PlanViewSet):
    serializer_class = PrioritySerializer
    filterset_fields = ["strategy", "sponsor_agency"]

    def get_queryset(self):
        return selectors.priorities_in(partnership_ids(self.request.user))

    def partnership_of(self, instance_or_data):
        if isinstance(instance_or_data, Priority):
            return instance_or_data.strategy.partnership
        return instance_or_data["strategy"].partnership

    def create_with_service(self, membership, fields):
        return services.priority_create(membership, **fields)

    def update_with_service(self, membership, priority, changes):
        changes.pop("strategy", None)  # the serializer refuses a different one
        return services.priority_update(membership, priority, **changes)


ROUTES = [
    ("partnerships", PartnershipViewSet, "partnership"),
    ("strategies", StrategyViewSet, "strategy"),
    ("priorities", PriorityViewSet, "priority"),
]


def register(router):
    """Called by ``neglect_portal.api`` for each installed app that has an API."""
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)
