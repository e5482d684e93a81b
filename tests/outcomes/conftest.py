"""Northshire's outcomes framework, added to the cast.

- ``training`` (TR-1): quarterly count of practitioners trained, supplied by health
  (Sam's agency), linked to P1, target 75 with an amber tolerance of 15.
- ``screening`` (SC-1): quarterly percentage supplied by the council (Lee's agency), linked to P2.
- ``contacts`` (CO-1): annual context measure supplied by the council.
- ``retired`` (OLD-1): an inactive indicator: off the scorecard, its page still readable.

The pages are looked at on 23 November 2026 (2026/27 Q3), so the last quarter
to have ended is 2026/27 Q2.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from freezegun import freeze_time

from outcomes.models import Frequency, Polarity, RBACategory, Unit
from tests import factories as f
from tests.outcomes.helpers import values


@pytest.fixture
def today():
    # tick: history records made in a test keep their order in time.
    with freeze_time("2026-11-23 10:00", tick=True):
        yield


@pytest.fixture
def framework(cast):
    training = f.IndicatorFactory(
        partnership=cast.partnership,
        code="TR-1",
        name="Practitioners trained in neglect",
        definition="Practitioners completing the neglect course in the quarter.",
        rba_category=RBACategory.HOW_MUCH,
        source_agency=cast.health,
        priority=cast.p1,
        target=Decimal("75"),
        amber_tolerance=Decimal("15"),
    )
    values(training, [("2026/27 Q1", 70), ("2026/27 Q2", 82)])
    screening = f.IndicatorFactory(
        partnership=cast.partnership,
        code="SC-1",
        name="Assessments using the screening tool",
        rba_category=RBACategory.HOW_WELL,
        unit=Unit.PERCENTAGE,
        source_agency=cast.council,
        priority=cast.p2,
        target=Decimal("75"),
        amber_tolerance=Decimal("10"),
    )
    f.MeasurementFactory(
        indicator=screening, period="2026/27 Q2", value=Decimal("50"), numerator=4, denominator=8, note="Few cases."
    )
    contacts = f.IndicatorFactory(
        partnership=cast.partnership,
        code="CO-1",
        name="Neglect contacts",
        frequency=Frequency.ANNUAL,
        polarity=Polarity.NEITHER,
        is_context=True,
        source_agency=cast.council,
    )
    values(contacts, [("2017/18", 73), ("2018/19", 147), ("2019/20", 195)])
    retired = f.IndicatorFactory(
        partnership=cast.partnership, code="OLD-1", name="A measure no longer used", is_active=False
    )
    values(retired, [("2025/26 Q4", 12)])
    south = f.IndicatorFactory(partnership=cast.other, code="SOUTH-1", name="Southshire secret measure")
    values(south, [("2026/27 Q2", 5)])
    return SimpleNamespace(training=training, screening=screening, contacts=contacts, retired=retired, south=south)
