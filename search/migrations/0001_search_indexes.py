"""A GIN index for each kind the search finds, over the same weighted document the search filters on.

PostgreSQL only: SQLite (``make run``) has no full-text search and searches without an index. The
fields are frozen here as they were when the indexes were made; ``search.kinds`` builds the query's
document from its own copy, and ``tests/search/test_index.py`` fails if the two ever differ.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# (app, model, index name, heading fields weighted A, body fields weighted B)
INDEXES = [
    ("actions", "Action", "search_action_document", ("reference", "title"),
     ("description", "success_measure", "impact_statement")),
    ("actions", "ProgressUpdate", "search_update_document", (), ("narrative",)),
    ("outcomes", "Indicator", "search_indicator_document", ("code", "name"), ("definition",)),
    ("audits", "Audit", "search_audit_document", ("title",), ("scope", "summary")),
    ("audits", "Finding", "search_finding_document", (), ("text",)),
    ("audits", "Recommendation", "search_recommendation_document", ("reference",), ("text",)),
]


def _document(heading, body):
    parts = []
    if heading:
        parts.append(SearchVector(*heading, config="english", weight="A"))
    if body:
        parts.append(SearchVector(*body, config="english", weight="B"))
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


def _indexes(apps):
    for app, model, name, heading, body in INDEXES:
        yield apps.get_model(app, model), GinIndex(_document(heading, body), name=name)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0008_newest_first_indexes"),
        ("outcomes", "0006_newest_first_indexes"),
        ("audits", "0004_version"),
    ]

    operations = [migrations.RunPython(create, drop)]
