"""REST endpoints for indicators, measurements and the scorecard: thin doors onto ``outcomes.services``.

Reads are scoped to the user's partnerships (another partnership's objects answer
404). Writes check ``accounts.access`` before reading the rest of the body, so a
forbidden write is a 403 whatever it holds, then call one service.
"""

from drf_spectacular.helpers import forced_singular_serializer
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.fields import empty
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from accounts import access
from accounts.api_permissions import (
    WithdrawableViewSetMixin,
    call_service,
    membership_of,
    partnership_ids,
    reads_published_figures,
    requested_partnership,
    withdraw_schema,
)
from neglect_portal.api_versions import VersionedViewSetMixin
from neglect_portal.pagination import MAX_PAGE_SIZE, PortalPagination
from neglect_portal.values import NOT_PUBLISHED_EXAMPLES
from neglect_portal.withdrawal import refuse_if_withdrawn
from outcomes import published, selectors, services
from outcomes.comparator_api import ComparatorValueViewSet
from outcomes.filters import IndicatorFilter, MeasurementFilter
from outcomes.serializers.indicators import IndicatorSerializer
from outcomes.serializers.measurements import (
    MAX_BULK_ENTRIES,
    MeasurementBulkErrorSerializer,
    MeasurementBulkResponseSerializer,
    MeasurementBulkSerializer,
    MeasurementSerializer,
    MeasurementUpdateSerializer,
    bulk_entries,
    indicator_for,
)
from outcomes.serializers.scorecard import ScorecardQuerySerializer, ScorecardSerializer, scorecard_data


def body_value(request, name, default=None):
    """One field of the request body, read before the rest is validated (``default`` if the body is no object)."""
    return request.data.get(name, default) if hasattr(request.data, "get") else default


def body_object(request, serializer, name):
    """The object a related field of the body names, found before the rest of the body is validated."""
    try:
        return serializer.fields[name].run_validation(body_value(request, name, empty))
    except exceptions.ValidationError as error:
        raise exceptions.ValidationError({name: error.detail}) from error


@extend_schema_view(
    list=extend_schema(summary="List indicators", description="The indicators of your partnerships, 50 a page."),
    retrieve=extend_schema(summary="Read an indicator"),
)
class IndicatorViewSet(
    VersionedViewSetMixin,
    WithdrawableViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The outcomes framework's indicators, each with its latest figure, change, RAG and direction of travel.

    Every member of a partnership reads its indicators; the business manager and
    steering-group members add and change them. Indicators are not deleted: set
    ``is_active`` to false to take one off the scorecard, or withdraw one that should
    never have been on the framework.
    """

    # Writes go through outcomes.services.indicator_create and indicator_update.

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering_fields = ["code", "name", "rba_category"]

    def get_queryset(self):
        return selectors.indicators_in(partnership_ids(self.request.user))

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        # Every figure of the page's indicators in one query, not one per indicator.
        context = {**self.get_serializer_context(), "indicator_rows": selectors.indicator_rows(page)}
        return self.get_paginated_response(IndicatorSerializer(page, many=True, context=context).data)

    @extend_schema(
        summary="Add an indicator",
        description="For the business manager and steering-group members. The code must be new to the partnership.",
    )
    def create(self, request, *args, **kwargs):
        partnership = requested_partnership(request.user, body_value(request, "partnership"))
        membership = self._manager(partnership)
        context = {**self.get_serializer_context(), "partnership": partnership}
        serializer = IndicatorSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("partnership", None)
        indicator = call_service(services.indicator_create, membership, **fields)
        answer = IndicatorSerializer(indicator, context=self.get_serializer_context()).data
        return Response(answer, status.HTTP_201_CREATED)

    @extend_schema(summary="Change an indicator", description="PUT gives the whole definition; PATCH only changes.")
    def update(self, request, *args, partial=False, **kwargs):
        indicator = self.get_object()
        membership = self._manager(indicator.partnership)
        serializer = IndicatorSerializer(
            indicator, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        changes.pop("partnership", None)
        version = self.expected_version(indicator)
        indicator = call_service(services.indicator_update, membership, indicator, version=version, **changes)
        return self.versioned(IndicatorSerializer(indicator, context=self.get_serializer_context()).data, indicator)

    @extend_schema(summary="Change some of an indicator's fields")
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @withdraw_schema(IndicatorSerializer, "the business manager and steering group")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        indicator = self.get_object()
        membership = membership_of(request.user, indicator.partnership)
        indicator = call_service(services.indicator_withdraw, membership, indicator, self.withdrawal_reason())
        return Response(IndicatorSerializer(indicator, context=self.get_serializer_context()).data)

    def _manager(self, partnership):
        membership = membership_of(self.request.user, partnership)
        if not access.can_manage_indicators(membership):
            raise exceptions.PermissionDenied("Only the business manager and steering group can change indicators.")
        return membership


BULK_REQUEST_EXAMPLE = OpenApiExample(
    "Push",
    summary="One quarter's values from an agency's system",
    request_only=True,
    value={
        "partnership": 1,
        "period": "2026/27 Q2",
        "measurements": [
            {"indicator": "HAL-03", "value": 82, "note": "Two extra courses in September."},
            {"indicator": "HAL-04", "numerator": 46, "denominator": 71},
            {"indicator": "HAL-06", "value": 212, "numerator": None, "denominator": None, "note": ""},
            {"indicator": "HAL-07", "value": "<5", "note": "Fewer than five: suppressed by the source."},
        ],
    },
)
BULK_RESPONSE_EXAMPLE = OpenApiExample(
    "Recorded",
    summary="Every value recorded",
    response_only=True,
    status_codes=["200"],
    value={
        "partnership": 1,
        "period": "2026/27 Q2",
        "created": 3,
        "updated": 1,
        "unchanged": 0,
        "measurements": [
            {
                "index": 0,
                "indicator": "HAL-03",
                "measurement": 311,
                "value": 82,
                "not_published": "",
                "result": "updated",
            },
            {
                "index": 1,
                "indicator": "HAL-04",
                "measurement": 318,
                "value": 64.8,
                "not_published": "",
                "result": "created",
            },
            {
                "index": 2,
                "indicator": "HAL-06",
                "measurement": 319,
                "value": 212,
                "not_published": "",
                "result": "created",
            },
            {
                "index": 3,
                "indicator": "HAL-07",
                "measurement": 320,
                "value": None,
                "not_published": "<5",
                "result": "created",
            },
        ],
    },
)
BULK_ERROR_EXAMPLE = OpenApiExample(
    "Refused",
    summary="Two bad entries: nothing saved",
    response_only=True,
    status_codes=["400"],
    value={
        "detail": "Nothing was saved: 2 of 3 measurements have problems.",
        "measurements": {
            "0": {"indicator": ["Halton Safeguarding Children Partnership has no indicator with the code HAL-99"]},
            "2": {"value": ["The value cannot be negative"]},
        },
    },
)
BULK_DESCRIPTION = f"""
Record one period's values of several indicators at once, as an agency's own system would
push them. Indicators are named by their code.

**All or nothing.** If any entry has a problem, nothing is saved and the answer (400) lists
every bad entry by its index in `measurements` (counting from 0) and by field. If any
indicator is not yours to record (you enter the values of the indicators your agency
supplies; the business manager and steering group enter any), the answer is 403 and
nothing is saved.

**Safe to repeat.** A value for a period that already has one corrects it; pushing the same
values again changes nothing and reports each as `unchanged`. Each change is kept in the
indicator's history with your name.

**Figures not published.** A figure the source withheld (small numbers, not available) is sent
as its marker in `value` ({NOT_PUBLISHED_EXAMPLES}), or as `not_published` with no value. It is
recorded as not published, with the marker: never as zero. The answer gives it with a null
`value` and its `not_published` marker; the scorecard shows it and does not rate it.

**Periods that have ended.** A value is taken for a period once it has ended; for a monthly
indicator, a quarter's figure so far once its first month has ended.

At most {MAX_BULK_ENTRIES} entries a request.
"""


@extend_schema_view(
    list=extend_schema(summary="List measurements", description="Values of your partnerships' indicators."),
    retrieve=extend_schema(summary="Read a measurement"),
)
class MeasurementViewSet(
    VersionedViewSetMixin,
    WithdrawableViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Indicator values, one per indicator and period, with who entered each and when.

    The business manager and steering-group members record any indicator's values;
    sponsors and leads those of the indicators their agency supplies; board members
    read them. Values are corrected or withdrawn, never deleted; every change is kept in history.
    """

    # Every write goes through outcomes.services.measurement_record or measurements_record_many.

    serializer_class = MeasurementSerializer
    filterset_class = MeasurementFilter
    ordering_fields = ["period_start", "updated_at", "indicator__code"]

    def get_queryset(self):
        return selectors.measurements_in(partnership_ids(self.request.user))

    @extend_schema(
        summary="Record a value",
        description="Records the indicator's value for the period. A period holds one value per indicator: if it "
        "already has one, this corrects it (200) rather than adding a second (201 when new). A percentage may be "
        "given as numerator and denominator alone.",
        responses={201: MeasurementSerializer, 200: MeasurementSerializer},
    )
    def create(self, request, *args, **kwargs):
        context = self.get_serializer_context()
        serializer = MeasurementSerializer(data=request.data, context=context)
        membership = self._recorder(body_object(request, serializer, "indicator"))
        serializer.is_valid(raise_exception=True)
        measurement, created = call_service(services.measurement_record, membership, serializer.entry())
        answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(MeasurementSerializer(measurement, context=context).data, answer)

    @extend_schema(
        summary="Correct a value",
        description="PUT replaces the value, numerator, denominator and note; the indicator and period stay.",
        request=MeasurementUpdateSerializer,
        responses=MeasurementSerializer,
    )
    def update(self, request, *args, partial=False, **kwargs):
        measurement = self.get_object()
        call_service(refuse_if_withdrawn, measurement)  # a withdrawn value is kept as it was
        membership = self._recorder(measurement.indicator)
        context = self.get_serializer_context()
        serializer = MeasurementUpdateSerializer(measurement, data=request.data, partial=partial, context=context)
        serializer.is_valid(raise_exception=True)
        entry = serializer.entry()
        entry.version = self.expected_version(measurement)
        measurement, _ = call_service(services.measurement_record, membership, entry)
        return self.versioned(MeasurementSerializer(measurement, context=context).data, measurement)

    @extend_schema(
        summary="Correct some of a value's fields",
        description="PATCH changes only the fields given; a percentage's value is worked out again from a new "
        "numerator and denominator.",
        request=MeasurementUpdateSerializer,
        responses=MeasurementSerializer,
    )
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        summary="Record one period's values at once",
        description=BULK_DESCRIPTION,
        request=MeasurementBulkSerializer,
        responses={
            200: MeasurementBulkResponseSerializer,
            400: OpenApiResponse(MeasurementBulkErrorSerializer, description="Nothing was saved."),
            403: OpenApiResponse(description="Some indicators are not yours to record: nothing was saved."),
        },
        examples=[BULK_REQUEST_EXAMPLE, BULK_RESPONSE_EXAMPLE, BULK_ERROR_EXAMPLE],
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="bulk",
        serializer_class=MeasurementBulkSerializer,
        parser_classes=[JSONParser],  # a list of objects has no form encoding
    )
    def bulk(self, request, **kwargs):
        envelope = MeasurementBulkSerializer(data=request.data)
        if not envelope.is_valid():
            return envelope_refusal(envelope.errors)
        partnership = requested_partnership(request.user, envelope.validated_data.get("partnership"))
        membership = membership_of(request.user, partnership)
        period, raw_entries = envelope.validated_data["period"], envelope.validated_data["measurements"]
        indicators = selectors.indicators_by_code(partnership)
        self._refuse_unless_all_recordable(membership, raw_entries, indicators)
        entries, errors = bulk_entries(raw_entries, period=period, partnership=partnership, indicators=indicators)
        if errors:
            return bulk_refusal(errors, len(raw_entries))
        try:
            recorded = call_service(services.measurements_record_many, membership, entries)
        except exceptions.ValidationError as error:  # a batch error, keyed "<index>.<field>"
            return bulk_refusal(batch_errors(error.detail), len(raw_entries))
        return Response(bulk_answer(partnership, period, recorded))

    @withdraw_schema(MeasurementSerializer, "whoever may record the indicator's values")
    @action(detail=True, methods=["post"], serializer_class=MeasurementSerializer)
    def withdraw(self, request, pk=None, **kwargs):
        measurement = self.get_object()
        membership = membership_of(request.user, measurement.indicator.partnership)
        reason = self.withdrawal_reason()
        measurement = call_service(services.measurement_withdraw, membership, measurement, reason)
        return Response(MeasurementSerializer(measurement, context=self.get_serializer_context()).data)

    def _recorder(self, indicator):
        membership = membership_of(self.request.user, indicator.partnership)
        if not access.can_record_measurement(membership, indicator):
            raise exceptions.PermissionDenied(f"You cannot enter values for {indicator.code}.")
        return membership

    def _refuse_unless_all_recordable(self, membership, raw_entries, indicators):
        named = {indicator_for(indicators, raw.get("indicator")) for raw in raw_entries if isinstance(raw, dict)}
        denied = sorted(i.code for i in named - {None} if not access.can_record_measurement(membership, i))
        if denied:
            raise exceptions.PermissionDenied(f"You cannot enter values for {', '.join(denied)}: nothing was saved.")


def batch_errors(detail) -> dict[int, dict[str, list[str]]]:
    rows: dict[int, dict[str, list[str]]] = {}
    for key, messages in detail.items():
        index, _, field = key.partition(".")
        rows.setdefault(int(index), {})[field] = messages
    return rows


def bulk_refusal(errors, total) -> Response:
    verb = "has" if len(errors) == 1 else "have"
    detail = f"Nothing was saved: {len(errors)} of {total} measurements {verb} problems."
    return Response({"detail": detail, "measurements": dict(sorted(errors.items()))}, status.HTTP_400_BAD_REQUEST)


def envelope_refusal(errors) -> Response:
    """The push's own fields at fault: each by field, the list of measurements as a whole told in ``detail``."""
    answer = {name: list(messages) for name, messages in errors.items() if name != "measurements"}
    about_list = errors.get("measurements", [])
    if isinstance(about_list, dict):  # problems inside entries, before each entry is read on its own
        about_list = [f"entry {index}: {message}" for index, messages in about_list.items() for message in messages]
    about_list = [str(message) for message in about_list]
    if about_list:
        told = " ".join(message[:1].lower() + message[1:] for message in about_list)
        answer["detail"] = f"Nothing was saved: {told}."
    else:
        answer["detail"] = "Nothing was saved: the fields named below have problems."
    return Response(answer, status.HTTP_400_BAD_REQUEST)


def bulk_answer(partnership, period, recorded: list[services.Recorded]) -> dict:
    results = [
        {
            "index": index,
            "indicator": measurement.indicator.code,
            "measurement": measurement.pk,
            "value": measurement.value,
            "not_published": measurement.not_published,
            "result": result,
        }
        for index, (measurement, result) in enumerate(recorded)
    ]
    outcomes = (services.CREATED, services.UPDATED, services.UNCHANGED)
    counts = {name: sum(r["result"] == name for r in results) for name in outcomes}
    answer = {"partnership": partnership.pk, "period": period.label, **counts, "measurements": results}
    return MeasurementBulkResponseSerializer(answer).data


SCORECARD_PAGES = [
    OpenApiParameter("page", int, description="A page of the scorecard's indicators, from 1."),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        description=PortalPagination.page_size_query_description,
    ),
]


class ScorecardViewSet(viewsets.ViewSet):
    """The scorecard, as the portal and the quarterly report show it, for dashboards in other systems."""

    # Built by outcomes.selectors.scorecard in a fixed number of queries.

    @extend_schema(
        summary="Read the scorecard",
        description="Every active indicator of the partnership grouped by Results-Based Accountability question, "
        "with its latest figure, the previous period and a year earlier with the changes, target, RAG, direction "
        "of travel and recent trend. The same structure a quarterly report freezes. Its indicators come a page "
        "at a time, as every list's results: 50 unless `page_size` says otherwise; `count` is of them all and "
        "`next` the following page, while `rag_counts` is always of the whole scorecard.",
        parameters=[ScorecardQuerySerializer, *SCORECARD_PAGES],
        # One object, although the router serves it as the viewset's ``list``.
        responses=forced_singular_serializer(ScorecardSerializer),
        operation_id="v1_scorecard_retrieve",
    )
    def list(self, request, **kwargs):
        query = ScorecardQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        partnership = requested_partnership(request.user, query.validated_data.get("partnership"), not_found=True)
        priority = query.validated_data.get("priority")
        if priority is not None and priority.strategy.partnership_id != partnership.pk:
            raise exceptions.ValidationError({"priority": [f"{partnership} has no priority with the id {priority.pk}"]})
        card = selectors.scorecard(partnership, as_of=query.validated_data.get("as_of"), priority=priority)
        reads_published = reads_published_figures(request.user, partnership.pk)
        card = published.scorecard(card, partnership.suppression, published=reads_published)
        pages = PortalPagination()
        rows = pages.paginate_queryset(card.rows, request, view=self)
        links = {
            "count": pages.page.paginator.count,
            "next": pages.get_next_link(),
            "previous": pages.get_previous_link(),
        }
        # Built directly, as ScorecardSerializer documents it (tests/api/test_plain_representations.py).
        return Response(scorecard_data(card, partnership_id=partnership.pk, rows=rows, pages=links))


ROUTES = [
    ("indicators", IndicatorViewSet, "indicator"),
    ("measurements", MeasurementViewSet, "measurement"),
    ("scorecard", ScorecardViewSet, "scorecard"),
    ("comparators", ComparatorValueViewSet, "comparator"),
]


def register(router):
    """Called by ``neglect_portal.api`` for each installed app that has an API."""
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)
