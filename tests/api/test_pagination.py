"""Every list of the API is paged: ``page_size`` up to the documented maximum, anything else refused."""

import datetime

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests import factories as f

INDICATORS = "/api/v1/indicators/"


@pytest.fixture
def indicators(cast):
    return [f.IndicatorFactory(partnership=cast.partnership, code=f"PG-{n:02d}") for n in range(5)]


def test_page_size_gives_that_many_results_a_page_with_a_link_to_the_next(cast, indicators, api_for):
    body = api_for(cast.bea).get(INDICATORS, {"page_size": 2, "ordering": "code"}).json()

    assert body["count"] == 5 and [i["code"] for i in body["results"]] == ["PG-00", "PG-01"]
    assert "page_size=2" in body["next"] and "page=2" in body["next"]
    assert len(api_for(cast.bea).get(INDICATORS, {"page_size": 200}).json()["results"]) == 5


@pytest.mark.parametrize("page_size", ["201", "0", "-3", "ten", "2.5"])
def test_a_page_size_outside_1_to_200_is_refused_with_a_message_on_the_field(cast, indicators, api_for, page_size):
    response = api_for(cast.bea).get(INDICATORS, {"page_size": page_size})

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Give page_size as a whole number from 1 to 200"]}


def test_the_schema_documents_page_size_and_its_maximum_on_every_list(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    lists = [
        operation
        for path in schema["paths"].values()
        for method, operation in path.items()
        if method == "get" and "page" in [p["name"] for p in operation.get("parameters", [])]
    ]

    assert len(lists) > 5
    for operation in lists:
        page_size = next(p for p in operation["parameters"] if p["name"] == "page_size")
        assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
        assert "at most 200" in page_size["description"]


def test_rows_that_tie_on_the_ordering_asked_for_come_in_one_order_so_paging_never_repeats_or_skips_one(cast, api_for):
    due = datetime.date(2031, 3, 31)  # after every other action's: the tied rows lead the list
    tied = sorted(f.ActionFactory(priority=cast.a11.priority, due_date=due).pk for _ in range(7))

    client = api_for(cast.bea)
    seen = []
    for page in (1, 2, 3):
        body = client.get("/api/v1/actions/", {"ordering": "-due_date", "page_size": 3, "page": page}).json()
        seen += [row["id"] for row in body["results"] if row["due_date"] == due.isoformat()]
    assert seen == tied  # each once, in key order, page after page
