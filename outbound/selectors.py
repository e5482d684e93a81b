"""Reading the engine's rows across kinds: the e-mails a partnership's business manager should know failed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import CharField, Value
from django.utils import timezone

from outbound import kinds
from outbound.models import OutboundMessage


@dataclass(frozen=True)
class Failure:
    """One e-mail the engine gave up on, as a business manager reads it."""

    kind: str
    label: str
    row: object
    error: str
    failed_at: datetime.datetime
    link: str | None

    @property
    def description(self) -> str:
        return str(self.row)


def failures(partnership_id, *, since: datetime.datetime, until: datetime.datetime | None = None, limit: int = 10):
    """The partnership's e-mails that failed in ``[since, until)``, newest first: ``(count, first `limit`)``.

    One query (a union over every kind that belongs to a partnership) when there are none; otherwise one more
    for each kind among those shown, and one for the count when there are more than ``limit``.
    """
    of_partnership = [kind for kind in kinds.all_kinds() if kind.partnership is not None]
    parts = []
    for kind in of_partnership:
        rows = kind.objects().filter(
            status=OutboundMessage.Status.FAILED,
            failed_at__gte=since,
            **{f"{kind.partnership}_id": partnership_id},
        )
        if until is not None:
            rows = rows.filter(failed_at__lt=until)
        named = rows.annotate(kind_name=Value(kind.name, output_field=CharField()))
        parts.append(named.values("kind_name", "pk", "failed_at").order_by())
    if not parts:
        return 0, []
    combined = parts[0].union(*parts[1:], all=True)
    newest = list(combined.order_by("-failed_at")[:limit])
    total = len(newest) if len(newest) < limit else combined.count()
    wanted: dict[str, list] = {}
    for entry in newest:
        wanted.setdefault(entry["kind_name"], []).append(entry["pk"])
    found = []
    for name, pks in wanted.items():
        kind = kinds.get(name)
        for row in kind.objects().filter(pk__in=pks).select_related(*kind.related):
            link = kind.link(row) if kind.link else None
            found.append(Failure(kind.name, kind.label, row, row.last_error, row.failed_at, link))
    found.sort(key=lambda failure: failure.failed_at, reverse=True)
    return total, found


@dataclass(frozen=True)
class RecentFailures:
    days: int
    total: int
    shown: list[Failure]


def recent_failures(partnership_id, *, days: int = 7, limit: int = 10) -> RecentFailures:
    """The partnership's e-mails that failed in the last ``days`` days, for its business manager's dashboard."""
    total, shown = failures(partnership_id, since=timezone.now() - datetime.timedelta(days=days), limit=limit)
    return RecentFailures(days, total, shown)
