"""The outcomes pages in a real browser: scorecard, an indicator page, the quarter entry form with errors."""

from decimal import Decimal

import pytest

from neglect_portal.periods import current_quarter
from outcomes.models import Frequency, Measurement, Polarity, RBACategory, Unit
from tests import factories as f
from tests.browser.conftest import assert_accessible, choose, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indicators(cast):
    """Three quarters of training figures (health), a percentage on small numbers (council), an annual context count."""
    last = current_quarter().previous()
    training = f.IndicatorFactory(
        partnership=cast.partnership,
        code="TR-1",
        name="Practitioners trained in neglect",
        source_agency=cast.health,
        priority=cast.p1,
        target=Decimal(75),
        amber_tolerance=Decimal(15),
    )
    for offset, value in [(-2, 64), (-1, 70), (0, 82)]:
        f.MeasurementFactory(indicator=training, period=last.shift(offset).label, value=value, note="Course running.")
    screening = f.IndicatorFactory(
        partnership=cast.partnership,
        code="SC-1",
        name="Assessments using the screening tool",
        rba_category=RBACategory.HOW_WELL,
        unit=Unit.PERCENTAGE,
        source_agency=cast.council,
        priority=cast.p2,
        target=Decimal(75),
        amber_tolerance=Decimal(10),
    )
    f.MeasurementFactory(indicator=screening, period=last.label, value=50, numerator=4, denominator=8)
    contacts = f.IndicatorFactory(
        partnership=cast.partnership,
        code="CO-1",
        name="Neglect contacts",
        frequency=Frequency.ANNUAL,
        polarity=Polarity.NEITHER,
        is_context=True,
    )
    for period, value in [("2017/18", 73), ("2018/19", 147), ("2019/20", 195)]:
        f.MeasurementFactory(indicator=contacts, period=period, value=value)
    return training


def test_the_scorecard_is_accessible_and_filters_by_priority(page, cast, indicators):
    sign_in(page, "bea@example.org")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Outcomes").click()
    assert page.inner_text("h1") == "Outcomes scorecard"
    contacts = page.get_by_role("row").filter(has_text="CO-1").inner_text()
    assert "Up 33%" in contacts and "from 147 in 2018/19" in contacts
    assert "Green 1 met its target" in page.inner_text(".app-rag-summary")
    page.get_by_text("How to read the scorecard").click()
    assert_accessible(page, "scorecard")

    choose(page, "Priority", "Priority 2: Recognising neglect")
    page.get_by_role("button", name="Show the scorecard").click()
    main = page.inner_text("main")
    assert "SC-1" in main and "TR-1" not in main and "Latest figures for priority 2" in main


def test_an_indicator_page_is_accessible_with_its_chart_table_and_history(page, cast, indicators):
    sign_in(page, "sam@example.org")
    page.goto("/outcomes/")
    page.get_by_role("link", name="Practitioners trained in neglect").click()
    assert page.inner_text("h1") == "TR-1 Practitioners trained in neglect"
    chart = page.locator("img.app-chart")
    assert "with the target of 75 as a dashed line" in chart.get_attribute("alt")
    assert page.get_by_role("table", name="TR-1 values, newest first.").locator("tbody tr").count() == 3
    assert "Indicator added" in page.inner_text("main")
    assert_accessible(page, "indicator")

    page.get_by_role("link", name="Enter or correct a value").click()
    assert page.inner_text("h1") == "Enter or correct a value"
    assert_accessible(page, "indicator-value-form")


def test_the_quarter_entry_form_shows_errors_in_a_focused_summary_and_saves_nothing(page, cast, indicators):
    quarter = current_quarter().previous().label
    sign_in(page, "steve@example.org")
    page.goto("/outcomes/")
    page.get_by_role("link", name="Enter a quarter's values").click()
    choose(page, "Quarter", quarter)
    page.get_by_role("button", name="Show the indicators").click()
    page.get_by_role("group", name="TR-1 Practitioners trained in neglect").wait_for()
    assert_accessible(page, "quarter-entry")

    before = list(Measurement.objects.order_by("pk").values())
    page.locator(f"#id_i{indicators.pk}-value").fill("eighty")
    page.get_by_role("button", name=f"Save the values for {quarter}").click()
    page.wait_for_selector(".govuk-error-summary")
    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
    summary = page.inner_text(".govuk-error-summary")
    assert "There is a problem" in summary and "TR-1: Enter the value as a number, like 147 or 51.8" in summary
    assert_accessible(page, "quarter-entry-with-errors")
    assert list(Measurement.objects.order_by("pk").values()) == before

    page.get_by_role("link", name="TR-1: Enter the value as a number, like 147 or 51.8").click()
    page.wait_for_function(f"document.activeElement && document.activeElement.id === 'id_i{indicators.pk}-value'")
    page.keyboard.press("Control+A")
    page.keyboard.type("84")
    page.get_by_role("button", name=f"Save the values for {quarter}").click()
    assert f"1 value corrected for {quarter}." in page.inner_text(".govuk-notification-banner--success")


def test_the_indicator_form_is_accessible_with_its_errors(page, cast, indicators):
    sign_in(page, "alice@example.org")
    page.goto("/outcomes/indicators/new/")
    assert_accessible(page, "indicator-form")
    page.get_by_role("button", name="Save the indicator").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "Enter the indicator's code, for example HAL-03" in page.inner_text(".govuk-error-summary")
    assert_accessible(page, "indicator-form-with-errors")


def test_quarter_entry_shows_the_worked_out_value_as_the_numbers_are_typed_and_saves_it(page, cast, indicators):
    quarter = current_quarter().previous().previous().label
    screening = Measurement.objects.get(indicator__code="SC-1").indicator
    sign_in(page, "steve@example.org")
    page.goto(f"/outcomes/enter/?quarter={quarter}&agency=")
    page.locator(f"#id_i{screening.pk}-numerator").fill("46")
    page.locator(f"#id_i{screening.pk}-denominator").fill("71")
    live = page.locator(f"#i{screening.pk} [data-app-worked-out]")
    assert live.get_attribute("aria-live") == "polite"
    assert live.inner_text() == "46 of 71 is 64.8%. The value has been filled in."
    assert page.locator(f"#id_i{screening.pk}-value").input_value() == "64.8"
    assert_accessible(page, "quarter-entry-worked-out")
    page.get_by_role("button", name=f"Save the values for {quarter}").click()
    assert f"1 value added for {quarter}." in page.inner_text(".govuk-notification-banner--success")
    saved = Measurement.objects.get(indicator=screening, period=quarter)
    assert (saved.value, saved.numerator, saved.denominator) == (Decimal("64.8"), 46, 71)
