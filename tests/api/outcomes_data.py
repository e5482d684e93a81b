"""Indicators and values for the outcomes API tests, on top of the cast.

- HV-01, health visitors trained (a quarterly count supplied by health, Sam's
  agency; priority P1; target 80 with an amber tolerance of 5): 60 in 2025/26 Q2,
  70 in 2026/27 Q1 and 78 in 2026/27 Q2.
- SC-01, screening tool used (a quarterly percentage supplied by the council,
  Lee's agency), no values yet.
- SS-01 belongs to Southshire (Charlie's partnership), with one value.
"""

from decimal import Decimal
from types import SimpleNamespace

from outcomes.models import Polarity, RBACategory, Unit
from tests import factories as f


def northshire_outcomes(cast) -> SimpleNamespace:
    training = f.IndicatorFactory(
        partnership=cast.partnership,
        code="HV-01",
        name="Health visitors trained in the neglect toolkit",
        rba_category=RBACategory.HOW_MUCH,
        source_agency=cast.health,
        priority=cast.p1,
        polarity=Polarity.HIGHER_BETTER,
        target=Decimal("80"),
        amber_tolerance=Decimal("5"),
    )
    values = {}
    for period, value in [("2025/26 Q2", 60), ("2026/27 Q1", 70), ("2026/27 Q2", 78)]:
        values[period] = f.MeasurementFactory(indicator=training, period=period, value=Decimal(value))
    screening = f.IndicatorFactory(
        partnership=cast.partnership,
        code="SC-01",
        name="Assessments where the neglect screening tool was used",
        rba_category=RBACategory.HOW_WELL,
        unit=Unit.PERCENTAGE,
        source_agency=cast.council,
        priority=cast.p2,
        target=Decimal("75"),
    )
    southshire = f.IndicatorFactory(partnership=cast.other, code="SS-01", source_agency=cast.other_agency)
    southshire_value = f.MeasurementFactory(indicator=southshire, period="2026/27 Q1", value=Decimal("12"))
    return SimpleNamespace(
        training=training,
        training_q2=values["2026/27 Q2"],
        screening=screening,
        southshire=southshire,
        southshire_value=southshire_value,
    )
