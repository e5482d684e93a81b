"""Reads of the indicator library beside what one partnership has adopted from it."""

from __future__ import annotations

from dataclasses import dataclass

from outcomes.library.definitions import BY_CODE, DEFINITIONS, Definition, Theme
from outcomes.models import Indicator


@dataclass(frozen=True)
class LibraryRow:
    """A definition and the partnership's indicator adopted from it (None: not adopted)."""

    definition: Definition
    adopted: Indicator | None


def adopted_indicators(partnership) -> dict[str, Indicator]:
    """The partnership's current indicators adopted from the library, by library code: one query."""
    indicators = (
        Indicator.objects.for_partnership(partnership)
        .current()
        .exclude(library_code="")
        .only("pk", "code", "name", "library_code", "is_active", "partnership_id")
    )
    return {indicator.library_code: indicator for indicator in indicators}


@dataclass(frozen=True)
class Library:
    """The library page's rows (of one theme, or all) and how many definitions the partnership has adopted."""

    rows: list[LibraryRow]
    adopted_count: int


def library(partnership, theme: Theme | None = None) -> Library:
    """Every definition (of ``theme``, if given) in library order, each with the partnership's adopted indicator."""
    adopted = adopted_indicators(partnership)
    rows = [
        LibraryRow(definition, adopted.get(definition.code))
        for definition in DEFINITIONS
        if theme is None or definition.theme == theme
    ]
    return Library(rows, sum(1 for code in adopted if code in BY_CODE))


def adopted_indicator(partnership, code: str) -> Indicator | None:
    """The partnership's current indicator adopted from the definition ``code``, if there is one."""
    return Indicator.objects.for_partnership(partnership).current().filter(library_code=code).order_by("pk").first()
