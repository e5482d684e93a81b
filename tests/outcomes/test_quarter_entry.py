"""The quarter entry form: every quarterly indicator's value for one quarter; the good values are saved and the
rows with a problem shown again, alone, each problem at its field."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from outcomes import services
from outcomes.models import Frequency, Measurement, Unit
from outcomes.services import MeasurementInput
from tests import factories as f
from tests.outcomes.helpers import text

pytestmark = pytest.mark.usefixtures("today")


def entry_url(quarter="2026/27 Q2", agency=None):
    query = f"?quarter={quarter}" + (f"&agency={agency}" if agency is not None else "")
    return reverse("outcomes:quarter_entry") + query


def field(indicator, part="value"):
    return f"i{indicator.pk}-{part}"


def stored():
    return {
        (m.indicator.code, m.period): (m.value, m.numerator, m.denominator, m.note) for m in Measurement.objects.all()
    }


def test_the_first_step_asks_for_the_quarter_starting_on_the_last_to_have_ended(cast, framework, client_for):
    html = client_for(cast.steve).get(reverse("outcomes:quarter_entry")).content.decode()
    assert '<option value="2026/27 Q2" selected>' in html
    assert '<option value="2026/27 Q3">2026/27 Q3 (not ended: monthly figures only)</option>' in html
    assert '<option value="2024/25 Q4">2024/25 Q4</option>' in html
    assert "2027/28" not in html and "2024/25 Q3" not in html
    assert "All agencies" in html and field(framework.training) not in html


def test_a_plan_editor_sees_every_active_quarterly_indicator_prefilled_with_last_quarter_as_a_hint(
    cast, framework, client_for
):
    response = client_for(cast.steve).get(entry_url(agency=""))
    html, page = response.content.decode(), text(response)
    assert "TR-1 Practitioners trained in neglect" in page and "SC-1 Assessments using the screening tool" in page
    assert "CO-1" not in page and "OLD-1" not in page  # annual, inactive
    assert f'name="{field(framework.training)}" value="82"' in html
    assert "2026/27 Q1: 70." in page and "No value for 2026/27 Q1." in page
    assert f'name="{field(framework.screening, "numerator")}" value="4"' in html
    assert field(framework.training, "numerator") not in html  # a count has no numerator


def test_a_plan_editor_can_choose_the_supplying_agency(cast, framework, client_for):
    page = text(client_for(cast.alice).get(entry_url(agency=cast.council.pk)))
    assert "2026/27 Q2: Northshire Council" in page
    assert "SC-1" in page and "TR-1" not in page


@pytest.mark.parametrize(("role", "own", "other"), [("sam", "TR-1", "SC-1"), ("lee", "SC-1", "TR-1")])
def test_sponsors_and_leads_get_only_their_own_agencys_indicators(cast, framework, client_for, role, own, other):
    response = client_for(getattr(cast, role)).get(entry_url(agency=cast.police.pk))
    page = text(response)
    assert own in page and other not in page
    assert 'name="agency"' not in response.content.decode()


def test_new_values_are_added_and_the_banner_counts_them(cast, framework, client_for):
    client = client_for(cast.steve)
    data = {
        field(framework.training): "90",
        field(framework.training, "note"): "Extra sessions for schools.",
        field(framework.screening): "",
        field(framework.screening, "numerator"): "46",
        field(framework.screening, "denominator"): "71",
    }
    response = client.post(entry_url("2025/26 Q4", agency=""), data)
    assert response.status_code == 302 and response.url == "/outcomes/enter/?quarter=2025%2F26+Q4&agency="
    assert stored()[("TR-1", "2025/26 Q4")] == (Decimal("90"), None, None, "Extra sessions for schools.")
    assert stored()[("SC-1", "2025/26 Q4")] == (Decimal("64.8"), 46, 71, "")
    page = text(client.get(response.url))
    assert "2 values added for 2025/26 Q4." in page


def test_changed_values_are_corrected_and_values_sent_back_unchanged_are_not_counted(cast, framework, client_for):
    client = client_for(cast.steve)
    data = {
        field(framework.training): "84",
        field(framework.screening): "50",
        field(framework.screening, "numerator"): "4",
        field(framework.screening, "denominator"): "8",
        field(framework.screening, "note"): "Few cases.",
    }
    history_before = Measurement.history.count()
    response = client.post(entry_url(), data)
    assert stored()[("TR-1", "2026/27 Q2")][0] == Decimal("84")
    assert Measurement.history.count() == history_before + 1  # SC-1 was not written again
    assert "1 value corrected for 2026/27 Q2." in text(client.get(response.url))


def test_blank_rows_are_left_alone(cast, framework, client_for):
    before = stored()
    data = {field(framework.training): "", field(framework.training, "note"): "  ", field(framework.screening): "60"}
    response = client_for(cast.steve).post(entry_url(), data)
    assert response.status_code == 302
    after = stored()
    assert after[("TR-1", "2026/27 Q2")] == before[("TR-1", "2026/27 Q2")]  # cleared, not deleted
    assert after[("SC-1", "2026/27 Q2")][0] == Decimal("60")


def test_a_form_with_nothing_entered_says_nothing_changed(cast, framework, client_for):
    client = client_for(cast.sam)
    response = client.post(entry_url("2026/27 Q3"), {field(framework.training): ""})
    assert "Nothing was entered for 2026/27 Q3, so nothing has changed." in text(client.get(response.url))


def test_a_bad_row_is_shown_again_alone_with_its_error_at_its_field_and_the_good_ones_are_saved(
    cast, framework, client_for
):
    data = {field(framework.training): "ninety", field(framework.screening): "55"}
    response = client_for(cast.steve).post(entry_url("2025/26 Q4"), data)
    assert response.status_code == 200
    html, page = response.content.decode(), text(response)
    assert "1 value saved for 2025/26 Q4 (1 added)." in page
    assert "The value below has not been saved: correct it and save again." in page
    summary = page.split("There is a problem")[1].split("Enter a quarter's values")[0]
    assert "TR-1: Enter the value as a number, like 147 or 51.8" in summary
    assert f'href="#id_{field(framework.training)}"' in html
    assert page.count("TR-1: Enter the value as a number") == 2  # in the summary and by the field
    assert f'name="{field(framework.training)}" value="ninety"' in html  # what was typed is kept
    assert field(framework.screening) not in html  # the saved row is not shown again
    assert stored()[("SC-1", "2025/26 Q4")][0] == Decimal("55")
    assert ("TR-1", "2025/26 Q4") not in stored()


def test_the_row_shown_again_saves_once_corrected_and_nothing_typed_is_lost(cast, framework, client_for):
    client = client_for(cast.steve)
    data = {field(framework.training): "-3", field(framework.screening): "55"}
    refused = client.post(entry_url("2025/26 Q4"), data)
    form = refused.context["form"]
    again = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    again[field(framework.training)] = "3"
    response = client.post(entry_url("2025/26 Q4"), again)
    assert response.status_code == 302
    assert "1 value added for 2025/26 Q4." in text(client.get(response.url))
    assert stored()[("TR-1", "2025/26 Q4")][0] == Decimal("3")
    assert stored()[("SC-1", "2025/26 Q4")][0] == Decimal("55")


def test_every_bad_row_is_reported_at_once_whatever_kind_of_mistake(cast, framework, client_for):
    data = {
        field(framework.training): "-3",
        field(framework.screening): "",
        field(framework.screening, "numerator"): "four",
        field(framework.screening, "denominator"): "8",
    }
    page = text(client_for(cast.steve).post(entry_url("2025/26 Q4"), data))
    assert "TR-1: The value cannot be negative" in page
    assert "SC-1: Enter the numerator as a whole number, like 46" in page
    assert "No values have been saved for 2025/26 Q4 yet." in page
    assert not Measurement.objects.filter(period="2025/26 Q4", indicator__code__in=["TR-1", "SC-1"]).exists()


def test_a_quarter_not_on_the_list_is_refused_and_nothing_is_saved(cast, framework, client_for):
    before = stored()
    response = client_for(cast.steve).post(entry_url("2031/32 Q1"), {field(framework.training): "5"})
    assert response.status_code == 200
    assert "Choose a quarter from the list" in text(response)
    assert stored() == before


def test_a_sponsor_cannot_enter_another_agencys_indicator_by_adding_its_field(cast, framework, client_for):
    before = stored()
    data = {field(framework.training): "83", field(framework.screening): "99"}
    response = client_for(cast.sam).post(entry_url(), data)
    assert response.status_code == 302
    after = stored()
    assert after[("TR-1", "2026/27 Q2")][0] == Decimal("83")
    assert after[("SC-1", "2026/27 Q2")] == before[("SC-1", "2026/27 Q2")]


def test_an_agency_not_on_the_list_is_explained_and_no_form_is_shown(cast, framework, client_for):
    response = client_for(cast.steve).get(entry_url(agency=cast.other_agency.pk))
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page and "Choose an agency from the list" in page
    assert field(framework.training) not in response.content.decode()


def test_what_people_typed_into_an_indicators_name_is_shown_as_text_not_run(cast, framework, client_for):
    framework.training.name = '<script>alert("x")</script>'
    framework.training.save()
    html = client_for(cast.steve).get(entry_url(agency="")).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.parametrize("count", [2, 20])
def test_the_form_runs_the_same_queries_whatever_the_number_of_indicators(
    cast, client_for, django_assert_max_num_queries, count
):
    for n in range(count):
        indicator = f.IndicatorFactory(partnership=cast.partnership, code=f"Q-{n:02d}", source_agency=cast.health)
        f.MeasurementFactory(indicator=indicator, period="2026/27 Q1", value=n)
        f.MeasurementFactory(indicator=indicator, period="2026/27 Q2", value=n + 1)
    client = client_for(cast.steve)
    with django_assert_max_num_queries(11):
        response = client.get(entry_url(agency=""))
    assert text(response).count("Q-") >= count


# --- a quarter not yet ended (issue 16): only a monthly indicator's figure so far ----------------------------


@pytest.fixture
def monthly(cast):
    return f.IndicatorFactory(
        partnership=cast.partnership,
        code="MO-1",
        name="Neglect referrals each month",
        frequency=Frequency.MONTHLY,
        source_agency=cast.health,
    )


def test_a_quarter_not_yet_ended_offers_only_monthly_indicators_and_says_when_the_others_open(
    cast, framework, monthly, client_for
):
    response = client_for(cast.steve).get(entry_url("2026/27 Q3", agency=""))
    html, page = response.content.decode(), text(response)
    assert field(monthly) in html
    assert field(framework.training) not in html and field(framework.screening) not in html
    waiting = page.split("has not ended, so these indicators cannot take a value for it yet")[1].split("MO-1")[0]
    assert "TR-1 Practitioners trained in neglect" in waiting and "SC-1" in waiting
    assert "2026/27 Q3 has not ended yet: record its value from 1 January 2027" in waiting


def test_a_value_for_a_quarter_not_yet_ended_is_refused_even_when_its_field_is_added_by_hand(
    cast, framework, monthly, client_for
):
    data = {field(framework.training): "90", field(monthly): "12"}
    response = client_for(cast.steve).post(entry_url("2026/27 Q3", agency=""), data)
    assert response.status_code == 302
    assert ("TR-1", "2026/27 Q3") not in stored()
    assert stored()[("MO-1", "2026/27 Q3")][0] == Decimal("12")


def test_the_service_refuses_a_quarterly_value_before_the_quarter_ends_and_a_monthly_one_before_its_first_month(
    cast, framework, monthly
):
    steve = cast.steve.memberships.get()
    entries = [
        MeasurementInput(indicator=framework.training, period="2026/27 Q3", value="90"),
        MeasurementInput(indicator=monthly, period="2026/27 Q3", value="12"),
    ]
    done = services.measurements_record_each(steve, entries)
    assert done.errors == {0: {"period": ["2026/27 Q3 has not ended yet: record its value from 1 January 2027"]}}
    assert list(done.recorded) == [1]
    early = services.measurements_record_each(
        steve, [MeasurementInput(indicator=monthly, period="2026/27 Q3", value="1")], today=datetime.date(2026, 10, 20)
    )
    assert "nor its first month" in early.errors[0]["period"][0]


# --- rates worked out from numerator and denominator --------------------------------------------------------


def test_a_rate_per_10000_is_worked_out_from_its_numerator_and_denominator(cast, framework, client_for):
    rate = f.IndicatorFactory(
        partnership=cast.partnership,
        code="RT-1",
        name="Children on a plan",
        unit=Unit.RATE_PER_10K,
        source_agency=cast.council,
    )
    data = {field(rate, "numerator"): "46", field(rate, "denominator"): "71,000"}
    response = client_for(cast.steve).post(entry_url("2025/26 Q4", agency=""), data)
    assert response.status_code == 302, text(response)
    assert stored()[("RT-1", "2025/26 Q4")] == (Decimal("6.5"), 46, 71000, "")


def test_the_form_carries_what_the_script_needs_to_show_the_worked_out_value_as_it_is_typed(
    cast, framework, client_for
):
    html = client_for(cast.steve).get(entry_url(agency="")).content.decode()
    assert 'data-multiplier="100" data-unit="percentage"' in html
    assert 'aria-live="polite" data-app-worked-out' in html
    assert "/static/js/quarter-entry.js" in html
    assert "<script>" not in html


def test_a_typed_value_that_disagrees_with_its_numerator_and_denominator_is_refused_at_the_value(
    cast, framework, client_for
):
    data = {
        field(framework.screening): "50",
        field(framework.screening, "numerator"): "46",
        field(framework.screening, "denominator"): "71",
    }
    response = client_for(cast.steve).post(entry_url("2025/26 Q4"), data)
    page = text(response)
    assert "SC-1: 46 of 71 is 64.8%, not 50%: correct the value, or leave it blank to have it worked out" in page
    assert ("SC-1", "2025/26 Q4") not in stored()


@pytest.mark.parametrize("typed", ["64.8", "65", "64.79"])
def test_a_typed_value_rounded_from_the_worked_out_one_is_accepted(cast, framework, client_for, typed):
    data = {
        field(framework.screening): typed,
        field(framework.screening, "numerator"): "46",
        field(framework.screening, "denominator"): "71",
    }
    assert client_for(cast.steve).post(entry_url("2025/26 Q4"), data).status_code == 302
    assert stored()[("SC-1", "2025/26 Q4")][0] == Decimal(typed)


@pytest.mark.parametrize("count", [2, 20])
def test_the_rows_shown_again_take_the_same_queries_whatever_their_number(
    cast, client_for, django_assert_max_num_queries, count
):
    data = {}
    for n in range(count):
        indicator = f.IndicatorFactory(partnership=cast.partnership, code=f"Q-{n:02d}", source_agency=cast.health)
        data[field(indicator)] = "not a number"
    client = client_for(cast.steve)
    with django_assert_max_num_queries(14):
        response = client.post(entry_url("2025/26 Q4", agency=""), data)
    assert text(response).count("Enter the value as a number") == 2 * count
