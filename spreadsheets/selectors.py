"""Reads for the import pages: uploads and what they would change."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone

from spreadsheets import registry
from spreadsheets.importers.base import Preview
from spreadsheets.models import UPLOAD_LIFETIME, Upload


def upload_for(membership, pk) -> Upload:
    """One of the member's own uploads in this partnership; anyone else's, or one no app imports now, answers 404."""
    kinds = [importer.kind for importer in registry.importers()]
    queryset = Upload.objects.filter(partnership=membership.partnership, uploaded_by=membership.user, kind__in=kinds)
    return get_object_or_404(queryset, pk=pk)


def upload_preview(membership, upload: Upload) -> Preview:
    """What a kept upload would change now, worked out afresh (the pages show the one its check kept);
    raises ``FileRefused`` or ``ImportProblems``."""
    importer = registry.importer_for(upload.kind, membership)
    return importer.preview(bytes(upload.content), upload.original_name, upload.column_map)


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
            status__in=Upload.WAITING,
            created_at__gt=timezone.now() - UPLOAD_LIFETIME,
        )
        .defer("content")
        .order_by("-created_at")
        .first()
    )
