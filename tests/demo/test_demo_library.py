"""The demo partnerships' indicators are linked to the library definitions their measures match."""

import pytest

from demo.content import PARTNERSHIPS
from demo.services import demo_load
from neglect_portal.periods import Period
from outcomes.library.definitions import definition_for
from outcomes.models import Indicator, Measurement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("content", PARTNERSHIPS, ids=lambda content: content["slug"])
def test_every_library_code_in_the_demo_is_a_definition_of_the_library(content):
    codes = [indicator["library"] for indicator in content["indicators"] if "library" in indicator]
    assert codes, "each demo partnership uses the library"
    assert all(definition_for(code) for code in codes)
    assert len(codes) == len(set(codes)), "a definition is adopted once by a partnership"


def test_the_demo_links_matching_measures_to_the_library_and_keeps_their_names_and_figures():
    before = {
        (code, period): value
        for content in PARTNERSHIPS
        for indicator in content["indicators"]
        if (code := indicator["code"]) in ("WAL-05", "HAL-06", "HOU-06")
        for period, value in ((Period.parse(m["period"]).label, m["value"]) for m in indicator["measurements"])
    }
    demo_load()
    linked = Indicator.objects.filter(library_code="CPP-NEG-RATE")
    assert sorted(linked.values_list("code", flat=True)) == ["HAL-06", "HOU-06", "WAL-05"]
    after = Measurement.objects.filter(indicator__in=linked).values_list("indicator__code", "period", "value")
    assert {(code, period): value for code, period, value in after} == before
    # Halton's published contacts keep their name and figures.
    contacts = Indicator.objects.get(partnership__slug="halton", code="HAL-02")
    assert contacts.library_code == "NEG-CONTACTS"
    assert contacts.name == "Level 3 Safeguarding contacts where neglect is the presenting issue"
    assert [str(v) for v in contacts.measurements.order_by("period_start").values_list("value", flat=True)] == [
        "690.00",
        "868.00",
        "895.00",
    ]
