"""The one home of every write made by a spreadsheet import: keeping an upload, then importing it once.

``upload_create`` reads and validates the whole file and keeps it for its
preview; nothing else changes. ``upload_confirm`` claims the upload with a
conditional update (so a double click imports once), reads and validates the
file again against the portal as it is now, checks that what would change is
what the person was shown, and writes every row through the owning app's
services, all in one transaction: any problem leaves everything as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from spreadsheets import registry
from spreadsheets.importers.base import ImportProblems, Preview
from spreadsheets.models import UPLOAD_LIFETIME, ColumnMapping, Upload
from spreadsheets.readers import CellProblem, ColumnMap


class UploadUnavailable(Exception):
    """The upload has already been imported or has expired; ``upload.status`` says which."""

    def __init__(self, upload: Upload):
        super().__init__(upload.status)
        self.upload = upload


class PreviewChanged(Exception):
    """The portal changed since the preview was shown: ``preview`` is what the file would change now."""

    def __init__(self, preview: Preview):
        super().__init__("The preview has changed")
        self.preview = preview


@dataclass
class ImportResult:
    upload: Upload
    counts: dict[str, int]
    summary: str


def upload_create(membership, kind: str, name: str, data: bytes) -> Upload:
    """Validate a whole file and keep it for its preview.

    A file whose header row is not the template's is read with the columns the partnership
    matched for that header row before; if there are none yet, it is kept waiting for its
    columns to be matched (``Upload.Status.COLUMNS``, see ``upload_columns_match``).

    Raises ``PermissionDenied``, ``FileRefused`` (the file cannot be used) or
    ``ImportProblems`` (every bad cell); nothing is kept then.
    """
    importer = registry.importer_for(kind, membership)
    if not importer.allowed(membership):
        raise PermissionDenied("You cannot import this kind of spreadsheet.")
    layout = importer.layout(data, name)
    columns, status = {}, Upload.Status.PREVIEWED
    if not layout.matches_template:
        saved = ColumnMapping.objects.filter(
            partnership=membership.partnership, kind=kind, signature=layout.signature
        ).first()
        columns = {"headers": layout.headers, "samples": layout.samples}
        if saved is None:
            status = Upload.Status.COLUMNS
        else:
            columns.update(keys=saved.keys, remembered=True)
    if status == Upload.Status.PREVIEWED:
        importer.preview(data, name, _column_map(columns))
    uploads_expire()
    return Upload.objects.create(
        partnership=membership.partnership,
        uploaded_by=membership.user,
        kind=kind,
        original_name=name[:255],
        size=len(data),
        content=data,
        status=status,
        columns=columns,
    )


def upload_columns_match(membership, upload: Upload, keys: list[str]) -> Upload:
    """Read an upload with the fields chosen for its columns, remembered for the partnership's next file
    with the same header row; the upload then waits for confirmation.

    Raises ``UploadUnavailable``, ``FileRefused`` or ``ImportProblems`` (the choice is remembered,
    the upload stays waiting for its columns).
    """
    importer = registry.importer_for(upload.kind, membership)
    if upload.uploaded_by_id != membership.user_id or not importer.allowed(membership):
        raise PermissionDenied("You cannot import this file.")
    if upload.status not in Upload.WAITING or upload.has_expired() or not upload.columns.get("headers"):
        raise UploadUnavailable(_settled(upload, timezone.now()))
    headers = upload.columns["headers"]
    mapping = ColumnMap(tuple(headers), tuple(keys))
    ColumnMapping.objects.update_or_create(
        partnership=membership.partnership,
        kind=upload.kind,
        signature=mapping.signature,
        defaults={"headers": headers, "keys": list(keys), "updated_by": membership.user},
    )
    columns = {**upload.columns, "keys": list(keys), "remembered": False}
    Upload.objects.filter(pk=upload.pk).update(columns=columns, status=Upload.Status.COLUMNS)
    upload.columns, upload.status = columns, Upload.Status.COLUMNS
    importer.preview(bytes(upload.content), upload.original_name, mapping)
    Upload.objects.filter(pk=upload.pk, status=Upload.Status.COLUMNS).update(status=Upload.Status.PREVIEWED)
    upload.status = Upload.Status.PREVIEWED
    return upload


def _column_map(columns: dict) -> ColumnMap | None:
    if not columns.get("keys"):
        return None
    return ColumnMap(tuple(columns["headers"]), tuple(columns["keys"]))


def upload_confirm(membership, upload: Upload, digest: str) -> ImportResult:
    """Import an upload previewed with fingerprint ``digest``, all or nothing, once.

    Raises ``UploadUnavailable`` (already imported or expired), ``PreviewChanged``
    (the preview would now differ: nothing imported, the upload stays usable) or
    ``ImportProblems`` (a row is no longer valid: nothing imported).
    """
    importer = registry.importer_for(upload.kind, membership)
    if upload.uploaded_by_id != membership.user_id or not importer.allowed(membership):
        raise PermissionDenied("You cannot import this file.")
    now = timezone.now()
    try:
        with transaction.atomic():
            outcome = _claim_and_import(importer, upload, digest, now)
    except IntegrityError as error:
        # Someone changed the same rows at the same moment: nothing was imported.
        raise ImportProblems([CellProblem(None, "", "The plan changed while the file was being imported")]) from error
    if outcome is None:
        raise UploadUnavailable(_settled(upload, now))
    upload.refresh_from_db()
    return ImportResult(upload, *outcome)


def _claim_and_import(importer, upload: Upload, digest: str, now):
    """(counts, summary), or None when the upload was not there to claim. Call inside a transaction."""
    claimed = Upload.objects.filter(
        pk=upload.pk, status=Upload.Status.PREVIEWED, created_at__gt=now - UPLOAD_LIFETIME
    ).update(status=Upload.Status.IMPORTED, imported_at=now)
    if not claimed:
        return None
    preview = importer.preview(bytes(upload.content), upload.original_name, upload.column_map)
    if preview.digest() != digest:
        raise PreviewChanged(preview)
    counts = importer.apply(preview)
    summary = importer.summary(counts)
    # The portal now holds what the file said; the file itself is no longer needed.
    Upload.objects.filter(pk=upload.pk).update(result={**counts, "summary": summary}, content=b"")
    return counts, summary


def uploads_expire(now=None) -> int:
    """Mark uploads left unconfirmed past their lifetime as expired and drop their files."""
    cutoff = (now or timezone.now()) - UPLOAD_LIFETIME
    return Upload.objects.filter(status__in=Upload.WAITING, created_at__lte=cutoff).update(
        status=Upload.Status.EXPIRED, content=b""
    )


def _settled(upload: Upload, now) -> Upload:
    """The upload as it stands after a claim failed, marking it expired if its time ran out."""
    upload.refresh_from_db()
    if upload.status in Upload.WAITING and upload.has_expired(now):
        Upload.objects.filter(pk=upload.pk, status__in=Upload.WAITING).update(status=Upload.Status.EXPIRED, content=b"")
        upload.refresh_from_db()
    return upload
