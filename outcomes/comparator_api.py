"""The REST endpoint of comparator figures: a thin door onto ``outcomes.comparator_services``.

Registered with the project's router by ``outcomes.api.register``. Reads are scoped to the user's
partnerships (another partnership's figures answer 404); writes are for those who may change the
indicator (``accounts.access.can_manage_comparators``), checked before the rest of the body is read.
"""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
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
from neglect_portal.api_versions import VersionedViewSetMixin
from neglect_portal.periods import PERIOD_FORMS
from neglect_portal.withdrawal import refuse_if_withdrawn
from outcomes import comparator_selectors, comparator_services
from outcomes.filters import IdFilter, PeriodFilter, withdrawn_filter
from outcomes.models import ComparatorKind, ComparatorValue
from outcomes.serializers.comparators import ComparatorValueSerializer


class ComparatorValueFilter(django_filters.FilterSet):
    partnership = IdFilter(field_name="indicator__partnership", label="Partnership id")
    indicator = IdFilter(label="Indicator id")
    indicator_code = django_filters.CharFilter(
        field_name="indicator__code", lookup_expr="iexact", label="Indicator code (any case)"
    )
    kind = django_filters.ChoiceFilter(choices=ComparatorKind.choices, label="Kind of comparator")
    period = PeriodFilter(method="filter_period", label=f"Period, written as an import takes it: {PERIOD_FORMS}")
    withdrawn = withdrawn_filter()

    class Meta:
        model = ComparatorValue
        fields = ["is_illustrative"]

    def filter_period(self, queryset, name, period):
        return queryset.filter(period=period.label) if period else queryset


def body_indicator(request, serializer):
    """The indicator the body names, found before the rest of the body is validated."""
    field = serializer.fields["indicator"]
    value = request.data.get("indicator") if hasattr(request.data, "get") else None
    try:
        return field.run_validation(value)
    except exceptions.ValidationError as error:
        raise exceptions.ValidationError({"indicator": error.detail}) from error


@extend_schema_view(
    list=extend_schema(
        summary="List comparator figures",
        description="England, regional and statistical neighbours' figures of your partnerships' indicators.",
    ),
    retrieve=extend_schema(summary="Read a comparator figure"),
)
class ComparatorValueViewSet(
    VersionedViewSetMixin,
    WithdrawableViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Comparator figures: England, a region, the statistical neighbours' average or a named neighbour, each for
    one period of an indicator, with its source and publication date.

    Every member reads them; the business manager and steering-group members (who change the indicators)
    add, correct and withdraw them. A figure whose period ended more than two years before the indicator's
    latest value is ``stale``.
    """

    # Every write goes through outcomes.comparator_services.

    serializer_class = ComparatorValueSerializer
    filterset_class = ComparatorValueFilter
    ordering_fields = ["period_start", "updated_at", "indicator__code"]

    def get_queryset(self):
        return comparator_selectors.comparator_values_in(partnership_ids(self.request.user))

    @extend_schema(
        summary="Add a comparator figure",
        description="A series has one figure for each period: to change one, correct it (PUT or PATCH).",
        responses={201: ComparatorValueSerializer},
    )
    def create(self, request, *args, **kwargs):
        context = self.get_serializer_context()
        serializer = ComparatorValueSerializer(data=request.data, context=context)
        membership = self._manager(body_indicator(request, serializer))
        serializer.is_valid(raise_exception=True)
        comparator = call_service(comparator_services.comparator_value_add, membership, serializer.entry())
        return Response(ComparatorValueSerializer(comparator, context=context).data, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Correct a comparator figure", description="The indicator stays; PATCH changes only the fields given."
    )
    def update(self, request, *args, partial=False, **kwargs):
        comparator = self.get_object()
        call_service(refuse_if_withdrawn, comparator)
        membership = self._manager(comparator.indicator)
        context = self.get_serializer_context()
        data = request.data.copy() if hasattr(request.data, "copy") else request.data
        if hasattr(data, "setdefault"):
            data.setdefault("indicator", comparator.indicator_id)  # a figure stays with its indicator
        serializer = ComparatorValueSerializer(comparator, data=data, partial=partial, context=context)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data.get("indicator", comparator.indicator) != comparator.indicator:
            raise exceptions.ValidationError(
                {"indicator": ["A comparator figure stays with its indicator: add one to the other indicator instead"]}
            )
        entry = serializer.entry(comparator)
        entry.indicator = comparator.indicator
        entry.version = self.expected_version(comparator)
        comparator = call_service(comparator_services.comparator_value_update, membership, comparator, entry)
        return self.versioned(ComparatorValueSerializer(comparator, context=context).data, comparator)

    @extend_schema(summary="Correct some of a comparator figure's fields")
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @withdraw_schema(ComparatorValueSerializer, "the business manager and steering group")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        comparator = self.get_object()
        membership = membership_of(request.user, comparator.indicator.partnership)
        reason = self.withdrawal_reason()
        comparator = call_service(comparator_services.comparator_value_withdraw, membership, comparator, reason)
        return Response(ComparatorValueSerializer(comparator, context=self.get_serializer_context()).data)

    def _manager(self, indicator):
        membership = membership_of(self.request.user, indicator.partnership)
        if not access.can_manage_comparators(membership, indicator):
            raise exceptions.PermissionDenied(access.COMPARATORS_REFUSAL)
        return membership
