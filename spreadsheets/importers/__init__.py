"""The importer contract; the importers live in their apps and are registered in ``spreadsheets.registry``."""

from spreadsheets.importers.base import Importer, ImportProblems, Preview

__all__ = ["ImportProblems", "Importer", "Preview"]
