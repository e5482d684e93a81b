"""The imports a partnership can run from a spreadsheet, by ``Upload.Kind``."""

from spreadsheets.importers.action_plan import ActionPlanImporter
from spreadsheets.importers.base import Importer, ImportProblems, Preview
from spreadsheets.importers.indicator_values import IndicatorValuesImporter

IMPORTERS: dict[str, type[Importer]] = {cls.kind: cls for cls in (ActionPlanImporter, IndicatorValuesImporter)}

__all__ = ["IMPORTERS", "ActionPlanImporter", "ImportProblems", "Importer", "IndicatorValuesImporter", "Preview"]


def importer_for(kind: str, membership) -> Importer:
    return IMPORTERS[kind](membership)
