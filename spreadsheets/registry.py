"""The imports and exports that the apps of the portal give the spreadsheet engine.

The engine names no app of the portal: each app registers what it offers from
its ``AppConfig.ready``, and the engine's pages, URLs and ``Upload.kind``
choices are made from what is registered::

    class ActionsConfig(AppConfig):
        def ready(self):
            from actions.imports import ActionPlanImporter
            from actions.views import ActionPlanExportView
            from spreadsheets import registry

            registry.register_importer(ActionPlanImporter)
            registry.register_export("action_plan", ActionPlanExportView, link_text=..., description=...)

An importer's ``kind`` names it everywhere: the ``Upload.kind`` kept for each
file, its import page (``/spreadsheets/import/action-plan/``, named
``spreadsheets:action_plan_import``) and its template downloads
(``spreadsheets:action_plan_template``). An export's ``name`` gives its
download (``/spreadsheets/export/action-plan.xlsx``, named
``spreadsheets:action_plan_export``) and its line on the Import and export
page. Both are listed in the order they were registered, which is the order of
``INSTALLED_APPS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.views import View

    from spreadsheets.importers.base import Importer

KIND_MAX_LENGTH = 20  # the length of Upload.kind
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True)
class Export:
    """An .xlsx download: ``view`` answers GET with the file (see ``spreadsheets.xlsx.xlsx_response``)."""

    name: str
    view: type[View]
    link_text: str  # "Download the action plan (.xlsx)"
    description: str  # what the file holds, under the link


_importers: dict[str, type[Importer]] = {}
_exports: dict[str, Export] = {}


def register_importer(importer: type[Importer]) -> type[Importer]:
    """Offer ``importer`` on the import pages under its ``kind``."""
    _check_name(importer.kind, f"The kind of {importer.__name__}", KIND_MAX_LENGTH)
    _register(_importers, importer.kind, importer)
    return importer


def register_export(name: str, view: type[View], *, link_text: str, description: str) -> Export:
    """Serve ``view`` as the download ``export/<name>.xlsx`` and list it on the Import and export page."""
    _check_name(name, f"The export name of {view.__name__}", None)
    return _register(_exports, name, Export(name, view, link_text, description))


def importers() -> list[type[Importer]]:
    return list(_importers.values())


def exports() -> list[Export]:
    return list(_exports.values())


def importer_for(kind: str, membership) -> Importer:
    """The importer of ``kind`` for a member; ``LookupError`` if no app registered that kind."""
    try:
        return _importers[kind](membership)
    except KeyError:
        raise LookupError(f"No importer has the kind {kind!r}") from None


def kind_choices() -> list[tuple[str, str]]:
    """The choices of ``Upload.kind``: each registered importer's kind and label."""
    return [(kind, importer.label) for kind, importer in _importers.items()]


def slug(name: str) -> str:
    """How a kind or an export name is written in an address or a file name: ``action_plan`` → ``action-plan``."""
    return name.replace("_", "-")


def _check_name(name, what: str, max_length: int | None):
    if not isinstance(name, str) or not NAME.match(name) or (max_length and len(name) > max_length):
        longest = f", at most {max_length} characters" if max_length else ""
        raise ImproperlyConfigured(f"{what} must be lower-case letters, digits and underscores{longest}: {name!r}")


def _register(registered: dict, name: str, item):
    # The same item registered again is harmless; two different items under one name are a mistake.
    existing = registered.setdefault(name, item)
    if existing != item:
        raise ImproperlyConfigured(f"{name!r} is registered twice: {existing!r} and {item!r}")
    return existing
