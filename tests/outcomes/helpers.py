"""Small helpers shared by the outcomes tests."""

import re
from decimal import Decimal
from html import unescape

from outcomes.models import Frequency, Unit
from tests import factories as f

VALUE_HEADERS = ["Indicator code", "Period", "Value", "Numerator", "Denominator", "Note"]
# The template's columns: the optional Estimated column too.
TEMPLATE_VALUE_HEADERS = [*VALUE_HEADERS, "Estimated"]


def values(indicator, pairs):
    """Give ``indicator`` a value for each ``(period, value)``."""
    for period, value in pairs:
        f.MeasurementFactory(indicator=indicator, period=period, value=Decimal(str(value)))
    return indicator


def indicator_data(**overrides):
    """A good submission of the indicator form, as a browser would post it."""
    return {
        "code": "NEW-1",
        "name": "Families offered early help",
        "definition": "",
        "rba_category": "how_much",
        "unit": "count",
        "polarity": "higher_better",
        "frequency": "quarterly",
        "source_agency": "",
        "priority": "",
        "baseline": "",
        "target": "",
        "amber_tolerance": "",
        "is_active": "on",
        **overrides,
    }


def text(response):
    """The page as words, without tags, as a screen reader would meet them."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def import_indicators(cast):
    """Two quarterly indicators: a count supplied by health (Sam's agency) and a percentage by the council."""
    training = f.IndicatorFactory(
        partnership=cast.partnership, code="TR-1", name="Staff trained", source_agency=cast.health
    )
    screening = f.IndicatorFactory(
        partnership=cast.partnership,
        code="SC-1",
        name="Assessments using the toolkit",
        unit=Unit.PERCENTAGE,
        frequency=Frequency.QUARTERLY,
        source_agency=cast.council,
    )
    return training, screening
