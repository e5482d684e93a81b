"""Reads of audits and their recommendations, with every query in one place.

The audit list, the audit page and the recommendation tracker each run a
fixed number of queries, whatever the number of audits, findings,
recommendations and linked actions.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Case, Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone

from actions.models import Action
from audits.history import audit_history
from audits.models import Audit, Finding, Recommendation, overdue_recommendations_q
from audits.proportions import percent, proportion_sentence
from evidence import selectors as evidence_selectors
from neglect_portal.history import HistoryEntry
from neglect_portal.periods import Period
from priorities.models import Strategy

COMPLETED = Recommendation.Status.COMPLETED
TRACKER_PAGE_SIZE = 25

GRADES = (
    ("grade_outstanding", "Outstanding"),
    ("grade_good", "Good"),
    ("grade_requires_improvement", "Requires improvement"),
    ("grade_inadequate", "Inadequate"),
)
GOOD_OR_BETTER = ("grade_outstanding", "grade_good")


def _overdue_flag(today):
    overdue = overdue_recommendations_q(today)
    return Case(When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField())


def _linked_actions():
    return Prefetch("actions", queryset=Action.objects.current().select_related("priority").order_by("reference"))


# --- the API's lists (the ids are the partnerships the user is an active member of) ---------------


def audits_in(partnership_ids):
    return Audit.objects.select_related("partnership", "lead_agency").filter(partnership_id__in=partnership_ids)


def findings_in(partnership_ids):
    return Finding.objects.select_related("audit", "withdrawn_by").filter(audit__partnership_id__in=partnership_ids)


def recommendations_in(partnership_ids):
    """With the ids of the actions answering each, withdrawn recommendations too."""
    return (
        Recommendation.objects.select_related("audit", "owner_agency", "owner", "withdrawn_by")
        .prefetch_related("actions")
        .filter(audit__partnership_id__in=partnership_ids)
    )


# --- the audit list -----------------------------------------------------------


def audits_listed(partnership, today=None):
    """The partnership's audits, newest first, with their counts of findings and recommendations.

    A queryset, so the list page can paginate it; each page is one query.
    """
    today = today or timezone.localdate()
    recommendations = "recommendations"
    current = Q(recommendations__in=Recommendation.objects.current())
    return (
        Audit.objects.filter(partnership=partnership)
        .select_related("lead_agency")
        .annotate(
            finding_count=Count("findings", filter=Q(findings__in=Finding.objects.current()), distinct=True),
            recommendation_count=Count(recommendations, filter=current, distinct=True),
            open_recommendation_count=Count(
                recommendations, filter=current & ~Q(recommendations__status=COMPLETED), distinct=True
            ),
            overdue_recommendation_count=Count(
                recommendations,
                filter=current & overdue_recommendations_q(today, via="recommendations__"),
                distinct=True,
            ),
        )
        .order_by("-completed_on", "title")
    )


def audit_list_page(queryset, page_number, per_page) -> Page:
    """One evaluated page of the audit list, each audit with its grade distribution."""
    page = Paginator(queryset, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    for audit in page.object_list:
        audit.grades = grade_distribution(audit)
    return page


def audit_years(partnership) -> list[Period]:
    """The financial years in which the partnership has audits, newest first (one query)."""
    dates = (
        Audit.objects.filter(partnership=partnership)
        .annotate(year=ExtractYear("completed_on"), month=ExtractMonth("completed_on"))
        .values_list("year", "month")
        .distinct()
    )
    years = {Period.year_of(datetime.date(year, month, 1)) for year, month in dates}
    return sorted(years, reverse=True)


def in_financial_year(queryset, period: Period):
    return queryset.filter(completed_on__gte=period.start, completed_on__lte=period.end)


# --- the audit page -----------------------------------------------------------


@dataclass
class GradeRow:
    label: str
    count: int
    percent: int
    # As published (audits.published, decision 48): the count and percentage as shown ("[c]", a rounded count),
    # or, for those who see the figures as recorded, what the outputs do to the count.
    count_text: str = ""
    percent_text: str = ""
    in_outputs: str = ""


@dataclass
class GradeDistribution:
    """How the cases of an audit were graded, in numbers, percentages and a sentence."""

    cases: int  # the number of cases audited (or graded, when the number audited was not given)
    graded: int
    rows: list[GradeRow]
    not_graded: int
    sentence: str
    cases_text: str = ""  # as published, when the outputs change the counts ("[c]", rounded)
    not_graded_text: str = ""
    suppression_note: str = ""
    shows_chart: bool = True  # a chart would draw the counts a published table hides

    @property
    def chart_labels(self) -> list[str]:
        return [row.label for row in self.rows] + (["Not graded"] if self.not_graded else [])

    @property
    def chart_values(self) -> list[int]:
        return [row.count for row in self.rows] + ([self.not_graded] if self.not_graded else [])

    @property
    def chart_alt(self) -> str:
        counts = ", ".join(
            f"{label} {value}" for label, value in zip(self.chart_labels, self.chart_values, strict=True)
        )
        return f"Bar chart of the grades of the {self.cases} cases: {counts}."


def grade_distribution(audit) -> GradeDistribution | None:
    """The audit's grade counts with percentages of the cases; None when no grades were recorded."""
    if all(getattr(audit, name) is None for name, _ in GRADES):
        return None
    graded = audit.graded_total
    cases = audit.case_count if audit.case_count is not None else graded
    if not cases:
        return None
    rows = [
        GradeRow(label, getattr(audit, name) or 0, percent(getattr(audit, name) or 0, cases)) for name, label in GRADES
    ]
    good = sum(getattr(audit, name) or 0 for name in GOOD_OR_BETTER)
    sentence = ""
    if graded:
        noun = "cases" if graded == cases else "graded cases"
        sentence = proportion_sentence(good, graded, noun=noun, predicate="were graded good or outstanding")
    return GradeDistribution(cases, graded, rows, cases - graded, sentence)


@dataclass
class RecommendationCounts:
    total: int = 0
    open: int = 0
    in_progress: int = 0
    completed: int = 0
    overdue: int = 0
    without_action: int = 0


@dataclass
class RecommendationRow:
    recommendation: Recommendation
    overdue: bool
    actions: list[Action]
    can_update_status: bool = False  # set by the page for the member looking at it


@dataclass
class AuditPage:
    audit: Audit
    grades: GradeDistribution | None
    strengths: list[Finding]
    improvements: list[Finding]
    recommendations: list[RecommendationRow]
    counts: RecommendationCounts
    history: list[HistoryEntry] = field(default_factory=list)
    withdrawn_findings: list[Finding] = field(default_factory=list)
    withdrawn_recommendations: list[Recommendation] = field(default_factory=list)
    evidence: list = field(default_factory=list)  # the audit's own current evidence files


def audit_for(partnership, pk) -> Audit:
    """One audit of the partnership; other partnerships' audits answer 404."""
    return get_object_or_404(Audit.objects.filter(partnership=partnership).select_related("lead_agency"), pk=pk)


def audit_page(partnership, pk, today=None) -> AuditPage:
    """An audit with its grades, findings, recommendations, the actions answering them and its history."""
    today = today or timezone.localdate()
    audit = audit_for(partnership, pk)
    findings = list(audit.findings.current().order_by("id"))
    recommendations = list(
        audit.recommendations.current().select_related("owner_agency", "owner").prefetch_related(_linked_actions())
    )
    rows = []
    for recommendation in recommendations:
        recommendation.audit = audit  # saves a query per row when access rules look at it
        rows.append(
            RecommendationRow(recommendation, recommendation.is_overdue(today), list(recommendation.actions.all()))
        )
    withdrawn_findings = list(audit.findings.withdrawn().select_related("withdrawn_by"))
    files = evidence_selectors.files_of([audit, *findings, *withdrawn_findings])
    for finding in findings:
        finding.evidence = evidence_selectors.current_files(evidence_selectors.files_for(files, finding))
    return AuditPage(
        audit=audit,
        grades=grade_distribution(audit),
        strengths=[f for f in findings if f.kind == Finding.Kind.STRENGTH],
        improvements=[f for f in findings if f.kind == Finding.Kind.IMPROVEMENT],
        recommendations=rows,
        counts=_count_rows(rows),
        history=_with_file_history(audit_history(audit), files),
        withdrawn_findings=withdrawn_findings,
        withdrawn_recommendations=list(audit.recommendations.withdrawn().select_related("withdrawn_by")),
        evidence=evidence_selectors.current_files(evidence_selectors.files_for(files, audit)),
    )


def _with_file_history(entries, files):
    """The audit's history with a line for each evidence file added to or removed from it or a finding."""
    where = {"audit": "the audit", "finding": "a finding"}
    added = evidence_selectors.history_entries(
        itertools.chain.from_iterable(files.values()), lambda record: where[record.content_type.model]
    )
    return sorted([*entries, *added], key=lambda entry: entry.when, reverse=True)


def _count_rows(rows) -> RecommendationCounts:
    counts = RecommendationCounts(total=len(rows))
    for row in rows:
        status = row.recommendation.status
        counts.open += status == Recommendation.Status.OPEN
        counts.in_progress += status == Recommendation.Status.IN_PROGRESS
        counts.completed += status == COMPLETED
        counts.overdue += row.overdue
        counts.without_action += not row.actions
    return counts


def recommendation_for(partnership, pk) -> Recommendation:
    """One recommendation of the partnership, with its audit; other partnerships' answer 404."""
    queryset = Recommendation.objects.filter(audit__partnership=partnership).select_related(
        "audit", "owner_agency", "owner"
    )
    return get_object_or_404(queryset, pk=pk)


def finding_for(partnership, pk) -> Finding:
    return get_object_or_404(Finding.objects.filter(audit__partnership=partnership).select_related("audit"), pk=pk)


def linkable_actions(partnership) -> list[Action]:
    """Every action of the partnership's strategies, the active strategy's first."""
    return list(
        Action.objects.for_partnership(partnership)
        .select_related("priority__strategy")
        .order_by(
            Case(
                When(priority__strategy__in=Strategy.objects.active(), then=0), default=1, output_field=IntegerField()
            ),
            "priority__strategy__title",
            "priority__number",
            "reference",
        )
    )


# --- the recommendation tracker ---------------------------------------------------


def answered():
    """Whether a current action answers the recommendation (a withdrawn action answers nothing), for a filter or
    a count: an EXISTS on the recommendation's own links, which reads nothing of other partnerships."""
    links = Recommendation.actions.through.objects.filter(recommendation=OuterRef("pk"))
    return Exists(links.filter(action__withdrawn_at__isnull=True))


def tracker_recommendations(partnership, today=None):
    """Every recommendation of the partnership, ready for the tracker, its export and filters.

    Each carries ``overdue`` and ``action_count``; its audit, owner and linked
    actions (with their status) come in the same fixed set of queries. Open
    work comes first, by due date.
    """
    today = today or timezone.localdate()
    return (
        Recommendation.objects.current()
        .filter(audit__partnership=partnership)
        .select_related("audit", "owner_agency", "owner")
        .prefetch_related(_linked_actions())
        .annotate(
            overdue=_overdue_flag(today),
            action_count=Count("actions", filter=Q(actions__withdrawn_at__isnull=True), distinct=True),
            done=Case(When(status=COMPLETED, then=1), default=0, output_field=IntegerField()),
        )
        .order_by("done", F("due_date").asc(nulls_last=True), "audit__title", "reference")
    )


def tracker_summary(partnership, today=None) -> RecommendationCounts:
    """Counts of the partnership's recommendations by status, overdue and without an action (one query)."""
    today = today or timezone.localdate()
    Status = Recommendation.Status
    # Joined to the linked actions (one row per link, or one empty row), so every count is distinct.
    totals = (
        Recommendation.objects.current()
        .filter(audit__partnership=partnership)
        .aggregate(
            total=Count("pk", distinct=True),
            open=Count("pk", filter=Q(status=Status.OPEN), distinct=True),
            in_progress=Count("pk", filter=Q(status=Status.IN_PROGRESS), distinct=True),
            completed=Count("pk", filter=Q(status=COMPLETED), distinct=True),
            overdue=Count("pk", filter=overdue_recommendations_q(today), distinct=True),
            without_action=Count("pk", filter=~answered(), distinct=True),
        )
    )
    return RecommendationCounts(**totals)


def tracker_page(queryset, page_number, per_page=TRACKER_PAGE_SIZE) -> Page:
    """One evaluated page of the tracker (two queries: the count and the page, plus its actions)."""
    page = Paginator(queryset, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def tracker_rows(queryset) -> list[Recommendation]:
    """Every recommendation of a (filtered) tracker queryset, evaluated, for the export."""
    return list(queryset)


# --- the quarterly report -----------------------------------------------------------


def recommendations_for_report(partnership, period: Period, today=None) -> dict:
    """Audit recommendations and their progress for a quarterly report, as JSON-ready plain data.

    Included: every recommendation of an audit dated on or before the end of
    ``period`` that was not completed before the period began (those completed
    during it are kept and marked). Statuses are as they stand now (an issued
    report freezes them); overdue means past its due date and not completed at
    the end of the period, or today while the period runs. Fixed queries,
    whatever the size::

        {
            "period": "2026/27 Q2",
            "as_of": "2026-09-30",              # the period's last day, or today while it runs
            "counts": COUNTS,                   # over every audit below
            "audits": [
                {
                    "id": 8, "title": "...", "kind": "multi_agency",
                    "kind_label": "Multi-agency themed audit",
                    "date": "2025-10-15", "date_display": "15 October 2025",
                    "counts": COUNTS,
                    "recommendations": [
                        {
                            "id": 21, "reference": "R1", "text": "...",
                            "owner_agency": "Staffordshire Police" or "",
                            "owner": "Ann Example" or "",
                            "due_date": "2026-10-31" or None, "due_date_display": "31 October 2026" or "",
                            "status": "in_progress", "status_label": "In progress", "status_colour": "light-blue",
                            "overdue": False, "completed_in_period": False,
                            "actions": [
                                {"id": 5, "reference": "P4.2", "title": "...", "status": "at_risk",
                                 "status_label": "At risk", "brag_colour": "yellow", "brag_label": "Amber"},
                            ],
                        },
                    ],
                },
            ],
        }

    where ``COUNTS`` is ``{"total", "open", "in_progress", "completed",
    "completed_in_period", "overdue", "without_action"}`` (integers). Audits
    are newest first; recommendations by reference.
    """
    today = today or timezone.localdate()
    as_of = min(period.end, today)
    # Due on the period's last day and still not done when it ends counts as overdue.
    judged_on = period.end + datetime.timedelta(days=1) if today > period.end else today
    recommendations = list(
        Recommendation.objects.current()
        .filter(audit__partnership=partnership, audit__completed_on__lte=period.end)
        .select_related("audit", "owner_agency", "owner")
        .prefetch_related(_linked_actions())
        .order_by("-audit__completed_on", "audit__title", "audit_id", "reference")
    )
    completed_on = _completion_dates([r.pk for r in recommendations if r.status == COMPLETED])
    audits: dict[int, dict] = {}
    for recommendation in recommendations:
        row = _report_row(recommendation, period, judged_on, completed_on.get(recommendation.pk))
        if row is None:
            continue
        audit = recommendation.audit
        entry = audits.setdefault(audit.pk, _report_audit(audit))
        entry["recommendations"].append(row)
    for entry in audits.values():
        entry["counts"] = _report_counts(entry["recommendations"])
    every_row = [row for entry in audits.values() for row in entry["recommendations"]]
    return {
        "period": period.label,
        "as_of": as_of.isoformat(),
        "counts": _report_counts(every_row),
        "audits": list(audits.values()),
    }


def _completion_dates(pks) -> dict[int, datetime.date]:
    """When each completed recommendation last became completed, from its history (one query).

    A recommendation recorded as already completed has no known date and is left out.
    """
    records = Recommendation.history.filter(id__in=pks).order_by("id", "history_date", "history_id")
    dates: dict[int, datetime.date] = {}
    previous: dict[int, str] = {}
    for pk, status, when in records.values_list("id", "status", "history_date"):
        if status == COMPLETED and previous.get(pk) not in (None, COMPLETED):
            dates[pk] = timezone.localdate(when)
        previous[pk] = status
    return dates


def _report_row(recommendation, period, judged_on, completed_on) -> dict | None:
    in_period = completed_on is not None and period.start <= completed_on <= period.end
    if recommendation.status == COMPLETED and not in_period:
        return None  # finished before this quarter (or when it was recorded), or after it
    due = recommendation.due_date
    return {
        "id": recommendation.pk,
        "reference": recommendation.reference,
        "text": recommendation.text,
        "owner_agency": recommendation.owner_agency.name if recommendation.owner_agency else "",
        "owner": str(recommendation.owner) if recommendation.owner else "",
        "due_date": due.isoformat() if due else None,
        "due_date_display": f"{due:%-d %B %Y}" if due else "",
        "status": recommendation.status,
        "status_label": recommendation.get_status_display(),
        "status_colour": recommendation.status_colour,
        "overdue": recommendation.is_overdue(judged_on),
        "completed_in_period": in_period,
        "actions": [_report_action(action) for action in recommendation.actions.all()],
    }


def _report_action(action) -> dict:
    return {
        "id": action.pk,
        "reference": action.reference,
        "title": action.title,
        "status": action.status,
        "status_label": action.get_status_display(),
        "brag_colour": action.brag_colour,
        "brag_label": action.brag_label,
    }


def _report_audit(audit) -> dict:
    return {
        "id": audit.pk,
        "title": audit.title,
        "kind": audit.kind,
        "kind_label": audit.get_kind_display(),
        "date": audit.completed_on.isoformat(),
        "date_display": f"{audit.completed_on:%-d %B %Y}",
        "counts": {},
        "recommendations": [],
    }


def _report_counts(rows) -> dict:
    Status = Recommendation.Status
    return {
        "total": len(rows),
        "open": sum(row["status"] == Status.OPEN for row in rows),
        "in_progress": sum(row["status"] == Status.IN_PROGRESS for row in rows),
        "completed": sum(row["status"] == COMPLETED for row in rows),
        "completed_in_period": sum(row["completed_in_period"] for row in rows),
        "overdue": sum(row["overdue"] for row in rows),
        "without_action": sum(not row["actions"] for row in rows),
    }


def audits_for_report(partnership, period: Period) -> list[dict]:
    """The audits, reviews and inspections dated in ``period``, for the report's learning section (two queries).

    Each as JSON-ready data: ``{"title", "kind_label", "date", "summary", "grades" (a sentence or ""),
    "strengths": [str], "improvements": [str], "recommendations" (how many)}``, oldest first.
    """
    current = Finding.objects.current().order_by("id")
    audits = (
        Audit.objects.filter(partnership=partnership, completed_on__range=(period.start, period.end))
        .annotate(n_recommendations=Count("recommendations", filter=Q(recommendations__withdrawn_at__isnull=True)))
        .prefetch_related(Prefetch("findings", queryset=current, to_attr="current_findings"))
        .order_by("completed_on", "title")
    )
    return [_learning_audit(audit) for audit in audits]


def grade_counts(grades: GradeDistribution | None) -> dict | None:
    """The counts the grades sentence tells: cases, graded, and graded good or outstanding."""
    if grades is None:
        return None
    good = sum(row.count for row in grades.rows[:2])  # the rows are in GRADES order: outstanding, good, ...
    return {"cases": grades.cases, "graded": grades.graded, "good": good}


def _learning_audit(audit) -> dict:
    grades = grade_distribution(audit)
    findings = audit.current_findings
    return {
        "title": audit.title,
        "kind_label": audit.get_kind_display(),
        "date": audit.completed_on.isoformat(),
        "summary": audit.summary,
        "grades": grades.sentence if grades else "",
        # The counts behind the sentence, so the report can publish it with small numbers protected.
        "grade_counts": grade_counts(grades),
        "strengths": [f.text for f in findings if f.kind == Finding.Kind.STRENGTH],
        "improvements": [f.text for f in findings if f.kind == Finding.Kind.IMPROVEMENT],
        "recommendations": audit.n_recommendations,
    }
