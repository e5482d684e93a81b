"""Evidence files: a PDF, Office document or image attached to a progress update, a finding or an audit."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.models import Partnership
from evidence.filetypes import size_words
from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.scoping import PartnershipQuerySet
from neglect_portal.withdrawal import Withdrawable, WithdrawableQuerySet


def stored_name(record, filename):
    """Where the file is stored: a random name under the partnership's folder, never the name it was uploaded
    with (which is kept in ``original_name`` for people to read)."""
    extension = record.kind_extension or "bin"
    return f"evidence/{record.partnership_id}/{uuid.uuid4().hex}.{extension}"


class EvidenceFileQuerySet(PartnershipQuerySet, WithdrawableQuerySet):
    def of(self, owner):
        """The files attached to ``owner`` (a progress update, a finding, an audit), oldest first."""
        content_type = ContentType.objects.get_for_model(owner)
        return self.filter(content_type=content_type, object_id=owner.pk).order_by("uploaded_at", "pk")


class EvidenceFile(Withdrawable):
    """One file attached to one object of a partnership (``owner``, through a generic relation).

    Removing a file is a withdrawal (decision 0011): the record stays with who added it, who removed it,
    when and why, and the stored content is deleted, so a wrong file leaves no copy in the store.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="evidence_files")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    file = models.FileField(upload_to=stored_name, max_length=200, blank=True, editable=False)
    original_name = models.CharField("file name", max_length=200, validators=[refuse_child_identifiers])
    mime_type = models.CharField(max_length=100)
    kind_extension = models.CharField(max_length=10, editable=False)
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence_files")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = EvidenceFileQuerySet.as_manager()

    class Meta:
        verbose_name = "evidence file"
        ordering = ["uploaded_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="evidence_file_owner"),
            models.Index(fields=["partnership", "withdrawn_at"], name="evidence_file_partnership"),
        ]

    def __str__(self):
        return self.original_name

    @property
    def size_words(self) -> str:
        return size_words(self.size)

    @property
    def kind_words(self) -> str:
        """ "PDF", "DOCX", "JPG": what the file is, for the link's description."""
        return self.kind_extension.upper()
