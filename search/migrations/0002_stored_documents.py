"""Each kind's document kept in a stored generated ``tsvector`` column, ``search_document``, with the GIN index
on it instead of on the expression (0001).

Measured at ten times the demo, ranking recomputed every matching row's document: 1,115 of a partnership's
1,920 progress updates matched "neglect training" and the page took 400 ms. Stored, the document is read, not
rebuilt, for the match, the count and the rank. PostgreSQL only: the models do not name the column (SQLite,
for ``make run``, has no full-text search), ``search.kinds.StoredDocument`` reads it, and
``tests/search/test_index.py`` checks it holds the same document as ``search.kinds.document``.
"""

import importlib

from django.db import migrations

INDEXES = importlib.import_module("search.migrations.0001_search_indexes").INDEXES
COLUMN = "search_document"


def _part(fields, weight, quote):
    joined = " || ' ' || ".join(f"COALESCE({quote(name)}::text, '')" for name in fields)
    return f"setweight(to_tsvector('english'::regconfig, {joined}), '{weight}')"


def _document_sql(heading, body, quote):
    parts = ([_part(heading, "A", quote)] if heading else []) + ([_part(body, "B", quote)] if body else [])
    return " || ".join(parts)


def store(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for app, model_name, index, heading, body in INDEXES:
        table = quote(apps.get_model(app, model_name)._meta.db_table)
        expression = _document_sql(heading, body, quote)
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(index)}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {quote(COLUMN)} tsvector GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {quote(index)} ON {table} USING gin ({quote(COLUMN)})")


def unstore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for app, model_name, _index, _heading, _body in INDEXES:
        table = quote(apps.get_model(app, model_name)._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {quote(COLUMN)}")
    importlib.import_module("search.migrations.0001_search_indexes").create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_indexes")]

    operations = [migrations.RunPython(store, unstore)]
