"""Each kind's GIN index is over the very expression the search filters on, so PostgreSQL can use it."""

import importlib

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from search.kinds import CONFIG, KINDS, document
from tests.services import unavailable

MIGRATION = importlib.import_module("search.migrations.0001_search_indexes")


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        unavailable("the search's GIN indexes are made on PostgreSQL only (set DATABASE_URL)")


def test_the_indexes_cover_the_fields_the_search_reads():
    frozen = {(model, heading, body) for _app, model, _name, heading, body in MIGRATION.INDEXES}
    assert frozen == {(kind.model.__name__, kind.heading, kind.body) for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_the_search_of_each_kind_is_served_by_its_gin_index(postgresql, cast, kind):
    query = SearchQuery("neglect", config=CONFIG, search_type="websearch")
    matching = kind.model.objects.annotate(document=document(kind.heading, kind.body)).filter(document=query)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matching.explain()
    assert f"search_{kind.name}_document" in plan, plan
