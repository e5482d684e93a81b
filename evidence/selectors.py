"""Reads of evidence files: one file of the partnership, the files of many objects at once, their history."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.shortcuts import get_object_or_404

from evidence.models import EvidenceFile
from neglect_portal.history import HistoryEntry


def evidence_for(partnership, pk) -> EvidenceFile:
    """One current file of the partnership; another partnership's, or a removed one, answers 404."""
    queryset = EvidenceFile.objects.for_partnership(partnership).current()
    return get_object_or_404(queryset, pk=pk)


def files_of(owners, *, removed=True) -> dict[tuple[str, int], list[EvidenceFile]]:
    """The files of ``owners`` (objects of one model or several), by :func:`key` of their owner, oldest first,
    in one query whatever their number (the content types are joined, not looked up). With ``removed`` the
    removed ones come too (for the history); :func:`current_files` leaves them out."""
    by_model = defaultdict(set)
    for owner in owners:
        by_model[(owner._meta.app_label, owner._meta.model_name)].add(owner.pk)
    if not by_model:
        return {}
    which = Q()
    for (app_label, model), pks in by_model.items():
        which |= Q(content_type__app_label=app_label, content_type__model=model, object_id__in=pks)
    files = EvidenceFile.objects.filter(which)
    if not removed:
        files = files.current()
    by_owner = defaultdict(list)
    related = files.select_related("content_type", "uploaded_by", "withdrawn_by").order_by("uploaded_at", "pk")
    for record in related:
        by_owner[(f"{record.content_type.app_label}.{record.content_type.model}", record.object_id)].append(record)
    return dict(by_owner)


def key(owner) -> tuple[str, int]:
    """How :func:`files_of` files an owner's files."""
    return (owner._meta.label_lower, owner.pk)


def files_for(files, owner) -> list[EvidenceFile]:
    """The files of ``owner`` among those :func:`files_of` read."""
    return files.get(key(owner), [])


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
