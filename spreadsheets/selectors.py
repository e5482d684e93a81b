"""Reads for the spreadsheet pages: uploads, their previews, and the data each export holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from actions.filters import ActionTableFilter, sort_actions
from actions.models import Action, ProgressUpdate
from neglect_portal.periods import Period
from outcomes import selectors as outcome_selectors
from outcomes.selectors import Scorecard
from priorities.models import Priority, Strategy
from priorities.selectors import priorities_of
from spreadsheets.importers import importer_for
from spreadsheets.importers.base import Preview
from spreadsheets.models import UPLOAD_LIFETIME, Upload


def upload_for(membership, pk) -> Upload:
    """One of the member's own uploads in this partnership; anyone else's answers 404."""
    queryset = Upload.objects.filter(partnership=membership.partnership, uploaded_by=membership.user)
    return get_object_or_404(queryset, pk=pk)


def upload_preview(membership, upload: Upload) -> Preview:
    """What the upload would change now; raises ``FileRefused`` or ``ImportProblems`` like an upload."""
    return importer_for(upload.kind, membership).preview(bytes(upload.content), upload.original_name)


def past_imports(partnership, kind):
    """The partnership's imports of one kind, newest first, for a paginated table."""
    return (
        Upload.objects.filter(partnership=partnership, kind=kind, status=Upload.Status.IMPORTED)
        .select_related("uploaded_by")
        .defer("content")
        .order_by("-imported_at", "-pk")
    )


def pending_upload(membership, kind) -> Upload | None:
    """The member's latest upload of this kind still waiting for confirmation, if any."""
    return (
        Upload.objects.filter(
            partnership=membership.partnership,
            uploaded_by=membership.user,
            kind=kind,
            status=Upload.Status.PREVIEWED,
            created_at__gt=timezone.now() - UPLOAD_LIFETIME,
        )
        .defer("content")
        .order_by("-created_at")
        .first()
    )


# --- exports -----------------------------------------------------------------------------


@dataclass
class ActionPlanExport:
    strategy: Strategy | None
    actions: list[Action]
    filters: list[str] = field(default_factory=list)  # the filters applied, in words


def action_plan_export(partnership, params) -> ActionPlanExport:
    """Every action of the active strategy, filtered as on the action plan page, with its latest update.

    Invalid filter values are ignored, as on the page. A fixed number of queries.
    """
    strategy = Strategy.objects.active_for(partnership)
    if strategy is None:
        return ActionPlanExport(None, [])
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-update_date", "-created_at")
    actions = (
        Action.objects.filter(priority__strategy=strategy)
        .select_related("priority", "lead_agency", "lead")
        .annotate(
            latest_update_date=Subquery(latest.values("update_date")[:1]),
            latest_update_narrative=Subquery(latest.values("narrative")[:1]),
        )
    )
    filterset = ActionTableFilter(
        params or None, queryset=actions, partnership=partnership, priorities=priorities_of(strategy)
    )
    filters = []
    if filterset.is_bound and filterset.is_valid():
        actions, filters = filterset.qs, _filter_words(filterset.form.cleaned_data)
    return ActionPlanExport(strategy, list(sort_actions(actions, params.get("sort"))), filters)


def _filter_words(cleaned) -> list[str]:
    words = []
    if cleaned.get("priority"):
        words.append(f"priority {cleaned['priority'].number}")
    if cleaned.get("status"):
        words.append(f"status {Action(status=cleaned['status']).get_status_display()}")
    if cleaned.get("lead_agency"):
        words.append(f"lead agency {cleaned['lead_agency'].name}")
    if cleaned.get("overdue"):
        words.append("overdue only")
    if cleaned.get("no_update"):
        words.append("no update this quarter")
    return words


@dataclass
class ScorecardExport:
    scorecard: Scorecard
    priority: Priority | None


def scorecard_export(partnership, params) -> ScorecardExport:
    """The scorecard for the ``priority`` (a priority's id) and ``as_at`` (a period label) asked for.

    ``as_at`` is the scorecard page's own parameter, so its export link passes the
    page's query on; ``as_of``, the API's name, is read too.

        Values that are not a priority of this partnership or not a period are
        ignored, and the file says what it shows.
    """
    priority = None
    if str(params.get("priority", "")).isdigit():
        priority = Priority.objects.filter(strategy__partnership=partnership, pk=params["priority"]).first()
    label = params.get("as_at") or params.get("as_of")
    try:
        as_of = Period.parse(label) if label else None
    except ValueError:
        as_of = None
    return ScorecardExport(outcome_selectors.scorecard(partnership, as_of=as_of, priority=priority), priority)
