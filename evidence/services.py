"""The one home of every write to evidence files: attaching one to an object, and removing it.

Each function checks access with the owner kind's own rule (``evidence.registry``) before changing
anything. A refused file is a ``ValidationError`` on ``file`` and nothing is stored.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum

from accounts.models import Partnership
from evidence import filetypes, registry
from evidence.models import EvidenceFile
from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.withdrawal import refuse_if_withdrawn, withdraw

NAME_LENGTH = 200
MB = 1024 * 1024


def quota_used(partnership) -> int:
    """Bytes the partnership's current evidence files take (removed files' content is deleted)."""
    used = EvidenceFile.objects.filter(partnership=partnership).current().aggregate(total=Sum("size"))["total"]
    return used or 0


def quota_bytes(partnership) -> int:
    return partnership.evidence_quota_mb * MB


def display_name(name: str) -> str:
    """The name a file was uploaded with, as people will read it: no folders, no control characters, at most
    200 characters with its extension kept."""
    name = PurePath((name or "").replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    name = re.sub(r"\s+", " ", name) or "file"
    if len(name) > NAME_LENGTH:
        suffix = PurePath(name).suffix[:11]
        name = name[: NAME_LENGTH - len(suffix)] + suffix
    return name


def evidence_attach(membership, owner, upload) -> EvidenceFile:
    """Attach ``upload`` (an uploaded file) to ``owner`` for the member, once its kind is checked by its
    content, its size is within the limit and the partnership's quota has room for it.

    Quota checks of one partnership are taken one at a time (the partnership's row is locked), so two
    uploads at once cannot both fit in the last of the space.
    """
    kind = registry.kind_of(owner)
    if not kind.may_attach(membership, owner):
        raise PermissionDenied(kind.refusal)
    try:
        file_kind = filetypes.check(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    name = display_name(upload.name)
    _refuse_identifying_name(name)
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=membership.partnership_id)
        _refuse_over_quota(partnership, upload.size)
        record = EvidenceFile(
            partnership=partnership,
            owner=owner,
            original_name=name,
            mime_type=file_kind.mime,
            kind_extension=file_kind.extensions[0],
            size=upload.size,
            uploaded_by=membership.user,
        )
        record._history_user = membership.user
        upload.seek(0)
        record.file.save("evidence", upload, save=False)
        try:
            record.save()
        except Exception:
            record.file.storage.delete(record.file.name)
            raise
    return record


def _refuse_identifying_name(name):
    try:
        refuse_child_identifiers(name)
    except ValidationError as error:
        problems = "; ".join(message[0].lower() + message[1:] for message in error.messages)
        raise ValidationError({"file": [f"Rename the file before uploading it. Its name: {problems}"]}) from error


def _refuse_over_quota(partnership, size):
    used, quota = quota_used(partnership), quota_bytes(partnership)
    if used + size > quota:
        raise ValidationError(
            {
                "file": [
                    f"There is no room for this file ({filetypes.size_words(size)}): the partnership's evidence "
                    f"files already use {filetypes.size_words(used)} of its {filetypes.size_words(quota)}. "
                    "Remove files no longer needed, or ask your business manager for more space"
                ]
            }
        )


def evidence_remove(membership, record: EvidenceFile, reason: str) -> EvidenceFile:
    """Remove a file: its record stays (who added it, who removed it, when and why, decision 0011) and its
    stored content is deleted once the removal is saved. Whoever may attach files to its owner may remove."""
    refuse_if_withdrawn(record)
    owner = record.owner
    kind = registry.kind_of(owner)
    if record.partnership_id != membership.partnership_id or not kind.may_attach(membership, owner):
        raise PermissionDenied(kind.refusal)
    stored = record.file.name
    storage = record.file.storage
    with transaction.atomic():
        withdraw(record, membership.user, reason)
        EvidenceFile.objects.filter(pk=record.pk).update(file="")
        record.file = ""
        if stored:
            transaction.on_commit(lambda: storage.delete(stored))
    return record
