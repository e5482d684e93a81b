"""Reads of quarterly reports: the report's content as plain data, the report page and the archive.

:func:`report_data` is the one place a report's figures are worked out. It
returns strings, numbers, lists and dicts only (no models), so the same
structure is shown live on a draft, frozen into an issued report's snapshot,
rendered as a web page and as a PDF, and summarised in the e-mail.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import access
from accounts.models import Role, User
from actions.models import Action
from actions.selectors import actions_for_report
from audits import published as published_grades
from audits.selectors import audits_for_report, recommendations_for_report
from neglect_portal import suppression
from neglect_portal.history import FieldChange, HistoryEntry
from neglect_portal.periods import Period, current_quarter
from neglect_portal.suppression import Policy
from outcomes import published as published_figures
from outcomes.curve.selectors import plans_for_report
from outcomes.engagement import engagement
from outcomes.models import BY_QUARTER
from outcomes.selectors import Scorecard, report_scorecard, scorecard_from_data
from priorities.models import Strategy
from priorities.selectors import corrections_since, corrections_to, quarter_record, report_due
from reports.models import Delivery, DistributionList, QuarterlyReport, Recipient

SNAPSHOT_VERSION = 2
# What the steering group writes, and the two choices the chair makes, for the board.
COMMENTARY_TEXTS = ("going_well", "worrying", "decisions", "issues_and_risks", "voice", "learning")
COMMENTARY_FIELDS = (*COMMENTARY_TEXTS, "board_recommendation", "assurance_level")


def _iso(day) -> str | None:
    return day.isoformat() if day else None


# --- the report's content ------------------------------------------------------


def report_data(strategy: Strategy, period: Period, today: datetime.date) -> dict:
    """Everything a quarterly report says about ``strategy`` in ``period``, as JSON-ready data.

    Actions are counted with their status at the quarter's end, each with the
    update that set it (``actions.report``); progress updates are quoted up to
    the quarter's end; indicator values are those of periods ended by the
    quarter's end, a figure older than the same quarter a year earlier marked
    out of date and not rated. A fixed number of queries, whatever the size of
    the plan. Snapshots made before a key was added lack it: the templates
    leave its section out.
    """
    partnership = strategy.partnership
    actions = actions_for_report(strategy, period, today)
    card = report_scorecard(partnership, period)
    recommendations = recommendations_for_report(partnership, period, today)
    missing_updates = actions["without_update"]
    missing_values = [
        {"code": row.code, "name": row.name, "source_agency": row.source_agency}
        for row in card.rows
        if row.frequency in BY_QUARTER and (row.latest is None or row.latest.period != period.label)
    ]
    # The commentary is the first version's: a correction carries it over unchanged.
    report = QuarterlyReport.objects.originals().filter(strategy=strategy, period=period.label)
    report = report.select_related("commentary_by").first()
    commentary = {name: getattr(report, name) if report else "" for name in COMMENTARY_FIELDS}
    data = {
        "version": SNAPSHOT_VERSION,
        "cover": {
            "partnership": partnership.name,
            "strategy": strategy.title,
            "period": period.label,
            "period_start": _iso(period.start),
            "period_end": _iso(period.end),
            "produced_on": _iso(today),
            "steering_group": partnership.steering_group_name,
            "board": partnership.board_name,
            "data_complete": not missing_values and not missing_updates,
            "missing_values": missing_values,
            "missing_updates": missing_updates,
            **authorship(report),
        },
        "summary": _summary(actions, card, recommendations),
        "priorities": actions["priorities"],
        "scorecard": _plain(card.as_data()),
        "red_without_story": [
            {"code": row.code, "name": row.name} for row in card.rows if row.rag == "red" and not row.latest.note
        ],
        "illustrative": [
            {"code": row.code, "name": row.name, "period": row.latest.period}
            for row in card.rows
            if row.latest and row.latest.is_illustrative
        ],
        # Estimates are the quarter's figures, rated and counted like the others, and named as estimates.
        "estimated": [
            {"code": row.code, "name": row.name, "period": row.latest.period}
            for row in card.rows
            if row.latest and row.latest.is_estimated and not row.out_of_date
        ],
        "curve_plans": plans_for_report(partnership, card, period, actions["status_at_end"]),
        "engagement": engagement(partnership, strategy, period, today).as_data(),
        "learning_audits": audits_for_report(partnership, period),
        "audits": _answered_at_quarter_end(recommendations["audits"], actions["status_at_end"]),
        "forward_look": actions["forward_look"],
        "completed": actions["completed"],
        "sign_off": sign_off_data(strategy, period),
        "corrections": corrections_for_report(strategy, period),
        # How small numbers are published (decision 48), frozen with the figures: the snapshot keeps them as
        # recorded, and the PDF, the e-mail and a board member's reading publish them by this.
        "suppression": partnership.suppression.as_data(),
    }
    return with_commentary(data, commentary)


def _answered_at_quarter_end(audits: list[dict], status_at_end: dict) -> list[dict]:
    """The audits' recommendations with the actions answering them as they stood at the quarter's end,
    as the rest of the report counts them."""
    for audit in audits:
        for recommendation in audit["recommendations"]:
            for action in recommendation["actions"]:
                status = status_at_end.get(action["id"])
                if status is not None:
                    action |= {
                        "status": status["status"],
                        "status_label": status["label"],
                        "brag_label": status["brag"],
                        "brag_colour": status["colour"],
                    }
    return audits


def with_commentary(data: dict, commentary: dict) -> dict:
    """The report data with this commentary, and the board's recommendation and assurance level in words."""
    recommendation = commentary.get("board_recommendation", "")
    assurance = commentary.get("assurance_level", "")
    board = {
        "recommendation": recommendation,
        "recommendation_label": QuarterlyReport.Recommendation(recommendation).label if recommendation else "",
        "assurance": assurance,
        "assurance_label": QuarterlyReport.Assurance(assurance).label if assurance else "",
    }
    return {**data, "summary": {**data["summary"], "commentary": commentary}, "board": board}


def authorship(report, issued_by=None, issued_on=None) -> dict:
    """Who wrote the commentary and when, and who issued the report and when (the cover's "Prepared by")."""
    by = report.commentary_by if report else None
    return {
        "commentary_by": person_name(by),
        "commentary_on": _iso(timezone.localdate(report.commentary_at)) if report and report.commentary_at else None,
        "issued_by": person_name(issued_by),
        "issued_on": _iso(issued_on),
    }


def person_name(user) -> str:
    """A person as the report names them: their full name, or their e-mail address."""
    return (user.get_full_name() or user.email) if user else ""


def _plain(value):
    """Tuples as lists, so the data is the same before and after a trip through JSON."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _summary(actions: dict, card: Scorecard, recommendations) -> dict:
    counts = recommendations["counts"]
    out_of_date = sum(row.out_of_date for row in card.rows)
    return {
        "actions": actions["summary"],
        "indicators": {
            "total": len(card.rows),
            **card.rag_counts(),
            "out_of_date": out_of_date,
            "not_published": sum(row.not_published_latest and not row.out_of_date for row in card.rows),
            "estimated": sum(bool(row.rag and row.latest.is_estimated) for row in card.rows),
        },
        "recommendations": {
            "total": counts["total"],
            "open": counts["total"] - counts["completed"],
            "overdue": counts["overdue"],
            "completed_in_quarter": counts["completed_in_period"],
        },
    }


# --- small numbers as published (decision 48) --------------------------------------


def for_reader(data: dict, *, published: bool) -> tuple[dict, Scorecard]:
    """The report's data and scorecard for a reader: small numbers as published (the PDF, the e-mail, a board
    member), or as recorded and marked where the outputs change them (the steering group).

    By the policy frozen in the data; a report frozen before there was one publishes its figures as they are.
    """
    policy = Policy.from_data(data.get("suppression"))
    card = published_figures.scorecard(scorecard_from_data(data["scorecard"]), policy, published=published)
    if not published or not policy.changes_figures:
        return data, card
    changed = {}
    if "learning_audits" in data:
        changed["learning_audits"] = [_published_audit(audit, policy) for audit in data["learning_audits"]]
    if "corrections" in data:
        changed["corrections"] = [_published_correction(c, policy) for c in data["corrections"]]
    if data.get("curve_plans"):
        rows = {row.indicator_id: row for row in card.rows}
        changed["curve_plans"] = [
            published_figures.curve_plan(plan, rows.get(plan.get("indicator_id")), policy)
            for plan in data["curve_plans"]
        ]
    return {**data, **changed}, card


def _published_audit(audit: dict, policy: Policy) -> dict:
    sentence = published_grades.grade_sentence(audit.get("grade_counts"), policy)
    return audit if sentence is None else {**audit, "grades": sentence}


# A correction of a value, as outcomes.services words it: "3 → 4", "75 (3 of 4) → withdrawn".
VALUE_WORDS = r"(?:not published \([^)]*\)|withdrawn|[\d.,]+(?: \(\d+ of \d+\))?)"
VALUE_CORRECTION = re.compile(rf"^{VALUE_WORDS} → {VALUE_WORDS}$")


def _published_correction(correction: dict, policy: Policy) -> dict:
    """A correction of a value with any small count in it not shown (its figures would tell the count)."""
    change = correction["change"]
    if not VALUE_CORRECTION.match(change):
        return correction
    numbers = [int(n) for n in re.findall(r"(?<![\d.])\d+(?![\d.])", change.replace(",", ""))]
    if policy.mode == suppression.ROUND or any(policy.is_small(n) for n in numbers):
        return {**correction, "change": f"figures not shown {suppression.MARKER}: they would reveal a small number"}
    return correction


# --- reading a report ------------------------------------------------------------


@dataclass
class ReportPage:
    """What the report page shows; deliveries only for those who send reports."""

    report: QuarterlyReport
    data: dict
    scorecard: Scorecard | None
    deliveries: list[Delivery] = field(default_factory=list)
    new_recipients: list[Recipient] = field(default_factory=list)
    versions: list[QuarterlyReport] = field(default_factory=list)

    @property
    def latest(self) -> QuarterlyReport | None:
        """The latest version of the report, when there is more than one."""
        return self.versions[-1] if len(self.versions) > 1 else None


def report_for(partnership, pk, *, with_data=True) -> QuarterlyReport:
    """One report of the partnership; other partnerships' reports answer 404. Without ``with_data`` its frozen
    data (a big report's is over a megabyte) is read only when asked for."""
    queryset = QuarterlyReport.objects.select_related(
        "strategy__partnership", "issued_by", "commentary_by", "corrected_by"
    )
    if not with_data:  # nor that of the version correcting it, which the page names
        queryset = queryset.defer("snapshot", "corrected_by__snapshot")
    return get_object_or_404(queryset, strategy__partnership=partnership, pk=pk)


def delivery_for(report, pk) -> Delivery:
    return get_object_or_404(Delivery, report=report, pk=pk)


def report_content(report) -> dict:
    """The report's data: its snapshot (frozen once issued) with, on a draft, the commentary as it is now."""
    data = report.snapshot
    if data is None:
        strategy = report.strategy
        data = report_data(strategy, Period.parse(report.period), timezone.localdate())
    if report.status == QuarterlyReport.Status.DRAFT:
        data = with_commentary(data, {name: getattr(report, name) for name in COMMENTARY_FIELDS})
        data = {**data, "cover": {**data["cover"], **authorship(report)}}
    return data


def report_page(report, membership, *, content=True) -> ReportPage:
    """What the report's page shows; without ``content`` (kept rendered, reports/parts.py) not its data."""
    data, card = report_reading(report, membership) if content else ({}, None)
    page = ReportPage(report, data, card)
    if report.version > 1 or report.next_version is not None:
        page.versions = versions_of(report)
    if access.can_issue_reports(membership):
        page.deliveries = list(report.deliveries.order_by("name", "email"))
        page.new_recipients = new_recipients(report)
    return page


def report_reading(report, membership) -> tuple[dict, Scorecard]:
    """The report's data and scorecard as ``membership`` reads them (:func:`for_reader`)."""
    return for_reader(report_content(report), published=access.sees_published_figures(membership))


def board_recipients(partnership) -> list[Recipient]:
    """The active recipients of the partnership's board distribution list."""
    return list(
        Recipient.objects.filter(
            distribution_list__partnership=partnership,
            distribution_list__kind=DistributionList.Kind.BOARD,
            is_active=True,
        ).order_by("name", "email")
    )


def new_recipients(report) -> list[Recipient]:
    """Board recipients the report has not yet been sent to (none while it is a draft, nor once a later version
    corrects it: that one is sent instead)."""
    if report.status == QuarterlyReport.Status.DRAFT or report.next_version is not None:
        return []
    sent_to = {email.lower() for email in report.deliveries.values_list("email", flat=True)}
    return [r for r in board_recipients(report.strategy.partnership) if r.email.lower() not in sent_to]


def correction_recipients(report) -> list[tuple[str, str]]:
    """Who a correction of ``report`` is e-mailed to, as (name, address): everyone that version was e-mailed
    to, each address once, whatever happened to their e-mail."""
    seen, recipients = set(), []
    for name, email in report.deliveries.order_by("name", "email").values_list("name", "email"):
        if email.lower() not in seen:
            seen.add(email.lower())
            recipients.append((name, email))
    return recipients


def archive(membership):
    """The reports the member may read, newest first, each as its latest version, with that version's
    deliveries counted by status (:func:`earlier_versions` lists the versions it corrects)."""
    counts = {
        f"n_{status.value}": Count("deliveries", filter=Q(deliveries__status=status)) for status in Delivery.Status
    }
    return (
        QuarterlyReport.objects.latest_versions()
        .filter(access.reports_visible_filter(membership))
        .select_related("strategy", "issued_by")
        .defer("snapshot")  # the frozen figures (a megabyte for a big plan) are not shown in the list
        .annotate(**counts)
        .order_by("-period_start", "strategy__title")
    )


def delivery_summary(report) -> str:
    """ "12 sent, 1 failed" from an archive row's counts."""
    return describe_deliveries({status: getattr(report, f"n_{status}", 0) for status in Delivery.Status.values})


def describe_deliveries(counts: dict[str, int]) -> str:
    """ "12 sent, 1 failed, 2 waiting" from the number of deliveries in each status."""
    words = {"sent": "sent", "failed": "failed", "pending": "waiting", "sending": "sending"}
    return ", ".join(f"{counts[status]} {word}" for status, word in words.items() if counts.get(status))


def active_strategy(partnership) -> Strategy | None:
    return Strategy.objects.active_for(partnership)


# A report is started for the quarter being collected or the one just closed, never years back.
QUARTERS_OFFERED = 2


def quarters_to_start(strategy, today) -> list[Period]:
    """The strategy's latest quarters (the current one and the one before it, within the strategy's
    dates) that have no report yet: newest first."""
    if strategy is None:
        return []
    first = Period.quarter_of(strategy.start_date)
    last = min(current_quarter(today), Period.quarter_of(strategy.end_date))
    taken = set(QuarterlyReport.objects.filter(strategy=strategy).values_list("period", flat=True))
    recent = [last.shift(-offset) for offset in range(QUARTERS_OFFERED)]
    return [quarter for quarter in recent if quarter >= first and quarter.label not in taken]


# --- what the daily job does -------------------------------------------------------


def send_date(partnership, quarter: Period) -> datetime.date:
    """The day a quarter's report is due to go to the board: working days after the quarter ends."""
    return report_due(partnership, quarter)


def business_managers(partnership):
    """The partnership's active business managers, who hear when a quarter is due but not signed off."""
    return list(
        User.objects.filter(
            memberships__partnership=partnership, memberships__role=Role.ADMIN, memberships__is_active=True
        ).order_by("pk")
    )


def ready_to_issue(strategy, quarter: Period) -> bool:
    """Whether the daily job may produce the quarter's report: signed off, or already issued."""
    record = quarter_record(strategy, quarter)
    if record is not None and record.signed_off_at is not None:
        return True
    return QuarterlyReport.objects.filter(
        strategy=strategy, period=quarter.label, status=QuarterlyReport.Status.ISSUED
    ).exists()


def reports_due(today) -> list[tuple[Strategy, Period]]:
    """Active strategies whose latest closed quarter has reached its send date without a sent report."""
    quarter = current_quarter(today).previous()
    sent = QuarterlyReport.objects.filter(
        strategy=OuterRef("pk"), period=quarter.label, status=QuarterlyReport.Status.SENT
    )
    strategies = (
        Strategy.objects.active()
        .filter(start_date__lte=quarter.end, end_date__gte=quarter.start)
        .exclude(Exists(sent))
        .select_related("partnership")
        .order_by("partnership__name")
    )
    return [(s, quarter) for s in strategies if send_date(s.partnership, quarter) <= today]


# --- the quarter's sign-off ------------------------------------------------------------


@dataclass
class AgencyCompleteness:
    """One agency's share of the quarter's data: updates to its actions, values of its indicators."""

    name: str
    updates_expected: int = 0
    updates_missing: int = 0
    values_expected: int = 0
    values_missing: int = 0

    @property
    def complete(self) -> bool:
        return not self.updates_missing and not self.values_missing


@dataclass
class SignOffChecklist:
    """What is missing from a quarter's data, for the chair or business manager signing it off."""

    period: Period
    missing_updates: list[dict]
    missing_values: list[dict]
    agencies: list[AgencyCompleteness]

    @property
    def complete(self) -> bool:
        return not self.missing_updates and not self.missing_values

    @property
    def missing_lines(self) -> list[str]:
        """Each missing thing in a sentence: kept with the sign-off and printed in the report."""
        updates = [
            f"{a['reference']} {a['title']} ({a['lead_agency']}): no progress update in {self.period.label}"
            for a in self.missing_updates
        ]
        values = [
            f"{v['code']} {v['name']}{_bracketed(v['source_agency'])}: no value for {self.period.label}"
            for v in self.missing_values
        ]
        return updates + values


def _bracketed(text) -> str:
    return f" ({text})" if text else ""


def sign_off_checklist(strategy, period: Period, today) -> SignOffChecklist:
    """Actions without an update in the quarter, indicators without a value, and each agency's completeness."""
    cover = report_data(strategy, period, today)["cover"]
    agencies: dict[str, AgencyCompleteness] = {}

    def agency(name):
        return agencies.setdefault(name or "No agency named", AgencyCompleteness(name or "No agency named"))

    expected = (
        Action.objects.current()
        .filter(priority__strategy=strategy, start_date__lte=period.end)
        .open()
        .values("lead_agency__name")
        .annotate(n=Count("pk"))
    )
    for row in expected:
        agency(row["lead_agency__name"]).updates_expected = row["n"]
    for action in cover["missing_updates"]:
        agency(action["lead_agency"]).updates_missing += 1
    for row in report_scorecard(strategy.partnership, period).rows:
        if row.frequency in BY_QUARTER:
            agency(row.source_agency).values_expected += 1
    for value in cover["missing_values"]:
        agency(value["source_agency"]).values_missing += 1
    return SignOffChecklist(
        period, cover["missing_updates"], cover["missing_values"], sorted(agencies.values(), key=lambda a: a.name)
    )


def summary_written(report) -> bool:
    """Whether the report says anything to the board: one of its commentary sections is written."""
    return any((getattr(report, name) or "").strip() for name in COMMENTARY_TEXTS)


def sign_off_data(strategy, period: Period) -> dict | None:
    """Who signed the quarter off, when, and why with data missing (None until it is signed off)."""
    record = quarter_record(strategy, period)
    if record is None or record.signed_off_at is None:
        return None
    user = record.signed_off_by
    return {
        "by": (user.get_full_name() or user.email) if user else "",
        "on": _iso(timezone.localtime(record.signed_off_at).date()),
        "reason": record.sign_off_reason,
        "missing": list(record.missing_at_sign_off),
    }


def corrections_for_report(strategy, period: Period) -> list[dict]:
    """Corrections to earlier, locked quarters recorded since the strategy's previous report was first issued
    (a corrected version of that report does not hide them: the next report lists every one)."""
    previous = (
        QuarterlyReport.objects.originals()
        .filter(strategy=strategy, period_start__lt=period.start, issued_at__isnull=False)
        .order_by("-period_start")
        .values_list("issued_at", flat=True)
        .first()
    )
    return [_correction_data(c) for c in corrections_since(strategy.partnership, period, previous)]


def corrections_since_issue(report) -> list[dict]:
    """The corrections recorded to the report's own quarter since ``report`` was issued: what a new version
    of it changes."""
    return [
        _correction_data(c)
        for c in corrections_to(report.strategy.partnership, Period.parse(report.period), report.issued_at)
    ]


def _correction_data(correction) -> dict:
    by = correction.recorded_by
    return {
        "period": correction.period,
        "subject": correction.subject,
        "change": correction.change,
        "reason": correction.reason,
        "by": by.get_full_name() or by.email,
        "on": _iso(timezone.localtime(correction.recorded_at).date()),
    }


# --- versions --------------------------------------------------------------------------


def versions_of(report) -> list[QuarterlyReport]:
    """Every version of the report's quarter, first to latest (without their frozen figures)."""
    return list(
        QuarterlyReport.objects.filter(strategy_id=report.strategy_id, period=report.period)
        .exclude(status=QuarterlyReport.Status.DRAFT)
        .select_related("issued_by")
        .defer("snapshot")
        .order_by("version")
    )


def earlier_versions(reports) -> dict[int, list[QuarterlyReport]]:
    """For each listed (latest) version, its earlier versions, first to last: one query for a page of the archive."""
    corrected = [report for report in reports if report.version > 1]
    if not corrected:
        return {}
    matches = Q(pk__in=[])
    for report in corrected:
        matches |= Q(strategy_id=report.strategy_id, period=report.period, version__lt=report.version)
    earlier = QuarterlyReport.objects.filter(matches).only("pk", "strategy_id", "period", "version", "issued_at")
    by_quarter: dict[tuple, list[QuarterlyReport]] = {}
    for version in earlier.order_by("version"):
        by_quarter.setdefault((version.strategy_id, version.period), []).append(version)
    return {report.pk: by_quarter.get((report.strategy_id, report.period), []) for report in corrected}


# --- the commentary changed by someone else (decision 15) -----------------------------------------


def commentary_changes_since(report, seen) -> tuple[dict, list[HistoryEntry], set[str]]:
    """What the commentary was when the person opened the form (``seen``: its ``commentary_at`` then), each
    save of it since with what it changed, field by field, and the names of the fields changed since."""
    records = list(report.history.order_by("history_date", "history_id").select_related("history_user"))
    base = next((r for r in reversed(records) if r.commentary_at == seen), None)
    base_values = {name: getattr(base, name) if base else "" for name in COMMENTARY_FIELDS}
    later = [r for r in records if r.commentary_at and (seen is None or r.commentary_at > seen)]
    entries, changed, previous = [], set(), base_values
    for record in later:
        now = {name: getattr(record, name) for name in COMMENTARY_FIELDS}
        differs = [name for name in COMMENTARY_FIELDS if now[name] != previous[name]]
        if differs:
            entries.append(
                HistoryEntry(
                    record.history_date, record.history_user, [_commentary_change(n, previous, now) for n in differs]
                )
            )
            changed.update(differs)
        previous = now
    return base_values, entries, changed


def commentary_label(name) -> str:
    label = str(QuarterlyReport._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _commentary_change(name, before, after) -> FieldChange:
    model_field = QuarterlyReport._meta.get_field(name)
    choices = dict(model_field.flatchoices) if model_field.choices else {}

    def shown(value):
        return str(choices.get(value, value)) if value else "Not set"

    return FieldChange(commentary_label(name), shown(before[name]), shown(after[name]))
