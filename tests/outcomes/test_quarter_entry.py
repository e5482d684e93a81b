"""The quarter entry form: every quarterly indicator's value for one quarter, saved all or nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from outcomes.models import Measurement
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
    assert '<option value="2026/27 Q3">' in html and '<option value="2024/25 Q4">' in html
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
    response = client.post(entry_url("2026/27 Q3", agency=""), data)
    assert response.status_code == 302 and response.url == "/outcomes/enter/?quarter=2026%2F27+Q3&agency="
    assert stored()[("TR-1", "2026/27 Q3")] == (Decimal("90"), None, None, "Extra sessions for schools.")
    assert stored()[("SC-1", "2026/27 Q3")] == (Decimal("64.8"), 46, 71, "")
    page = text(client.get(response.url))
    assert "2 values added for 2026/27 Q3." in page


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


def test_one_bad_row_refuses_the_whole_form_names_the_indicator_and_links_to_its_field(cast, framework, client_for):
    before = stored()
    data = {field(framework.training): "ninety", field(framework.screening): "55"}
    response = client_for(cast.steve).post(entry_url("2026/27 Q3"), data)
    assert response.status_code == 200
    html, page = response.content.decode(), text(response)
    summary = page.split("There is a problem")[1].split("Enter a quarter's values")[0]
    assert "TR-1: Enter the value as a number, like 147 or 51.8" in summary
    assert f'href="#id_{field(framework.training)}"' in html
    assert page.count("TR-1: Enter the value as a number") == 2  # in the summary and by the field
    assert f'name="{field(framework.screening)}" value="55"' in html  # what was typed is kept
    assert stored() == before


def test_every_bad_row_is_reported_at_once_whatever_kind_of_mistake(cast, framework, client_for):
    data = {
        field(framework.training): "-3",
        field(framework.screening): "",
        field(framework.screening, "numerator"): "four",
        field(framework.screening, "denominator"): "8",
    }
    page = text(client_for(cast.steve).post(entry_url("2026/27 Q3"), data))
    assert "TR-1: The value cannot be negative" in page
    assert "SC-1: Enter the numerator as a whole number, like 46" in page
    assert not Measurement.objects.filter(period="2026/27 Q3").exists()


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
