"""Fields, messages and small read-only shapes shared by the outcomes serializers."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from accounts.api_permissions import reads_published_figures
from neglect_portal import values
from outcomes.models import Unit

# Named in SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].
RAG_CHOICES = [("green", "Green"), ("amber", "Amber"), ("red", "Red")]
RESULT_CHOICES = [
    ("created", "A value for a period that had none"),
    ("updated", "A correction of the period's value"),
    ("unchanged", "The same as the value already held: nothing written"),
]


def publication(context: dict, partnership) -> tuple:
    """(the partnership's suppression policy, whether the request's user reads figures as published), once per
    partnership of a response (decision 48): a board member reads them published, others marked."""
    known = context.setdefault("publication", {})
    if partnership.pk not in known:
        request = context.get("request")
        reads_published = reads_published_figures(request.user, partnership.pk) if request is not None else True
        known[partnership.pk] = (partnership.suppression, reads_published)
    return known[partnership.pk]


def choice_messages(choices) -> dict[str, str]:
    values = ", ".join(value for value, _ in choices)
    return {"invalid_choice": f"Choose one of: {values}"}


def required_messages(message: str) -> dict[str, str]:
    return {"required": message, "blank": message, "null": message}


def decimal_messages(name: str) -> dict[str, str]:
    return {
        "invalid": f"Enter the {name} as a number, like 147 or 51.8",
        "max_decimal_places": f"Give the {name} with no more than 2 decimal places",
        "max_digits": f"Enter a {name} smaller than 10 billion",
        "max_whole_digits": f"Enter a {name} smaller than 10 billion",
        "max_string_length": f"Enter a {name} smaller than 10 billion",
    }


def whole_number_field(name: str, **kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False,
        allow_null=True,
        max_value=2_147_483_647,
        error_messages={"invalid": f"Enter the {name} as a whole number", "max_value": f"The {name} is too large"},
        **kwargs,
    )


class WrittenNumberField(serializers.DecimalField):
    """A number as JSON gives it (82, 64.8) or as people write it in text: "1,234", "64.8%".

    The text forms are the ones the spreadsheet import reads (``neglect_portal.values.read_number``).
    Whether a % sign fits the indicator is for the serializer to say: see :func:`percent_sign_problem`.
    """

    def to_internal_value(self, data):
        if isinstance(data, str) and data.strip():
            try:
                data = values.read_number(data, self.error_messages["invalid"], allow_percent_sign=True)
            except values.ValueProblem:
                self.fail("invalid")
        return super().to_internal_value(data)


def percent_sign_problem(raw, indicator) -> str | None:
    """Why a value written with a % sign does not fit ``indicator``, or None."""
    if isinstance(raw, str) and raw.strip().endswith("%") and indicator.unit != Unit.PERCENTAGE:
        return f"{indicator.code} is not a percentage: give the value without a % sign"
    return None


class WrittenNumberFieldSchema(OpenApiSerializerFieldExtension):
    """A number in answers; a number or its written text ("1,234", "64.8%") in requests."""

    target_class = WrittenNumberField

    def map_serializer_field(self, auto_schema, direction):
        number = {"type": "number", "format": "double"}
        if direction == "response":
            return number
        written = {"type": "string", "description": 'As written: "1,234" or, for a percentage, "64.8%".'}
        return {"oneOf": [number, written]}


NOT_PUBLISHED_HELP = (
    "The source's marker of a figure it did not publish, such as <5, * or n/a (value is then null); empty for a "
    f"published figure. Send the marker as the value, or here with no value: {values.NOT_PUBLISHED_EXAMPLES}."
)


def not_published_field(**kwargs) -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_blank=True, max_length=20, help_text=NOT_PUBLISHED_HELP, **kwargs
    )


def marker_as_not_published(data):
    """``data`` with a value written as a marker ("<5", "*") moved to ``not_published``: the value is then null.

    The API takes the markers the spreadsheet import takes (``neglect_portal.values.not_published_marker``).
    """
    if not hasattr(data, "get") or not isinstance(data.get("value"), str):
        return data
    marker = values.not_published_marker(data["value"])
    if marker is None:
        return data
    data = data.copy()
    data["value"] = None
    data["not_published"] = marker
    return data


def value_field(**kwargs) -> serializers.DecimalField:
    return WrittenNumberField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        error_messages=decimal_messages("value"),
        **kwargs,
    )


class FigureNumberField(serializers.FloatField):
    """A figure the scorecard holds as text ("1,234"), given as a JSON number; null when not published."""

    def to_representation(self, value):
        return figure_number(value)


class FigureSerializer(serializers.Serializer):
    """One period's value of an indicator, as the scorecard shows it."""

    period = serializers.CharField(help_text="For example 2026/27 Q2, or 2026/27 for a whole year.")
    value = FigureNumberField(
        allow_null=True,
        help_text="The figure as a number: 1234 or 51.8 (see display for how it is written); null when the source "
        "did not publish it (see not_published).",
    )
    display = serializers.CharField(
        help_text="The figure in its unit: 51.8%, 23 days, 51.8 per 10,000; Not published (<5) for a figure not "
        "published."
    )
    not_published = serializers.CharField(
        help_text="The source's marker of a figure it did not publish, such as <5 or * (value is then null and the "
        "figure is not rated); empty for a published figure.",
    )
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    note = serializers.CharField(help_text="The story behind the curve.")
    small_number = serializers.BooleanField(help_text="Built on so few cases that a change may mean little.")
    is_illustrative = serializers.BooleanField(help_text="Invented for demonstration, not a published figure.")
    is_estimated = serializers.BooleanField(help_text="An estimate, as the person who entered it said: not final.")
    suppressed = serializers.BooleanField(
        help_text="Not published because it would reveal a small number ([c]): value is then null and display "
        "is [c]; a suppressed numerator or denominator is null too. Only as a board member reads the figures."
    )
    in_outputs = serializers.CharField(
        help_text="For those who see the figures as recorded: “Suppressed in outputs” or “Rounded in outputs” when "
        "the partnership's small-number setting changes this figure in the report, exports and what board members "
        "read; else empty."
    )


def figure_data(figure) -> dict | None:
    """What :class:`FigureSerializer` gives for ``figure`` (an ``outcomes.selectors.Figure``), built directly.

    A list of a hundred indicators has three hundred figures: a serializer made for each one costs more
    than the rest of the answer. ``tests/api/test_plain_representations.py`` holds the two the same.
    """
    if figure is None:
        return None
    return {
        "period": figure.period,
        "value": figure_number(figure.value),
        "display": figure.display,
        "not_published": figure.not_published,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "note": figure.note,
        "small_number": figure.small_number,
        "is_illustrative": figure.is_illustrative,
        "is_estimated": figure.is_estimated,
        "suppressed": figure.suppressed,
        "in_outputs": figure.in_outputs,
    }


def figure_number(value) -> float | None:
    """A figure held as text ("1,234") as a JSON number; None when not published."""
    if value in (None, ""):
        return None
    return float(str(value).replace(",", ""))


class RagSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=RAG_CHOICES, allow_null=True, help_text="Null when not rated.")
    label = serializers.CharField(help_text="Green, Amber, Red or Not rated.")
    reason = serializers.CharField(help_text="Why, in words: “Target met”, “A context measure: monitored, not rated”.")


class TravelSerializer(serializers.Serializer):
    symbol = serializers.CharField(help_text="▲, ▼, ▶ or empty when there is no earlier figure.")
    words = serializers.CharField(
        help_text="Improving, Getting worse, Up, Down, No change, No earlier figure, or Not compared: … when a "
        "figure was not published."
    )
