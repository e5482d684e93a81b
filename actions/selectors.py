"""Reads of actions and their progress updates, with their queries in one place."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import access
from accounts.models import Agency, User
from actions.models import BRAG, CLOSED_STATUSES, Action, Comment, ProgressUpdate, Status
from actions.report import (  # noqa: F401 (the report reads them here)
    actions_for_report,
    completed_for_report,
    impact_evidence,
)
from actions.services import EDITABLE_FIELDS
from evidence import selectors as evidence_selectors
from neglect_portal.history import FieldChange, HistoryEntry, withdrawal_change
from neglect_portal.periods import current_quarter
from priorities.models import Priority, Strategy

RECENT_UPDATES = 10


@dataclass
class BragSegment:
    status: str
    label: str
    colour: str
    brag: str
    count: int
    percent: float
    offset: float = 0  # where the segment starts on the bar, in percent


@dataclass
class PriorityRow:
    priority: Priority
    total: int
    overdue: int
    without_update: int
    segments: list[BragSegment] = field(default_factory=list)
    undated: int = 0  # open with no due date (imported as "Ongoing"): to review


@dataclass
class Dashboard:
    strategy: Strategy | None
    quarter: object
    priorities: list[PriorityRow]
    recent_updates: list[ProgressUpdate]

    @property
    def undated(self) -> int:
        """Open actions with no due date, to review (``ActionQuerySet.without_due_date``)."""
        return sum(row.undated for row in self.priorities)


def dashboard(partnership, today) -> Dashboard:
    """The partnership's active strategy at a glance, in three queries whatever its size.

    The priorities' counts come from one pass over the strategy's actions (each condition on the
    joined action itself, so nothing of another strategy or partnership is read), and the recent
    updates are the ten newest taken in the database through the index on their date.
    """
    quarter = current_quarter(today)
    strategy = Strategy.objects.active_for(partnership)
    if strategy is None:
        return Dashboard(None, quarter, [], [])
    plan = Q(actions__withdrawn_at__isnull=True)
    still_open = plan & ~Q(actions__status__in=CLOSED_STATUSES)
    updated = ProgressUpdate.objects.filter(action=OuterRef("actions"), update_date__range=(quarter.start, quarter.end))
    status_counts = {f"n_{s.value}": Count("actions", filter=plan & Q(actions__status=s)) for s in Status}
    priorities = (
        Priority.objects.filter(strategy=strategy)
        .select_related("sponsor_agency", "sponsor_lead")
        .annotate(
            n_total=Count("actions", filter=plan),
            n_overdue=Count("actions", filter=still_open & Q(actions__due_date__lt=today)),
            n_stale=Count("actions", filter=still_open & ~Exists(updated)),
            n_undated=Count("actions", filter=still_open & Q(actions__due_date__isnull=True)),
            **status_counts,
        )
        .order_by("number")
    )
    rows = [_priority_row(p) for p in priorities]
    recent = list(
        ProgressUpdate.objects.filter(action__priority__strategy=strategy, action__withdrawn_at__isnull=True)
        .select_related("action", "author")
        .order_by("-update_date", "-created_at")[:RECENT_UPDATES]
    )
    return Dashboard(strategy, quarter, rows, recent)


def _priority_row(priority) -> PriorityRow:
    total = priority.n_total
    segments = []
    offset = 0.0
    for status in Status:
        count = getattr(priority, f"n_{status.value}")
        colour, brag = BRAG[status]
        percent = round(100 * count / total, 1) if total else 0
        segments.append(BragSegment(status.value, status.label, colour, brag, count, percent, round(offset, 1)))
        offset += percent
    return PriorityRow(priority, total, priority.n_overdue, priority.n_stale, segments, priority.n_undated)


@dataclass
class ActionPage:
    action: Action
    updates: list[ProgressUpdate]
    history: list[HistoryEntry]
    recommendations: list


HISTORY_FIELDS = (*EDITABLE_FIELDS, "status", "due_date_change_reason")


def action_for(partnership, pk) -> Action:
    """One action of the partnership; other partnerships' actions answer 404."""
    queryset = Action.objects.for_partnership(partnership).select_related(
        "priority__strategy", "priority__sponsor_agency", "lead_agency", "lead", "withdrawn_by"
    )
    return get_object_or_404(queryset, pk=pk)


def action_heading(partnership, pk) -> Action:
    """One action of the partnership with what its page reads on every look (its priority and strategy, who withdrew
    it) and the access rules ask; other partnerships' actions answer 404. The rest of the page is a fragment
    (``action_page``), which reads the action whole when it is drawn."""
    queryset = Action.objects.for_partnership(partnership).select_related("priority__strategy", "withdrawn_by")
    return get_object_or_404(queryset, pk=pk)


def action_page(partnership, pk) -> ActionPage:
    """An action with its progress updates (each with its evidence files), field history and audit
    recommendations; the files of every update are read in one query, however many there are."""
    action = action_for(partnership, pk)
    updates = list(action.updates.select_related("author").order_by("-update_date", "-created_at"))
    files = evidence_selectors.files_of(updates)
    for update in updates:
        update.evidence = evidence_selectors.current_files(evidence_selectors.files_for(files, update))
    records = list(action.history.select_related("history_user").order_by("history_date", "history_id"))
    answering = action.recommendations.current().select_related("audit")
    recommendations = list(answering.order_by("audit__title", "reference"))
    by_pk = {update.pk: update for update in updates}
    file_entries = evidence_selectors.history_entries(
        itertools.chain.from_iterable(files.values()),
        lambda record: f"the update of {by_pk[record.object_id].update_date:%-d %B %Y}",
    )
    history = sorted([*_history(partnership, records), *file_entries], key=lambda entry: entry.when, reverse=True)
    return ActionPage(action, updates, history, recommendations)


def progress_update_for(partnership, pk) -> ProgressUpdate:
    """One progress update of the partnership, with its action; other partnerships' answer 404."""
    queryset = ProgressUpdate.objects.filter(action__priority__strategy__partnership=partnership).select_related(
        "action__priority__strategy", "author"
    )
    return get_object_or_404(queryset, pk=pk)


def _history(partnership, records) -> list[HistoryEntry]:
    """Field changes between consecutive history records, newest first. The names of agencies and leads are read
    only when a change of lead agency or lead shows them (an action never changed reads none)."""
    deltas = [
        (old, new, new.diff_against(old, included_fields=list(HISTORY_FIELDS)))
        for old, new in itertools.pairwise(records)
    ]
    changed = {c.field for _, _, delta in deltas for c in delta.changes}
    agencies = {}
    if "lead_agency" in changed:
        agencies = dict(Agency.objects.of_partnership(partnership).values_list("pk", "name"))
    users = {}
    if "lead" in changed:
        user_ids = {r.lead_id for r in records if r.lead_id}
        users = {u.pk: u.get_full_name() or u.email for u in User.objects.filter(pk__in=user_ids)}
    entries = []
    for old, new, delta in deltas:
        changes = [
            FieldChange(
                Action._meta.get_field(c.field).verbose_name.capitalize(),
                _show(c.field, c.old, agencies, users),
                _show(c.field, c.new, agencies, users),
            )
            for c in delta.changes
        ]
        changes += filter(None, [withdrawal_change(old, new)])
        if changes:
            entries.append(HistoryEntry(new.history_date, new.history_user, changes))
    return list(reversed(entries))


def _show(field_name, value, agencies, users) -> str:
    if value in (None, ""):
        return "(none)"
    if field_name == "lead_agency":
        return agencies.get(value, str(value))
    if field_name == "lead":
        return users.get(value, str(value))
    if field_name == "status":
        return Status(value).label
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def my_actions(membership, today=None):
    """The actions the member may update, for a paginated table: those without an update this quarter first,
    then the other open ones, soonest due first (none last), then the completed and cancelled ones.

    Ordered in SQL (``needs_update`` and ``closed`` are annotated), so a page reads only its own rows.
    """
    mine = Action.objects.current().filter(access.actions_updatable_filter(membership))
    quarter = current_quarter(today or timezone.localdate())
    stale = mine.without_update_in(quarter).filter(pk=OuterRef("pk"))
    return (
        mine.select_related("priority", "lead_agency", "lead")
        .annotate(
            needs_update=Exists(stale),
            closed=ExpressionWrapper(Q(status__in=CLOSED_STATUSES), output_field=BooleanField()),
        )
        .order_by("-needs_update", "closed", F("due_date").asc(nulls_last=True), "reference", "pk")
    )


# --- the API's lists (the ids are the partnerships the user is an active member of) ---------------


def actions_in(partnership_ids):
    """The actions of these partnerships, withdrawn ones too, for the API to filter and page."""
    return (
        Action.objects.select_related(
            "priority__strategy", "priority__sponsor_agency", "lead_agency", "lead", "withdrawn_by"
        )
        .prefetch_related("impact_indicators", "impact_findings")
        .filter(priority__strategy__partnership_id__in=partnership_ids)
    )


# What a page of the API's list reads of the rows it joins (``actions.serializers.action_data``): a person's name,
# an agency's, a priority's number and title; every column of the action itself.
_PERSON = ("first_name", "last_name", "email")
LISTED = (
    *(field.name for field in Action._meta.concrete_fields),
    "priority__number",
    "priority__title",
    "priority__sponsor_agency__name",
    "lead_agency__name",
    *(f"lead__{name}" for name in _PERSON),
)


def actions_listed(partnership_ids):
    """The actions of these partnerships for a page of the API's list: what :func:`actions_in` reads, less the
    columns the list does not show. Sorting the partnership's every row joined to whole people took longer than
    the rest of the page, and PostgreSQL took longer to plan a seventh table than to run the query: who withdrew
    an action is read apart, by a query made only when the page has a withdrawn action. Not for writing: a model
    read in part saves only the part."""
    return (
        Action.objects.select_related("priority__sponsor_agency", "lead_agency", "lead")
        .only(*LISTED)
        .prefetch_related(
            Prefetch("withdrawn_by", queryset=User.objects.only(*_PERSON)),
            # Their models are in apps above this one (decision 7): reached through the relations. As plain lists
            # (``listed_...``): a related manager made for each action cost more than the query.
            Prefetch(
                "impact_indicators",
                queryset=_related("impact_indicators").objects.only("pk", "code"),
                to_attr="listed_impact_indicators",
            ),
            Prefetch(
                "impact_findings",
                queryset=_related("impact_findings").objects.only("pk", "audit", "kind"),
                to_attr="listed_impact_findings",
            ),
        )
        .filter(priority__strategy__partnership_id__in=partnership_ids)
    )


def _related(name):
    return Action._meta.get_field(name).related_model


def progress_updates_in(partnership_ids):
    """The progress updates of these partnerships' actions, for the API to filter and page."""
    return ProgressUpdate.objects.select_related("action", "author").filter(
        action__priority__strategy__partnership_id__in=partnership_ids
    )


# --- action tables ----------------------------------------------------------------


def priority_actions(priority, withdrawn=False):
    """A priority's current actions (or those withdrawn), for a filtered and paginated table."""
    return _current_or_withdrawn(Action.objects.filter(priority=priority), withdrawn)


def strategy_actions(strategy, withdrawn=False):
    """Every current action of a strategy (or those withdrawn; none without one), for a filtered table."""
    return _current_or_withdrawn(Action.objects.filter(priority__strategy=strategy), withdrawn)


def _current_or_withdrawn(actions, withdrawn):
    actions = actions.withdrawn().select_related("withdrawn_by") if withdrawn else actions.current()
    return actions.select_related("lead_agency", "lead", "priority")


def withdrawn_count(actions) -> int:
    return actions.withdrawn().count()


def with_latest_update(actions):
    """``actions`` with the date, narrative and author of each one's latest progress update, in the same query."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-update_date", "-created_at")
    full_name = Trim(Concat("author__first_name", Value(" "), "author__last_name"))
    who = Coalesce(NullIf(full_name, Value("")), "author__email", output_field=CharField())
    author = latest.annotate(who=who).values("who")[:1]
    return actions.annotate(
        latest_update_date=Subquery(latest.values("update_date")[:1]),
        latest_update_narrative=Subquery(latest.values("narrative")[:1]),
        latest_update_author=Subquery(author),
    )


# --- the discussion on an action and "no change" for several ---------------------------------------


def action_comments(action):
    """The discussion on ``action``, oldest first (newest last), withdrawn comments in their place; for a
    paginated thread, each page in one query."""
    return (
        Comment.objects.filter(action=action)
        .select_related("author", "agency", "withdrawn_by")
        .order_by("created_at", "pk")
    )


def comment_for(partnership, pk) -> Comment:
    """One comment of the partnership's actions; other partnerships' answer 404."""
    comments = Comment.objects.for_partnership(partnership).select_related("action__priority__strategy", "author")
    return get_object_or_404(comments, pk=pk)


def actions_chosen(partnership, ids) -> tuple[list[Action], list[int]]:
    """The partnership's actions among ``ids`` in the order given, and the ids that name none of them; in one
    query."""
    found = Action.objects.for_partnership(partnership).filter(pk__in=ids)
    found = {action.pk: action for action in found.select_related("priority__strategy", "lead", "lead_agency")}
    return [found[pk] for pk in ids if pk in found], [pk for pk in ids if pk not in found]
