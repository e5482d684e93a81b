"""Measurements: one value at a time, and one period's values pushed at once by an agency's system."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api_permissions import PortalSerializerMixin, ScopedRelatedField, WithdrawnField
from neglect_portal.periods import Period
from neglect_portal.suppression import MARKER
from outcomes import published, rating
from outcomes.models import Indicator, Measurement, Unit
from outcomes.serializers.fields import (
    RESULT_CHOICES,
    marker_as_not_published,
    not_published_field,
    percent_sign_problem,
    publication,
    value_field,
    whole_number_field,
)
from outcomes.services import MeasurementInput, measurement_errors, period_for, period_not_ended_problem

MAX_BULK_ENTRIES = 500


class MeasurementSerializer(PortalSerializerMixin, serializers.ModelSerializer):
    """An indicator's value for one period as read, and the fields to record one with."""

    scope_field = "indicator"

    indicator = ScopedRelatedField(
        queryset=Indicator.objects.all(), error_messages={"required": "Choose the indicator"}
    )
    period = serializers.CharField(
        max_length=20,
        help_text="A financial-year quarter such as 2026/27 Q2, or a financial year such as 2026/27 for an "
        "annual indicator.",
        error_messages={"required": "Enter the period, such as 2026/27 Q2", "blank": "Enter the period"},
    )
    value = value_field(
        help_text="May be left out for a percentage given as numerator and denominator. Null when the figure was "
        "not published (see not_published); a marker such as <5 sent as the value is read as not published."
    )
    not_published = not_published_field(default="")
    numerator = whole_number_field("numerator")
    denominator = whole_number_field("denominator")
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="The story behind the curve.")
    is_estimated = serializers.BooleanField(
        required=False,
        default=False,
        help_text="True when the value is an estimate, not yet the final figure: shown as Estimated on the pages, "
        "the report and the exports. Left out, the value is taken as final.",
    )
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    partnership = serializers.IntegerField(source="indicator.partnership_id", read_only=True)
    display = serializers.SerializerMethodField(help_text="The value in its unit: 51.8%, 23 days.")
    small_number = serializers.SerializerMethodField(
        help_text="True when the value rests on so few cases (a denominator, or a count, under the partnership's "
        "small-number threshold) that a change in it may mean little."
    )
    suppressed = serializers.SerializerMethodField(
        help_text="True when the value is not published because it would reveal a small number ([c], decision 48): "
        "value is then null and display [c]; a suppressed numerator or denominator is null too. Only as a board "
        "member reads the figures."
    )
    in_outputs = serializers.SerializerMethodField(
        help_text="For those who see values as recorded: “Suppressed in outputs” or “Rounded in outputs” when the "
        "partnership's small-number setting changes this value in the report, exports and what board members read."
    )
    entered_by_name = serializers.CharField(source="entered_by", read_only=True, default=None)
    withdrawn = WithdrawnField()
    correction_reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Required to change a value of a quarter whose report has been issued (a locked quarter): why "
        "it is corrected. It is listed in the next report under Corrections to earlier figures.",
    )

    class Meta:
        model = Measurement
        fields = [
            "id",
            "indicator",
            "indicator_code",
            "indicator_name",
            "partnership",
            "period",
            "period_start",
            "value",
            "not_published",
            "display",
            "numerator",
            "denominator",
            "note",
            "small_number",
            "suppressed",
            "in_outputs",
            "is_illustrative",
            "is_estimated",
            "entered_by",
            "entered_by_name",
            "updated_at",
            "version",
            "withdrawn",
            "correction_reason",
        ]
        read_only_fields = ["period_start", "is_illustrative", "entered_by", "updated_at"]
        validators = []  # measurement_record corrects the period's value rather than refusing a second one

    def to_internal_value(self, data):
        return super().to_internal_value(marker_as_not_published(data))

    def get_display(self, measurement) -> str:
        return rating.display(measurement.value, measurement.indicator.unit, measurement.not_published)

    def _protection(self, measurement):
        """(what publishing does to the value, whether this reader reads it published) for one value."""
        if not measurement.is_published:
            return None, False
        indicator = measurement.indicator
        policy, reads_published = publication(self.context, indicator.partnership)
        protection = published.protect(
            measurement.value, measurement.numerator, measurement.denominator, indicator.unit, policy
        )
        return protection, reads_published

    def get_suppressed(self, measurement) -> bool:
        protection, reads_published = self._protection(measurement)
        return bool(protection and reads_published and protection.hides_value)

    def get_in_outputs(self, measurement) -> str:
        protection, reads_published = self._protection(measurement)
        return protection.in_outputs if protection and not reads_published else ""

    def to_representation(self, measurement):
        data = super().to_representation(measurement)
        protection, reads_published = self._protection(measurement)
        if protection is None or not reads_published or not protection.changed:
            return data
        # A board member reads the value as the report publishes it: small numbers suppressed or rounded.
        unit = measurement.indicator.unit
        data["value"] = None if protection.hides_value else self.fields["value"].to_representation(protection.value)
        data["display"] = MARKER if protection.hides_value else rating.display(protection.value, unit)
        for name in ("numerator", "denominator"):
            shown = getattr(protection, name)
            if shown is not None:
                data[name] = shown.value
        return data

    def get_small_number(self, measurement) -> bool:
        return rating.is_small_number(
            value=measurement.value,
            denominator=measurement.denominator,
            unit=measurement.indicator.unit,
            threshold=settings.SMALL_NUMBER_THRESHOLD,
        )

    def validate_period(self, label) -> str:
        """The period as written by people or their systems ("Q2 26/27", "30/09/2026"), as its label."""
        try:
            return Period.read(label).label
        except ValueError as error:
            raise serializers.ValidationError(str(error).rstrip(".")) from error

    def validate(self, attrs):
        refuse_percent_sign(self.initial_data, attrs.get("indicator"))
        refuse_unended_period(attrs.get("indicator"), attrs.get("period"))
        return attrs

    def entry(self) -> MeasurementInput:
        return MeasurementInput(**{name: self.validated_data.get(name) for name in ENTRY_FIELDS})


def refuse_unended_period(indicator, label):
    """A new value through the API is for a period that has ended (a monthly indicator: a month of it)."""
    if indicator is None:
        return
    period, problems = period_for(indicator, label)
    if problems:
        return  # measurement_errors names the period's problem
    if problem := period_not_ended_problem(indicator, period):
        raise serializers.ValidationError({"period": [problem]})


def refuse_percent_sign(raw_data, indicator):
    """A value written "64.8%" is refused for an indicator that is not a percentage."""
    raw = raw_data.get("value") if hasattr(raw_data, "get") else None
    if indicator is not None and (problem := percent_sign_problem(raw, indicator)):
        raise serializers.ValidationError({"value": [problem]})


ENTRY_FIELDS = (
    "indicator",
    "period",
    "value",
    "not_published",
    "numerator",
    "denominator",
    "note",
    "is_estimated",
    "correction_reason",
)


class MeasurementUpdateSerializer(PortalSerializerMixin, serializers.ModelSerializer):
    """A correction of one period's value. PUT replaces value, numerator, denominator and note; PATCH changes
    only those given (a percentage's value is worked out again from a new numerator and denominator)."""

    value = value_field(help_text="A marker such as <5 sent as the value is read as not published.")
    not_published = not_published_field()
    numerator = whole_number_field("numerator")
    denominator = whole_number_field("denominator")
    note = serializers.CharField(required=False, allow_blank=True)
    is_estimated = serializers.BooleanField(
        required=False,
        help_text="True when the value is an estimate. PUT without it takes the value as final; PATCH without it "
        "keeps what is recorded.",
    )
    period = serializers.CharField(required=False, help_text="Only the measurement's own period is accepted.")
    indicator = serializers.IntegerField(required=False, help_text="Only the measurement's own indicator is accepted.")
    correction_reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Required to change a value of a quarter whose report has been issued (a locked quarter): why "
        "it is corrected. It is listed in the next report under Corrections to earlier figures.",
    )

    class Meta:
        model = Measurement
        fields = [
            "indicator",
            "period",
            "value",
            "not_published",
            "numerator",
            "denominator",
            "note",
            "is_estimated",
            "correction_reason",
        ]

    def to_internal_value(self, data):
        return super().to_internal_value(marker_as_not_published(data))

    def validate_period(self, label):
        try:
            same = Period.read(label).label == self.instance.period
        except ValueError:
            same = False
        if not same:
            raise serializers.ValidationError(
                f"This is the value for {self.instance.period}: record another period's value with a POST to "
                "/api/v1/measurements/"
            )
        return label

    def validate_indicator(self, pk):
        if pk != self.instance.indicator_id:
            raise serializers.ValidationError("A value cannot move to another indicator")
        return pk

    def validate(self, attrs):
        refuse_percent_sign(self.initial_data, self.instance.indicator)
        return attrs

    def entry(self) -> MeasurementInput:
        data, current = self.validated_data, self.instance
        if not self.partial:
            fields = {name: data.get(name) for name in ("value", "numerator", "denominator")}
            fields["note"] = data.get("note", "")
            fields["not_published"] = data.get("not_published", "")
            fields["is_estimated"] = data.get("is_estimated", False)
        else:
            fields = {name: data.get(name, getattr(current, name)) for name in ("value", "numerator", "denominator")}
            fields["note"] = data.get("note", current.note)
            fields["not_published"] = data.get("not_published", current.not_published)
            fields["is_estimated"] = data.get("is_estimated", current.is_estimated)
            ratio_changed = "numerator" in data or "denominator" in data
            if ratio_changed and "value" not in data and current.indicator.unit == Unit.PERCENTAGE:
                fields["value"] = None  # worked out again from the new numerator and denominator
            if "value" in data and "not_published" not in data and data["value"] is not None:
                fields["not_published"] = ""  # a published figure replaces the marker
            if data.get("not_published") and "value" not in data:
                fields["value"] = None  # a marker replaces the figure
                fields["is_estimated"] = data.get("is_estimated", False)  # and with it the estimate
        reason = data.get("correction_reason", "")
        return MeasurementInput(indicator=current.indicator, period=current.period, correction_reason=reason, **fields)


# --- one period's values pushed at once ---------------------------------------------


class BulkEntrySerializer(PortalSerializerMixin, serializers.Serializer):
    """One indicator's value in a push; the indicator is named by its code."""

    default_error_messages = {"invalid": "Give each measurement as an object with indicator and value"}

    indicator = serializers.CharField(
        max_length=20,
        help_text="The indicator's code, such as HAL-03.",
        error_messages={"required": "Give the indicator's code", "blank": "Give the indicator's code"},
    )
    value = value_field(
        help_text="May be left out for a percentage given as numerator and denominator. A figure the source did "
        "not publish is sent as its marker, such as <5 or *, and recorded as not published."
    )
    not_published = not_published_field(default="")
    numerator = whole_number_field("numerator")
    denominator = whole_number_field("denominator")
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="The story behind the curve.")
    is_estimated = serializers.BooleanField(
        required=False,
        default=False,
        help_text="True when the value is an estimate, not yet the final figure: shown as Estimated on the pages, "
        "the report and the exports. Left out, the value is taken as final.",
    )
    correction_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Required to change a value of a locked quarter (its report issued): why it is corrected.",
    )

    def to_internal_value(self, data):
        # A field this endpoint does not read is refused, not ignored: a value sent with its
        # own "period" must never be recorded silently for the push's period instead.
        unknown = {}
        if isinstance(data, dict):
            unknown = {name: [unknown_field_message(name)] for name in data if name not in self.fields}
            data = marker_as_not_published(data)
        try:
            internal = super().to_internal_value(data)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({**unknown, **error.detail}) from error
        if unknown:
            raise serializers.ValidationError(unknown)
        return internal

    def validate_indicator(self, code):
        indicator = indicator_for(self.context["indicators"], code)
        if indicator is None:
            raise serializers.ValidationError(f"{self.context['partnership']} has no indicator with the code {code}")
        return indicator

    def validate(self, attrs):
        refuse_percent_sign(self.initial_data, attrs.get("indicator"))
        return attrs


def unknown_field_message(name) -> str:
    if name == "period":
        return "Give the period once, beside the measurements, not in each entry"
    return (
        "Not a field of a measurement: give indicator, value, not_published, numerator, denominator, note and "
        "is_estimated"
    )


def indicator_for(indicators: dict[str, Indicator], code) -> Indicator | None:
    """The indicator a push names by ``code``: an exact match, else one that differs only in case."""
    code = str(code or "").strip()
    return indicators.get(code) or indicators.get(code.casefold())


@extend_schema_field(BulkEntrySerializer(many=True))
class BulkEntriesField(serializers.ListField):
    """The entries of a push, each read by :class:`BulkEntrySerializer` once the partnership is known."""

    # Any JSON here: each entry is read on its own, so one bad entry does not hide the others' problems.
    child = serializers.JSONField()


class MeasurementBulkSerializer(PortalSerializerMixin, serializers.Serializer):
    """One period's values of several indicators, as an agency's own system pushes them."""

    partnership = serializers.IntegerField(
        required=False, help_text="The partnership's id; optional when you belong to one partnership only."
    )
    period = serializers.CharField(
        max_length=20,
        help_text="The period every value is for: a quarter such as 2026/27 Q2 (a financial year such as "
        "2026/27 for annual indicators).",
        error_messages={"required": "Enter the period, such as 2026/27 Q2", "blank": "Enter the period"},
    )
    measurements = BulkEntriesField(
        min_length=1,
        max_length=MAX_BULK_ENTRIES,
        help_text=f"Up to {MAX_BULK_ENTRIES} values, each indicator once.",
        error_messages={
            "required": "Give the measurements to record",
            "not_a_list": "Give the measurements as a list",
            "empty": "Give at least one measurement",
            "min_length": "Give at least one measurement",
            "max_length": f"Send no more than {MAX_BULK_ENTRIES} measurements at once: split the batch",
        },
    )

    def validate_period(self, label) -> Period:
        try:
            period = Period.read(label)
        except ValueError as error:
            raise serializers.ValidationError(str(error).rstrip(".")) from error
        if period.start > timezone.localdate():
            raise serializers.ValidationError(f"{period.label} has not started yet")
        return period


def bulk_entries(raw_entries, *, period, partnership, indicators) -> tuple[list[MeasurementInput], dict]:
    """The push's entries read into inputs for ``measurements_record_many``, and each bad entry's problems.

    ``indicators`` maps the partnership's indicator codes (and their case-folded
    forms) to indicators. The problems are keyed by the entry's index in the
    list, then by field: every entry is checked, so one answer lists them all.
    """
    context = {"indicators": indicators, "partnership": partnership}
    entries, errors, seen = [], {}, {}
    for index, raw in enumerate(raw_entries):
        serializer = BulkEntrySerializer(data=raw, context=context)
        if serializer.is_valid():
            entry = MeasurementInput(period=period.label, **serializer.validated_data)
            problems = measurement_errors(entry)
            if "period" not in problems and (unended := period_not_ended_problem(entry.indicator, period)):
                problems["period"] = [unended]
            entries.append(entry)
        else:
            problems = {name: list(messages) for name, messages in serializer.errors.items()}
        # A repeat is found from the code alone, so it is named even beside an entry with other problems.
        indicator = indicator_for(indicators, raw.get("indicator")) if isinstance(raw, dict) else None
        if indicator is not None and indicator.pk in seen:
            message = f"{indicator.code} is given twice in this batch (also at index {seen[indicator.pk]})"
            problems.setdefault("indicator", []).append(message)
        if indicator is not None:
            seen.setdefault(indicator.pk, index)
        if problems:
            errors[index] = problems
    return entries, errors


class BulkResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="The entry's position in the list sent, counting from 0.")
    indicator = serializers.CharField(help_text="The indicator's code.")
    measurement = serializers.IntegerField(help_text="The measurement's id.")
    value = serializers.DecimalField(
        max_digits=12, decimal_places=2, coerce_to_string=False, allow_null=True, help_text="Null when not published."
    )
    not_published = serializers.CharField(help_text="The marker of a figure not published, such as <5; else empty.")
    result = serializers.ChoiceField(choices=RESULT_CHOICES)


class MeasurementBulkResponseSerializer(serializers.Serializer):
    partnership = serializers.IntegerField()
    period = serializers.CharField()
    created = serializers.IntegerField(help_text="How many periods had no value before.")
    updated = serializers.IntegerField(help_text="How many values were corrected.")
    unchanged = serializers.IntegerField(help_text="How many were the same as the value already held.")
    measurements = BulkResultSerializer(many=True)


class BulkEntryErrorsSerializer(serializers.Serializer):
    """A bad entry's problems by field; fields without problems are left out."""

    indicator = serializers.ListField(child=serializers.CharField(), required=False)
    period = serializers.ListField(child=serializers.CharField(), required=False)
    value = serializers.ListField(child=serializers.CharField(), required=False)
    not_published = serializers.ListField(child=serializers.CharField(), required=False)
    numerator = serializers.ListField(child=serializers.CharField(), required=False)
    denominator = serializers.ListField(child=serializers.CharField(), required=False)
    note = serializers.ListField(child=serializers.CharField(), required=False)
    is_estimated = serializers.ListField(child=serializers.CharField(), required=False)
    non_field_errors = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="When the entry is not an object."
    )


class MeasurementBulkErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(
        help_text="What went wrong and that nothing was saved; a problem with the list of measurements as a whole "
        "(missing, empty, too long) is told here."
    )
    measurements = serializers.DictField(
        child=BulkEntryErrorsSerializer(),
        required=False,
        help_text="Each bad entry's problems, by its index in the list sent (counting from 0), then by field.",
    )
    partnership = serializers.ListField(child=serializers.CharField(), required=False)
    period = serializers.ListField(child=serializers.CharField(), required=False)
