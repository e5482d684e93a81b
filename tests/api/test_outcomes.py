"""Indicators and measurements through the API: what they show, filters, validation, upserts and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from accounts.models import Role
from outcomes.models import Frequency, Indicator, Measurement, Unit
from tests import factories as f
from tests.api.conftest import snapshot
from tests.api.outcomes_data import northshire_outcomes


@pytest.fixture
def outcomes(cast):
    return northshire_outcomes(cast)


def codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


# --- indicators: reading -------------------------------------------------------------


def test_an_indicator_shows_its_latest_value_change_rag_and_direction_of_travel(cast, outcomes, api_for):
    body = api_for(cast.bea).get(f"/api/v1/indicators/{outcomes.training.pk}/").json()

    assert body["code"] == "HV-01" and body["rba_question"] == "How much did we do?"
    assert body["source_agency_name"] == "Northshire ICB" and body["priority_number"] == 1
    assert body["latest"]["period"] == "2026/27 Q2" and body["latest"]["value"] == 78
    assert body["previous"]["period"] == "2026/27 Q1"
    assert body["change_on_previous"] == "up 11%"
    assert body["year_earlier"]["period"] == "2025/26 Q2" and body["change_on_year_earlier"] == "up 30%"
    assert body["rag"] == {"code": "amber", "label": "Amber", "reason": "Within the amber tolerance of the target"}
    assert body["direction_of_travel"] == {"symbol": "▲", "words": "Improving"}


def test_an_indicator_without_values_says_so(cast, outcomes, api_for):
    body = api_for(cast.bea).get(f"/api/v1/indicators/{outcomes.screening.pk}/").json()

    assert body["latest"] is None and body["previous"] is None
    assert body["change_on_previous"] == "no earlier figure"
    assert body["rag"]["code"] is None and body["rag"]["reason"] == "No value for the period"


def test_the_indicator_list_filters_by_each_field(cast, outcomes, api_for):
    f.IndicatorFactory(partnership=cast.partnership, code="OLD-01", frequency=Frequency.ANNUAL, is_active=False)
    client = api_for(cast.bea)

    assert codes(client.get("/api/v1/indicators/")) == ["HV-01", "OLD-01", "SC-01"]
    assert codes(client.get(f"/api/v1/indicators/?partnership={cast.partnership.pk}")) == ["HV-01", "OLD-01", "SC-01"]
    assert codes(client.get(f"/api/v1/indicators/?partnership={cast.other.pk}")) == []
    assert codes(client.get(f"/api/v1/indicators/?priority={cast.p2.pk}")) == ["SC-01"]
    assert codes(client.get("/api/v1/indicators/?rba_category=how_well")) == ["SC-01"]
    assert codes(client.get("/api/v1/indicators/?frequency=annual")) == ["OLD-01"]
    assert codes(client.get("/api/v1/indicators/?is_active=false")) == ["OLD-01"]
    assert codes(client.get("/api/v1/indicators/?code=hv-01")) == ["HV-01"]
    assert codes(client.get(f"/api/v1/indicators/?source_agency={cast.council.pk}")) == ["SC-01"]
    assert codes(client.get("/api/v1/indicators/?unit=percentage")) == ["SC-01"]


def test_the_recordable_filter_lists_the_indicators_whose_values_you_may_enter(cast, outcomes, api_for):
    assert codes(api_for(cast.sam).get("/api/v1/indicators/?recordable=true")) == ["HV-01"]
    assert codes(api_for(cast.lee).get("/api/v1/indicators/?recordable=true")) == ["SC-01"]
    assert codes(api_for(cast.lee).get("/api/v1/indicators/?recordable=false")) == ["HV-01"]
    assert codes(api_for(cast.bea).get("/api/v1/indicators/?recordable=true")) == []
    assert codes(api_for(cast.alice).get("/api/v1/indicators/?recordable=true")) == ["HV-01", "SC-01"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("rba_category=lots", "rba_category"), ("priority=first", "priority"), ("frequency=weekly", "frequency")],
)
def test_a_bad_indicator_filter_is_a_400_naming_it(cast, outcomes, api_for, query, field):
    response = api_for(cast.bea).get(f"/api/v1/indicators/?{query}")

    assert response.status_code == 400
    assert field in response.json()


def test_the_indicator_list_runs_a_fixed_number_of_queries_whatever_its_size(
    cast, outcomes, api_for, django_assert_max_num_queries
):
    client = api_for(cast.bea)
    counts = []
    for size in (1, 12):
        for n in range(size):
            indicator = f.IndicatorFactory(
                partnership=cast.partnership,
                code=f"X{len(counts)}-{n:02d}",
                source_agency=cast.police,
                priority=cast.p2,
            )
            for period in ("2026/27 Q1", "2026/27 Q2"):
                f.MeasurementFactory(indicator=indicator, period=period)
        # Session, user, memberships, count, page, every figure of the page, and the request's savepoint pair.
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(8):
            response = client.get("/api/v1/indicators/")
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


# --- indicators: writing --------------------------------------------------------------


def new_indicator(cast, **fields):
    return {
        "code": "EH-01",
        "name": "Families offered early help for neglect",
        "rba_category": "how_much",
        "unit": "count",
        "polarity": "higher_better",
        "source_agency": cast.council.pk,
        "priority": cast.p2.pk,
        "target": "120",
        "amber_tolerance": "10",
        **fields,
    }


def test_a_steering_group_member_adds_an_indicator_to_her_only_partnership(cast, outcomes, api_for):
    response = api_for(cast.steve).post("/api/v1/indicators/", new_indicator(cast), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["partnership"] == cast.partnership.pk
    assert body["code"] == "EH-01" and body["target"] == 120 and body["latest"] is None
    indicator = Indicator.objects.get(pk=body["id"])
    assert indicator.history.get().history_user == cast.steve


def test_a_member_of_two_partnerships_must_say_which_one_the_indicator_is_for(cast, outcomes, api_for):
    dana = f.UserFactory(email="dana@example.org")
    f.MembershipFactory(user=dana, partnership=cast.partnership, role=Role.STEERING)
    f.MembershipFactory(user=dana, partnership=cast.other, role=Role.STEERING)
    client = api_for(dana)

    response = client.post("/api/v1/indicators/", new_indicator(cast), format="json")
    assert response.status_code == 400
    assert response.json() == {"partnership": ["You belong to more than one partnership: give the partnership's id"]}

    payload = new_indicator(cast, partnership=cast.partnership.pk)
    assert client.post("/api/v1/indicators/", payload, format="json").status_code == 201


def test_an_agency_and_priority_of_another_of_your_partnerships_are_refused_naming_each(cast, outcomes, api_for):
    dana = f.UserFactory(email="dana@example.org")
    f.MembershipFactory(user=dana, partnership=cast.partnership, role=Role.STEERING)
    f.MembershipFactory(user=dana, partnership=cast.other, role=Role.BOARD)
    payload = new_indicator(
        cast,
        partnership=cast.partnership.pk,
        source_agency=cast.other_agency.pk,
        priority=cast.other_priority.pk,
    )

    response = api_for(dana).post("/api/v1/indicators/", payload, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "source_agency": [f"No agency of this partnership has the id {cast.other_agency.pk}"],
        "priority": [f"No priority of this partnership has the id {cast.other_priority.pk}"],
    }


def test_an_agency_of_a_partnership_you_do_not_belong_to_cannot_even_be_named(cast, outcomes, api_for):
    payload = new_indicator(cast, source_agency=cast.other_agency.pk)

    response = api_for(cast.alice).post("/api/v1/indicators/", payload, format="json")

    assert response.status_code == 400
    assert response.json() == {"source_agency": [f"No agency of this partnership has the id {cast.other_agency.pk}"]}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"code": "hv-01"}, "code", "The partnership already has an indicator with the code hv-01"),
        ({"code": ""}, "code", "Enter the indicator's code"),
        ({"name": ""}, "name", "Enter the indicator's name"),
        ({"rba_category": "how_big"}, "rba_category", "Choose one of: how_much, how_well, better_off"),
        ({"unit": "litres"}, "unit", "Choose one of: count, percentage, rate_per_10k, days"),
        ({"amber_tolerance": "-1"}, "amber_tolerance", "The amber tolerance cannot be negative"),
        ({"target": "lots"}, "target", "Enter the target as a number, like 147 or 51.8"),
        ({"target": "1.234"}, "target", "Give the target with no more than 2 decimal places"),
    ],
)
def test_a_bad_indicator_is_a_400_naming_the_field_and_saves_nothing(cast, outcomes, api_for, fields, field, message):
    before = snapshot()

    response = api_for(cast.alice).post("/api/v1/indicators/", new_indicator(cast, **fields), format="json")

    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert snapshot() == before


def test_a_required_field_left_out_is_named(cast, outcomes, api_for):
    response = api_for(cast.alice).post("/api/v1/indicators/", {"code": "EH-02"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "name": ["Enter the indicator's name"],
        "rba_category": ["Choose the Results-Based Accountability question the indicator answers"],
    }


def test_a_plan_editor_changes_a_target_and_the_rag_follows(cast, outcomes, api_for):
    response = api_for(cast.alice).patch(f"/api/v1/indicators/{outcomes.training.pk}/", {"target": "78"}, format="json")

    assert response.status_code == 200
    assert response.json()["rag"]["code"] == "green"
    assert outcomes.training.history.latest().history_user == cast.alice


def test_an_indicator_cannot_move_to_another_partnership_or_change_frequency_once_it_has_values(
    cast, outcomes, api_for
):
    dana = f.UserFactory(email="dana@example.org")
    f.MembershipFactory(user=dana, partnership=cast.partnership, role=Role.ADMIN)
    f.MembershipFactory(user=dana, partnership=cast.other, role=Role.ADMIN)
    client = api_for(dana)
    url = f"/api/v1/indicators/{outcomes.training.pk}/"
    before = snapshot()

    moved = client.patch(url, {"partnership": cast.other.pk}, format="json")
    annual = client.patch(url, {"frequency": "annual"}, format="json")

    assert moved.status_code == 400 and moved.json() == {
        "partnership": ["An indicator cannot move to another partnership"]
    }
    assert annual.status_code == 400
    assert annual.json() == {"frequency": ["HV-01 already has values, so its frequency cannot change"]}
    assert snapshot() == before


def test_a_board_member_gets_403_however_bad_her_indicator_is(cast, outcomes, api_for):
    response = api_for(cast.bea).post("/api/v1/indicators/", {"code": ""}, format="json")

    assert response.status_code == 403


# --- measurements: reading ----------------------------------------------------------------


def test_a_measurement_shows_its_period_start_who_entered_it_and_its_flags(cast, outcomes, api_for):
    api_for(cast.sam).patch(f"/api/v1/measurements/{outcomes.training_q2.pk}/", {"value": 8}, format="json")

    body = api_for(cast.bea).get(f"/api/v1/measurements/{outcomes.training_q2.pk}/").json()

    assert body["indicator_code"] == "HV-01" and body["period"] == "2026/27 Q2"
    assert body["period_start"] == "2026-07-01"
    assert body["value"] == 8 and body["display"] == "8"
    assert body["small_number"] is True  # a count under the threshold of 10
    assert body["is_illustrative"] is False
    assert body["entered_by"] == cast.sam.pk and body["entered_by_name"] == "Sam Example"
    assert body["updated_at"]


def periods(response):
    assert response.status_code == 200, response.content
    return [(row["indicator_code"], row["period"]) for row in response.json()["results"]]


def test_the_measurement_list_filters_by_indicator_code_period_and_period_range(cast, outcomes, api_for):
    client = api_for(cast.lee)
    training = ["HV-01"] * 3

    assert periods(client.get(f"/api/v1/measurements/?indicator={outcomes.training.pk}")) == list(
        zip(training, ["2025/26 Q2", "2026/27 Q1", "2026/27 Q2"], strict=True)
    )
    assert periods(client.get("/api/v1/measurements/?indicator_code=hv-01&period=2026/27 q1")) == [
        ("HV-01", "2026/27 Q1")
    ]
    assert periods(client.get("/api/v1/measurements/?period_from=2026/27 Q1")) == [
        ("HV-01", "2026/27 Q1"),
        ("HV-01", "2026/27 Q2"),
    ]
    assert periods(client.get("/api/v1/measurements/?period_from=2025/26&period_to=2025/26")) == [
        ("HV-01", "2025/26 Q2")
    ]
    assert periods(client.get(f"/api/v1/measurements/?partnership={cast.other.pk}")) == []


@pytest.mark.parametrize("name", ["period", "period_from", "period_to"])
def test_a_period_filter_that_is_not_a_period_is_a_400_naming_it(cast, outcomes, api_for, name):
    response = api_for(cast.bea).get(f"/api/v1/measurements/?{name}=last quarter")

    assert response.status_code == 400
    assert response.json()[name] == [
        "“last quarter” is not a period: write it like 2023/24 Q1, Q1 23/24, Q1 2023/24, 2023-24 Q1, "
        "a quarter's last day such as 30/06/2023, or 2023/24"
    ]


@pytest.mark.parametrize("written", ["Q1 26/27", "Q1 2026/27", "2026-27 Q1", "30/06/2026", "Quarter 1 2026/27"])
def test_a_period_filter_reads_the_period_as_the_imports_do(cast, outcomes, api_for, written):
    client = api_for(cast.lee)

    assert periods(client.get(f"/api/v1/measurements/?indicator_code=HV-01&period={written}")) == [
        ("HV-01", "2026/27 Q1")
    ]
    assert periods(client.get(f"/api/v1/measurements/?indicator_code=HV-01&period_to={written}")) == [
        ("HV-01", "2025/26 Q2"),
        ("HV-01", "2026/27 Q1"),
    ]


def test_a_period_filter_with_a_day_that_ends_no_quarter_is_a_400_saying_which_quarter(cast, outcomes, api_for):
    response = api_for(cast.lee).get("/api/v1/measurements/?period_from=15/05/2026")

    assert response.status_code == 400
    assert "15/05/2026 is not the last day of a quarter" in response.json()["period_from"][0]


def test_the_measurement_list_runs_a_fixed_number_of_queries_whatever_its_size(
    cast, outcomes, api_for, django_assert_max_num_queries
):
    client = api_for(cast.bea)
    counts = []
    for size in (1, 12):
        indicator = f.IndicatorFactory(partnership=cast.partnership, code=f"X-{size}", source_agency=cast.police)
        for year in range(2010, 2010 + size):
            f.MeasurementFactory(indicator=indicator, period=f"{year}/{(year + 1) % 100:02d} Q1", entered_by=cast.steve)
        # Session, user, memberships, count, page (with indicator and author), and the request's savepoint pair.
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(7):
            response = client.get("/api/v1/measurements/")
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


# --- measurements: writing ----------------------------------------------------------------


def record(client, **fields):
    return client.post("/api/v1/measurements/", fields, format="json")


def test_recording_a_new_period_is_201_and_recording_it_again_corrects_it_with_200(cast, outcomes, api_for):
    client = api_for(cast.sam)

    first = record(client, indicator=outcomes.training.pk, period="Q3 25/26", value=81, note="New trainers.")
    again = record(client, indicator=outcomes.training.pk, period="2025/26 Q3", value=83)

    assert first.status_code == 201 and first.json()["period"] == "2025/26 Q3"
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    measurement = Measurement.objects.get(indicator=outcomes.training, period="2025/26 Q3")
    assert measurement.value == 83 and measurement.note == ""
    assert [h.value for h in measurement.history.order_by("history_date")] == [81, 83]


def test_a_percentage_is_worked_out_from_its_numerator_and_denominator(cast, outcomes, api_for):
    response = record(
        api_for(cast.lee), indicator=outcomes.screening.pk, period="2026/27 Q2", numerator=46, denominator=71
    )

    assert response.status_code == 201
    assert response.json()["value"] == 64.8 and response.json()["display"] == "64.8%"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": "lots"}, "value", "Enter the value as a number, like 147 or 51.8"),
        ({"value": -3}, "value", "The value cannot be negative"),
        ({"value": None}, "value", "Enter the value"),
        (
            {"period": "next year"},
            "period",
            "“next year” is not a period: write it like 2023/24 Q1, Q1 23/24, Q1 2023/24, 2023-24 Q1, a quarter's last day such as 30/06/2023, or 2023/24",
        ),
        ({"period": "2026/27"}, "period", "HV-01 is quarterly: give a quarter, such as 2026/27 Q1"),
        ({"period": "2099/00 Q1"}, "period", "2099/00 Q1 has not started yet"),
        ({"numerator": 5}, "denominator", "Enter the denominator as well as the numerator"),
        ({"numerator": "five", "denominator": 9}, "numerator", "Enter the numerator as a whole number"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_field_and_saves_nothing(cast, outcomes, api_for, fields, field, message):
    before = snapshot()
    payload = {"indicator": outcomes.training.pk, "period": "2025/26 Q3", "value": 5, **fields}

    response = record(api_for(cast.sam), **payload)

    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert snapshot() == before


def test_a_sponsor_may_not_record_for_another_agency_whatever_the_body_holds(cast, outcomes, api_for):
    response = record(api_for(cast.sam), indicator=outcomes.screening.pk, period="soon", value="lots")

    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot enter values for SC-01."}


def test_patching_a_value_keeps_its_numerator_and_note_and_a_new_ratio_recomputes_a_percentage(cast, outcomes, api_for):
    client = api_for(cast.lee)
    created = record(
        client, indicator=outcomes.screening.pk, period="2026/27 Q2", numerator=46, denominator=71, note="Q2"
    )
    url = f"/api/v1/measurements/{created.json()['id']}/"

    noted = client.patch(url, {"note": "Two teams had not started."}, format="json").json()
    assert (noted["value"], noted["numerator"], noted["note"]) == (64.8, 46, "Two teams had not started.")
    recomputed = client.patch(url, {"numerator": 50}, format="json").json()
    assert (recomputed["value"], recomputed["numerator"], recomputed["denominator"]) == (70.4, 50, 71)


def test_put_replaces_the_value_numerator_denominator_and_note(cast, outcomes, api_for):
    client = api_for(cast.sam)
    url = f"/api/v1/measurements/{outcomes.training_q2.pk}/"
    client.patch(url, {"note": "First count."}, format="json")

    body = client.put(url, {"value": 77}, format="json").json()

    assert (body["value"], body["note"], body["period"]) == (77, "", "2026/27 Q2")


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"period": "2026/27 Q3"}, "period"), ({"indicator": 999}, "indicator"), ({"value": -1}, "value")],
)
def test_a_correction_cannot_move_a_value_to_another_period_or_indicator(cast, outcomes, api_for, fields, field):
    before = snapshot()

    response = api_for(cast.sam).patch(f"/api/v1/measurements/{outcomes.training_q2.pk}/", fields, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert snapshot() == before


def test_a_put_that_repeats_the_values_own_period_and_indicator_is_accepted(cast, outcomes, api_for):
    payload = {"indicator": outcomes.training.pk, "period": "2026/27 q2", "value": 79}

    response = api_for(cast.sam).put(f"/api/v1/measurements/{outcomes.training_q2.pk}/", payload, format="json")

    assert response.status_code == 200 and response.json()["value"] == 79


def test_a_value_of_another_unit_keeps_its_unit_in_the_display(cast, outcomes, api_for):
    days = f.IndicatorFactory(partnership=cast.partnership, code="DY-01", unit=Unit.DAYS, source_agency=cast.health)

    response = record(api_for(cast.sam), indicator=days.pk, period="2026/27 Q1", value=1)

    assert response.json()["display"] == "1 day"


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/api/v1/indicators/", "source_agency", "99999999999999999999999999"),
        ("/api/v1/indicators/", "priority", "2.5"),
        ("/api/v1/measurements/", "partnership", "-8240996766526264573952"),
        ("/api/v1/measurements/", "indicator", "99999999999999999999999999"),
        ("/api/v1/measurements/", "period_from", "50%C"),
        ("/api/v1/measurements/", "period", "100% wrong"),
    ],
)
def test_a_nonsense_filter_is_a_400_naming_it_never_a_server_error(cast, api_for, path, name, value):
    response = api_for(cast.steve).get(path, {name: value})
    assert response.status_code == 400
    assert name in response.json()


@freeze_time("2026-11-29 10:00")
def test_a_single_value_for_a_quarter_that_has_not_ended_is_refused_on_its_period(cast, outcomes, api_for):
    before = snapshot()

    response = record(api_for(cast.sam), indicator=outcomes.training.pk, period="2026/27 Q3", value=81)

    assert response.status_code == 400
    assert response.json() == {"period": ["2026/27 Q3 has not ended yet: record its value from 1 January 2027"]}
    assert snapshot() == before
