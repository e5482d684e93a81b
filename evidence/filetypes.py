"""Which kinds of file may be evidence, read from what a file holds, never from its name alone.

A PDF, PNG, JPEG or an Office 97–2003 document (.doc, .xls) is known by its first bytes (the
``filetype`` library's signatures). A .docx, .xlsx or .pptx is a zip archive, so its first bytes say
only "zip": it is opened and must hold ``[Content_Types].xml`` and the main part of its kind
(``word/document.xml``, ``xl/workbook.xml``, ``ppt/presentation.xml``). The name's extension must then
agree with the content, so that the file opens as what it is on the computer of whoever downloads it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class FileKind:
    name: str  # as a sentence says it: "a PDF"
    mime: str
    extensions: tuple[str, ...]  # the first is the one to rename a file to


PDF = FileKind("a PDF", "application/pdf", ("pdf",))
DOCX = FileKind("a Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",))
XLSX = FileKind("an Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))
PPTX = FileKind(
    "a PowerPoint presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("pptx",),
)
DOC = FileKind("a Word 97–2003 document", "application/msword", ("doc",))
XLS = FileKind("an Excel 97–2003 workbook", "application/vnd.ms-excel", ("xls",))
PNG = FileKind("a PNG image", "image/png", ("png",))
JPEG = FileKind("a JPEG image", "image/jpeg", ("jpg", "jpeg"))

KINDS = (PDF, DOCX, XLSX, PPTX, DOC, XLS, PNG, JPEG)
# The kinds ``filetype`` knows by their first bytes, by the extension it names them with.
BY_SIGNATURE = {"pdf": PDF, "doc": DOC, "xls": XLS, "png": PNG, "jpg": JPEG}
# An Office Open XML package: the part that says which kind it is.
OOXML_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX), ("ppt/presentation.xml", PPTX))
BY_EXTENSION = {extension: kind for kind in KINDS for extension in kind.extensions}

ACCEPTED_WORDS = "a PDF, a Word, Excel or PowerPoint document, or a PNG or JPEG image"
# The file upload's ``accept``: the browser's file chooser offers these first (the content is still checked).
ACCEPT = ",".join(f".{extension}" for extension in BY_EXTENSION)
HEAD_BYTES = 8192


def size_words(size: int) -> str:
    """10485760 → "10 MB"; 1073741824 → "1 GB"; 2048 → "2 KB"; 100 → "1 KB"; 0 → "0 KB"."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{max(size // 1024, 1) if size else 0} KB"


def detect(upload) -> FileKind | None:
    """The kind of file ``upload`` (an open file) holds, or None when it is none the portal accepts."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _office_open_xml(upload)
    guessed = filetype.guess(head)
    return BY_SIGNATURE.get(guessed.extension) if guessed is not None else None


def _office_open_xml(upload) -> FileKind | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in OOXML_PARTS if part in names), None)


def extension_of(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def check(upload) -> FileKind:
    """The kind of an uploaded file, or a ``ValidationError`` saying in words why it cannot be evidence:
    empty, too big, not a kind the portal takes, or named as one kind while holding another."""
    limit = settings.EVIDENCE_MAX_BYTES
    if not upload.size:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > limit:
        raise ValidationError(f"The selected file must be smaller than {size_words(limit)}", code="too_big")
    kind = detect(upload)
    extension = extension_of(upload.name)
    if kind is None:
        named = BY_EXTENSION.get(extension)
        if named is not None:
            raise ValidationError(
                f"The selected file is named .{extension} but is not {named.name}: upload {ACCEPTED_WORDS}",
                code="not_what_it_says",
            )
        raise ValidationError(f"The selected file must be {ACCEPTED_WORDS}", code="kind")
    if extension not in kind.extensions:
        shown = f"named .{extension}" if extension else "named without an extension"
        raise ValidationError(
            f"The selected file is {shown} but is {kind.name}: rename it to end in .{kind.extensions[0]} "
            "and upload it again",
            code="not_what_it_says",
        )
    return kind
