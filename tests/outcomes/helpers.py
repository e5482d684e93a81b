"""Small helpers shared by the outcomes tests."""

import re
from decimal import Decimal
from html import unescape

from tests import factories as f


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
