"""Small-number suppression: what a count of people becomes in what leaves the portal.

Official statistics do not publish a count so small that the people it counts could be
recognised. A partnership chooses a threshold (5 unless it says otherwise) and a mode:

- ``suppress``: a count from 1 to the threshold less one is shown as ``[c]``, and so is any
  other figure that would give it away (*secondary suppression*): a total with only one
  hidden part, a percentage whose numerator, denominator or their difference is small;
- ``round``: every count is rounded to the nearest 5 (totals on their own, so they may not
  add up), and a percentage that would give a small count away is still shown as ``[c]``;
- ``show``: figures are published as they are.

Zero is never suppressed: it counts nobody. Pure functions of numbers (no database), so the
report, the exports and the API publish the same figures; the apps that hold the figures
(``outcomes``, ``audits``) apply them where their outputs are built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SUPPRESS = "suppress"
ROUND = "round"
SHOW = "show"
MODES = (
    (SUPPRESS, "Suppress small numbers"),
    (ROUND, "Round every count to the nearest 5"),
    (SHOW, "Show every figure as it is"),
)
DEFAULT_THRESHOLD = 5
ROUNDING_BASE = 5
MARKER = "[c]"  # "confidential", as the Office for National Statistics marks a suppressed figure
IN_OUTPUTS = "Suppressed in outputs"
ROUNDED_IN_OUTPUTS = "Rounded in outputs"


@dataclass(frozen=True)
class Policy:
    """A partnership's setting: counts under ``threshold`` are protected as ``mode`` says."""

    threshold: int = DEFAULT_THRESHOLD
    mode: str = SUPPRESS

    def __post_init__(self):
        if int(self.threshold) < 1:
            raise ValueError("The small-number threshold must be 1 or more.")
        if self.mode not in (SUPPRESS, ROUND, SHOW):
            raise ValueError(f"Unknown suppression mode: {self.mode}.")

    @classmethod
    def from_data(cls, data: dict | None) -> Policy:
        """The policy a report snapshot froze (``as_data``); a snapshot without one published every figure."""
        if not data:
            return SHOW_ALL
        return cls(int(data.get("threshold", DEFAULT_THRESHOLD)), data.get("mode", SUPPRESS))

    def as_data(self) -> dict:
        return {"threshold": self.threshold, "mode": self.mode}

    @property
    def changes_figures(self) -> bool:
        return self.mode != SHOW

    def is_small(self, count) -> bool:
        """Whether ``count`` counts so few people (1 to the threshold less one) that it is protected."""
        return count is not None and 0 < count < self.threshold

    @property
    def footnote(self) -> str:
        """What the mark means, said under a table that has one (as official statistics do)."""
        if self.mode == ROUND:
            return (
                f"Counts are rounded to the nearest {ROUNDING_BASE}, so totals may not add up; "
                f"{MARKER}: a percentage or rate not shown because it would reveal fewer than {self.threshold} cases."
            )
        if self.mode == SUPPRESS:
            return (
                f"{MARKER}: not shown because it is fewer than {self.threshold} (but more than none), or "
                "because it would reveal such a figure, as official statistics do to protect the people counted."
            )
        return ""


SHOW_ALL = Policy(DEFAULT_THRESHOLD, SHOW)


def round_to_base(count: int, base: int = ROUNDING_BASE) -> int:
    """``count`` to the nearest ``base``, halves up: 2 → 0, 3 → 5, 12 → 10, 13 → 15."""
    return int((Decimal(count) / base).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * base


@dataclass(frozen=True)
class Shown:
    """One count as published: its number (None when hidden or there is none) and how it was changed."""

    value: int | None
    suppressed: bool = False
    rounded: bool = False

    @property
    def text(self) -> str:
        if self.suppressed:
            return MARKER
        return "" if self.value is None else f"{self.value:,}"


def count(value, policy: Policy) -> Shown:
    """A count of people as ``policy`` publishes it (``value`` may be None: no figure)."""
    if value is None or policy.mode == SHOW:
        return Shown(None if value is None else int(value))
    value = int(value)
    if policy.mode == ROUND:
        return Shown(round_to_base(value), rounded=True)
    if policy.is_small(value):
        return Shown(None, suppressed=True)
    return Shown(value)


@dataclass(frozen=True)
class Ratio:
    """A percentage or rate and the numerator and denominator it is worked out from, as published."""

    numerator: Shown
    denominator: Shown
    hides_value: bool  # the percentage or rate itself is not shown: it would give a small count away

    @property
    def changed(self) -> bool:
        parts = (self.numerator, self.denominator)
        return self.hides_value or any(p.suppressed or p.rounded for p in parts)


def ratio(numerator, denominator, policy: Policy) -> Ratio:
    """A figure of ``numerator`` out of ``denominator`` as published.

    The numerator, the denominator and their difference (those *not* counted: 48 of 50 tells
    that 2 were not) are each protected; a percentage or rate is hidden when any of them is
    small, since with the denominator, or even roughly, it tells the small count. In ``round``
    mode the counts are rounded and such a percentage is hidden all the same.
    """
    if policy.mode == SHOW or (numerator is None and denominator is None):
        return Ratio(count(numerator, SHOW_ALL), count(denominator, SHOW_ALL), False)
    rest = denominator - numerator if numerator is not None and denominator is not None else None
    small_part = policy.is_small(numerator) or policy.is_small(rest)
    hides_value = small_part or policy.is_small(denominator)
    if policy.mode == ROUND:
        return Ratio(count(numerator, policy), count(denominator, policy), hides_value)
    hidden_numerator = numerator is not None and (small_part or policy.is_small(denominator))
    return Ratio(
        Shown(None, suppressed=True) if hidden_numerator else count(numerator, SHOW_ALL),
        count(denominator, policy),
        hides_value,
    )


# --- tables with totals: primary and secondary suppression -----------------------------------


@dataclass
class Table:
    """A table of counts with its totals, as published.

    ``cells[i][j]``; ``row_totals[i]`` (the sum of row i), ``column_totals[j]`` and ``total``
    (None when the table has no column totals, such as a single line of parts and their whole).
    """

    cells: list[list[Shown]]
    row_totals: list[Shown]
    column_totals: list[Shown] | None
    total: Shown | None
    hidden_shares: list[list[bool]] = field(default_factory=list)  # a cell's share of its row total is not shown

    @property
    def changed(self) -> bool:
        every = [s for row in self.cells for s in row] + self.row_totals + (self.column_totals or [])
        return any(s.suppressed or s.rounded for s in every)


def line(parts: list[int], policy: Policy) -> Table:
    """The parts of a whole (grades of the cases of an audit) and their total, as published."""
    return table([parts], policy, column_totals=False)


def table(rows: list[list[int]], policy: Policy, *, column_totals: bool = True) -> Table:
    """A table of counts with row totals (and column totals and a grand total) as ``policy`` publishes it.

    ``suppress``: every small cell or total is hidden (primary), then, line by line until
    nothing changes, a line (a row or column with its total) with exactly one hidden entry has
    its smallest shown cell hidden too, or its total when no cell is left (secondary), so no
    hidden figure can be worked out by subtraction. A cell's share of its row total is hidden
    when either is. ``round``: each cell and total rounded on its own; a share is hidden when
    its cell or the rest of its row is small, as a share would reveal it.
    """
    rows = [[int(value or 0) for value in row] for row in rows]
    width = len(rows[0]) if rows else 0
    grid = [[*row, sum(row)] for row in rows]
    if column_totals:
        grid.append([sum(row[j] for row in grid) for j in range(width + 1)])
    if policy.mode == SUPPRESS:
        hidden = _suppressed(grid, width, column_totals, policy)
        shown = [[Shown(None, True) if hidden[i][j] else Shown(v) for j, v in enumerate(r)] for i, r in enumerate(grid)]
    else:
        shown = [[count(value, policy) for value in row] for row in grid]
    shares = [
        [_share_hidden(value, row[-1], shown[i][j], shown[i][-1], policy) for j, value in enumerate(row[:-1])]
        for i, row in enumerate(grid[: len(rows)])
    ]
    body = [row[:-1] for row in shown[: len(rows)]]
    return Table(
        cells=body,
        row_totals=[row[-1] for row in shown[: len(rows)]],
        column_totals=shown[-1][:-1] if column_totals else None,
        total=shown[-1][-1] if column_totals else None,
        hidden_shares=shares,
    )


def _share_hidden(value, whole, cell: Shown, total: Shown, policy: Policy) -> bool:
    if policy.mode == SHOW:
        return False
    if cell.suppressed or total.suppressed:
        return True
    return policy.mode == ROUND and (policy.is_small(value) or policy.is_small(whole - value))


def _lines(rows: int, width: int, column_totals: bool) -> list[tuple[list[tuple[int, int]], tuple[int, int]]]:
    """Each row and column of the grid as (its cells, its total)."""
    lines = [([(i, j) for j in range(width)], (i, width)) for i in range(rows)]
    if column_totals:
        body = rows - 1
        lines += [([(i, j) for i in range(body)], (body, j)) for j in range(width + 1)]
    return lines


def _suppressed(grid: list[list[int]], width: int, column_totals: bool, policy: Policy) -> list[list[bool]]:
    hidden = [[policy.is_small(value) for value in row] for row in grid]
    lines = _lines(len(grid), width, column_totals)
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            if not cells:
                continue
            entries = [*cells, total]
            if sum(hidden[i][j] for i, j in entries) != 1:
                continue
            candidates = [(i, j) for i, j in cells if not hidden[i][j]]
            # The smallest shown cell, a count of someone before a zero (a zero hidden beside a small
            # count is soon guessed); the total only when every cell is hidden already.
            candidates.sort(key=lambda at: (grid[at[0]][at[1]] == 0, grid[at[0]][at[1]]))
            i, j = candidates[0] if candidates else total
            hidden[i][j] = changed = True
    return hidden
