"""An audit's grades as they are published: small numbers of cases suppressed or rounded (decision 48).

The grades of an audit are the parts of a whole (outstanding, good, requires improvement,
inadequate and not graded, adding up to the cases audited), so a hidden grade is protected
by hiding another (``neglect_portal.suppression.line``), and each hidden grade's percentage
of the cases goes with it. The one-line sentence ("Two thirds of the 12 cases were graded
good or outstanding") tells two counts, so it is told only when neither is small.
"""

from __future__ import annotations

import dataclasses

from audits.history import LABELS
from audits.models import Audit
from audits.proportions import proportion_sentence
from neglect_portal import suppression
from neglect_portal.suppression import Policy

FIELDS = ("grade_outstanding", "grade_good", "grade_requires_improvement", "grade_inadequate")


def grades_line(grades, policy: Policy) -> suppression.Table:
    """The grades and the cases not graded, with the cases audited as their total, as published."""
    return suppression.line([*(row.count for row in grades.rows), grades.not_graded], policy)


def grade_distribution(grades, policy: Policy, *, published: bool):
    """An audit page's ``GradeDistribution`` for a reader: published, or marked for what the outputs do."""
    if grades is None or not policy.changes_figures:
        return grades
    table = grades_line(grades, policy)
    if not table.changed:
        return grades
    cells, hidden_shares = table.cells[0], table.hidden_shares[0]
    if not published:
        rows = [
            dataclasses.replace(row, in_outputs=_in_outputs(shown))
            for row, shown in zip(grades.rows, cells[:-1], strict=True)
        ]
        note = (
            f"Counts marked “{suppression.IN_OUTPUTS}” or “{suppression.ROUNDED_IN_OUTPUTS}” are shown as "
            f"{suppression.MARKER} or rounded in the report, the API and to board members (counts under "
            f"{policy.threshold} are protected in what leaves the portal)."
        )
        return dataclasses.replace(grades, rows=rows, suppression_note=note)
    rows = [
        dataclasses.replace(
            row,
            count_text=shown.text,
            percent_text=suppression.MARKER if hide else f"{row.percent}%",
        )
        for row, shown, hide in zip(grades.rows, cells[:-1], hidden_shares[:-1], strict=True)
    ]
    counts = {"cases": grades.cases, "graded": grades.graded, "good": sum(row.count for row in grades.rows[:2])}
    return dataclasses.replace(
        grades,
        rows=rows,
        cases_text=table.row_totals[0].text,
        not_graded_text=cells[-1].text,
        sentence=grade_sentence(counts, policy),
        suppression_note=policy.footnote,
        shows_chart=False,
    )


def _in_outputs(shown: suppression.Shown) -> str:
    if shown.suppressed:
        return suppression.IN_OUTPUTS
    return suppression.ROUNDED_IN_OUTPUTS if shown.rounded else ""


def grade_sentence(counts: dict | None, policy: Policy) -> str | None:
    """The grades sentence told from ``counts`` (``audits.selectors.grade_counts``) as published.

    None when the policy changes nothing (the sentence as recorded stands). Otherwise the
    sentence when no count in it is small (rounded counts in round mode), or words saying
    it is not shown.
    """
    if not counts or not policy.changes_figures:
        return None
    cases, graded, good = counts["cases"], counts["graded"], counts["good"]
    if not graded:
        return ""
    small = any(policy.is_small(n) for n in (cases, graded, good, graded - good))
    if small:
        return (
            f"How many cases were graded good or outstanding is not shown {suppression.MARKER}: "
            f"it would reveal fewer than {policy.threshold} cases."
        )
    if policy.mode == suppression.ROUND:
        good_rounded = suppression.round_to_base(good)
        graded_rounded = suppression.round_to_base(graded)
        noun = "cases" if graded == cases else "graded cases"
        return (
            f"About {good_rounded} of the {graded_rounded} {noun} were graded good or outstanding "
            f"(counts rounded to the nearest {suppression.ROUNDING_BASE})."
        )
    noun = "cases" if graded == cases else "graded cases"
    return proportion_sentence(good, graded, noun=noun, predicate="were graded good or outstanding")


def audit_counts(audit, policy: Policy) -> dict:
    """An audit's case count and grade counts as published (``[c]`` is given as None), for the API."""
    grades = [getattr(audit, name) for name in FIELDS]
    graded = sum(value or 0 for value in grades)
    cases = audit.case_count if audit.case_count is not None else graded
    table = suppression.line([*(value or 0 for value in grades), max(cases - graded, 0)], policy)
    published = {
        name: None if value is None else table.cells[0][index].value
        for index, (name, value) in enumerate(zip(FIELDS, grades, strict=True))
    }
    published["case_count"] = None if audit.case_count is None else table.row_totals[0].value
    suppressed = [name for index, name in enumerate(FIELDS) if table.cells[0][index].suppressed]
    if table.row_totals[0].suppressed and audit.case_count is not None:
        suppressed.append("case_count")
    # The cases graded are a total of the grades short of the cases not graded: with a grade hidden, it goes too.
    published["graded_total"] = None if suppressed else suppression.count(graded, policy).value
    if suppressed:
        suppressed.append("graded_total")
    return {**published, "suppressed": suppressed}


def tells_grades(entry) -> bool:
    """Whether a history entry of an audit gives its number of cases or a grade's count."""
    labels = {LABELS.get(n) or Audit._meta.get_field(n).verbose_name.capitalize() for n in (*FIELDS, "case_count")}
    return any(change.field in labels for change in entry.changes)
