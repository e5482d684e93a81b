"""The one home of every write made by a spreadsheet import: keeping an upload, checking it, importing it once.

A request never reads a whole file. ``upload_create`` looks only at the first
rows (where the header row is) and keeps the file; a file with a header row of
its own waits for its columns to be matched (``upload_columns_match``). The
check then runs as a background task (``upload_check``): every row is
validated and what the file would change is kept with the upload for its paged
preview, or every problem is kept by row and column. ``upload_confirm`` claims
a previewed upload with a conditional update (so a double click imports once)
and queues ``upload_import``, which reads and validates the file again against
the portal as it is now, checks that what would change is what the person was
shown, and writes every row through the owning app's services, all in one
transaction: any problem leaves everything as it was.

With ``CELERY_TASK_ALWAYS_EAGER`` (the embedded default, and tests) the tasks
run in-process at once, so the same pages work without a worker.
"""

from __future__ import annotations

import logging
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from spreadsheets import readers, registry
from spreadsheets.importers.base import ImportProblems, Preview, UnknownNames
from spreadsheets.models import UPLOAD_LIFETIME, ColumnMapping, Upload
from spreadsheets.readers import CellProblem, ColumnMap, FileRefused

logger = logging.getLogger(__name__)

PLAN_CHANGED = "The portal changed while the file was being imported. Nothing has been imported: upload it again"
NOT_FINISHED = (
    "The file could not be checked to the end. Nothing has been imported: upload it again, "
    "or split it into smaller files"
)


class UploadUnavailable(Exception):
    """The upload has already been imported or has expired; ``upload.status`` says which."""

    def __init__(self, upload: Upload):
        super().__init__(upload.status)
        self.upload = upload


class PreviewChanged(Exception):
    """What was confirmed is not what the file would change now: ``preview`` is (a ``Preview`` inside the
    import, the upload when a page older than the latest preview was confirmed)."""

    def __init__(self, preview):
        super().__init__("The preview has changed")
        self.preview = preview


def upload_create(membership, kind: str, name: str, data: bytes) -> Upload:
    """Keep a file for its check, which is queued (``Upload.Status.CHECKING``).

    A file whose header row is not the template's is read with the columns the partnership
    matched for that header row before; if there are none yet, it is kept waiting for its
    columns to be matched (``Upload.Status.COLUMNS``, see ``upload_columns_match``).

    Raises ``PermissionDenied`` or ``FileRefused`` (the file cannot be used at all, judged from
    its first rows); nothing is kept then.
    """
    importer = registry.importer_for(kind, membership)
    if not importer.allowed(membership):
        raise PermissionDenied("You cannot import this kind of spreadsheet.")
    layout = importer.layout(data, name)
    columns, status = {"read_as": readers.described(data, name, layout)}, Upload.Status.CHECKING
    if not layout.matches_template:
        saved = ColumnMapping.objects.filter(
            partnership=membership.partnership, kind=kind, signature=layout.signature
        ).first()
        columns.update(headers=layout.headers, samples=layout.samples)
        if saved is None:
            status = Upload.Status.COLUMNS
        else:
            columns.update(keys=saved.keys, remembered=True)
    uploads_expire()
    upload = Upload.objects.create(
        partnership=membership.partnership,
        uploaded_by=membership.user,
        kind=kind,
        original_name=name[:255],
        size=len(data),
        content=data,
        status=status,
        columns=columns,
    )
    if status == Upload.Status.CHECKING:
        _enqueue("check_upload", upload.pk, membership.pk)
        upload.refresh_from_db()  # checked already if the task ran in-process
    return upload


def upload_columns_match(membership, upload: Upload, keys: list[str]) -> Upload:
    """Check an upload again with the fields chosen for its columns, remembered for the partnership's next
    file with the same header row.

    Raises ``UploadUnavailable`` (imported, being imported, or expired).
    """
    importer = registry.importer_for(upload.kind, membership)
    if upload.uploaded_by_id != membership.user_id or not importer.allowed(membership):
        raise PermissionDenied("You cannot import this file.")
    headers = upload.columns.get("headers")
    mapping = ColumnMap(tuple(headers or ()), tuple(keys))
    columns = {**upload.columns, "keys": list(keys), "remembered": False}
    now = timezone.now()
    claimed = Upload.objects.filter(
        pk=upload.pk, status__in=Upload.WAITING, created_at__gt=now - UPLOAD_LIFETIME
    ).update(columns=columns, status=Upload.Status.CHECKING, rows_done=0, rows_total=0, changed_since=False)
    if not claimed or not headers:
        raise UploadUnavailable(_settled(upload, now))
    ColumnMapping.objects.update_or_create(
        partnership=membership.partnership,
        kind=upload.kind,
        signature=mapping.signature,
        defaults={"headers": headers, "keys": list(keys), "updated_by": membership.user},
    )
    _enqueue("check_upload", upload.pk, membership.pk)
    upload.refresh_from_db()
    return upload


def upload_names_choose(membership, upload: Upload, answers: dict[str, str]) -> Upload:
    """Remember what each name the upload asked about means (``answers``: the question's key → the value chosen,
    or None for none of the choices), for the partnership's files from now on, then check the upload again.

    A declined name is not asked again for this upload: its rows are listed as problems. Raises
    ``ValidationError`` keyed by the question's key (nothing is remembered then), ``PermissionDenied`` or
    ``UploadUnavailable`` (no longer waiting for names: imported, being checked, or expired).
    """
    importer = registry.importer_for(upload.kind, membership)
    if upload.uploaded_by_id != membership.user_id or not importer.allowed(membership):
        raise PermissionDenied("You cannot import this file.")
    now = timezone.now()
    if upload.status != Upload.Status.NAMES or upload.has_expired(now):
        raise UploadUnavailable(_settled(upload, now))
    questions = upload.names.get("questions", [])
    errors = {}
    with transaction.atomic():
        for question in questions:
            value = answers.get(question["key"])
            if value is None:
                continue
            try:
                importer.name_remember(question, value)
            except ValidationError as error:
                errors[question["key"]] = error.messages
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ValidationError(errors)
    declined = set(upload.names.get("declined", ()))
    declined.update(q["key"] for q in questions if answers.get(q["key"]) is None)
    claimed = Upload.objects.filter(
        pk=upload.pk, status=Upload.Status.NAMES, created_at__gt=now - UPLOAD_LIFETIME
    ).update(names={"declined": sorted(declined)}, status=Upload.Status.CHECKING, rows_done=0, rows_total=0)
    if not claimed:
        raise UploadUnavailable(_settled(upload, now))
    _enqueue("check_upload", upload.pk, membership.pk)
    upload.refresh_from_db()
    return upload


def upload_check(membership, upload_pk: int) -> None:
    """Check every row of an upload being checked (a background task), keeping its preview or its problems."""
    upload = Upload.objects.filter(pk=upload_pk, status=Upload.Status.CHECKING).first()
    if upload is None:
        return  # already checked, or expired meanwhile
    importer = registry.importer_for(upload.kind, membership)
    if upload.uploaded_by_id != membership.user_id or not importer.allowed(membership):
        _refuse(upload, [CellProblem(None, "", "You can no longer import this file")])
        return

    def report(done, total):
        Upload.objects.filter(pk=upload.pk, status=Upload.Status.CHECKING).update(rows_done=done, rows_total=total)

    importer.declined_names = frozenset(upload.names.get("declined", ()))
    try:
        preview = importer.preview(bytes(upload.content), upload.original_name, upload.column_map, progress=report)
    except UnknownNames as unknown:
        names = {**upload.names, "questions": [question.as_json() for question in unknown.questions]}
        Upload.objects.filter(pk=upload.pk, status=Upload.Status.CHECKING).update(
            status=Upload.Status.NAMES, names=names, rows_done=0, rows_total=0
        )
    except FileRefused as refused:
        _refuse(upload, [CellProblem(None, "", refused.message)])
    except ImportProblems as error:
        _refuse(upload, error.problems)
    except SoftTimeLimitExceeded:
        _refuse(upload, [CellProblem(None, "", NOT_FINISHED)])
    else:
        size = len(preview.rows)
        Upload.objects.filter(pk=upload.pk, status=Upload.Status.CHECKING).update(
            status=Upload.Status.PREVIEWED, preview=stored_preview(preview), rows_done=size, rows_total=size
        )


def upload_confirm(membership, upload: Upload, digest: str) -> Upload:
    """Queue the import of an upload previewed with fingerprint ``digest``, once.

    Raises ``UploadUnavailable`` (already imported, being imported, or expired) or ``PreviewChanged``
    (the page confirmed is not the latest preview of the upload: it is shown again).
    """
    importer = registry.importer_for(upload.kind, membership)
    if upload.uploaded_by_id != membership.user_id or not importer.allowed(membership):
        raise PermissionDenied("You cannot import this file.")
    now = timezone.now()
    claimed = Upload.objects.filter(
        pk=upload.pk, status=Upload.Status.PREVIEWED, created_at__gt=now - UPLOAD_LIFETIME, preview__digest=digest
    ).update(status=Upload.Status.IMPORTING, changed_since=False)
    if not claimed:
        settled = _settled(upload, now)
        if settled.status == Upload.Status.PREVIEWED:
            raise PreviewChanged(settled)
        raise UploadUnavailable(settled)
    _enqueue("import_upload", upload.pk, membership.pk)
    upload.refresh_from_db()
    return upload


def upload_import(membership, upload_pk: int) -> None:
    """Import an upload being imported (a background task): all of it, as previewed, or nothing.

    If the portal changed since the preview so that the file would now change something else, the
    upload goes back to its preview, showing what it would change now.
    """
    upload = Upload.objects.filter(pk=upload_pk, status=Upload.Status.IMPORTING).first()
    if upload is None:
        return
    importer = registry.importer_for(upload.kind, membership)
    if upload.uploaded_by_id != membership.user_id or not importer.allowed(membership):
        _refuse(upload, [CellProblem(None, "", "You can no longer import this file")])
        return
    importer.declined_names = frozenset(upload.names.get("declined", ()))
    try:
        with transaction.atomic():
            preview = importer.preview(bytes(upload.content), upload.original_name, upload.column_map)
            if preview.digest() != upload.preview.get("digest"):
                raise PreviewChanged(preview)
            counts = importer.apply(preview)
            # The portal now holds what the file said; the file itself is no longer needed.
            Upload.objects.filter(pk=upload.pk).update(
                status=Upload.Status.IMPORTED,
                imported_at=timezone.now(),
                result={**counts, "summary": importer.summary(counts)},
                content=b"",
                preview={},
            )
    except PreviewChanged as changed:
        Upload.objects.filter(pk=upload.pk, status=Upload.Status.IMPORTING).update(
            status=Upload.Status.PREVIEWED, preview=stored_preview(changed.preview), changed_since=True
        )
    except IntegrityError:
        # Someone changed the same rows at the same moment: nothing was imported.
        _refuse(upload, [CellProblem(None, "", PLAN_CHANGED)])
    except UnknownNames:
        # A name someone chose for an agency since the preview was removed: nothing imported, check it again.
        Upload.objects.filter(pk=upload.pk, status=Upload.Status.IMPORTING).update(
            status=Upload.Status.CHECKING, changed_since=True
        )
        _enqueue("check_upload", upload.pk, membership.pk)
    except FileRefused as refused:
        _refuse(upload, [CellProblem(None, "", refused.message)])
    except ImportProblems as error:
        _refuse(upload, error.problems)
    except SoftTimeLimitExceeded:
        _refuse(upload, [CellProblem(None, "", NOT_FINISHED)])


def stored_preview(preview: Preview) -> dict:
    """What the preview page shows, kept with the upload: counts, fingerprint and every changing row."""
    rows = [
        [row.row, row.label, row.state, [[c.field, c.old, c.new] for c in row.changes], row.checks]
        for row in preview.changing_rows
    ]
    return {
        "counts": preview.counts(),
        "digest": preview.digest(),
        "rows_to_check": preview.rows_to_check,
        "rows": rows,
    }


def _refuse(upload: Upload, problems: list[CellProblem]) -> None:
    """The upload cannot be imported: keep every problem, in order, and drop the file."""
    listed = [[p.row, p.column, p.message] for p in problems]
    Upload.objects.filter(pk=upload.pk, status__in=(Upload.Status.CHECKING, Upload.Status.IMPORTING)).update(
        status=Upload.Status.REFUSED, problems=listed, content=b"", preview={}
    )


def _enqueue(name: str, *args) -> None:
    """Run a task of ``spreadsheets.tasks`` once the upload it is given is saved.

    In-process (eager) Celery runs it now, in this transaction, as the embedded default has no worker;
    a real worker is sent it once the transaction has committed, so it finds the upload.
    """
    from spreadsheets import tasks  # the tasks call this module's functions

    task = getattr(tasks, name)
    if task.app.conf.task_always_eager:
        task.apply(args=args, throw=True)
    else:
        transaction.on_commit(partial(task.delay, *args))


def uploads_expire(now=None) -> int:
    """Mark uploads left unconfirmed past their lifetime as expired and drop their files."""
    cutoff = (now or timezone.now()) - UPLOAD_LIFETIME
    return Upload.objects.filter(status__in=Upload.WAITING, created_at__lte=cutoff).update(
        status=Upload.Status.EXPIRED, content=b"", preview={}
    )


def _settled(upload: Upload, now) -> Upload:
    """The upload as it stands after a claim failed, marking it expired if its time ran out."""
    upload.refresh_from_db()
    if upload.status in Upload.WAITING and upload.has_expired(now):
        Upload.objects.filter(pk=upload.pk, status__in=Upload.WAITING).update(
            status=Upload.Status.EXPIRED, content=b"", preview={}
        )
        upload.refresh_from_db()
    return upload
