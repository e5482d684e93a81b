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


def grown(snapshot, exceptions=300, indicators=130):
    """The report's data with ``exceptions`` off-track actions a priority and ``indicators`` scorecard rows."""
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
    return data


@pytest.fixture
def big(issued):
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


def test_an_unknown_part_shows_the_first(world, big, client_for):
    page = client_for(world.steve).get(reverse("reports:detail", args=[big.pk]), {"part": "nonsense", "page": "x"})
    assert page.status_code == 200 and 'id="priorities-heading"' in page.content.decode()
