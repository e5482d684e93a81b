"""On PostgreSQL each kind's table keeps the search's document in a stored column with a GIN index: the
column holds exactly :func:`search.kinds.document` of its row, and the search's match uses the index."""

import importlib

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast

from search.kinds import CONFIG, KINDS, StoredDocument, document
from tests.search.conftest import words  # noqa: F401  (a fixture)
from tests.services import unavailable

MIGRATION = importlib.import_module("search.migrations.0001_search_indexes")


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        unavailable("the search's stored documents and GIN indexes are on PostgreSQL only (set DATABASE_URL)")


def test_the_stored_documents_cover_the_fields_the_search_reads():
    frozen = {(model, heading, body) for _app, model, _name, heading, body in MIGRATION.INDEXES}
    assert frozen == {(kind.model.__name__, kind.heading, kind.body) for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_the_stored_document_of_each_row_is_the_searchs_document(postgresql, words, kind):  # noqa: F811
    rows = kind.model.objects.annotate(
        stored=Cast(StoredDocument(), TextField()), computed=Cast(document(kind.heading, kind.body), TextField())
    ).values_list("stored", "computed")
    assert any("hoard" in stored for stored, _computed in rows)
    assert all(stored == computed for stored, computed in rows)


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_the_search_of_each_kind_is_served_by_its_gin_index(postgresql, cast, kind):
    query = SearchQuery("neglect", config=CONFIG, search_type="websearch")
    matching = kind.model.objects.annotate(document=StoredDocument()).filter(document=query)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matching.explain()
    assert f"search_{kind.name}_document" in plan, plan
