"""REST endpoints for partnerships, strategies and priorities (thin doors onto ``accounts.access``)."""

from rest_framework import exceptions, mixins, viewsets

from accounts import access
from accounts.api_permissions import membership_of, partnership_ids
from accounts.models import Partnership
from priorities.models import Priority, Strategy
from priorities.serializers import PartnershipSerializer, PrioritySerializer, StrategySerializer


def _require_plan_manager(user, partnership):
    if not access.can_manage_plan(membership_of(user, partnership)):
        raise exceptions.PermissionDenied("Only the business manager and steering group can change the plan.")


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """The partnerships the signed-in user is an active member of."""

    serializer_class = PartnershipSerializer

    def get_queryset(self):
        return Partnership.objects.filter(id__in=partnership_ids(self.request.user))


class PlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Read for every member; create and update for plan editors of the object's partnership."""

    def partnership_of(self, instance_or_data):
        raise NotImplementedError

    def perform_create(self, serializer):
        _require_plan_manager(self.request.user, self.partnership_of(serializer.validated_data))
        serializer.save()

    def perform_update(self, serializer):
        serializer.save()

    def get_object(self):
        instance = super().get_object()
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            _require_plan_manager(self.request.user, self.partnership_of(instance))
        return instance


class StrategyViewSet(PlanViewSet):
    serializer_class = StrategySerializer
    filterset_fields = ["status", "partnership"]

    def get_queryset(self):
        return Strategy.objects.select_related("partnership").filter(
            partnership_id__in=partnership_ids(self.request.user)
        )

    def partnership_of(self, instance_or_data):
        if isinstance(instance_or_data, Strategy):
            return instance_or_data.partnership
        return instance_or_data["partnership"]


class PriorityViewSet(PlanViewSet):
    serializer_class = PrioritySerializer
    filterset_fields = ["strategy", "sponsor_agency"]

    def get_queryset(self):
        return Priority.objects.select_related("strategy", "sponsor_agency", "sponsor_lead").filter(
            strategy__partnership_id__in=partnership_ids(self.request.user)
        )

    def partnership_of(self, instance_or_data):
        if isinstance(instance_or_data, Priority):
            return instance_or_data.strategy.partnership
        return instance_or_data["strategy"].partnership


ROUTES = [
    ("partnerships", PartnershipViewSet, "partnership"),
    ("strategies", StrategyViewSet, "strategy"),
    ("priorities", PriorityViewSet, "priority"),
]


def register(router):
    """Called by ``neglect_portal.api`` for each installed app that has an API."""
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)
