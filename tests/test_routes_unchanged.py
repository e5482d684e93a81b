"""The routes and the API schema are what ``tests/snapshots/`` says they are.

A change of routes or API must update the snapshots in the same commit (``make snapshots``), so the
diff of ``tests/snapshots/routes.txt`` and ``tests/snapshots/openapi.yaml`` shows reviewers what changed.
"""

import difflib

import pytest

from tests import snapshots

HOW_TO_UPDATE = "If the change is meant, run `make snapshots` and commit the snapshot with it."


def differences(expected, actual, name):
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"{name} (snapshot)", f"{name} (now)"
    )
    return "".join(diff)


@pytest.mark.parametrize(
    ("file", "make_text"),
    [(snapshots.ROUTES_FILE, snapshots.routes_text), (snapshots.OPENAPI_FILE, snapshots.openapi_text)],
    ids=["routes", "openapi"],
)
def test_the_routes_and_the_api_schema_are_those_in_the_snapshots(file, make_text):
    assert file.exists(), f"{file} is missing. {HOW_TO_UPDATE}"
    expected, actual = file.read_text(), make_text()
    diff = differences(expected, actual, file.name)
    assert not diff, f"The {file.name} of the project has changed. {HOW_TO_UPDATE}\n{diff}"


def test_the_snapshot_lists_each_view_with_the_methods_it_handles():
    lines = snapshots.routes_text().splitlines()
    assert "/reports/<int:pk>/refresh/ | reports:refresh | reports.views.ReportRefreshView | POST OPTIONS" in lines
    assert "/reports/<int:pk>/ | reports:detail | reports.views.ReportDetailView | GET HEAD OPTIONS" in lines
    assert any(
        line.startswith("/api/v1/^actions/$ | action-list | actions.api.ActionViewSet (create, list)") for line in lines
    )


def test_the_api_schema_is_written_the_same_way_every_time():
    assert snapshots.openapi_text() == snapshots.openapi_text()
