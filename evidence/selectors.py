"""Reads of evidence files: one file of the partnership, the files of many objects at once, their history."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404

from evidence.models import EvidenceFile
from neglect_portal.history import HistoryEntry


def evidence_for(partnership, pk) -> EvidenceFile:
    """One current file of the partnership; another partnership's, or a removed one, answers 404."""
    queryset = EvidenceFile.objects.for_partnership(partnership).current()
    return get_object_or_404(queryset, pk=pk)


def files_of(owners, *, removed=True) -> dict[int, list[EvidenceFile]]:
    """The files of ``owners`` (objects of one model), by owner id, oldest first, in one query whatever their
    number. With ``removed`` the removed ones come too (for the history); ``current_files`` leaves them out."""
    owners = list(owners)
    if not owners:
        return {}
    content_type = ContentType.objects.get_for_model(owners[0])
    files = EvidenceFile.objects.filter(content_type=content_type, object_id__in=[owner.pk for owner in owners])
    if not removed:
        files = files.current()
    by_owner = defaultdict(list)
    for record in files.select_related("uploaded_by", "withdrawn_by").order_by("uploaded_at", "pk"):
        by_owner[record.object_id].append(record)
    return dict(by_owner)


def current_files(files: list[EvidenceFile]) -> list[EvidenceFile]:
    return [record for record in files if record.withdrawn_at is None]


def history_entries(files, subject_of) -> list[HistoryEntry]:
    """A history line for each file added ("Evidence file added to …") and each removed, with the reason.

    ``subject_of(record)`` names what the file was attached to, such as "the update of 3 March 2027".
    """
    entries = []
    for record in files:
        where = subject_of(record)
        entries.append(
            HistoryEntry(
                record.uploaded_at,
                record.uploaded_by,
                subject=f"Evidence file added to {where}",
                text=f"{record.original_name} ({record.size_words})",
            )
        )
        if record.withdrawn_at is not None:
            entries.append(
                HistoryEntry(
                    record.withdrawn_at,
                    record.withdrawn_by,
                    subject=f"Evidence file removed from {where}",
                    text=f"{record.original_name}. Why: {record.withdrawal_reason}",
                )
            )
    return entries
