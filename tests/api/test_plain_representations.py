"""The read lists built without a serializer a row give exactly what their serializers, which the schema
documents, would give: the scorecard, its figures, the figures of the indicator list, and the action list."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Partnership
from actions import selectors as action_selectors
from actions.models import Action, Status
from actions.serializers import ActionSerializer, action_data
from outcomes import published, selectors
from outcomes.models import Unit
from outcomes.serializers.fields import FigureSerializer, figure_data
from outcomes.serializers.scorecard import ScorecardSerializer, scorecard_data
from tests import factories as f
from tests.api.outcomes_data import northshire_outcomes


def plain(value):
    return json.loads(json.dumps(value))


@pytest.fixture
def outcomes(cast):
    outcomes = northshire_outcomes(cast)
    small = f.IndicatorFactory(partnership=cast.partnership, code="SN-01", unit=Unit.PERCENTAGE, target=Decimal(50))
    f.MeasurementFactory(indicator=small, period="2026/27 Q1", value=None, not_published="<5")
    f.MeasurementFactory(
        indicator=small, period="2026/27 Q2", value=Decimal("75"), numerator=3, denominator=4, note="Few cases."
    )
    big = f.IndicatorFactory(partnership=cast.partnership, code="BG-01", target=Decimal(1000))
    f.MeasurementFactory(indicator=big, period="2026/27 Q2", value=Decimal("1234.5"), is_illustrative=True)
    f.ComparatorValueFactory(indicator=big, period="2025/26", value=Decimal("1100"))
    f.ComparatorValueFactory(indicator=big, kind="neighbours", period="2024/25", value=Decimal("990.5"))
    return outcomes


@pytest.mark.parametrize("reads_published", [True, False], ids=["as-published", "as-recorded"])
@pytest.mark.parametrize("mode", ["suppress", "round", "show"])
def test_the_scorecard_answer_is_what_its_serializer_gives(cast, outcomes, mode, reads_published):
    Partnership.objects.filter(pk=cast.partnership.pk).update(suppression_mode=mode)
    cast.partnership.refresh_from_db()
    card = published.scorecard(
        selectors.scorecard(cast.partnership), cast.partnership.suppression, published=reads_published
    )
    pages = {"count": len(card.rows), "next": None, "previous": None}
    assert len(card.rows) == 4

    answer = scorecard_data(card, partnership_id=cast.partnership.pk, rows=card.rows, pages=pages)

    documented = {**pages, "partnership": cast.partnership.pk, **card.as_data(), "rag_counts": card.rag_counts()}
    assert plain(answer) == plain(ScorecardSerializer(documented).data)
    assert list(answer) == list(ScorecardSerializer().fields)  # the schema's order


def test_a_page_of_the_scorecard_keeps_its_groups_order_and_leaves_empty_questions_out(cast, outcomes):
    card = selectors.scorecard(cast.partnership)
    how_well = [row for row in card.rows if row.rba_category == "how_well"]

    answer = scorecard_data(card, partnership_id=1, rows=how_well, pages={"count": 4, "next": None, "previous": None})

    assert [group["category"] for group in answer["groups"]] == ["how_well"]
    assert [row["code"] for row in answer["groups"][0]["rows"]] == [row.code for row in how_well]
    assert answer["rag_counts"] == card.rag_counts()


def test_every_figure_is_what_the_figure_serializer_gives(cast, outcomes):
    rows = selectors.scorecard(cast.partnership).rows
    figures = [figure for row in rows for figure in (row.latest, row.previous, row.year_earlier)]
    policy = cast.partnership.suppression
    figures += [
        figure
        for row in published.scorecard(selectors.scorecard(cast.partnership), policy, published=True).rows
        for figure in (row.latest, row.previous)
    ]
    assert any(figure is None for figure in figures) and any(figure and figure.not_published for figure in figures)

    for figure in figures:
        expected = None if figure is None else plain(FigureSerializer(figure).data)
        assert plain(figure_data(figure)) == expected


# --- the action list ------------------------------------------------------------------------------


@pytest.fixture
def actions(cast):
    """Actions of every shape a list shows: led by a person or not, overdue, without a due date, completed with
    and without a statement of impact, evidenced by indicators and findings, withdrawn."""
    audit = f.AuditFactory(partnership=cast.partnership)
    findings = [f.FindingFactory(audit=audit, text=f"Finding {n}") for n in range(2)]
    indicators = [f.IndicatorFactory(partnership=cast.partnership, code=code) for code in ("ZZ-1", "AA-1")]
    done = f.ActionFactory(
        priority=cast.p1,
        reference="P1.7",
        status=Status.COMPLETED,
        completed_on=datetime.date(2026, 9, 1),
        impact_statement="Fewer children waited.",
        impact_evidence="Board minutes",
    )
    done.impact_indicators.set(indicators)
    done.impact_findings.set(findings)
    f.ActionFactory(priority=cast.p1, reference="P1.8", status=Status.COMPLETED, completed_on=datetime.date(2026, 9, 1))
    f.ActionFactory(
        priority=cast.p2, reference="P2.7", lead=cast.lee, start_date=datetime.date(2024, 4, 1), due_date=None
    )
    f.ActionFactory(priority=cast.p2, reference="P2.8", due_date=datetime.date(2025, 5, 1), original_due_date=None)
    f.ActionFactory(
        priority=cast.p2,
        reference="P2.9",
        withdrawn_at=timezone.now(),
        withdrawn_by=cast.alice,
        withdrawal_reason="Entered twice",
    )
    return Action.objects.filter(priority__strategy__partnership=cast.partnership)


def test_every_action_of_a_list_is_what_the_action_serializer_gives(cast, actions):
    assert actions.current().count() >= 6 and actions.withdrawn().exists()
    listed = {action.pk: action for action in action_selectors.actions_listed([cast.partnership.pk])}

    for action in action_selectors.actions_in([cast.partnership.pk]):
        answer = action_data(listed[action.pk])
        assert plain(answer) == plain(ActionSerializer(action).data)
        assert list(answer) == list(ActionSerializer().fields)  # the schema's order


@pytest.mark.parametrize("params", [{}, {"withdrawn": "true"}, {"ordering": "-due_date"}])
def test_each_action_of_the_api_list_is_as_its_own_address_gives_it(cast, actions, api_for, params):
    client = api_for(cast.steve)
    page = client.get("/api/v1/actions/", params).json()["results"]
    assert page

    for action in page:
        assert action == client.get(f"/api/v1/actions/{action['id']}/").json()


def test_a_page_of_actions_costs_the_same_queries_however_many_are_withdrawn(
    cast, actions, api_for, django_assert_max_num_queries
):
    client = api_for(cast.steve)
    client.get("/api/v1/actions/")  # the session and the sign-in's own reads settle
    with django_assert_max_num_queries(20) as current:
        client.get("/api/v1/actions/")
    for n in range(5):
        f.ActionFactory(priority=cast.p2, reference=f"W{n}", withdrawn_at=timezone.now(), withdrawn_by=cast.lee)

    with django_assert_max_num_queries(len(current.captured_queries) + 1):
        page = client.get("/api/v1/actions/", {"withdrawn": "true"}).json()["results"]
    assert {action["withdrawn"]["by_name"] for action in page} == {str(cast.alice), str(cast.lee)}
