"""Uploaded spreadsheets kept between their preview and the confirmation that imports them."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Partnership
from spreadsheets import registry
from spreadsheets.readers import ColumnMap

# An upload not confirmed within this time must be uploaded again: the plan
# may have moved on since the preview was shown.
UPLOAD_LIFETIME = datetime.timedelta(hours=1)


class Upload(models.Model):
    """One file uploaded for import, usable once, by the person who uploaded it.

    Not kept in history: it is itself the record of an import, and the rows it
    changed keep their own history. The file's bytes are dropped once it has
    been imported or has expired (the portal holds the data it imported).
    """

    class Status(models.TextChoices):
        COLUMNS = "columns", "Waiting for its columns to be matched"
        NAMES = "names", "Waiting for the names it gives to be chosen"
        CHECKING = "checking", "Being checked"
        PREVIEWED = "previewed", "Waiting for confirmation"
        IMPORTING = "importing", "Being imported"
        REFUSED = "refused", "Refused"
        IMPORTED = "imported", "Imported"
        EXPIRED = "expired", "Expired"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="uploads"
    )
    # The importers registered by the apps (spreadsheets.registry), resolved when asked for.
    kind = models.CharField(max_length=registry.KIND_MAX_LENGTH, choices=registry.kind_choices)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(help_text="Size of the uploaded file in bytes.")
    content = models.BinaryField(editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True, help_text="Counts of new, changed and unchanged rows.")
    # How the file is read ({"read_as": [sentences]}, shown on the preview) and, for a file with its own header row,
    # {"headers": [...], "samples": [...], "keys": [...] once its columns are matched}.
    columns = models.JSONField(default=dict, blank=True)
    # Names the file gives that the partnership does not know: {"questions": [NameQuestion.as_json()...]} while it
    # waits for a person to choose what each means, and "declined": keys of names that mean none of the choices.
    names = models.JSONField(default=dict, blank=True)
    # Written by the background check: rows checked so far of how many, then what it found.
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    preview = models.JSONField(
        default=dict, blank=True, help_text="What the file will change: counts, fingerprint and the changing rows."
    )
    problems = models.JSONField(default=list, blank=True, help_text="[row, column, message] of every problem.")
    changed_since = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["partnership", "kind", "status", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name} ({self.get_status_display()})"

    @property
    def expires_at(self):
        return self.created_at + UPLOAD_LIFETIME

    def has_expired(self, now=None) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status in self.WAITING and (now or timezone.now()) >= self.expires_at
        )

    @property
    def column_map(self) -> ColumnMap | None:
        """How the file's columns are read, when it has its own header row and they have been matched."""
        if not self.columns.get("keys"):
            return None
        return ColumnMap(tuple(self.columns["headers"]), tuple(self.columns["keys"]))


# Uploads that run out after UPLOAD_LIFETIME if nobody carries on (an import under way does not).
Upload.WAITING = (Upload.Status.COLUMNS, Upload.Status.NAMES, Upload.Status.CHECKING, Upload.Status.PREVIEWED)


class ColumnMapping(models.Model):
    """How a partnership's files with one header row are read, offered again for the next such file.

    Not versioned: it is a remembered choice, not a record; whoever matches the columns last
    sets what the next file of that layout is read with, and the preview always says how.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="column_mappings")
    kind = models.CharField(max_length=registry.KIND_MAX_LENGTH, choices=registry.kind_choices)
    signature = models.CharField(max_length=64, help_text="A fingerprint of the header row.")
    headers = models.JSONField(default=list)
    keys = models.JSONField(default=list)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind", "signature"], name="one_column_mapping_per_layout")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {', '.join(h for h in self.headers if h)}"

    @property
    def column_map(self) -> ColumnMap:
        return ColumnMap(tuple(self.headers), tuple(self.keys))
