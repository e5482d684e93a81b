"""A big report's web page comes in parts, each under 200 KB; a small one stays one page.

The biggest partnership's report (1,400 exceptions, 128 indicators) was about 2 MB on one page. Its
frozen data is made that big here by repeating the Northshire report's rows, which is what the page reads.
"""

import copy
import re

import pytest
from django.urls import reverse

from reports import parts
from tests.reports.conftest import issued_report

PAGE_BUDGET = 200 * 1024


@pytest.fixture
def issued(world, draft):
    return issued_report(world, going_well="Training is ahead of plan.")


def grown(snapshot, exceptions=300, indicators=130, plans=0):
    """The report's data with ``exceptions`` off-track actions a priority, ``indicators`` scorecard rows and
    ``plans`` turn-the-curve plans, each with its forecast chart."""
    data = copy.deepcopy(snapshot)
    for priority in data["priorities"]:
        model = priority["exceptions"][0] if priority["exceptions"] else data["priorities"][0]["exceptions"][0]
        priority["exceptions"] = [
            {**model, "reference": f"P{priority['number']}.{n + 100}", "narrative": "Stalled. " * 40}
            for n in range(exceptions)
        ]
    group = data["scorecard"]["groups"][0]
    model = group["rows"][0]
    group["rows"] = [{**model, "code": f"BIG-{n:03d}", "name": f"Indicator number {n}"} for n in range(indicators)]
    data["curve_plans"] = [curve_plan(n) for n in range(plans)]
    return data


def curve_plan(n):
    """A red indicator's turn-the-curve plan as a report freezes it: three years of values and a forecast."""
    labels = [f"{year}-Q{quarter}" for year in (2023, 2024, 2025) for quarter in (1, 2, 3, 4)]
    ahead = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    return {
        "indicator_id": None,
        "code": f"PLAN-{n:03d}",
        "name": f"Red indicator number {n}",
        "unit": "rate",
        "rag": "red",
        "rag_label": "Red",
        "rag_colour": "red",
        "latest": "61.2",
        "latest_period": "2025-Q4",
        "target": "40.0",
        "why": "Red this quarter",
        "chosen": False,
        "chart": {
            "labels": labels,
            "values": [40 + n % 7 + i * 1.7 + (i % 3) * 0.9 for i in range(len(labels))],
            "forecast_labels": ahead,
            "forecast_values": [62 + i * 1.6 for i in range(len(ahead))],
            "target": 40,
        },
        "forecast": {
            "points": [{"period": label, "display": f"{62 + i * 1.6:.1f}"} for i, label in enumerate(ahead)],
            "reason": "",
            "method": "A straight line fitted to the last twelve quarters.",
            "caveat": "A forecast is not a prediction.",
        },
        "chart_alt": f"Line chart of PLAN-{n:03d} from 2023-Q1 to 2025-Q4.",
        "unit_label": "Rate per 10,000",
        "has_plan": True,
        "story": "Referrals rose after the new front door opened. " * 20,
        "partner_agencies": ["Northshire Council", "Northshire Police"],
        "other_partners": ["Schools"],
        "what_works": "Early help offered at the first contact. " * 10,
        "evidence": [],
        "actions": [],
        "is_illustrative": False,
    }


@pytest.fixture
def big(issued):
    """A big report, with no turn-the-curve plan."""
    issued.snapshot = grown(issued.snapshot)
    issued.save(update_fields=["snapshot"])
    return issued


def test_a_small_report_is_one_page_without_parts(world, issued, client_for):
    page = client_for(world.steve).get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert 'data-test="report-parts"' not in page
    for heading in ("summary-heading", "priorities-heading", "scorecard-heading", "recommendations-heading"):
        assert f'id="{heading}"' in page


def test_a_big_reports_page_comes_in_parts_each_under_200_kb_and_every_action_is_on_one(world, big, client_for):
    client = client_for(world.bea)  # a board member reads the issued report
    url = reverse("reports:detail", args=[big.pk])
    first = client.get(url)
    assert first.status_code == 200 and len(first.content) < PAGE_BUDGET
    body = first.content.decode()
    assert 'data-test="report-parts"' in body and 'href="?part=scorecard"' in body
    assert 'id="priorities-heading"' in body and 'id="scorecard-heading"' not in body
    # Each priority tells its 20 most serious in full; the others are in the appendix, paged.
    priorities = body.split('id="priorities-heading"')[1].split("</section>")[0]
    assert priorities.count('class="app-exceptions__item"') == 20 * len(big.snapshot["priorities"])

    scorecard = client.get(url, {"part": "scorecard"})
    assert len(scorecard.content) < PAGE_BUDGET
    assert scorecard.content.decode().count("BIG-") == 130
    assert 'id="priorities-heading"' not in scorecard.content.decode()

    rest = client.get(url, {"part": "recommendations"}).content.decode()
    assert 'id="recommendations-heading"' in rest and 'id="scorecard-heading"' not in rest

    listed, number = [], 1
    while True:
        page = client.get(url, {"part": "appendix", "page": number})
        assert page.status_code == 200 and len(page.content) < PAGE_BUDGET
        rows = re.findall(r'<td class="govuk-table__cell">(P\d\.\d+)</td>', page.content.decode())
        assert 0 < len(rows) <= parts.APPENDIX_ROWS
        listed += rows
        if 'rel="next"' not in page.content.decode():
            break
        number += 1
    expected = [f"P{p['number']}.{n + 100}" for p in big.snapshot["priorities"] for n in range(20, 300)]
    assert listed == expected


def test_a_big_reports_turn_the_curve_plans_are_a_part_of_their_own_paged_each_page_under_200_kb(
    world, issued, client_for
):
    issued.snapshot = grown(issued.snapshot, plans=34)  # every red indicator's plan, each with its chart
    issued.save(update_fields=["snapshot"])
    client = client_for(world.bea)
    url = reverse("reports:detail", args=[issued.pk])
    for part in ("", "scorecard", "recommendations", "appendix"):
        page = client.get(url, {"part": part})
        assert page.status_code == 200 and len(page.content) < PAGE_BUDGET, part
        assert 'data-test="curve-plan"' not in page.content.decode()
        assert 'href="?part=plans">Turning the curve</a>' in page.content.decode()

    shown, number = [], 1
    while True:
        page = client.get(url, {"part": "plans", "page": number})
        body = page.content.decode()
        assert page.status_code == 200 and len(page.content) < PAGE_BUDGET
        assert 'id="curve-plans-heading"' in body and 'id="scorecard-heading"' not in body
        assert '<span aria-current="page">Turning the curve</span>' in body
        plans = re.findall(r'<h3 class="govuk-heading-m">(PLAN-\d+) ', body)
        assert 0 < len(plans) <= parts.PLANS_PER_PAGE and body.count('data-test="curve-plan"') == len(plans)
        assert body.count('<img class="app-chart" src="data:image/svg+xml;base64,') == len(plans)
        shown += plans
        if 'rel="next"' not in body:
            break
        assert 'href="?part=plans&amp;page=' in body
        number += 1
    assert shown == [f"PLAN-{n:03d}" for n in range(34)]


def test_a_small_reports_plans_stay_on_its_one_page(world, issued, client_for):
    issued.snapshot = {**issued.snapshot, "curve_plans": [curve_plan(n) for n in range(2)]}
    issued.save(update_fields=["snapshot"])
    body = client_for(world.steve).get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert 'data-test="report-parts"' not in body
    assert body.count('data-test="curve-plan"') == 2 and 'id="scorecard-heading"' in body


def test_a_big_report_without_plans_lists_no_part_for_them(world, big, client_for):
    page = client_for(world.steve).get(reverse("reports:detail", args=[big.pk]), {"part": "plans"})
    body = page.content.decode()
    assert page.status_code == 200 and 'id="priorities-heading"' in body and 'href="?part=plans"' not in body


def test_an_unknown_part_shows_the_first(world, big, client_for):
    page = client_for(world.steve).get(reverse("reports:detail", args=[big.pk]), {"part": "nonsense", "page": "x"})
    assert page.status_code == 200 and 'id="priorities-heading"' in page.content.decode()
