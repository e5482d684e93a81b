"""The scorecard for dashboards in other systems: the portal's figures, filtered, in a fixed number of queries."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Partnership, Role
from neglect_portal.periods import Period
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


def many_indicators(cast, count, note=""):
    """``count`` more indicators of Northshire, each with ten quarters of values and both comparators."""
    from outcomes.models import ComparatorValue, Indicator, Measurement, RBACategory, Unit

    categories, units = list(RBACategory), [Unit.COUNT, Unit.PERCENTAGE, Unit.RATE_PER_10K, Unit.DAYS]
    indicators = Indicator.objects.bulk_create(
        Indicator(
            partnership=cast.partnership,
            code=f"BIG-{n:03d}",
            name=f"Children subject to a plan for neglect reviewed on time, measure {n}",
            rba_category=categories[n % 3],
            unit=units[n % 4],
            polarity=Polarity.HIGHER_BETTER,
            frequency=Frequency.QUARTERLY,
            target=Decimal(90),
            amber_tolerance=Decimal(5),
            source_agency=cast.health,
            priority=cast.p1,
        )
        for n in range(count)
    )
    last = Period.parse("2026/27 Q2")
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            period=last.shift(-k).label,
            period_start=last.shift(-k).start,
            value=Decimal(80 + (k * 7 + n) % 20),
            note=note,
            is_illustrative=True,
        )
        for n, indicator in enumerate(indicators)
        for k in range(10)
    )
    ComparatorValue.objects.bulk_create(
        ComparatorValue(
            indicator=indicator,
            kind=kind,
            period="2025/26",
            period_start=Period.parse("2025/26").start,
            value=Decimal(f"{55 + n % 30}.5"),
            source="DfE Characteristics of children in need 2025/26",
            published=datetime.date(2026, 10, 30),
            is_illustrative=True,
        )
        for n, indicator in enumerate(indicators)
        for kind in ("england", "neighbours")
    )
    return indicators


def test_the_scorecard_comes_fifty_indicators_a_page_with_the_rag_counts_of_them_all(cast, api_for):
    many_indicators(cast, 60)
    client = api_for(cast.bea)

    first = client.get(SCORECARD).json()
    second = client.get(first["next"]).json()

    assert first["count"] == second["count"] == 60 and first["previous"] is None
    assert len(rows(first)) == 50 and len(rows(second)) == 10 and second["next"] is None
    assert sorted(rows(first) | rows(second)) == [f"BIG-{n:03d}" for n in range(60)]
    assert first["rag_counts"] == second["rag_counts"] and sum(first["rag_counts"].values()) == 60
    whole = client.get(SCORECARD, {"page_size": 200}).json()
    assert len(rows(whole)) == 60 and whole["next"] is None
    # Each page keeps the scorecard's order: by RBA question, then code.
    assert [g["category"] for g in whole["groups"]] == ["how_much", "how_well", "better_off"]


@pytest.mark.parametrize(("query", "status"), [({"page_size": 201}, 400), ({"page_size": 0}, 400), ({"page": 9}, 404)])
def test_a_scorecard_page_that_cannot_be_given_is_refused(cast, api_for, query, status):
    many_indicators(cast, 3)

    response = api_for(cast.bea).get(SCORECARD, query)

    assert response.status_code == status
    assert ("page_size" in response.json()) if status == 400 else ("detail" in response.json())


def test_the_biggest_partnerships_scorecard_page_stays_under_200_kb(cast, api_for):
    """The biggest real framework (128 indicators), a story behind every figure and both comparators beside
    each: the weight of the page a dashboard reads first is pinned, not its time."""
    many_indicators(cast, 128, note="Two large sibling groups became subject to plans in the quarter; " * 3)

    response = api_for(cast.steve).get(SCORECARD)

    assert response.json()["count"] == 128 and len(rows(response.json())) == 50
    assert all(row["latest"]["note"] and len(row["comparisons"]) == 2 for row in rows(response.json()).values())
    assert len(response.content) < 200 * 1024
