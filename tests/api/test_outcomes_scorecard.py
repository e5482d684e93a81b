"""The scorecard for dashboards in other systems: the portal's figures, filtered, in a fixed number of queries."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Partnership, Role
from outcomes import selectors
from outcomes.models import Frequency, Polarity
from tests import factories as f
from tests.api.outcomes_data import northshire_outcomes

SCORECARD = "/api/v1/scorecard/"


@pytest.fixture
def outcomes(cast):
    outcomes = northshire_outcomes(cast)
    outcomes.contacts = f.IndicatorFactory(
        partnership=cast.partnership,
        code="HAL-01",
        name="Early help contacts where neglect is the presenting issue",
        frequency=Frequency.ANNUAL,
        polarity=Polarity.NEITHER,
        is_context=True,
    )
    for period, value in [("2017/18", 73), ("2018/19", 147), ("2019/20", 195)]:
        f.MeasurementFactory(indicator=outcomes.contacts, period=period, value=Decimal(value))
    return outcomes


def rows(body):
    return {row["code"]: row for group in body["groups"] for row in group["rows"]}


def test_the_scorecard_groups_indicators_by_rba_question_with_changes_rag_and_trend(cast, outcomes, api_for):
    response = api_for(cast.bea).get(SCORECARD)

    assert response.status_code == 200
    body = response.json()
    assert body["partnership"] == cast.partnership.pk and body["as_of"] is None
    assert [group["label"] for group in body["groups"]] == ["How much did we do?", "How well did we do it?"]
    contacts, training = rows(body)["HAL-01"], rows(body)["HV-01"]
    assert contacts["latest"]["value"] == 195 and contacts["change_previous"] == "up 33%"
    assert contacts["rag"] is None and contacts["rag_reason"] == "A context measure: monitored, not rated"
    assert contacts["trend"] == [["2017/18", 73.0], ["2018/19", 147.0], ["2019/20", 195.0]]
    assert training["rag"] == "amber" and training["travel_words"] == "Improving"
    assert body["rag_counts"] == {"green": 0, "amber": 1, "red": 0, "not_rated": 2}


def test_the_scorecard_is_the_same_data_the_portal_and_the_quarterly_report_use(cast, outcomes, api_for):
    # Figures as recorded: how a board member reads small numbers is in tests/outcomes/test_suppression_outputs.py.
    Partnership.objects.filter(pk=cast.partnership.pk).update(suppression_mode="show")
    body = api_for(cast.bea).get(SCORECARD).json()

    card = selectors.scorecard(cast.partnership)
    groups = json.loads(json.dumps(card.as_data()["groups"]))
    for row in (row for group in groups for row in group["rows"]):
        del row["out_of_date"]  # set only on a quarterly report's scorecard
        del row["not_published_latest"]  # for the page's wording; the API gives the marker on the latest figure
        del row["trend_parts"]  # what protects the trend's small numbers; the API gives the trend as published
        for figure in filter(None, (row["latest"], row["previous"], row["year_earlier"])):
            figure["value"] = float(figure["value"].replace(",", ""))  # a number in JSON, "1,234" on the page
            for name in ("numerator_suppressed", "denominator_suppressed", "rounded"):
                del figure[name]  # the API gives a hidden numerator or denominator as null
    assert body["groups"] == groups
    assert body["small_number_threshold"] == card.small_number_threshold


def test_as_of_an_earlier_period_the_scorecard_shows_what_was_known_then(cast, outcomes, api_for):
    body = api_for(cast.bea).get(SCORECARD, {"as_of": "2019/20 q2"}).json()

    assert body["as_of"] == "2019/20 Q2"
    assert rows(body)["HAL-01"]["latest"]["period"] == "2018/19"
    assert rows(body)["HAL-01"]["change_previous"] == "up 101%"
    assert rows(body)["HV-01"]["latest"] is None


def test_as_of_is_read_as_the_imports_read_a_period(cast, outcomes, api_for):
    for written in ("Q2 19/20", "2019-20 Q2", "30/09/2019"):
        body = api_for(cast.bea).get(SCORECARD, {"as_of": written}).json()

        assert body["as_of"] == "2019/20 Q2"


def test_the_scorecard_filters_by_priority(cast, outcomes, api_for):
    body = api_for(cast.bea).get(SCORECARD, {"priority": cast.p2.pk}).json()

    assert list(rows(body)) == ["SC-01"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"as_of": "last quarter"}, "as_of"),
        ({"priority": "first"}, "priority"),
        ({"partnership": "north"}, "partnership"),
    ],
)
def test_a_bad_scorecard_query_is_a_400_naming_the_parameter(cast, outcomes, api_for, query, field):
    response = api_for(cast.bea).get(SCORECARD, query)

    assert response.status_code == 400
    assert field in response.json()


def test_a_priority_of_another_of_your_partnerships_is_refused(cast, outcomes, api_for):
    dana = f.UserFactory(email="dana@example.org")
    f.MembershipFactory(user=dana, partnership=cast.partnership, role=Role.BOARD)
    f.MembershipFactory(user=dana, partnership=cast.other, role=Role.BOARD)

    response = api_for(dana).get(SCORECARD, {"partnership": cast.partnership.pk, "priority": cast.other_priority.pk})

    assert response.status_code == 400
    assert response.json() == {
        "priority": [
            f"Northshire Safeguarding Children Partnership has no priority with the id {cast.other_priority.pk}"
        ]
    }


def test_a_member_of_two_partnerships_names_the_scorecards_partnership(cast, outcomes, api_for):
    dana = f.UserFactory(email="dana@example.org")
    f.MembershipFactory(user=dana, partnership=cast.partnership, role=Role.BOARD)
    f.MembershipFactory(user=dana, partnership=cast.other, role=Role.BOARD)
    client = api_for(dana)

    assert client.get(SCORECARD).status_code == 400
    assert client.get(SCORECARD, {"partnership": cast.other.pk}).json()["partnership"] == cast.other.pk


def test_the_scorecard_runs_a_fixed_number_of_queries_whatever_its_size(
    cast, outcomes, api_for, django_assert_max_num_queries
):
    client = api_for(cast.bea)
    counts = []
    for size in (1, 15):
        for n in range(size):
            indicator = f.IndicatorFactory(
                partnership=cast.partnership,
                code=f"S{len(counts)}-{n:02d}",
                source_agency=cast.police,
                priority=cast.p1,
            )
            for period in ("2026/27 Q1", "2026/27 Q2"):
                f.MeasurementFactory(indicator=indicator, period=period)
            f.ComparatorValueFactory(indicator=indicator, period="2025/26")
        # Session, user, memberships, partnership, indicators, measurements, comparators, and the request's
        # savepoint pair.
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(9):
            response = client.get(SCORECARD)
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
