"""Importing indicator values: one row per indicator and period, recorded all or nothing.

Registered with the spreadsheet engine in ``OutcomesConfig``.

Every row is checked with ``outcomes.services.measurement_errors`` (the rules
the indicator page and the API use) and written by
``outcomes.services.measurements_record_many``. A row for a period that already
has a value corrects it. An optional column left out of the file keeps what is
recorded; a column that is there but empty clears it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts import access
from neglect_portal.periods import Period, current_quarter, quarter_heading
from neglect_portal.values import NOT_PUBLISHED_EXAMPLES, not_published_marker
from outcomes import rating
from outcomes.models import BY_QUARTER, Frequency, Indicator, Measurement, Unit
from outcomes.services import (
    MeasurementBatchError,
    MeasurementInput,
    measurement_errors,
    measurements_record_many,
    period_not_ended_problem,
)
from priorities.selectors import locked_quarters
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
from spreadsheets.readers import CellProblem, Column, Table, Wide
from spreadsheets.xlsx import Sheet

COLUMNS = (
    Column("code", "Indicator code", True, ("code", "indicator", "indicator reference"), "The indicator's code."),
    Column(
        "period",
        "Period",
        True,
        ("quarter", "financial year", "reporting period"),
        "The quarter (or, for an annual indicator, the financial year) the value is for, once it has ended "
        "(a monthly indicator's quarter once its first month has ended).",
    ),
    Column(
        "value",
        "Value",
        True,
        ("figure",),
        "The figure. For a percentage, 63.5 means 63.5%; leave it empty to work it out from the numerator "
        "and denominator. A figure your source did not publish is written as its marker, such as <5 or *: it is "
        "imported as not published, never as zero.",
    ),
    Column("numerator", "Numerator", False, (), "For a rate or percentage: how many met the measure. Optional."),
    Column("denominator", "Denominator", False, (), "For a rate or percentage: out of how many. Optional."),
    Column(
        "note",
        "Note",
        False,
        ("notes", "comment", "comments", "story behind the curve", "the story behind the curve"),
        "The story behind the curve: what explains the figure. Optional.",
    ),
    Column(
        "is_estimated",
        "Estimated",
        False,
        ("estimate", "is estimated", "estimated value"),
        "Yes when the figure is an estimate, not yet the final one: it is marked Estimated on every page, the "
        "report and the exports. Optional: empty or No is a final figure; left out of the file, a value keeps "
        "what is recorded.",
    ),
)
HEADERS = {column.key: column.header for column in COLUMNS}
FIELDS = ("value", "numerator", "denominator", "note", "is_estimated")
FIELD_LABELS = {"is_estimated": "Estimated"}
YES_WORDS, NO_WORDS = {"yes", "y", "true", "1", "estimated", "estimate"}, {"", "no", "n", "false", "0", "final"}


def yes_or_no(value) -> bool:
    """Yes or no from a cell: Yes, Y, TRUE, 1 (or an Excel tick of TRUE); No, N, FALSE, 0 or empty."""
    word = cells.text(value).casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise cells.CellError("Enter Yes for an estimate, or No (or leave it empty) for a final figure")


PERIOD_AS_DATE = (
    "Enter the period as text, like 2026/27 Q2: Excel may have changed it into a date (format the column as Text)"
)


class IndicatorValuesImporter(Importer):
    kind = "indicator_values"
    label = "Indicator values"
    title = "Import indicator values"
    sheet_title = "Indicator values"
    one_row_is = "one indicator's value for one period"
    row_noun, row_plural = "indicator value", "values"
    template_name = "indicator values template"
    description = (
        "Enter or correct indicator values from an Excel spreadsheet (.xlsx) or a CSV file, one row for each "
        "indicator and period. A value already recorded for that period is corrected."
    )
    who_may = (
        "The business manager, steering-group members and the people of the agency that supplies an "
        "indicator's figures can import its values."
    )
    columns = COLUMNS
    # A BI sheet: one row per indicator (its code or name), one column per quarter ("Q1 23/24", …).
    wide = Wide(
        id_keys=("code",),
        period_key="period",
        value_key="value",
        period_of=lambda heading: getattr(quarter_heading(heading), "label", None),
    )

    @classmethod
    def allowed(cls, membership) -> bool:
        return access.can_enter_values(membership)

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        queryset = Indicator.objects.current().filter(partnership=self.partnership).select_related("source_agency")
        return {indicator.code.casefold(): indicator for indicator in queryset.order_by("code")}

    @cached_property
    def by_name(self) -> dict[str, Indicator]:
        """Indicators by their name, as a BI sheet may name them instead of giving their code."""
        return {cells.normalise_choice(indicator.name): indicator for indicator in self.indicators.values()}

    @cached_property
    def locked_quarters(self) -> set[str]:
        return locked_quarters(self.partnership)

    @cached_property
    def recordable(self) -> set[int]:
        recordable = Indicator.objects.filter(access.indicators_recordable_filter(self.membership))
        return set(recordable.values_list("pk", flat=True))

    # --- validation -----------------------------------------------------------------

    def plan(self, table: Table) -> tuple[Preview, list[CellProblem]]:
        today = timezone.localdate()
        parsed = [self._parse_row(RowCells(row, self.columns, table.present)) for row in table.rows]
        existing = self._existing([(indicator, period) for _, indicator, period in parsed if indicator and period])
        seen: dict[tuple, int] = {}
        plans, problems = [], []
        for row_cells, indicator, period in parsed:
            measurement = None
            if indicator and period:
                key = (indicator.pk, period.label)
                if key in seen:
                    row_cells.fail("period", f"{indicator.code} {period.label} is also in row {seen[key]}")
                seen.setdefault(key, row_cells.row.number)
                measurement = existing.get(key)
            plan = self._plan_row(row_cells, indicator, period, measurement, today)
            problems += row_cells.problems
            if plan is not None:
                plans.append(plan)
        return Preview(plans), problems

    def _parse_row(self, row_cells: RowCells):
        """The row's indicator and period, or None for either with the problem noted."""
        indicator = row_cells.read("code", self._indicator)
        raw_period = row_cells.raw("period")
        period = None
        if raw_period is None:
            row_cells.fail("period", "Enter the period, like 2026/27 Q2")
        else:
            try:
                period = Period.read(raw_period)
            except ValueError as error:
                if isinstance(raw_period, str):
                    row_cells.fail("period", str(error).rstrip("."))
                else:
                    written = cells.text(raw_period)
                    row_cells.fail("period", f"{written} is not the last day of a quarter. {PERIOD_AS_DATE}")
        if period is not None and indicator is not None:
            written = cells.text(raw_period)
            # The last day of a financial year is also the last day of its Q4: for an annual indicator, the year.
            if indicator.frequency == Frequency.ANNUAL and period.quarter == 4 and "Q" not in written.upper():
                period = period.financial_year()
            if " ".join(written.upper().split()) != period.label.upper():
                row_cells.how["period"] = f"from “{written}”"
        return row_cells, indicator, period

    def _existing(self, keys) -> dict[tuple, Measurement]:
        if not keys:
            return {}
        measurements = Measurement.objects.current().filter(
            indicator__in={indicator.pk for indicator, _ in keys}, period__in={period.label for _, period in keys}
        )
        return {(m.indicator_id, m.period): m for m in measurements}

    def _indicator(self, value) -> Indicator:
        if value is None:
            raise cells.CellError("Enter the indicator code")
        code = cells.text(value)
        indicator = self.indicators.get(code.casefold()) or self.by_name.get(cells.normalise_choice(code))
        if indicator is None:
            raise cells.CellError(f"There is no indicator with the code {code} in {self.partnership.name}")
        if indicator.pk not in self.recordable:
            supplier = indicator.source_agency.name if indicator.source_agency else "the steering group"
            raise cells.CellError(f"You cannot enter values for {indicator.code}: its figures come from {supplier}")
        return indicator

    def _plan_row(self, row_cells: RowCells, indicator, period, measurement, today) -> RowPlan | None:
        percent = indicator is not None and indicator.unit == Unit.PERCENTAGE
        number = "Enter the value as a number, like 51.8" if percent else "Enter the value as a number, like 147"
        marker = not_published_marker(row_cells.raw("value")) or ""  # "*", "<5", "n/a": withheld by the source
        if marker:
            row_cells.how["value"] = f"read as not published (marker '{marker}')"
        # A figure not published keeps no counts from before: they would belong to the figure withheld.
        kept = measurement if not marker else None
        entry = MeasurementInput(
            indicator=indicator,
            period=period.label if period is not None else cells.text(row_cells.raw("period")),
            value=None if marker else row_cells.read("value", cells.number, number, allow_percent_sign=percent),
            not_published=marker,
            numerator=self._count(row_cells, "numerator", kept),
            denominator=self._count(row_cells, "denominator", kept),
            note=row_cells.read("note", cells.text)
            if row_cells.has("note")
            else (measurement.note if measurement else ""),
            is_estimated=bool(row_cells.read("is_estimated", yes_or_no))
            if row_cells.has("is_estimated")
            else bool(measurement and measurement.is_estimated and not marker),
        )
        if indicator is None:
            return None
        for name, messages in measurement_errors(entry, today).items():
            if not row_cells.failed(name):
                for message in messages:
                    row_cells.fail(name, message)
        # A quarter's figure once the quarter has ended, as the API asks (a monthly indicator: a month of it).
        unended = period_not_ended_problem(indicator, period, today) if period is not None else None
        if unended and not row_cells.failed("period"):
            row_cells.fail("period", unended)
        if row_cells.problems:
            return None
        plan = self._row_plan(row_cells, entry, measurement)
        if plan.state != UNCHANGED and entry.period in self.locked_quarters:
            # After the lock a change to the quarter needs a reason (decision 30): a file gives none.
            row_cells.fail(
                "value",
                f"{entry.period} is locked: its report has been issued. Correct this value on the indicator's page, "
                "with the reason for the correction",
            )
            return None
        return plan

    def _count(self, row_cells: RowCells, key: str, measurement):
        if not row_cells.has(key):
            return getattr(measurement, key) if measurement else None
        return row_cells.read(key, cells.whole_number, f"Enter the {key} as a whole number, like 46")

    def _row_plan(self, row_cells: RowCells, entry: MeasurementInput, measurement) -> RowPlan:
        number = row_cells.row.number
        indicator = entry.indicator
        label = Period.parse(entry.period).label
        entry.period = label
        new = {
            "value": (Decimal(entry.value) if entry.value is not None else None, entry.not_published),
            "numerator": entry.numerator,
            "denominator": entry.denominator,
            "note": (entry.note or "").strip(),
            "is_estimated": bool(entry.is_estimated),
        }
        shown = {name: self._show(indicator, name, new[name]) for name in FIELDS}
        shown["value"] = row_cells.how.get("value") or shown["value"]  # "read as not published (marker '<5')"
        title = f"{indicator.code} {row_cells.shown('period', label)}: {indicator.name}"
        if measurement is None:
            told = [name for name in FIELDS if shown[name] != "(none)" and (name != "is_estimated" or new[name])]
            changes = [Change(_label(name), "", shown[name]) for name in told]
            return RowPlan(number, title, NEW, changes, entry)
        old = {name: getattr(measurement, name) for name in FIELDS}
        old["value"] = (measurement.value, measurement.not_published)
        changes = [
            Change(_label(name), self._show(indicator, name, old[name]), shown[name])
            for name in FIELDS
            if old[name] != new[name]
        ]
        return RowPlan(number, title, CHANGED if changes else UNCHANGED, changes, entry)

    @staticmethod
    def _show(indicator, name, value) -> str:
        if name == "value":
            value, marker = value
            return rating.display(value, indicator.unit, marker) if value is not None or marker else "(none)"
        if name == "is_estimated":
            return "Yes" if value else "No"
        if value in (None, ""):
            return "(none)"
        return rating.plain(value) if name != "note" else str(value)

    # --- writing ----------------------------------------------------------------------

    def apply(self, preview: Preview) -> dict[str, int]:
        rows = preview.changing_rows
        try:
            measurements_record_many(self.membership, [row.payload for row in rows])
        except MeasurementBatchError as error:
            problems = [
                CellProblem(rows[index].row, HEADERS.get(name, ""), message)
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
        mine = self.recordable_indicators()
        last_quarter = current_quarter(timezone.localdate()).previous()
        example = next((i for i in mine if i.frequency in BY_QUARTER), mine[0] if mine else None)
        period = last_quarter.label if example is None or example.frequency in BY_QUARTER else last_quarter.year_label
        allowed = {
            "code": "; ".join(i.code for i in mine) + " (see the Indicators sheet)" if mine else "None",
            "period": (
                f"A quarter that has ended, such as {last_quarter.label} (also written Q{last_quarter.quarter} "
                f"{last_quarter.label[2:4]}/{last_quarter.label[5:7]}), or a financial year such as "
                f"{last_quarter.year_label} for an annual indicator"
            ),
            "value": f"A number, 0 or more; a percentage up to 100; or a marker of a figure not published: "
            f"{NOT_PUBLISHED_EXAMPLES}",
            "numerator": "A whole number, 0 or more",
            "denominator": "A whole number, more than 0",
            "note": "Text",
            "is_estimated": "Yes or No; empty is No",
        }
        examples = {
            "code": example.code if example else "",
            "period": period,
            "value": 64.8 if example and example.unit == Unit.PERCENTAGE else 147,
            "numerator": 46 if example and example.unit == Unit.PERCENTAGE else None,
            "denominator": 71 if example and example.unit == Unit.PERCENTAGE else None,
            "note": "More referrals after the awareness campaign in schools.",
            "is_estimated": "No",
        }
        return [ColumnGuide(c.header, c.required, c.hint, allowed[c.key], examples[c.key]) for c in self.columns]

    def recordable_indicators(self) -> list[Indicator]:
        return [indicator for indicator in self.indicators.values() if indicator.pk in self.recordable]

    def template_sheets(self) -> list[Sheet]:
        """The indicators the person may enter values for, so the template says which codes to use."""
        rows = [
            [
                indicator.code,
                indicator.name,
                Unit(indicator.unit).label,
                Frequency(indicator.frequency).label,
                indicator.source_agency.name if indicator.source_agency else None,
            ]
            for indicator in self.recordable_indicators()
        ]
        notes = ["The indicators you may enter values for."]
        return [Sheet("Indicators", ["Code", "Indicator", "Unit", "Frequency", "Supplied by"], rows, notes)]

    def summary(self, counts: dict[str, int]) -> str:
        new = counts.get(NEW, 0)
        values = "value" if new == 1 else "values"
        changed, unchanged = counts.get(CHANGED, 0), counts.get(UNCHANGED, 0)
        return f"{new} {values} added, {changed} corrected and {unchanged} unchanged"


def _label(name) -> str:
    return FIELD_LABELS.get(name, name.capitalize())
