"""An agency's system pushing one period's values: all or nothing, every problem named, safe to repeat."""

from decimal import Decimal

import pytest
from freezegun import freeze_time
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.tokens import token_create
from outcomes.models import Frequency, Measurement, Unit
from tests import factories as f
from tests.api.conftest import snapshot
from tests.api.outcomes_data import northshire_outcomes

BULK = "/api/v1/measurements/bulk/"


@pytest.fixture
def outcomes(cast):
    outcomes = northshire_outcomes(cast)
    # Two more health figures, so Sam's pushes hold several entries.
    outcomes.visits = f.IndicatorFactory(partnership=cast.partnership, code="HV-02", source_agency=cast.health)
    outcomes.reviews = f.IndicatorFactory(partnership=cast.partnership, code="HV-03", source_agency=cast.health)
    return outcomes


def push(client, measurements, period="2025/26 Q3", **envelope):
    return client.post(BULK, {"period": period, "measurements": measurements, **envelope}, format="json")


GOOD = [
    {"indicator": "HV-01", "value": 82, "note": "Two extra courses."},
    {"indicator": "HV-02", "value": 140, "numerator": None, "denominator": None},
    {"indicator": "HV-03", "value": "12.5"},
]


def test_a_good_batch_records_every_value_and_reports_each_as_created(cast, outcomes, api_for):
    response = push(api_for(cast.sam), GOOD)

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["partnership"], body["period"]) == (cast.partnership.pk, "2025/26 Q3")
    assert (body["created"], body["updated"], body["unchanged"]) == (3, 0, 0)
    assert [(r["index"], r["indicator"], r["value"], r["result"]) for r in body["measurements"]] == [
        (0, "HV-01", 82, "created"),
        (1, "HV-02", 140, "created"),
        (2, "HV-03", 12.5, "created"),
    ]
    recorded = Measurement.objects.filter(period="2025/26 Q3").order_by("indicator__code")
    assert [(m.indicator.code, m.value, m.entered_by) for m in recorded] == [
        ("HV-01", 82, cast.sam),
        ("HV-02", 140, cast.sam),
        ("HV-03", 12.5, cast.sam),
    ]
    assert recorded[0].note == "Two extra courses."
    assert {m.history.get().history_user for m in recorded} == {cast.sam}


def test_pushing_the_same_batch_again_changes_nothing_and_reports_unchanged(cast, outcomes, api_for):
    client = api_for(cast.sam)
    push(client, GOOD)
    before = snapshot()

    response = push(client, GOOD)

    assert response.status_code == 200
    assert [r["result"] for r in response.json()["measurements"]] == ["unchanged"] * 3
    assert (response.json()["created"], response.json()["unchanged"]) == (0, 3)
    assert snapshot() == before


def test_a_corrected_value_is_reported_updated_beside_the_unchanged_ones(cast, outcomes, api_for):
    client = api_for(cast.sam)
    push(client, GOOD)
    corrected = [GOOD[0], {**GOOD[1], "value": 141}, {**GOOD[2], "note": "Counted again."}]

    body = push(client, corrected).json()

    assert [r["result"] for r in body["measurements"]] == ["unchanged", "updated", "updated"]
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 2, 1)
    assert Measurement.objects.get(indicator=outcomes.visits, period="2025/26 Q3").history.count() == 2


def test_a_push_over_an_existing_period_corrects_it(cast, outcomes, api_for):
    body = push(api_for(cast.sam), [{"indicator": "HV-01", "value": 79}], period="2026/27 Q2").json()

    assert body["measurements"][0]["result"] == "updated"
    assert body["measurements"][0]["measurement"] == outcomes.training_q2.pk
    outcomes.training_q2.refresh_from_db()
    assert outcomes.training_q2.value == 79


@pytest.mark.parametrize("bad_index", [0, 1, 2], ids=["first", "middle", "last"])
def test_a_batch_with_a_bad_first_middle_or_last_entry_saves_nothing_and_names_it(cast, outcomes, api_for, bad_index):
    entries = [dict(entry) for entry in GOOD]
    entries[bad_index]["value"] = -4
    before = snapshot()

    response = push(api_for(cast.sam), entries)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Nothing was saved: 1 of 3 measurements has problems.",
        "measurements": {str(bad_index): {"value": ["The value cannot be negative"]}},
    }
    assert snapshot() == before


def test_every_problem_of_every_entry_is_reported_at_once(cast, outcomes, api_for):
    entries = [
        {"indicator": "HV-09", "value": 3},
        {"indicator": "HV-01", "value": "plenty"},
        {"indicator": "HV-02", "numerator": 3},
        "HV-03 = 12",
        {"indicator": "HV-01", "value": 5},
        {"value": 1},
    ]
    before = snapshot()

    response = push(api_for(cast.sam), entries)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Nothing was saved: 6 of 6 measurements have problems.",
        "measurements": {
            "0": {"indicator": ["Northshire Safeguarding Children Partnership has no indicator with the code HV-09"]},
            "1": {"value": ["Enter the value as a number, like 147 or 51.8"]},
            "2": {
                "denominator": ["Enter the denominator as well as the numerator"],
                "value": ["Enter the value"],
            },
            "3": {"non_field_errors": ["Give each measurement as an object with indicator and value"]},
            "4": {"indicator": ["HV-01 is given twice in this batch (also at index 1)"]},
            "5": {"indicator": ["Give the indicator's code"]},
        },
    }
    assert snapshot() == before


def test_a_period_or_another_field_in_an_entry_is_refused_rather_than_ignored(cast, outcomes, api_for):
    entries = [
        {"indicator": "HV-01", "value": 70, "period": "2026/27 Q1"},
        {"indicator": "HV-02", "value": "many", "colour": "green"},
    ]

    response = push(api_for(cast.sam), entries)

    assert response.status_code == 400
    assert response.json()["measurements"] == {
        "0": {"period": ["Give the period once, beside the measurements, not in each entry"]},
        "1": {
            "colour": [
                "Not a field of a measurement: give indicator, value, not_published, numerator, denominator, note and "
                "is_estimated"
            ],
            "value": ["Enter the value as a number, like 147 or 51.8"],
        },
    }
    assert not Measurement.objects.filter(period="2025/26 Q3").exists()


def test_an_indicator_of_the_wrong_frequency_is_named_on_its_entry(cast, outcomes, api_for):
    f.IndicatorFactory(
        partnership=cast.partnership, code="HV-YR", frequency=Frequency.ANNUAL, source_agency=cast.health
    )

    response = push(api_for(cast.sam), [GOOD[0], {"indicator": "HV-YR", "value": 5}])

    assert response.status_code == 400
    assert response.json()["measurements"] == {
        "1": {"period": ["HV-YR is annual: give a financial year, such as 2025/26"]}
    }


def test_any_indicator_that_is_not_yours_to_record_refuses_the_whole_batch(cast, outcomes, api_for):
    before = snapshot()

    response = push(api_for(cast.sam), [*GOOD, {"indicator": "SC-01", "value": 50}])

    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot enter values for SC-01: nothing was saved."}
    assert snapshot() == before


def test_a_board_member_is_refused_even_with_bad_entries(cast, outcomes, api_for):
    response = push(api_for(cast.bea), [{"indicator": "HV-01", "value": -1}, {"indicator": "HV-09"}])

    assert response.status_code == 403


def test_another_partnerships_indicator_code_is_unknown_to_charlie(cast, outcomes, api_for):
    before = snapshot()

    response = push(api_for(cast.charlie), [{"indicator": "HV-01", "value": 1}])

    assert response.status_code == 400
    assert response.json()["measurements"] == {
        "0": {"indicator": ["Southshire Safeguarding Children Partnership has no indicator with the code HV-01"]}
    }
    assert snapshot() == before


def test_charlie_cannot_push_into_a_partnership_he_does_not_belong_to(cast, outcomes, api_for):
    response = push(api_for(cast.charlie), [{"indicator": "HV-01", "value": 1}], partnership=cast.partnership.pk)

    assert response.status_code == 400
    assert response.json() == {"partnership": [f"You do not belong to a partnership with id {cast.partnership.pk}"]}


def test_codes_are_matched_in_any_case_and_a_percentage_from_its_ratio(cast, outcomes, api_for):
    response = push(
        api_for(cast.lee), [{"indicator": " sc-01 ", "numerator": 46, "denominator": 71}], period="2026/27 q2"
    )

    assert response.status_code == 200, response.content
    assert response.json()["period"] == "2026/27 Q2"
    assert response.json()["measurements"][0]["indicator"] == "SC-01"
    assert response.json()["measurements"][0]["value"] == 64.8


def test_a_member_of_two_partnerships_names_the_partnership_and_one_of_one_need_not(cast, outcomes, api_for):
    dana = f.UserFactory(email="dana@example.org")
    f.MembershipFactory(user=dana, partnership=cast.partnership, role=Role.STEERING)
    f.MembershipFactory(user=dana, partnership=cast.other, role=Role.STEERING)
    client = api_for(dana)

    unnamed = push(client, GOOD)
    named = push(client, GOOD, partnership=str(cast.partnership.pk))

    assert unnamed.status_code == 400 and list(unnamed.json()) == ["partnership"]
    assert named.status_code == 200


@pytest.mark.parametrize(
    ("envelope", "field", "message"),
    [
        ({"period": "2099/00 Q1"}, "period", "2099/00 Q1 has not started yet"),
        (
            {"period": "Q3"},
            "period",
            "“Q3” is not a period: write it like 2023/24 Q1, Q1 23/24, Q1 2023/24, 2023-24 Q1, a quarter's last day such as 30/06/2023, or 2023/24",
        ),
        ({"period": ""}, "period", "Enter the period"),
        ({"partnership": "north"}, "partnership", "A valid integer is required."),
    ],
)
def test_a_bad_envelope_is_a_400_naming_the_field(cast, outcomes, api_for, envelope, field, message):
    payload = {"period": "2025/26 Q3", "measurements": GOOD, **envelope}

    response = api_for(cast.sam).post(BULK, payload, format="json")

    assert response.status_code == 400
    assert response.json() == {field: [message], "detail": "Nothing was saved: the fields named below have problems."}


@pytest.mark.parametrize(
    ("measurements", "detail"),
    [
        ([], "Nothing was saved: give at least one measurement."),
        ({"HV-01": 3}, "Nothing was saved: give the measurements as a list."),
        (
            [{"indicator": "HV-01", "value": 1}] * 501,
            "Nothing was saved: send no more than 500 measurements at once: split the batch.",
        ),
    ],
)
def test_a_problem_with_the_list_itself_is_told_in_the_documented_error_object(
    cast, outcomes, api_for, measurements, detail
):
    before = snapshot()

    response = push(api_for(cast.sam), measurements)

    assert response.status_code == 400
    assert response.json() == {"detail": detail}  # no list where the schema promises entries by index
    assert snapshot() == before


@pytest.mark.parametrize(
    ("written", "recorded"),
    [("1,234", 1234), (" 12.5 ", Decimal("12.5")), (1234.5, Decimal("1234.5")), ("64.8%", Decimal("64.8"))],
)
def test_values_are_accepted_as_the_spreadsheet_import_reads_them(cast, outcomes, api_for, written, recorded):
    outcomes.reviews.unit = Unit.PERCENTAGE if str(written).endswith("%") else Unit.COUNT
    outcomes.reviews.save()

    response = push(api_for(cast.sam), [{"indicator": "HV-03", "value": written}])

    assert response.status_code == 200, response.content
    assert response.json()["measurements"][0]["value"] == float(recorded)
    assert Measurement.objects.get(indicator=outcomes.reviews).value == recorded


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("64.8%", "HV-03 is not a percentage: give the value without a % sign"),
        ("1.234,5", "Enter the value as a number, like 147 or 51.8"),
        ("twelve", "Enter the value as a number, like 147 or 51.8"),
        ("1e3", "Enter the value as a number, like 147 or 51.8"),
    ],
)
def test_a_value_written_in_a_form_the_import_refuses_is_refused_on_its_entry(
    cast, outcomes, api_for, written, message
):
    response = push(api_for(cast.sam), [{"indicator": "HV-01", "value": 3}, {"indicator": "HV-03", "value": written}])

    assert response.status_code == 400
    assert response.json()["measurements"] == {"1": {"value": [message]}}
    assert not Measurement.objects.filter(period="2025/26 Q3").exists()


def test_a_form_encoded_push_is_refused_as_unsupported(cast, outcomes, api_for):
    response = api_for(cast.sam).post(BULK, {"period": "2025/26 Q3", "measurements": "HV-01"})

    assert response.status_code == 415


def test_an_agency_system_pushes_with_its_token(cast, outcomes):
    _, raw = token_create(cast.sam, "Test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")

    response = push(client, GOOD)

    assert response.status_code == 200
    assert Measurement.objects.filter(period="2025/26 Q3", entered_by=cast.sam).count() == 3
    assert {m.history.get().history_user for m in Measurement.objects.filter(period="2025/26 Q3")} == {cast.sam}


def test_a_push_with_a_wrong_token_is_refused_and_saves_nothing(cast, outcomes):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    before = snapshot()

    assert push(client, GOOD).status_code in (401, 403)
    assert snapshot() == before


def test_a_large_push_takes_a_fixed_number_of_queries_per_value(cast, outcomes, api_for, django_assert_max_num_queries):
    for n in range(40):
        f.IndicatorFactory(partnership=cast.partnership, code=f"BK-{n:02d}", source_agency=cast.health)
    entries = [{"indicator": f"BK-{n:02d}", "value": n} for n in range(40)]
    client = api_for(cast.sam)

    # Look-ups are batched; each new value is one read, one write and its history row, inside a
    # savepoint (two more statements) so a value another request records at that moment corrects it.
    with django_assert_max_num_queries(12 + 5 * 40):
        response = push(client, entries)

    assert response.status_code == 200
    assert response.json()["created"] == 40


@freeze_time("2026-11-29 10:00")
def test_a_value_for_a_quarter_that_has_not_ended_is_refused_with_the_day_it_can_be_recorded(cast, outcomes, api_for):
    before = snapshot()

    response = push(api_for(cast.sam), GOOD, period="2026/27 Q3")

    assert response.status_code == 400
    problem = {"period": ["2026/27 Q3 has not ended yet: record its value from 1 January 2027"]}
    assert response.json()["measurements"] == {"0": problem, "1": problem, "2": problem}
    assert snapshot() == before


@pytest.mark.parametrize(
    ("today", "answer"),
    [
        ("2026-11-29 10:00", None),  # October has ended
        (
            "2026-10-31 10:00",
            "2026/27 Q3 has not ended, nor its first month: record HV-02's figure for it from 1 November 2026",
        ),
    ],
)
def test_a_monthly_indicators_quarter_so_far_is_taken_once_its_first_month_has_ended(
    cast, outcomes, api_for, today, answer
):
    outcomes.visits.frequency = Frequency.MONTHLY
    outcomes.visits.save()

    with freeze_time(today):
        response = push(api_for(cast.sam), [{"indicator": "HV-02", "value": 40}], period="2026/27 Q3")

    if answer is None:
        assert response.status_code == 200, response.content
        assert Measurement.objects.get(indicator=outcomes.visits, period="2026/27 Q3").value == 40
    else:
        assert response.status_code == 400
        assert response.json()["measurements"] == {"0": {"period": [answer]}}


@pytest.mark.parametrize("written", ["Q3 25/26", "Q3 2025/26", "2025-26 Q3", "31/12/2025", "2025/26 q3"])
def test_the_period_is_accepted_in_the_forms_the_spreadsheet_import_reads(cast, outcomes, api_for, written):
    response = push(api_for(cast.sam), GOOD, period=written)

    assert response.status_code == 200, response.content
    assert response.json()["period"] == "2025/26 Q3"
    assert Measurement.objects.filter(period="2025/26 Q3").count() == 3
