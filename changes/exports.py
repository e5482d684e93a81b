"""*What changed* as an .xlsx sheet (written safely by ``spreadsheets.xlsx``), with its "About" sheet."""

from __future__ import annotations

import datetime
from urllib.parse import urljoin

from spreadsheets.xlsx import About, Sheet, person_words

HEADERS = ("Section", "Date", "What changed", "About", "Change", "Why or what was said", "Who", "Link")


def changes_sheet(changes, site_root: str) -> Sheet:
    """``changes`` from ``selectors.changes_since``, one row per change, in the page's order."""
    rows = [
        [
            section.title,
            change.day,
            change.kind,
            change.subject,
            f"{change.detail} (illustrative)" if change.illustrative else change.detail,
            change.reason or None,
            change.who or "Not recorded",
            urljoin(site_root, change.url),
        ]
        for section in changes.sections
        for change in section.changes
    ]
    return Sheet("What changed", list(HEADERS), rows)


def changes_about(changes, meeting, partnership, user, now: datetime.datetime) -> About:
    since = f"since {changes.since:%-d %B %Y}"
    if meeting is not None and meeting.date == changes.since:
        since += " (the last steering-group meeting)"
    notes = [
        "A progress update counts from the date it reports; everything else from when it was recorded.",
        "Withdrawn actions, indicators and values are left out.",
    ]
    if changes.more:
        notes.append(
            f"Only the newest {changes.limit:,} of each of these are listed: {', '.join(changes.more)}. "
            "Choose a later date to see the rest."
        )
    return About(
        what=f"What changed {since}",
        partnership=partnership.name,
        exported_by=person_words(user),
        exported_at=now,
        filters=[since],
        notes=notes,
    )
