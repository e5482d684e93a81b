"""The route list and the API schema as text, compared with ``tests/snapshots/`` by ``test_routes_unchanged.py``.

``make snapshots`` (``python -m tests.snapshots``) writes them again after a deliberate change of routes
or API; commit the snapshots with the change, so the diff shows what changed.
"""

import os
from contextlib import contextmanager
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
ROUTES_FILE = SNAPSHOTS / "routes.txt"
OPENAPI_FILE = SNAPSHOTS / "openapi.yaml"


def routes_text():
    from tests.routes import routes

    lines = [
        "# Every route: pattern | name | view | methods (any: a function view, which does not say which)."
        " Written by `make snapshots`; do not edit by hand.",
    ]
    for route in routes():
        methods = " ".join(route.methods) if route.declared else "any"
        lines.append(f"/{route.pattern} | {route.name or '-'} | {route.view} | {methods}")
    return "\n".join(lines) + "\n"


def openapi_text():
    """The API schema as ``manage.py spectacular`` writes it (the public schema, no request)."""
    from drf_spectacular.renderers import OpenApiYamlRenderer
    from drf_spectacular.settings import spectacular_settings

    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    with integer_ranges_of_postgresql():
        schema = generator.get_schema(request=None, public=True)
    return OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


@contextmanager
def integer_ranges_of_postgresql():
    """Model fields take the integer bounds of PostgreSQL, the production database, whatever this run uses.

    An integer field's validators, and so the API schema's ``maximum``, come from the database's integer
    ranges, which are wider on SQLite; the snapshot must not depend on where the tests happen to run.
    """
    from django.apps import apps
    from django.db import connection
    from django.db.backends.base.operations import BaseDatabaseOperations
    from django.db.models import Field

    fields = [field for model in apps.get_models() for field in model._meta.get_fields() if isinstance(field, Field)]

    def forget_validators():  # Field.validators is a cached property
        for field in fields:
            field.__dict__.pop("validators", None)

    forget_validators()
    connection.ops.integer_field_range = BaseDatabaseOperations.integer_field_range.__get__(connection.ops)
    try:
        yield
    finally:
        del connection.ops.integer_field_range
        forget_validators()


def write():
    SNAPSHOTS.mkdir(exist_ok=True)
    ROUTES_FILE.write_text(routes_text())
    OPENAPI_FILE.write_text(openapi_text())
    print(f"Wrote {ROUTES_FILE.relative_to(Path.cwd())} and {OPENAPI_FILE.relative_to(Path.cwd())}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "neglect_portal.settings.test")
    import django

    django.setup()
    write()
