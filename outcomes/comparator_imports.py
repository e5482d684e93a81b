"""Importing comparator figures from a CSV (or .xlsx) file, all or nothing.

One layout, one row per figure: ``indicator_code, comparator, period, value, source, published``.
Registered with the spreadsheet engine in ``OutcomesConfig``; every row is checked with
``outcomes.comparator_services.comparator_errors`` (the rules of the indicator page and the API)
and written by ``comparator_values_record_many``. A row for a series and period that already has a
figure corrects it.
"""

from __future__ import annotations

import datetime
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts import access
from neglect_portal.periods import PERIOD_FORMS, Period, current_quarter
from outcomes import rating
from outcomes.comparator_services import (
    COMPARATOR_FORMS,
    ComparatorBatchError,
    ComparatorInput,
    comparator_errors,
    comparator_read,
    comparator_values_record_many,
    comparator_written,
)
from outcomes.models import ComparatorValue, Indicator, Unit
from spreadsheets import cells
from spreadsheets.importers.base import (
    CHANGED,
    NEW,
    UNCHANGED,
    Change,
    ColumnGuide,
    Importer,
    ImportProblems,
    Preview,
    RowCells,
    RowPlan,
)
from spreadsheets.readers import CellProblem, Column, Table
from spreadsheets.xlsx import Sheet

COLUMNS = (
    Column("code", "indicator_code", True, ("indicator code", "code", "indicator"), "The indicator's code."),
    Column(
        "comparator",
        "comparator",
        True,
        ("comparator series", "series", "compared with"),
        "Who the figure is for: England, a region, the statistical neighbours' average or a named neighbour.",
    ),
    Column("period", "period", True, ("financial year", "quarter"), "The financial year or quarter of the figure."),
    Column("value", "value", True, ("figure",), "The figure, in the indicator's unit."),
    Column("source", "source", True, ("published by", "publication"), "Who published the figure, and in what."),
    Column(
        "published",
        "published",
        True,
        ("publication date", "date published", "published on"),
        "The date the figure was published.",
    ),
)
HEADERS = {column.key: column.header for column in COLUMNS}
# The service's fields, as the file's columns.
FIELD_COLUMNS = {"indicator": "code", "kind": "comparator", "name": "comparator"}
FIELDS = ("value", "source", "published")


class ComparatorValuesImporter(Importer):
    kind = "comparator_values"
    label = "Comparator figures"
    title = "Import comparator figures"
    sheet_title = "Comparator figures"
    one_row_is = "one comparator figure (England, a region or neighbours) of an indicator for one period"
    row_noun, row_plural = "comparator figure", "comparator figures"
    template_name = "comparator figures template"
    description = (
        "Add or correct the England, regional and statistical neighbours' figures shown beside your indicators, "
        "from a CSV file or an Excel spreadsheet (.xlsx) with the columns indicator_code, comparator, period, "
        "value, source and published. A figure already recorded for that comparator and period is corrected."
    )
    who_may = "The business manager and steering-group members can import comparator figures."
    columns = COLUMNS

    @classmethod
    def allowed(cls, membership) -> bool:
        return access.can_manage_indicators(membership)

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        queryset = Indicator.objects.current().filter(partnership=self.partnership).order_by("code")
        return {indicator.code.casefold(): indicator for indicator in queryset}

    # --- validation -----------------------------------------------------------------

    def plan(self, table: Table) -> tuple[Preview, list[CellProblem]]:
        today = timezone.localdate()
        parsed = [self._parse_row(RowCells(row, self.columns, table.present), today) for row in table.rows]
        existing = self._existing([entry for _, entry in parsed if entry is not None])
        seen: dict[tuple, int] = {}
        plans, problems = [], []
        for row_cells, entry in parsed:
            if entry is not None:
                key = _key(entry)
                if key in seen:
                    row_cells.fail(
                        "period", f"{entry.indicator.code} {_series(entry)} {entry.period} is also in row {seen[key]}"
                    )
                seen.setdefault(key, row_cells.row.number)
            problems += row_cells.problems
            if entry is not None and not row_cells.problems:
                plans.append(self._row_plan(row_cells, entry, existing.get(_key(entry))))
        return Preview(plans), problems

    def _parse_row(self, row_cells: RowCells, today) -> tuple[RowCells, ComparatorInput | None]:
        indicator = row_cells.read("code", self._indicator)
        kind, name = None, ""
        try:
            kind, name = comparator_read(cells.text(row_cells.raw("comparator")))
        except ValueError as error:
            row_cells.fail("comparator", str(error))
        period = self._period(row_cells)
        percent = indicator is not None and indicator.unit == Unit.PERCENTAGE
        example = "51.8" if percent else "42.1"
        value = row_cells.read(
            "value", cells.number, f"Enter the value as a number, like {example}", allow_percent_sign=percent
        )
        if value is None and not row_cells.failed("value"):
            row_cells.fail("value", "Enter the value")
        source = row_cells.read("source", cells.text, max_length=250, label="The source")
        published = row_cells.read("published", cells.date, "Enter the date it was published, like 31/10/2025")
        if published is None and not row_cells.failed("published"):
            row_cells.fail("published", "Enter the date it was published, like 31/10/2025")
        entry = ComparatorInput(indicator, kind or "", name, period or "", value, source or "", published)
        for field, messages in comparator_errors(entry, today).items():
            column = FIELD_COLUMNS.get(field, field)
            if not row_cells.failed(column):
                for message in messages:
                    row_cells.fail(column, message)
        if row_cells.problems or indicator is None:
            return row_cells, None
        return row_cells, entry

    def _period(self, row_cells: RowCells) -> Period | None:
        raw = row_cells.raw("period")
        if raw is None:
            row_cells.fail("period", "Enter the period, like 2024/25 or 2024/25 Q2")
            return None
        try:
            return Period.read(raw)
        except ValueError as error:
            message = str(error).rstrip(".")
            if not isinstance(raw, str):
                message = f"{cells.text(raw)} is not the last day of a quarter: write the period like {PERIOD_FORMS}"
            row_cells.fail("period", message)
            return None

    def _indicator(self, value) -> Indicator:
        if value is None:
            raise cells.CellError("Enter the indicator code")
        code = cells.text(value)
        indicator = self.indicators.get(code.casefold())
        if indicator is None:
            raise cells.CellError(f"There is no indicator with the code {code} in {self.partnership.name}")
        return indicator

    def _existing(self, entries) -> dict[tuple, ComparatorValue]:
        if not entries:
            return {}
        found = ComparatorValue.objects.current().filter(
            indicator__in={entry.indicator.pk for entry in entries}, period__in={entry.period for entry in entries}
        )
        return {(v.indicator_id, v.kind, v.name.casefold(), v.period): v for v in found}

    def _row_plan(self, row_cells: RowCells, entry: ComparatorInput, current) -> RowPlan:
        number = row_cells.row.number
        title = f"{entry.indicator.code} {_series(entry)} {entry.period}: {entry.indicator.name}"
        new = self._shown(entry.indicator, entry.value, entry.source, entry.published)
        if current is None:
            return RowPlan(number, title, NEW, [Change(label, "", text) for label, text in new.items()], entry)
        old = self._shown(entry.indicator, current.value, current.source, current.published)
        changes = [Change(label, old[label], new[label]) for label in new if old[label] != new[label]]
        return RowPlan(number, title, CHANGED if changes else UNCHANGED, changes, entry)

    @staticmethod
    def _shown(indicator, value, source, published: datetime.date) -> dict[str, str]:
        return {
            "Value": rating.display(value, indicator.unit),
            "Source": source,
            "Published": f"{published:%-d %B %Y}",
        }

    # --- writing ----------------------------------------------------------------------

    def apply(self, preview: Preview) -> dict[str, int]:
        rows = preview.changing_rows
        try:
            comparator_values_record_many(self.membership, [row.payload for row in rows])
        except ComparatorBatchError as error:
            problems = [
                CellProblem(rows[index].row, HEADERS.get(FIELD_COLUMNS.get(name, name), ""), message)
                for index, fields in error.rows.items()
                for name, messages in fields.items()
                for message in messages
            ]
            raise ImportProblems(problems, self.columns) from error
        except PermissionDenied as error:
            raise ImportProblems([CellProblem(None, "", str(error))]) from error
        return preview.counts()

    # --- the template -------------------------------------------------------------------

    def guidance(self) -> list[ColumnGuide]:
        indicators = list(self.indicators.values())
        year = current_quarter(timezone.localdate()).financial_year().previous().previous()
        allowed = {
            "code": "; ".join(i.code for i in indicators) + " (see the Indicators sheet)" if indicators else "None",
            "comparator": COMPARATOR_FORMS,
            "period": f"A financial year such as {year.label}, or a quarter such as {year.label} Q4, that has ended",
            "value": "A number, 0 or more, in the indicator's unit; a percentage up to 100",
            "source": "Text, up to 250 characters",
            "published": "A date, on or after the last day of the period and not in the future",
        }
        examples = {
            "code": indicators[0].code if indicators else "",
            "comparator": "England",
            "period": year.label,
            "value": 42.1,
            "source": f"DfE Characteristics of children in need {year.label}",
            "published": datetime.date(year.end.year, 10, 31),
        }
        return [ColumnGuide(c.header, c.required, c.hint, allowed[c.key], examples[c.key]) for c in self.columns]

    def template_sheets(self) -> list[Sheet]:
        rows = [[i.code, i.name, Unit(i.unit).label] for i in self.indicators.values()]
        notes = ["The indicators of the partnership, by code."]
        return [Sheet("Indicators", ["Code", "Indicator", "Unit"], rows, notes)]

    def summary(self, counts: dict[str, int]) -> str:
        new = counts.get(NEW, 0)
        figures = "figure" if new == 1 else "figures"
        changed, unchanged = counts.get(CHANGED, 0), counts.get(UNCHANGED, 0)
        return f"{new} comparator {figures} added, {changed} corrected and {unchanged} unchanged"


def _key(entry: ComparatorInput) -> tuple:
    return (entry.indicator.pk, entry.kind, entry.name.casefold(), entry.period)


def _series(entry: ComparatorInput) -> str:
    return comparator_written(entry.kind, entry.name)
