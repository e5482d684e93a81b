"""The import layers (docs/decisions/0007-layers.md) hold on the real code and catch a break.

Each check runs ``lint-imports`` over a copy of the first-party packages in a temporary folder, with
the project's own contracts, after adding one module that imports across a layer.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def first_party_packages():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def lint_imports(folder):
    return subprocess.run(
        [LINT_IMPORTS, "--no-logo", "--no-cache", "--config", str(folder / "pyproject.toml")],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layers")
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    for package in first_party_packages():
        shutil.copytree(ROOT / package, folder / package, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


@pytest.fixture
def probe(project_copy):
    """Adds ``<package>/_layer_probe.py`` importing a module; removes it afterwards."""
    written = []

    def write(package, imported_module):
        path = project_copy / package / "_layer_probe.py"
        path.write_text(f"import {imported_module}  # noqa: F401\n")
        written.append(path)
        return project_copy

    yield write
    for path in written:
        path.unlink()


def test_every_first_party_app_is_in_the_contracts():
    installed = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert installed <= set(first_party_packages())


def test_the_real_code_keeps_the_contracts(project_copy):
    result = lint_imports(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("package", "imported_module"),
    [
        ("actions", "reports.models"),
        ("outcomes", "reports.selectors"),
        ("priorities", "actions.models"),
        ("accounts", "actions.models"),
        ("neglect_portal", "priorities.models"),
        ("audits", "outcomes.models"),
        ("reports", "demo.services"),
        ("reports", "reminders.models"),
        ("reminders", "reports.models"),
        ("outbound", "accounts.models"),
        ("outbound", "reminders.models"),
    ],
)
def test_an_import_up_the_layers_or_across_siblings_breaks_the_contract(probe, package, imported_module):
    folder = probe(package, imported_module)
    result = lint_imports(folder)
    assert result.returncode != 0
    assert "Apps import only the layers below them BROKEN" in result.stdout
    assert "_layer_probe" in result.stdout


@pytest.mark.parametrize(
    "domain_module", ["actions.models", "outcomes.imports", "priorities.models", "reports.models", "reminders.models"]
)
def test_the_spreadsheet_engine_importing_a_domain_app_breaks_the_contract(probe, domain_module):
    folder = probe("spreadsheets", domain_module)
    result = lint_imports(folder)
    assert result.returncode != 0
    assert "The spreadsheet engine imports no domain app BROKEN" in result.stdout
